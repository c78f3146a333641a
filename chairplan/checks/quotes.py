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
            found = subject.library.cited(source).contains(source.quote)
        except UnsafePath:
            continue  # the bad-source rule reports it
        if not found:
            where = (*path, "quote")
            yield f.problem(
                where,
                CODE,
                f"{'.'.join(map(str, where))}: quote not found in {source.folder}/{source.name}; "
                f"copy the words exactly from the {'article' if source.article else 'document'} "
                "(spacing and curly quotes do not matter)",
                entry=entry.id,
            )


RULE = Rule(CODE, "Every quoted source is word for word in its article.", find, scope="citations")
