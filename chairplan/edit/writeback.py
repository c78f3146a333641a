"""The one way chairplan edits a schedule file: splice, re-check with the whole plan, write safely.

An edit splices new text into the file's original text at the character positions the reader
recorded (so comments, blank lines, key order, quoting, CRLF and a BOM elsewhere stay as they
were), then re-reads the result and refuses to write unless it passes check and differs from the
old file only where intended. Writes happen under the edit lock (disk/edit_lock.py), atomically,
and only if the file still holds the bytes the edit was computed from.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..checks.pipeline import Checked, passing, run_rules, scope_of
from ..checks.rule import Subject
from ..disk.edit_lock import edit_lock
from ..disk.files import digest, read_inside, write_atomic
from ..errors import ChairplanError, EditRefused, FileChanged, PlanError, UnsafePath
from ..plan import yamltree
from ..plan.load import SCHEDULES_FOLDER, LoadedFile, LoadedPlan, Path_, load_bytes
from ..plan.resolve import resolve
from .yaml_emit import event_items

__all__ = [
    "BOM",
    "Edit",
    "Original",
    "commit",
    "line_after",
    "node_at",
    "node_end",
    "prepare_append",
    "read_original",
    "verify",
]

BOM = b"\xef\xbb\xbf"
E = TypeVar("E", bound="Edit | None")


@dataclass(frozen=True)
class Edit:
    """New bytes for one file, the digest of the bytes they were computed from, and what changed."""

    path: Path
    read_digest: str
    after: bytes
    line: int  # of the changed (or first added) entry, in the edited file
    message: str = ""


@dataclass(frozen=True)
class Original:
    """One schedule file as read for an edit (`file` is None for one that does not exist yet)."""

    name: str
    data: bytes
    file: LoadedFile | None

    @property
    def text(self) -> str:
        return yamltree.decode(self.data, self.name)

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    @property
    def digest(self) -> str:
        return digest(self.data if self.file is not None else None)

    def encode(self, text: str) -> bytes:
        return (BOM if self.data.startswith(BOM) else b"") + text.encode("utf-8")


def commit(root: Path, prepare: Callable[[Checked], E]) -> E:
    """Check the plan, compute an edit from it and write it, all under the edit lock.

    A plan that already has problems is refused before any edit, with the problems where they are
    now (an edit cannot be verified against a plan that does not pass check).
    """
    with edit_lock(root):
        edit = prepare(passing(root, planning=False))
        if edit is not None:
            folder = (root / SCHEDULES_FOLDER).resolve()
            if not edit.path.parent.exists() and edit.path.resolve().is_relative_to(folder):
                try:  # a new schedule in a new subfolder: made only now, once the edit passed
                    edit.path.parent.mkdir(parents=True)
                except OSError as exc:
                    raise ChairplanError(
                        f"cannot make {edit.path.parent}: {exc.strerror}"
                    ) from None
            write_atomic(edit.path, edit.after, unchanged_since=edit.read_digest)
    return edit


def read_original(loaded: LoadedPlan, name: str) -> Original:
    """The bytes of schedule `name` now, refusing if they are not what the plan was read from."""
    known = next((f for f in loaded.files if f.name == name), None)
    folder = loaded.root / SCHEDULES_FOLDER
    rel = name.removeprefix(f"{SCHEDULES_FOLDER}/")
    if known is None:
        if (folder / rel).exists() or (folder / rel).is_symlink():
            raise ChairplanError(
                f"{name} is not one of the plan's schedules (hidden or unreadable); "
                "choose another file name"
            )
        return Original(name, b"", None)
    try:
        data = read_inside(folder, rel, limit=yamltree.MAX_BYTES, folder=SCHEDULES_FOLDER)
        fresh = load_bytes(data, name)
    except (UnsafePath, PlanError):
        fresh = None
    if fresh is None or fresh.model != known.as_written().model:
        raise FileChanged(f"{name} changed since it was read; run again")
    return Original(name, data, fresh)


def verify(checked: Checked, original: Original, after: bytes, expected: object) -> LoadedFile:
    """The edited file, if it reads back to `expected` and the whole plan still passes check."""
    note = "nothing was written; line numbers are those the file would have after the edit"
    try:
        edited = load_bytes(after, original.name)
    except PlanError as exc:
        raise EditRefused(
            f"refused: the edit would make {original.name} invalid ({note})", exc.problems
        ) from None
    if yamltree.to_data(edited.tree) != expected:
        raise EditRefused(
            f"refused: the edit would change more of {original.name} than intended; "
            "nothing was written"
        )
    others = [f for f in checked.loaded.files if f.name != original.name]
    files = tuple(sorted([*others, edited], key=lambda f: f.name))
    loaded, problems = resolve(checked.loaded.root, files)
    if not problems:
        # An edit records a fact; the planning findings it leads to are for check to report.
        subject = Subject(loaded, checked.library)
        problems = [p for p in run_rules(subject) if scope_of(p) != "planning"]
    if any(p.severity == "error" for p in problems):
        raise EditRefused(
            f"refused: after the edit the plan would not pass check ({note})", problems
        )
    return edited


def node_at(tree: yamltree.Node, path: Path_) -> yamltree.Node:
    """The node at a path of keys and indexes."""
    for step in path:
        if isinstance(tree, yamltree.Mapping) and isinstance(step, str):
            tree = tree.items[step][1]
        elif isinstance(tree, yamltree.Sequence) and isinstance(step, int):
            tree = tree.items[step]
    return tree


def node_end(text: str, node: yamltree.Node) -> int:
    """The index just past a node's last character (past the bracket of a flow collection)."""
    if isinstance(node, yamltree.Scalar):
        return node.mark.end
    children = (
        [v for k, v in node.items.values()] if isinstance(node, yamltree.Mapping) else node.items
    )
    last = max((node_end(text, child) for child in children), default=node.mark.start)
    if node.flow:
        last = text.index("}" if isinstance(node, yamltree.Mapping) else "]", last) + 1
    return last


def line_after(text: str, index: int, newline: str) -> tuple[int, str]:
    """Where the line holding `index` ends, and the line break to add if the file lacks one."""
    if index and text[index - 1] == "\n":
        return index, ""
    eol = text.find("\n", index)
    return (eol + 1, "") if eol >= 0 else (len(text), newline)


# --- appending events -----------------------------------------------------------------------------


def _dash(text: str, item: yamltree.Node) -> tuple[int, int]:
    """Where the line of a block list item starts, and where its dash is."""
    dash = text.rfind("-", 0, item.mark.start)
    return text.rfind("\n", 0, dash) + 1, dash


def _spaced(text: str, items: list[yamltree.Node]) -> bool:
    """Whether the list keeps a blank line between items (yes when it has too few to tell)."""
    if len(items) < 2:
        return True
    after_previous, _ = line_after(text, node_end(text, items[-2]), "\n")
    between = text[after_previous : _dash(text, items[-1])[0]]
    return any(not line.strip() for line in between.splitlines())


def _new_section(text: str, nl: str, key: str, items: list[dict[str, Any]]) -> str:
    lead = "" if not text else (nl if text.endswith("\n") else nl + nl)
    return text + lead + f"{key}:" + nl + event_items(items, 2, 4, nl, spaced=True)


def _fill_empty(text: str, nl: str, key: yamltree.Scalar, seq: yamltree.Node, items: Any) -> str:
    """`events: []` becomes `events:` with the items below it (a comment after `[]` stays)."""
    start, end = seq.mark.start, node_end(text, seq)
    before = text[:start].rstrip(" ") if text[end : end + 1] in ("", "\r", "\n") else text[:start]
    text = before + text[end:]
    at, missing_break = line_after(text, len(before), nl)
    dash = key.mark.column + 1
    return (
        text[:at] + missing_break + event_items(items, dash, dash + 2, nl, spaced=True) + text[at:]
    )


def _new_key(original: Original, parent: yamltree.Mapping, key: str, items: Any) -> str:
    """A list `key:` added at the end of a block mapping (a priority's first deliverables)."""
    text, nl = original.text, original.newline
    if parent.flow:
        raise EditRefused(
            f"refused: the entry in {original.name} is written on one line ({{...}}); rewrite it "
            f"as a block to add {key}: to it"
        )
    first_key = next(iter(parent.items.values()))[0]
    indent = first_key.mark.column - 1
    last = max(node_end(text, v) for _, v in parent.items.values())
    at, missing_break = line_after(text, last, nl)
    lines = (
        " " * indent + f"{key}:" + nl + event_items(items, indent + 2, indent + 4, nl, spaced=False)
    )
    return text[:at] + missing_break + lines + text[at:]


def _list_text(
    original: Original, parent: yamltree.Node | None, key: str, items: list[dict[str, Any]]
) -> str:
    """The file's text with `items` appended to the list `key` of `parent` (the file's top
    mapping for events), in the indentation and spacing of the items there."""
    text, nl = original.text, original.newline
    if not isinstance(parent, yamltree.Mapping):
        return _new_section(text, nl, key, items)
    if key not in parent.items:
        if parent is (original.file and original.file.tree):
            return _new_section(text, nl, key, items)
        return _new_key(original, parent, key, items)
    key_node, seq = parent.items[key]
    if isinstance(seq, yamltree.Sequence) and seq.flow and not seq.items:
        return _fill_empty(text, nl, key_node, seq, items)
    if not isinstance(seq, yamltree.Sequence) or seq.flow:
        raise EditRefused(
            f"refused: {key}: in {original.name} is a flow list ([...]); rewrite it as a block "
            "list of '- id: ...' items to append to it, or choose another file"
        )
    last = seq.items[-1]
    line_start, dash = _dash(text, last)
    at, missing_break = line_after(text, node_end(text, last), nl)
    spaced = _spaced(text, seq.items)
    lead = nl if spaced and not (text[:at] + missing_break).endswith(nl + nl) else ""
    new = event_items(items, dash - line_start, last.mark.column - 1, nl, spaced=spaced)
    return text[:at] + missing_break + lead + new + text[at:]


def prepare_append(
    checked: Checked,
    name: str,
    items: list[dict[str, Any]],
    at: Path_ = (),
    key: str = "events",
) -> Edit:
    """The edit that appends `items` to the list `key` at `at` in schedule `name` (by default its
    `events:`, made if missing; `at=("priorities", 2), key="deliverables"` for a priority's).

    The new items take the indentation and spacing of the items there; `items` are plain data,
    the keys in the order they are to be written.
    """
    original = read_original(checked.loaded, name)
    tree = original.file.tree if original.file else None
    parent = node_at(tree, at) if tree is not None else None
    after = original.encode(_list_text(original, parent, key, items))
    before = yamltree.to_data(tree) if tree is not None else {}
    assert isinstance(before, dict)
    expected: Any = copy.deepcopy(before)
    target = expected
    for step in at:
        target = target[step]
    listed = [*target.get(key, []), *items]
    target[key] = listed
    edited = verify(checked, original, after, expected)
    line = edited.mark((*at, key, len(listed) - len(items))).line
    return Edit(checked.loaded.root / name, original.digest, after, line)
