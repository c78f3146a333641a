"""The chain behind a date: an entry, the anchor its date is counted from, that anchor's, down to
a date the plan writes; and the entries counted from it (what moves when it moves)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..dates import Window
from ..errors import ChairplanError, UnknownName
from ..relative import Derivation
from .load import LoadedPlan

__all__ = ["Link", "chain", "dependents"]


@dataclass(frozen=True)
class Link:
    """One entry of a chain: where it stands, its date, and how it was derived (None: written)."""

    id: str
    kind: str  # "event" or "deliverable"
    title: str
    file: str
    line: int
    column: int
    key: str  # "when" or "due"
    window: Window
    derivation: Derivation | None
    words: str | None  # the formula read aloud, with the anchor's title

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            self.key: str(self.window),
            "label": self.window.label(),
        }
        if self.derivation is not None:
            found["formula"] = self.derivation.formula
            found["reads"] = self.words
            found["steps"] = [
                {
                    "step": s.text,
                    "window": str(s.window),
                    "holidays": [{"day": d.isoformat(), "name": n} for d, n in s.skipped],
                    "how": s.how,
                }
                for s in self.derivation.steps
            ]
        return found


def _entry(loaded: LoadedPlan, entry_id: str) -> tuple[str, Any]:
    found = loaded.by_id.get(entry_id)
    kinds = {"events": "event", "deliverables": "deliverable"}
    if found is None or found[1][-2] not in kinds:
        dated = [e.id for _, p, e in loaded.entries() if p[-2] in kinds]
        raise UnknownName("event or deliverable", entry_id, dated)
    return kinds[str(found[1][-2])], found[2]


def _link(loaded: LoadedPlan, entry_id: str) -> Link:
    kind, entry = _entry(loaded, entry_id)
    key = "when" if kind == "event" else "due"
    f, path, _ = loaded.by_id[entry_id]
    mark = f.mark((*path, key)) if getattr(entry, key) is not None else f.mark(path)
    derivation = loaded.derived.get(entry_id)
    words = None
    if derivation is not None:
        anchor = loaded.by_id[derivation.anchor.id][2]
        words = derivation.words(str(anchor.title))
    window = entry.window if kind == "event" else entry.deadline
    return Link(
        entry_id, kind, str(entry.title), f.name, mark.line, mark.column, key, window,
        derivation, words,
    )  # fmt: skip


def chain(loaded: LoadedPlan, entry_id: str) -> list[Link]:
    """`entry_id`'s link, then its anchor's, and so on to a date the plan writes.

    Raises UnknownName (with did-you-mean) for an id that is no event or deliverable, and says so
    for a deliverable with no due date.
    """
    kind, entry = _entry(loaded, entry_id)
    if kind == "deliverable" and entry.deadline is None:
        raise ChairplanError(f"{entry_id} has no due date, so nothing to explain; give it due:")
    links = [_link(loaded, entry_id)]
    while (d := links[-1].derivation) is not None:
        links.append(_link(loaded, d.anchor.id))
    return links


def dependents(loaded: LoadedPlan, entry_id: str) -> list[str]:
    """The entries whose dates are counted from `entry_id`, directly or through others, in the
    order of the plan: what moves when it moves."""
    counted_from: dict[str, list[str]] = defaultdict(list)
    for d in loaded.derived.values():
        counted_from[d.anchor.id].append(d.entry)
    found, todo = [], [entry_id]
    while todo:  # resolved dates have no cycle
        for entry in counted_from[todo.pop()]:
            found.append(entry)
            todo.append(entry)
    order = {e.id: i for i, (_, _, e) in enumerate(loaded.entries())}
    return sorted(found, key=order.__getitem__)
