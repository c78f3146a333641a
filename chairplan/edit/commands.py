"""`chairplan mark` (set a status) and `chairplan add event`, as surgical edits (see writeback)."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from ..checks.pipeline import Checked
from ..errors import ChairplanError, EditRefused, UnknownName, closest
from ..model import Deliverable, DeliverableStatus, Event, EventStatus, validate
from ..plan import yamltree
from ..plan.load import ID_HINT, LoadedFile, LoadedPlan, Path_
from .writeback import (
    Edit,
    Original,
    commit,
    line_after,
    node_at,
    node_end,
    prepare_append,
    read_original,
    verify,
)

__all__ = [
    "add_deliverable",
    "add_event",
    "deliverable_fields",
    "event_fields",
    "find_entry",
    "mark_status",
    "prepare_add",
    "prepare_mark",
    "validate_event",
]


def _set(data: Any, path: Path_, value: object) -> Any:
    result = copy.deepcopy(data)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return result


# --- mark -----------------------------------------------------------------------------------------


def find_entry(
    loaded: LoadedPlan,
    entry_id: str,
    other: str = "only deliverables and events have a status",
) -> tuple[LoadedFile, Path_, Any, str]:
    """The deliverable or event of this id: its file, path, entry and kind; else an error with
    did-you-mean, or saying what `other` kinds of entry cannot be."""
    found = [(f, p, e) for f, p, e in loaded.entries() if p[-2] in ("deliverables", "events")]
    for f, path, entry in found:
        if entry.id == entry_id:
            return f, path, entry, "deliverable" if path[-2] == "deliverables" else "event"
    near = closest(entry_id, [e.id for _, _, e in found])
    if any(entry.id == entry_id for _, _, entry in loaded.entries()):
        hint = f" (that id is a body, chairmanship or priority; {other})"
    elif near:
        hint = f" (did you mean '{near}'?)"
    else:
        hint = "; `chairplan status --format json` lists the ids"
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
        last = max(node_end(text, v) for _, v in entry.items.values())
        return text[:last] + f", status: {status}" + text[last:]
    id_key, id_value = entry.items["id"]
    at, missing_break = line_after(text, node_end(text, id_value), original.newline)
    line = " " * (id_key.mark.column - 1) + f"status: {status}" + original.newline
    return text[:at] + missing_break + line + text[at:]


def prepare_mark(checked: Checked, entry_id: str, status: str) -> Edit | None:
    """The edit that sets the status of a deliverable or event; None when it already has it."""
    loaded = checked.loaded
    f, path, entry, kind = find_entry(loaded, entry_id)
    allowed = get_args(DeliverableStatus if kind == "deliverable" else EventStatus)
    if status not in allowed:
        raise ChairplanError(
            f"'{status}' is not {'a deliverable' if kind == 'deliverable' else 'an event'} status; "
            f"use one of: {', '.join(allowed)}"
        )
    if entry.status == status:
        return None
    original = read_original(loaded, f.name)
    assert original.file is not None  # the entry was found in it
    tree = original.file.tree
    after = original.encode(_status_text(original, node_at(tree, path), status))
    verify(checked, original, after, _set(yamltree.to_data(tree), (*path, "status"), status))
    line = original.file.mark(path).line
    message = f"{f.name}:{line}: {entry_id}: {entry.status} -> {status}"
    return Edit(loaded.root / f.name, original.digest, after, line, message)


def mark_status(root: Path, entry_id: str, status: str) -> str:
    """Set a deliverable's or event's status in its file; returns what was done."""
    edit = commit(root, lambda checked: prepare_mark(checked, entry_id, status))
    return edit.message if edit else f"{entry_id} is already {status}; nothing to do"


# --- add event ------------------------------------------------------------------------------------


def _option(loc: tuple[int | str, ...], message: str = "") -> str:
    """The command-line option behind a pydantic error location (an error of the whole entry,
    with none, by what it says)."""
    if not loc:
        return "--tz" if "time zone" in message else "--id"
    head = str(loc[0])
    if head == "title":
        return "--title-vi" if "vi" in loc else "--title"
    if head in ("where", "sources") and len(loc) > 1:
        return f"--{loc[-1]}" if head == "where" else f"--source-{loc[-1]}"
    return f"--{head}"


def validate_event(fields: dict[str, Any]) -> Event:
    """The new event as a model; errors name the command-line option to fix."""
    try:
        return validate(Event, fields)
    except ValidationError as exc:
        lines = [
            f"{_option(tuple(e['loc']), e['msg'])}: "
            + (
                f"not a valid id; {ID_HINT}"
                if e["type"] == "string_pattern_mismatch"
                else _NO_ZONE
                if "time zone" in e["msg"] and not e["loc"]
                else e["msg"].removeprefix("Value error, ")
            )
            for e in exc.errors(include_input=False)
        ]
        raise ChairplanError("the new event is not valid:\n" + "\n".join(lines)) from None


_NO_ZONE = (
    "a timed event needs a time zone: give --tz (e.g. Asia/Ho_Chi_Minh), or --country of a "
    "country with one zone"
)


def _file_for_body(loaded: LoadedPlan, body: str) -> str:
    for kind in ("events", "chairmanships", "priorities"):
        for f in loaded.files:
            if any(e.body == body for e in getattr(f.model, kind)):
                return f.name
    bodies = [b.id for b in loaded.plan.bodies]
    if body not in bodies:
        raise UnknownName("body", body, bodies)
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


def prepare_add(checked: Checked, fields: dict[str, Any], file: str | None = None) -> Edit:
    """The edit that appends a new event to the file of its body (or `file`)."""
    loaded = checked.loaded
    event = validate_event(fields)
    for f, path, entry in loaded.entries():
        if entry.id == event.id:
            line = f.mark((*path, "id")).line
            raise ChairplanError(
                f"--id {event.id}: already used at {f.name}:{line}; choose another id"
            )
    name = _target_file(loaded, file, event.body)
    edit = prepare_append(checked, name, [fields])
    return dataclasses.replace(edit, message=f"{name}:{edit.line}: added event {event.id}")


def add_event(root: Path, fields: dict[str, Any], file: str | None = None) -> str:
    """Append a new event to the file of its body (or `file`); returns what was done."""
    return commit(root, lambda checked: prepare_add(checked, fields, file)).message


SUPPORTED = ("title", "when")  # what a source added from the command line supports by default


def event_fields(
    *,
    id: str,
    title: str,
    body: str,
    when: str | None = None,
    start: str | None = None,
    end: str | None = None,
    tz: str | None = None,
    title_vi: str | None = None,
    city: str | None = None,
    country: str | None = None,
    venue: str | None = None,
    format: str | None = None,
    status: str | None = None,
    level: str | None = None,
    track: str | None = None,
    url: str | None = None,
    notes: str | None = None,
    participants: list[str] | None = None,
    priorities: list[str] | None = None,
    resources: list[str] | None = None,
    constraints: list[str] | None = None,
    audience: str | None = None,
    redact: str | None = None,
    source_article: str | None = None,
    source_quote: str | None = None,
    supports: list[str] | None = None,
) -> dict[str, Any]:
    """The new event as the plain data its YAML will read back as, keys in the order written.

    A source supports the title and the date unless `supports` says otherwise, so its date is
    checked against the quoted words like every other."""
    if (source_article is None) != (source_quote is None):
        raise ChairplanError(
            "give --source-article and --source-quote together (the article and its exact words)"
        )
    if (when is None) == (start is None):
        raise ChairplanError(
            "give the date with --when (2026-05-14, 2026-Q2, …) or the time with --start "
            "(2026-05-14T09:00, with --end and --tz as needed), one of the two"
        )
    if start is None and (end is not None or tz is not None):
        raise ChairplanError("--end and --tz go with --start (a timed event); --when takes days")
    timed = {k: v for k, v in (("start", start), ("end", end), ("tz", tz)) if v is not None}
    where = {
        k: v for k, v in (("city", city), ("country", country), ("venue", venue)) if v is not None
    }
    fields: dict[str, Any] = {
        "id": id,
        "title": {"en": title, "vi": title_vi} if title_vi else title,
        "when": when if when is not None else timed,
        "where": where or None,
        "format": format,
        "body": body,
        "track": track,
        "level": level,
        "status": status,
        "participants": participants or None,
        "priorities": priorities or None,
        "resources": resources or None,
        "url": url,
        "notes": notes,
        "constraints": constraints or None,
        "audience": audience,
        "redact": redact,
    }
    if source_article is not None:
        said = list(SUPPORTED if supports is None else supports)
        source: dict[str, Any] = {"article": source_article, "quote": source_quote}
        fields["sources"] = [source | ({"supports": said} if said else {})]
    return {k: v for k, v in fields.items() if v is not None}


# --- add deliverable ------------------------------------------------------------------------------


def deliverable_fields(
    *,
    id: str,
    title: str,
    title_vi: str | None = None,
    due: str | None = None,
    status: str | None = None,
    owner: str | None = None,
    events: list[str] | None = None,
    notes: str | None = None,
    audience: str | None = None,
    redact: str | None = None,
    source_article: str | None = None,
    source_quote: str | None = None,
    supports: list[str] | None = None,
) -> dict[str, Any]:
    """The new deliverable as plain data, keys in the order written; its source supports the
    title (and the due date, when there is one) unless `supports` says otherwise."""
    if (source_article is None) != (source_quote is None):
        raise ChairplanError(
            "give --source-article and --source-quote together (the article and its exact words)"
        )
    fields: dict[str, Any] = {
        "id": id,
        "title": {"en": title, "vi": title_vi} if title_vi else title,
        "status": status,
        "due": due,
        "owner": owner,
        "events": events or None,
        "notes": notes,
        "audience": audience,
        "redact": redact,
    }
    if source_article is not None:
        default = ["title", "due"] if due is not None else ["title"]
        said = default if supports is None else supports
        source: dict[str, Any] = {"article": source_article, "quote": source_quote}
        fields["sources"] = [source | ({"supports": said} if said else {})]
    return {k: v for k, v in fields.items() if v is not None}


def prepare_add_deliverable(checked: Checked, priority_id: str, fields: dict[str, Any]) -> Edit:
    """The edit that appends a deliverable to a priority's `deliverables:`."""
    loaded = checked.loaded
    try:
        new = validate(Deliverable, fields)
    except ValidationError as exc:
        lines = [
            f"{_option(tuple(e['loc']))}: " + e["msg"].removeprefix("Value error, ")
            for e in exc.errors(include_input=False)
        ]
        raise ChairplanError("the new deliverable is not valid:\n" + "\n".join(lines)) from None
    priorities = [(f, p, e) for f, p, e in loaded.entries() if p[0] == "priorities" and len(p) == 2]
    found = next(((f, p) for f, p, e in priorities if e.id == priority_id), None)
    if found is None:
        raise UnknownName("priority", priority_id, [e.id for _, _, e in priorities])
    for f, path, entry in loaded.entries():
        if entry.id == new.id:
            line = f.mark((*path, "id")).line
            raise ChairplanError(
                f"--id {new.id}: already used at {f.name}:{line}; choose another id"
            )
    f, path = found
    edit = prepare_append(checked, f.name, [fields], at=path, key="deliverables")
    message = f"{f.name}:{edit.line}: added deliverable {new.id} to {priority_id}"
    return dataclasses.replace(edit, message=message)


def add_deliverable(root: Path, priority_id: str, fields: dict[str, Any]) -> str:
    """Append a new deliverable to a priority; returns what was done."""
    return commit(
        root, lambda checked: prepare_add_deliverable(checked, priority_id, fields)
    ).message
