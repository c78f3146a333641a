"""Every quote the plan cites is in its article: the check `status` shares with `check`.

Kept apart from the date checks, so that `status` reports missing quotes without loading the
date recogniser.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..disk.files import UnsafePath
from ..errors import Problem
from ..plan.load import LoadedPlan


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
