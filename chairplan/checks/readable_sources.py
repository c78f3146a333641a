"""bad-source: every article (in seeds/) or document (in documents/) a source cites can be read:
no symlink, UTF-8, not huge."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem, UnsafePath
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "find"]

CODE = "bad-source"


def find(subject: Subject) -> Iterator[Problem]:
    for f, path, entry, source in subject.loaded.sources():
        try:
            subject.library.cited(source)
        except UnsafePath as exc:
            where = (*path, "article" if source.article is not None else "document")
            message = f"{'.'.join(map(str, where))}: {exc}"
            yield f.problem(where, CODE, message, entry=entry.id)


RULE = Rule(CODE, "Every cited article can be read from seeds/.", find, local=True)
