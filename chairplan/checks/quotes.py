"""quote-not-found: every quote the plan cites is, word for word, in its article."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem, UnsafePath
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "find"]

CODE = "quote-not-found"


def find(subject: Subject) -> Iterator[Problem]:
    for f, path, entry, source in subject.loaded.sources():
        try:
            found = subject.library.article(source.article).contains(source.quote)
        except UnsafePath:
            continue  # the bad-source rule reports it
        if not found:
            where = (*path, "quote")
            yield f.problem(
                where,
                CODE,
                f"{'.'.join(map(str, where))}: quote not found in seeds/{source.article}; "
                "copy the words exactly from the article (spacing and curly quotes do not "
                "matter)",
                entry=entry.id,
            )


RULE = Rule(CODE, "Every quoted source is word for word in its article.", find, scope="citations")
