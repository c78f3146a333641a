"""Drafted events as YAML: to paste (`sources suggest`), or appended to a schedule (`--write`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from ..checks.pipeline import Checked
from ..errors import ChairplanError
from ..plan.load import SCHEDULES_FOLDER, is_schedule_name
from ..sources.coverage import Draft, draft_events, no_drafts_message
from .writeback import Edit, commit, prepare_append
from .yaml_emit import event_item

__all__ = ["append_drafts", "drafts_yaml"]


def drafts_yaml(drafts: Iterable[Draft], body: str | None) -> str:
    """The drafts as an `events:` list to paste, each item after a blank line, each saying why it
    was drafted; BODY if no body."""
    note = {} if body else {"body": "TODO: the id of a body in the plan, e.g. cptpp"}
    items = [
        event_item(d.fields(body or "BODY"), 2, 4, "\n", {**note, "id": f"drafted: {d.why}"})
        for d in drafts
    ]
    return "events:\n" + "\n".join(items)


def schedule_name(root: Path, path: Path) -> str:
    """The plan's name for a schedule file ("schedules/x.yaml"), or an error if it is elsewhere."""
    folder = (root / SCHEDULES_FOLDER).resolve()
    try:
        rel = path.resolve().relative_to(folder)
    except ValueError:
        raise ChairplanError(f"{path}: --write must name a YAML file in {folder}") from None
    if path.suffix not in (".yaml", ".yml"):
        raise ChairplanError(f"{path}: --write must name a .yaml or .yml file")
    if not is_schedule_name(rel.as_posix()):
        raise ChairplanError(
            f"{path}: a hidden file is no schedule (the plan never reads it); name a visible file"
        )
    return f"{SCHEDULES_FOLDER}/{rel.as_posix()}"


def append_drafts(root: Path, article: str, path: Path, body: str) -> str:
    """Append the drafts for `article` to the `events:` list of schedule `path`; says what it did.

    Goes through writeback: every other byte of the file is kept, the result is checked with
    the whole plan first, and the write is atomic, under the plan's lock.
    """

    def prepare(checked: Checked) -> Edit | None:
        drafts = draft_events(checked.loaded, checked.library, article)
        if not drafts:
            return None
        name = schedule_name(root, path)
        edit = prepare_append(checked, name, [d.fields(body) for d in drafts])
        message = f"appended {len(drafts)} event(s) to {name}; the plan checks clean"
        return dataclasses.replace(edit, message=message)

    edit = commit(root, prepare)
    return edit.message if edit else no_drafts_message(article)
