"""`chairplan set ID FIELD VALUE`: one value of an event or deliverable changed in its file, every
other byte kept, with the guarantees of every edit (writeback.py): the whole plan re-checked
first, atomic, under the lock, refused if the file changed since it was read."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from ..checks.pipeline import Checked
from ..errors import ChairplanError, EditRefused, closest
from ..plan import yamltree
from ..plan.load import Path_
from .commands import find_entry
from .writeback import (
    Edit,
    Original,
    commit,
    line_after,
    node_at,
    node_end,
    read_original,
    verify,
)
from .yaml_emit import scalar_text

__all__ = ["FIELDS", "prepare_set", "set_field"]

# Each field a planner sets, by the name on the command line: where it is in the entry, and the
# kinds of entry that have it.
_EVENT, _DELIVERABLE = "event", "deliverable"
FIELDS: dict[str, tuple[Path_, tuple[str, ...]]] = {
    "title": (("title", "en"), (_EVENT, _DELIVERABLE)),
    "title.vi": (("title", "vi"), (_EVENT, _DELIVERABLE)),
    "when": (("when",), (_EVENT,)),
    "due": (("due",), (_DELIVERABLE,)),
    "status": (("status",), (_EVENT, _DELIVERABLE)),
    "city": (("where", "city"), (_EVENT,)),
    "country": (("where", "country"), (_EVENT,)),
    "venue": (("where", "venue"), (_EVENT,)),
    "format": (("format",), (_EVENT,)),
    "level": (("level",), (_EVENT,)),
    "track": (("track",), (_EVENT,)),
    "url": (("url",), (_EVENT,)),
    "owner": (("owner",), (_DELIVERABLE,)),
    "notes": (("notes",), (_EVENT, _DELIVERABLE)),
}
_ALIASES = {"title.en": "title", "date": "when", "place": "city"}


def _field(name: str, kind: str) -> Path_:
    field = _ALIASES.get(name, name)
    if field == "when" and kind == _DELIVERABLE:
        field = "due"
    if field not in FIELDS:
        near = closest(name, [*FIELDS, *_ALIASES])
        hint = f"did you mean '{near}'?" if near else f"one of: {', '.join(FIELDS)}"
        raise ChairplanError(f"no field '{name}' to set — {hint}; nothing was changed")
    path, kinds = FIELDS[field]
    if kind not in kinds:
        have = ", ".join(f for f, (_, k) in FIELDS.items() if kind in k)
        article = "an" if kind[0] in "aeiou" else "a"
        raise ChairplanError(f"{article} {kind} has no {field}: it has {have}; nothing was changed")
    return path


def _indent_of(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _insert(original: Original, mapping: yamltree.Mapping, key: str, written: str) -> str:
    """The text with `key: written` (YAML text already) added to a mapping: inside a flow one's
    braces, else on a line of its own after its last key, at its keys' indentation."""
    text = original.text
    if mapping.flow:
        end = node_end(text, mapping) - 1  # the closing brace
        gap = ", " if mapping.items else ""
        return text[:end].rstrip() + f"{gap}{key}: {written}" + text[end:]
    first_key = next(iter(mapping.items.values()))[0]
    last = max(node_end(text, v) for _, v in mapping.items.values())
    at, missing_break = line_after(text, last, original.newline)
    line = " " * _indent_of(text, first_key.mark.start) + f"{key}: {written}"
    return text[:at] + missing_break + line + original.newline + text[at:]


def _flowed(value: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {scalar_text(v, flow=True)}" for k, v in value.items()) + "}"


def _replace(original: Original, node: yamltree.Node, value: str, flow: bool) -> str:
    """The text with a value node replaced by `value`, written as a scalar."""
    text = original.text
    if isinstance(node, yamltree.Mapping | yamltree.Sequence):
        raise EditRefused(
            "refused: the value is a mapping or a list (a timed or counted date, say), whose other "
            "keys a new value would drop; edit it by hand"
        )
    start, end = node.mark.start, node_end(text, node)
    if isinstance(node, yamltree.Scalar) and node.style in ("|", ">"):
        while end > start and text[end - 1] in " \r\n":  # the block's last line break stays
            end -= 1
    return text[:start] + _in_style(node, value, flow) + text[end:]


def _in_style(node: yamltree.Node, value: str, flow: bool) -> str:
    """The new value quoted as the old one was, where it was quoted; else as it needs."""
    style = node.style if isinstance(node, yamltree.Scalar) else None
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return scalar_text(value, flow=flow)


def _edited(
    original: Original, entry: yamltree.Mapping, path: Path_, value: str, data: Any
) -> tuple[str, Any]:
    """The new text of the file and the data it must read back as."""
    expected = copy.deepcopy(data)
    target = expected
    key, inner = path[0], path[1:] if len(path) > 1 else ()
    if key not in entry.items:
        new: Any = {str(inner[0]): value} if inner else value  # a place where there was none
        _put(target, key, new)
        written = _flowed(new) if inner else scalar_text(value, flow=entry.flow)
        return _insert(original, entry, str(key), written), expected
    node = entry.items[str(key)][1]
    if not inner:
        _put(target, key, value)
        return _replace(original, node, value, entry.flow), expected
    name = str(inner[0])
    if isinstance(node, yamltree.Scalar) and name == "en":  # a title written as text
        _put(target, key, value)
        return _replace(original, node, value, entry.flow), expected
    if isinstance(node, yamltree.Scalar):  # its Vietnamese: the title becomes {en, vi}
        both = {"en": node.value, "vi": value}
        _put(target, key, both)
        text = original.text
        return text[: node.mark.start] + _flowed(both) + text[node_end(text, node) :], expected
    assert isinstance(node, yamltree.Mapping)
    target[key][name] = value
    if name in node.items:
        return _replace(original, node.items[name][1], value, node.flow), expected
    return _insert(original, node, name, scalar_text(value, flow=node.flow)), expected


def _put(target: dict[str, Any], key: object, value: object) -> None:
    target[str(key)] = value


def prepare_set(checked: Checked, entry_id: str, name: str, value: str) -> Edit | None:
    """The edit that sets one field of an event or deliverable; None when it has that value."""
    loaded = checked.loaded
    f, path, entry, kind = find_entry(loaded, entry_id, "set changes events and deliverables")
    field_path = _field(name, kind)
    field = next(k for k, (p, _) in FIELDS.items() if p == field_path)
    original = read_original(loaded, f.name)
    assert original.file is not None  # the entry was found in it
    tree = original.file.tree
    node = node_at(tree, path)
    assert isinstance(node, yamltree.Mapping)
    data = yamltree.to_data(node)
    before = _value_at(data, field_path)
    if before is None and field == "status":
        before = entry.status  # the default a file without status: has (todo, planned)
    if before == value:
        return None
    text, expected_entry = _edited(original, node, field_path, value, data)
    whole: Any = copy.deepcopy(yamltree.to_data(tree))
    target = whole
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = expected_entry
    after = original.encode(text)
    verify(checked, original, after, whole)
    line = original.file.mark(path).line
    message = f"{f.name}:{line}: {entry_id}: {field}: {_shown(before)} -> {_shown(value)}"
    return Edit(loaded.root / f.name, original.digest, after, line, message)


def _shown(value: object) -> str:
    """A value on one line of the message: its text, spaces run together, long text cut."""
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _value_at(data: Any, path: Path_) -> Any:
    for step in path:
        if isinstance(data, str) and step == "en":
            return data  # a title written as text is its English
        if not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def set_field(root: Path, entry_id: str, name: str, value: str) -> str:
    """Set one field of an event or deliverable in its file; returns what was done."""
    edit = commit(root, lambda checked: prepare_set(checked, entry_id, name, value))
    return edit.message if edit else f"{entry_id} has {name} {_shown(value)} already; nothing to do"
