"""unknown-reference: every body, priority, event and resource an entry names is in the plan."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import Problem, unknown_message
from ..plan.load import LoadedFile, Path_
from .rule import Rule, Subject

__all__ = ["CODE", "REFERENCES", "RULE", "SINGULAR", "find"]

CODE = "unknown-reference"
# (entry kind, field, the kind of id it names)
REFERENCES = (
    ("chairmanships", "body", "bodies"),
    ("priorities", "body", "bodies"),
    ("events", "body", "bodies"),
    ("events", "priorities", "priorities"),
    ("deliverables", "events", "events"),
    ("events", "resources", "resources"),
    ("blackouts", "bodies", "bodies"),
)
SINGULAR = {"bodies": "body", "priorities": "priority", "events": "event", "resources": "resource"}


def find(subject: Subject) -> Iterator[Problem]:
    loaded = subject.loaded
    ids: dict[str, set[str]] = {kind: set() for kind in SINGULAR}
    for _, path, entry in loaded.entries():
        ids.setdefault(str(path[-2]), set()).add(entry.id)
    dated = ids["events"] | ids.get("deliverables", set())
    for f, path, entry in loaded.entries():
        for kind, field, target in REFERENCES:
            if str(path[-2]) == kind:
                values = getattr(entry, field)
                yield from _dangling(f, (*path, field), values, ids[target], target, entry.id)
        for i, constraint in enumerate(getattr(entry, "constraints", ())):
            if constraint.target not in dated:
                where = (*path, "constraints", i)
                message = unknown_message(
                    "event or deliverable", constraint.target, dated,
                    "a constraint names an event or a deliverable",
                )  # fmt: skip
                yield f.problem(
                    where, CODE, f"{'.'.join(map(str, where))}: {message}", entry=entry.id
                )


def _dangling(
    f: LoadedFile,
    path: Path_,
    value: str | Iterable[str] | None,
    known: set[str],
    target: str,
    entry: str,
) -> Iterator[Problem]:
    values = [value] if isinstance(value, str) else list(value or ())
    for i, ref in enumerate(values):
        if ref in known:
            continue
        where = path if isinstance(value, str) else (*path, i)
        message = unknown_message(SINGULAR[target], ref, known, f"declare it under {target}:")
        yield f.problem(where, CODE, f"{'.'.join(map(str, where))}: {message}", entry=entry)


RULE = Rule(CODE, "Every body, priority, event and resource an entry names is in the plan.", find)
