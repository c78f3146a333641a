"""New YAML text for the edit commands: scalars plain when that reads back the same, else quoted."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from ..errors import PlanError
from ..plan import yamltree

__all__ = ["event_item", "event_items", "scalar_text"]


def _reads_back(value: str, flow: bool) -> bool:
    document = f"k: {{a: {value}}}" if flow else f"k: {value}"
    expected: object = {"k": {"a": value}} if flow else {"k": value}
    try:
        return yamltree.to_data(yamltree.parse(document, "-")) == expected
    except PlanError:
        return False


def _typed_elsewhere(value: str) -> bool:
    """True for text other YAML readers would turn into a number, boolean or null (2027, yes, ~)."""
    try:
        loaded = yaml.safe_load(value)
    except (yaml.YAMLError, ValueError):  # ValueError: a timestamp with no such day (2026-02-30)
        return True
    return loaded is None or isinstance(loaded, bool | int | float)


def scalar_text(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar: plain if it reads back unchanged everywhere, else double-quoted."""
    if value and _reads_back(value, flow) and not _typed_elsewhere(value):
        return value
    return json.dumps(
        value, ensure_ascii=False
    )  # a JSON string is a valid double-quoted YAML scalar


def _flow(value: dict[str, str] | list[str]) -> str:
    """A short mapping or list of text on one line: {city: Hà Nội, country: VN}, [title, when]."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar_text(v, flow=True)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar_text(v, flow=True) for v in value) + "]"


def _lines(fields: Mapping[str, Any], step: int, notes: Mapping[str, str]) -> list[str]:
    """Block lines (without the item's indentation) for a mapping of text, maps, lists of maps."""
    lines: list[str] = []
    for key, value in fields.items():
        note = f"  # {notes[key]}" if key in notes else ""
        if isinstance(value, str):
            lines.append(f"{key}: {scalar_text(value)}{note}")
        elif key == "where" or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            lines.append(f"{key}: {_flow(value)}{note}")
        elif isinstance(value, dict):
            lines += [f"{key}:", *(" " * step + line for line in _lines(value, step, {}))]
        else:
            lines.append(f"{key}:")
            for item in value:
                first, *rest = _lines(item, step, {})
                lines += [" " * step + "- " + first, *(" " * (step + 2) + line for line in rest)]
    return lines


def event_item(
    fields: Mapping[str, Any], dash: int, indent: int, newline: str, notes: Mapping[str, str] = {}
) -> str:
    """One `- id: ...` list item: the dash at column `dash`, keys at column `indent` (0-based).

    `notes` adds a comment after the line of a top-level key, e.g. {"body": "TODO: ..."}.
    """
    first, *rest = _lines(fields, 2, notes)
    head = " " * dash + "-" + " " * (indent - dash - 1) + first
    return "".join(line + newline for line in [head, *(" " * indent + line for line in rest)])


def event_items(
    items: Iterable[Mapping[str, Any]],
    dash: int,
    indent: int,
    newline: str,
    *,
    spaced: bool,
    notes: Mapping[str, str] = {},
) -> str:
    """Several list items, with a blank line between them when `spaced`."""
    parts = [event_item(fields, dash, indent, newline, notes) for fields in items]
    return (newline if spaced else "").join(parts)
