"""Checks across the whole plan: unique ids, references that resolve, sources that can be read."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..disk.files import UnsafePath
from ..errors import Problem

if TYPE_CHECKING:
    from ..plan.load import LoadedFile, LoadedPlan, Path_

# (entry kind, field, the kind of id it names)
_REFERENCES = (
    ("chairmanships", "body", "bodies"),
    ("priorities", "body", "bodies"),
    ("events", "body", "bodies"),
    ("events", "priorities", "priorities"),
    ("deliverables", "events", "events"),
)
_SINGULAR = {"bodies": "body", "priorities": "priority", "events": "event"}


def _kind(path: Path_) -> str:
    return str(path[-2])


def reference_problems(loaded: LoadedPlan) -> Iterator[Problem]:
    yield from _duplicate_ids(loaded)
    ids: dict[str, set[str]] = {"bodies": set(), "priorities": set(), "events": set()}
    for _, path, entry in loaded.entries():
        ids.setdefault(_kind(path), set()).add(entry.id)
    for f, path, entry in loaded.entries():
        for kind, field, target in _REFERENCES:
            if _kind(path) == kind:
                yield from _dangling(f, (*path, field), getattr(entry, field), ids[target], target)
    yield from _source_problems(loaded)


def _duplicate_ids(loaded: LoadedPlan) -> Iterator[Problem]:
    first: dict[str, tuple[LoadedFile, Path_]] = {}
    for f, path, entry in loaded.entries():
        if entry.id not in first:
            first[entry.id] = (f, path)
            continue
        first_file, first_path = first[entry.id]  # located only now: marks cost a parse
        mark = first_file.mark((*first_path, "id"))
        yield f.problem(
            (*path, "id"),
            "duplicate-id",
            f"{'.'.join(map(str, path))}.id: duplicate id '{entry.id}' (first at "
            f"{first_file.name}:{mark.line}:{mark.column}); ids must be unique across the whole plan",
        )


def _dangling(
    f: LoadedFile, path: Path_, value: str | Iterable[str] | None, known: set[str], target: str
) -> Iterator[Problem]:
    values = [value] if isinstance(value, str) else list(value or ())
    for i, ref in enumerate(values):
        if ref in known:
            continue
        where = path if isinstance(value, str) else (*path, i)
        near = difflib.get_close_matches(ref, sorted(known), n=1)
        hint = f"did you mean '{near[0]}'?" if near else f"declare it under {target}:"
        yield f.problem(
            where,
            "unknown-reference",
            f"{'.'.join(map(str, where))}: no {_SINGULAR[target]} '{ref}' in the plan — {hint}",
        )


def _source_problems(loaded: LoadedPlan) -> Iterator[Problem]:
    for f, path, source in loaded.sources():
        try:
            loaded.articles.text(source.article)
        except UnsafePath as exc:
            where = (*path, "article")
            yield f.problem(where, "bad-source", f"{'.'.join(map(str, where))}: {exc}")
