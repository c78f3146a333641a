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
            article = subject.library.cited(source)
        except UnsafePath:
            continue  # the bad-source rule reports it
        if article.contains(source.quote):
            continue
        where = (*path, "quote")
        cited = f"{source.folder}/{source.name}"
        kind = "article" if source.article else "document"
        hidden = article.hidden_in(source.quote)
        if hidden:
            name, line, column = hidden
            fix = (
                f"the words are there, but with the invisible {name} among them ({cited}:{line}:"
                f"{column}); a quote never matches across one: delete it from the {kind}, or "
                "quote the words on one side of it"
            )
        else:
            fix = f"copy the words exactly from the {kind} (spacing and curly quotes do not matter)"
        message = f"{'.'.join(map(str, where))}: quote not found in {cited}; {fix}"
        yield f.problem(where, CODE, message, entry=entry.id)


RULE = Rule(
    CODE,
    "Every quoted source is word for word in its article.",
    find,
    scope="citations",
    local=True,
)
