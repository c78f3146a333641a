"""The one definition of "this plan passes": load every file, then run every rule of the registry."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanError, Problem
from ..model import Plan
from ..plan.load import LoadedPlan, read_files
from ..sources.articles import Library
from .registry import RULES, rule_for
from .rule import Scope, Subject

__all__ = ["Checked", "check_plan", "passing", "run_rules"]


@dataclass(frozen=True)
class Checked:
    """A loaded plan, the articles it cites, and every problem the rules found in it."""

    loaded: LoadedPlan
    library: Library
    problems: tuple[Problem, ...]

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    def errors(self, scope: Scope | None = None) -> list[Problem]:
        """The problems of severity error (of rules of `scope` only, when given)."""
        return [p for p in self.problems if p.severity == "error" and scope in (None, _scope(p))]

    def in_scope(self, scope: Scope) -> list[Problem]:
        return [p for p in self.problems if _scope(p) == scope]


def _scope(problem: Problem) -> Scope:
    rule = rule_for(problem.code)
    return rule.scope if rule else "plan"


def run_rules(
    subject: Subject, *, scope: Scope | None = None, recogniser: bool = True
) -> list[Problem]:
    """Every rule's problems, sorted, each with its rule's severity.

    `scope` runs the rules of that scope only; `recogniser=False` skips the rules that need the
    date recogniser (status asks for that: it is the slow one).
    """
    found = [
        dataclasses.replace(problem, severity=rule.severity)
        for rule in RULES
        if (recogniser or not rule.recogniser) and scope in (None, rule.scope)
        for problem in rule.find(subject)
    ]
    return sorted(set(found))


def check_plan(root: Path, *, recogniser: bool = True) -> Checked:
    """Load the plan under `root` and run the rules.

    When a file does not even load, PlanError lists its problems with those the plan rules find
    in the files that did load, so one pass shows everything that can be known.
    """
    loaded, problems = read_files(root)
    library = Library(root)
    if problems:
        more = run_rules(Subject(loaded, library), scope="plan", recogniser=False)
        raise PlanError([*problems, *more])
    return Checked(
        loaded, library, tuple(run_rules(Subject(loaded, library), recogniser=recogniser))
    )


def passing(root: Path, *, scope: Scope | None = None, recogniser: bool = True) -> Checked:
    """The checked plan, or PlanError listing every error (of rules of `scope` only, if given)."""
    checked = check_plan(root, recogniser=recogniser)
    errors = checked.errors(scope)
    if errors:
        raise PlanError(errors)
    return checked
