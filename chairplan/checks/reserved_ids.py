"""reserved-id: no body takes the name of a feed that every plan publishes (all.ics, tasks.ics)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..model import RESERVED_BODY_IDS
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "find"]

CODE = "reserved-id"


def find(subject: Subject) -> Iterator[Problem]:
    for f, path, entry in subject.loaded.entries():
        if path[0] == "bodies" and len(path) == 2 and entry.id in RESERVED_BODY_IDS:
            yield f.problem(
                (*path, "id"),
                CODE,
                f"bodies.{path[1]}.id: '{entry.id}' is reserved for {entry.id}.ics; "
                "choose another body id",
                entry=entry.id,
            )


RULE = Rule(CODE, "No body is called all or tasks, the names of the plan-wide feeds.", find)
