"""New YAML text for the edit commands: scalars plain when that reads back the same, else quoted."""

from __future__ import annotations

import json
from typing import Any

import yaml

from . import yamltree


def _reads_back(value: str, flow: bool) -> bool:
    document = f"k: {{a: {value}}}" if flow else f"k: {value}"
    expected: object = {"k": {"a": value}} if flow else {"k": value}
    try:
        return yamltree.to_data(yamltree.parse(document, "-")) == expected
    except yamltree.YamlProblems:
        return False


def _typed_elsewhere(value: str) -> bool:
    """True for text other YAML readers would turn into a number, boolean or null (2027, yes, ~)."""
    try:
        loaded = yaml.safe_load(value)
    except yaml.YAMLError:
        return True
    return loaded is None or isinstance(loaded, bool | int | float)


def scalar_text(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar: plain if it reads back unchanged everywhere, else double-quoted."""
    if value and _reads_back(value, flow) and not _typed_elsewhere(value):
        return value
    return json.dumps(
        value, ensure_ascii=False
    )  # a JSON string is a valid double-quoted YAML scalar


def _lines(fields: dict[str, Any], step: int) -> list[str]:
    """Block lines (without the item's indentation) for a mapping of text, maps, lists of maps."""
    lines: list[str] = []
    for key, value in fields.items():
        if isinstance(value, str):
            lines.append(f"{key}: {scalar_text(value)}")
        elif isinstance(value, dict) and key == "where":
            pairs = ", ".join(f"{k}: {scalar_text(v, flow=True)}" for k, v in value.items())
            lines.append(f"{key}: {{{pairs}}}")
        elif isinstance(value, dict):
            lines += [f"{key}:", *(" " * step + line for line in _lines(value, step))]
        else:
            lines.append(f"{key}:")
            for item in value:
                first, *rest = _lines(item, step)
                lines += [" " * step + "- " + first, *(" " * (step + 2) + line for line in rest)]
    return lines


def event_item(fields: dict[str, Any], dash: int, indent: int, newline: str) -> str:
    """One `- id: ...` list item: the dash at column `dash`, keys at column `indent` (0-based)."""
    first, *rest = _lines(fields, 2)
    head = " " * dash + "-" + " " * (indent - dash - 1) + first
    return "".join(line + newline for line in [head, *(" " * indent + line for line in rest)])
