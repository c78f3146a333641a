"""unknown-reference: every body, priority, event, resource and track an entry names is in the
plan (a track among its body's `tracks:`, when the body declares them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import Problem, unknown_message
from ..model import Event
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
    tracks = {b.id: {t.id for t in b.tracks} for b in loaded.plan.bodies if b.tracks}
    named: dict[str, list[tuple[str, str]]] = {}  # by entry kind: (field, the kind it names)
    for kind, field, target in REFERENCES:
        named.setdefault(kind, []).append((field, target))
    for f, path, entry in loaded.entries():
        kind = str(path[-2])
        for field, target in named.get(kind, ()):
            values = getattr(entry, field)
            yield from _dangling(f, (*path, field), values, ids[target], target, entry.id)
        if kind == "events" and entry.track and entry.body in tracks:
            yield from _unknown_track(f, path, entry, tracks[entry.body])
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


def _unknown_track(f: LoadedFile, path: Path_, event: Event, known: set[str]) -> Iterator[Problem]:
    """An event's track that its body, which declares its tracks, does not."""
    if event.track is None or event.track in known:
        return
    where = (*path, "track")
    fallback = f"body '{event.body}' declares {', '.join(sorted(known))}; add it under its tracks:"
    message = unknown_message("track", event.track, known, fallback)
    yield f.problem(where, CODE, f"{'.'.join(map(str, where))}: {message}", entry=event.id)


RULE = Rule(
    CODE,
    "Every body, priority, event, resource and track an entry names is in the plan.",
    find,
)
