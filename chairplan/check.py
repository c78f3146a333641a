"""`chairplan check`: the plan loads, every quote it cites is in its article, and the dates agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .citations import date_problems
from .errors import PlanError, Problem
from .files import UnsafePath
from .load import LoadedPlan, read_plan


def cited_quote_problems(loaded: LoadedPlan) -> Iterator[tuple[str, Problem]]:
    """Each quote missing from its article, with the id of the entry that cites it."""
    for f, path, entry in loaded.entries():
        for k, source in enumerate(getattr(entry, "sources", ())):
            try:
                found = loaded.articles.contains_quote(source.article, source.quote)
            except UnsafePath:
                continue  # reported by the loader already
            if not found:
                where = (*path, "sources", k, "quote")
                yield (
                    entry.id,
                    f.problem(
                        where,
                        "quote-not-found",
                        f"{'.'.join(map(str, where))}: quote not found in seeds/{source.article}; "
                        "copy the words exactly from the article (spacing and curly quotes do not "
                        "matter)",
                    ),
                )


def quote_problems(loaded: LoadedPlan) -> Iterator[Problem]:
    return (problem for _, problem in cited_quote_problems(loaded))


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
