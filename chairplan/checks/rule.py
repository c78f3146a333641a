"""What a rule is: a stable code, what it is about, and the function that finds its problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from ..errors import Problem, Severity
from ..plan.load import LoadedPlan
from ..sources.articles import Library

__all__ = ["Rule", "Scope", "Subject"]

# "plan": the plan itself is wrong, and no report on it can be trusted (status refuses it);
# "citations": the plan is sound but a source does not say what it is cited for (status lists it).
Scope = Literal["plan", "citations"]


@dataclass(frozen=True)
class Subject:
    """What every rule looks at: the loaded plan and the articles it cites."""

    loaded: LoadedPlan
    library: Library


@dataclass(frozen=True)
class Rule:
    """One rule: `find` yields its problems, each with the rule's `code`."""

    code: str
    summary: str  # what the rule holds, in one line (the README's table of rules)
    find: Callable[[Subject], Iterable[Problem]]
    severity: Severity = "error"
    scope: Scope = "plan"
    recogniser: bool = False  # needs the date recogniser (status may skip it: it is the slow one)
