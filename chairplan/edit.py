"""Edits to the plan's YAML that change only the bytes they must: `mark` a status, `add` an event.

Each edit splices new text into the file's original text at the character positions the reader
recorded (so comments, blank lines, key order, quoting, CRLF and a BOM elsewhere stay as they
were), then re-reads the result and refuses to write unless it passes check and differs from the
old file only where intended. Writes happen under a lock on `.chairplan.lock` at the plan root,
atomically, and only if the file still holds the bytes the edit was computed from.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from . import yamltree
from .check import quote_problems
from .errors import ChairplanError
from .files import FileChanged, digest, write_atomic
from .load import LoadedFile, LoadedPlan, Path_, load_bytes, read_plan
from .model import DeliverableStatus, Event, EventStatus
from .references import reference_problems
from .yaml_emit import event_item

LOCK_NAME = ".chairplan.lock"
BOM = b"\xef\xbb\xbf"


class EditRefused(ChairplanError):
    """The edit would leave the plan failing check, or would change more than it should."""

    def render(self) -> str:
        return "\n".join([self.summary, *map(str, self.problems)])

    def __init__(self, summary: str, problems: list[Any] | None = None):
        super().__init__(problems or [])
        self.summary = summary


@dataclass(frozen=True)
class Edit:
    path: Path
    read_digest: str
    after: bytes
    message: str


@dataclass(frozen=True)
class Original:
    """One schedule file as read for an edit: its text (without BOM) and how to write it back."""

    name: str
    data: bytes
    file: LoadedFile

    @property
    def text(self) -> str:
        return yamltree.decode(self.data, self.name)

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return (BOM if self.data.startswith(BOM) else b"") + text.encode("utf-8")


@contextlib.contextmanager
def plan_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the plan for a whole read-modify-write."""
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read(loaded: LoadedPlan, name: str) -> Original:
    data = (loaded.root / name).read_bytes()
    fresh = load_bytes(data, name)
    if fresh.model != next(f.model for f in loaded.files if f.name == name):
        raise FileChanged(f"{name} changed since it was read; run again")
    return Original(name, data, fresh)


def _node(tree: yamltree.Node, path: Path_) -> yamltree.Node:
    for step in path:
        if isinstance(tree, yamltree.Mapping) and isinstance(step, str):
            tree = tree.items[step][1]
        elif isinstance(tree, yamltree.Sequence) and isinstance(step, int):
            tree = tree.items[step]
    return tree


def _end(text: str, node: yamltree.Node) -> int:
    """The index just past a node's last character (past the bracket of a flow collection)."""
    if isinstance(node, yamltree.Scalar):
        return node.mark.end
    children = (
        [v for k, v in node.items.values()] if isinstance(node, yamltree.Mapping) else node.items
    )
    last = max((_end(text, child) for child in children), default=node.mark.start)
    if node.flow:
        last = text.index("}" if isinstance(node, yamltree.Mapping) else "]", last) + 1
    return last


def _line_after(text: str, index: int, newline: str) -> tuple[int, str]:
    """Where the line holding `index` ends, and the line break to add if the file lacks one."""
    if index and text[index - 1] == "\n":
        return index, ""
    eol = text.find("\n", index)
    return (eol + 1, "") if eol >= 0 else (len(text), newline)


def _verify(loaded: LoadedPlan, original: Original, after: bytes, expected: object) -> None:
    """Refuse unless the edited file reads back to `expected` and the whole plan passes check."""
    note = "nothing was written; line numbers are those the file would have after the edit"
    try:
        edited = load_bytes(after, original.name)
    except ChairplanError as exc:
        raise EditRefused(
            f"refused: the edit would make {original.name} invalid ({note})", exc.problems
        ) from None
    if yamltree.to_data(edited.tree) != expected:
        raise EditRefused(
            f"refused: the edit would change more of {original.name} than intended; "
            "nothing was written"
        )
    files = tuple(edited if f.name == original.name else f for f in loaded.files)
    plan = LoadedPlan(loaded.root, files, loaded.articles)
    problems = [*reference_problems(plan), *quote_problems(plan)]
    if problems:
        raise EditRefused(
            f"refused: after the edit the plan would not pass check ({note})", problems
        )


def _set(data: Any, path: Path_, value: object) -> Any:
    result = copy.deepcopy(data)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return result


# --- mark -----------------------------------------------------------------------------------------


def _find_status_entry(loaded: LoadedPlan, entry_id: str) -> tuple[LoadedFile, Path_, Any, str]:
    found = [(f, p, e) for f, p, e in loaded.entries() if p[-2] in ("deliverables", "events")]
    for f, path, entry in found:
        if entry.id == entry_id:
            return f, path, entry, "deliverable" if path[-2] == "deliverables" else "event"
    near = difflib.get_close_matches(entry_id, [e.id for _, _, e in found], n=1)
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    raise ChairplanError(f"no deliverable or event '{entry_id}'{hint}; nothing was changed")


def _status_text(original: Original, entry: yamltree.Node, status: str) -> str:
    text = original.text
    assert isinstance(entry, yamltree.Mapping)
    if "status" in entry.items:
        value = entry.items["status"][1]
        if not isinstance(value, yamltree.Scalar) or value.style not in (None, "'", '"'):
            raise EditRefused(
                "refused: the status is not written as a one-word value; edit it by hand"
            )
        quote = value.style or ""
        return text[: value.mark.start] + f"{quote}{status}{quote}" + text[value.mark.end :]
    if entry.flow:
        last = max(_end(text, v) for _, v in entry.items.values())
        return text[:last] + f", status: {status}" + text[last:]
    id_key, id_value = entry.items["id"]
    at, missing_break = _line_after(text, _end(text, id_value), original.newline)
    line = " " * (id_key.mark.column - 1) + f"status: {status}" + original.newline
    return text[:at] + missing_break + line + text[at:]


def prepare_mark(loaded: LoadedPlan, entry_id: str, status: str) -> Edit | None:
    """The edit that sets the status of a deliverable or event; None when it already has it."""
    f, path, entry, kind = _find_status_entry(loaded, entry_id)
    allowed = get_args(DeliverableStatus if kind == "deliverable" else EventStatus)
    if status not in allowed:
        raise ChairplanError(
            f"'{status}' is not {'a deliverable' if kind == 'deliverable' else 'an event'} status; "
            f"use one of: {', '.join(allowed)}"
        )
    if entry.status == status:
        return None
    original = _read(loaded, f.name)
    text = _status_text(original, _node(original.file.tree, path), status)
    after = original.encode(text)
    _verify(
        loaded,
        original,
        after,
        _set(yamltree.to_data(original.file.tree), (*path, "status"), status),
    )
    line = original.file.mark(path).line
    message = f"{f.name}:{line}: {entry_id}: {entry.status} -> {status}"
    return Edit(loaded.root / f.name, digest(original.data), after, message)


def mark_status(root: Path, entry_id: str, status: str) -> str:
    """Set a deliverable's or event's status in its file; returns what was done."""
    with plan_lock(root):
        edit = prepare_mark(read_plan(root), entry_id, status)
        if edit is None:
            return f"{entry_id} is already {status}; nothing to do"
        write_atomic(edit.path, edit.after, unchanged_since=edit.read_digest)
    return edit.message


# --- add event ------------------------------------------------------------------------------------


def _option(loc: tuple[int | str, ...]) -> str:
    """The command-line option behind a pydantic error location."""
    head = str(loc[0]) if loc else "id"
    if head == "title":
        return "--title-vi" if "vi" in loc else "--title"
    if head in ("where", "sources") and len(loc) > 1:
        return f"--{loc[-1]}" if head == "where" else f"--source-{loc[-1]}"
    return f"--{head}"


def validate_event(fields: dict[str, Any]) -> Event:
    """The new event as a model; errors name the command-line option to fix."""
    try:
        return Event.model_validate(fields)
    except ValidationError as exc:
        lines = [
            f"{_option(tuple(e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors(include_input=False)
        ]
        raise ChairplanError("the new event is not valid:\n" + "\n".join(lines)) from None


def _file_for_body(loaded: LoadedPlan, body: str) -> str:
    for kind in ("events", "chairmanships", "priorities"):
        for f in loaded.files:
            if any(e.body == body for e in getattr(f.model, kind)):
                return f.name
    bodies = [b.id for b in loaded.plan.bodies]
    if body not in bodies:
        near = difflib.get_close_matches(body, bodies, n=1)
        raise ChairplanError(
            f"no body '{body}' in the plan"
            + (f" (did you mean '{near[0]}'?)" if near else f"; known: {', '.join(bodies)}")
        )
    raise ChairplanError(
        f"no file holds entries of body '{body}' yet; pass --file schedules/NAME.yaml"
    )


def _target_file(loaded: LoadedPlan, file: str | None, body: str) -> str:
    if file is None:
        return _file_for_body(loaded, body)
    name = file if file.startswith("schedules/") else f"schedules/{file}"
    names = [f.name for f in loaded.files]
    if name not in names:
        raise ChairplanError(
            f"--file {file}: not a schedule of this plan; use one of: {', '.join(names)}"
        )
    return name


def _events_text(original: Original, fields: dict[str, Any]) -> str:
    text, nl = original.text, original.newline
    tree = original.file.tree
    assert isinstance(tree, yamltree.Mapping)
    if "events" not in tree.items:
        lead = "" if not text or text.endswith("\n") else nl
        return text + lead + nl + "events:" + nl + event_item(fields, 2, 4, nl)
    seq = tree.items["events"][1]
    if not isinstance(seq, yamltree.Sequence) or seq.flow or not seq.items:
        raise EditRefused(
            f"refused: events: in {original.name} is not a list of '- id: ...' items; "
            "write it as a block list, or pass --file"
        )
    last = seq.items[-1]
    dash = text.rfind("-", 0, last.mark.start)
    line_start = text.rfind("\n", 0, dash) + 1
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : line_start]
    blank = len(seq.items) > 1 and not previous.strip()
    at, missing_break = _line_after(text, _end(text, last), nl)
    if blank and text[:at].endswith(nl + nl):
        blank = False
    item = event_item(fields, dash - line_start, last.mark.column - 1, nl)
    return text[:at] + missing_break + (nl if blank else "") + item + text[at:]


def prepare_add(loaded: LoadedPlan, fields: dict[str, Any], file: str | None = None) -> Edit:
    event = validate_event(fields)
    for f, path, entry in loaded.entries():
        if entry.id == event.id:
            line = f.mark((*path, "id")).line
            raise ChairplanError(
                f"--id {event.id}: already used at {f.name}:{line}; choose another id"
            )
    original = _read(loaded, _target_file(loaded, file, event.body))
    after = original.encode(_events_text(original, fields))
    expected = yamltree.to_data(original.file.tree)
    assert isinstance(expected, dict)
    expected["events"] = [*expected.get("events", []), fields]
    _verify(loaded, original, after, expected)
    line = load_bytes(after, original.name).mark(("events", len(expected["events"]) - 1)).line
    message = f"{original.name}:{line}: added event {event.id}"
    return Edit(loaded.root / original.name, digest(original.data), after, message)


def add_event(root: Path, fields: dict[str, Any], file: str | None = None) -> str:
    """Append a new event to the file of its body (or `file`); returns what was done."""
    with plan_lock(root):
        edit = prepare_add(read_plan(root), fields, file)
        write_atomic(edit.path, edit.after, unchanged_since=edit.read_digest)
    return edit.message


def event_fields(
    *,
    id: str,
    title: str,
    when: str,
    body: str,
    title_vi: str | None = None,
    city: str | None = None,
    country: str | None = None,
    venue: str | None = None,
    format: str | None = None,
    status: str | None = None,
    level: str | None = None,
    source_article: str | None = None,
    source_quote: str | None = None,
) -> dict[str, Any]:
    """The new event as the plain data its YAML will read back as, keys in the order written."""
    if (source_article is None) != (source_quote is None):
        raise ChairplanError(
            "give --source-article and --source-quote together (the article and its exact words)"
        )
    where = {
        k: v for k, v in (("city", city), ("country", country), ("venue", venue)) if v is not None
    }
    fields: dict[str, Any] = {
        "id": id,
        "title": {"en": title, "vi": title_vi} if title_vi else title,
        "when": when,
        "where": where or None,
        "format": format,
        "body": body,
        "level": level,
        "status": status,
    }
    if source_article is not None:
        fields["sources"] = [{"article": source_article, "quote": source_quote}]
    return {k: v for k, v in fields.items() if v is not None}
