"""What a rule is: a stable code, what it is about, and the function that finds its problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import Problem, Severity
from ..plan.load import LoadedPlan
from ..sources.articles import Library

__all__ = ["Rule", "Scope", "Subject"]

# "plan": the plan itself is wrong, and no report on it can be trusted (status refuses it);
# "citations": the plan is sound but a source does not say what it is cited for (status lists it);
# "planning": the plan is sound but collides with the world (a clash, a holiday, a loose end):
# its severity is the plan's to set (settings:) and an entry may waive it (waive:).
Scope = Literal["plan", "citations", "planning"]


@dataclass(frozen=True)
class Subject:
    """What every rule looks at: the loaded plan, the articles it cites, and the day of the
    check (`as_of`; None where no rule that depends on the day should run, as in an edit)."""

    loaded: LoadedPlan
    library: Library
    as_of: dt.date | None = None
    # The whole plan, when `loaded` is one file of it (a local rule judging that file alone).
    whole: LoadedPlan | None = None
    # What several rules derive from the plan alike (the planning rules' events), made once.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Rule:
    """One rule: `find` yields its problems, each with the rule's `code`."""

    code: str
    summary: str  # what the rule holds, in one line (the README's table of rules)
    find: Callable[[Subject], Iterable[Problem]]
    severity: Severity = "error"
    scope: Scope = "plan"
    recogniser: bool = False  # needs the date recogniser (status may skip it: it is the slow one)
    # Judges as of the day of the check: only such a rule sees `Subject.as_of` (the others see
    # None), so the findings of every other rule can be kept for as long as the plan is unchanged.
    dated: bool = False
    # Judges each schedule file on its own (with the articles): what it finds in a file depends
    # on nothing else of the plan but what `context` gives (the rule reads it from
    # `Subject.whole`), so a file's findings are kept for as long as it and that are unchanged.
    local: bool = False
    context: Callable[[Subject], bytes] | None = None
