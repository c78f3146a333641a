"""duplicate-id: every id is unique across the whole plan, whatever kind of entry has it."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..plan.load import LoadedFile, LoadedPlan, Path_
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "duplicates", "find"]

CODE = "duplicate-id"


def find(subject: Subject) -> Iterator[Problem]:
    return duplicates(subject.loaded)


def duplicates(loaded: LoadedPlan) -> Iterator[Problem]:
    """Every id given a second time, located there, naming where it was first."""
    first: dict[str, tuple[LoadedFile, Path_]] = {}
    for f, path, entry in loaded.entries():
        if entry.id not in first:
            first[entry.id] = (f, path)
            continue
        first_file, first_path = first[entry.id]  # located only now: marks cost a parse
        mark = first_file.mark((*first_path, "id"))
        yield f.problem(
            (*path, "id"),
            CODE,
            f"{'.'.join(map(str, path))}.id: duplicate id '{entry.id}' (first at "
            f"{first_file.name}:{mark.line}:{mark.column}); ids must be unique across the whole plan",
            entry=entry.id,
        )


RULE = Rule(CODE, "Every id is unique across the whole plan.", find)
