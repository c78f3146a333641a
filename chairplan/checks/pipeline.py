"""`chairplan check`: the plan loads, every quote it cites is in its article, and the dates agree."""

from __future__ import annotations

from pathlib import Path

from ..errors import PlanError, Problem
from ..plan.load import LoadedPlan, read_plan
from .citations import date_problems
from .quotes import quote_problems


def check_problems(loaded: LoadedPlan) -> list[Problem]:
    """What check finds beyond loading: quotes missing from their articles, dates that disagree."""
    return [*quote_problems(loaded), *date_problems(loaded)]


def check_plan(root: Path) -> LoadedPlan:
    """Load and cross-check the plan; raise PlanError listing every problem."""
    loaded = read_plan(root)
    problems = check_problems(loaded)
    if problems:
        raise PlanError(problems)
    return loaded
