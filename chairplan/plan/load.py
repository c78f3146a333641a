"""YAML text -> validated plan, with every problem located at its file, line and column."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import PlanError, Problem, closest, odd_characters
from ..model import UNION_TAGS, Plan, PlanFile, Source, Text, fields, is_model, validate
from ..relative import Derivation
from . import yamltree
from .names import SCHEDULES_FOLDER, is_schedule_name, schedule_names
from .yamltree import Mark, Node

__all__ = [
    "ENTRY_KINDS",
    "ID_HINT",
    "SCHEDULES_FOLDER",
    "LoadedFile",
    "LoadedPlan",
    "LoadedWithProblems",
    "Path_",
    "file_entries",
    "is_schedule_name",
    "load_bytes",
    "load_text",
    "schedule_names",
]

ENTRY_KINDS = ("bodies", "chairmanships", "priorities", "events", "resources", "blackouts")
Path_ = tuple[str | int, ...]
_CODES = {
    "unexpected_keyword_argument": "unknown-key",
    "missing": "missing-key",
    "literal_error": "invalid-choice",
    "string_pattern_mismatch": "invalid-id",
    "list_type": "wrong-type",
    "dataclass_type": "wrong-type",
    "dict_type": "wrong-type",
    "string_type": "wrong-type",
}
ID_HINT = "use lowercase letters, digits and hyphens, at most 64, starting with a letter or digit"


@dataclass(frozen=True)
class LoadedFile:
    name: str
    text: str
    model: PlanFile
    # Where each entry starts, noted by the fast reader, so that locating a problem at an entry
    # (every planning finding) does not parse the file again.
    entry_marks: dict[Path_, Mark] = field(default_factory=dict, compare=False, repr=False)
    # The model as the YAML says it, where resolving derived dates changed it (plan/resolve.py).
    written: PlanFile | None = field(default=None, compare=False, repr=False)

    def as_written(self) -> LoadedFile:
        """This file with the model its YAML says, derived dates unresolved."""
        if self.written is None:
            return self
        return LoadedFile(self.name, self.text, self.written, self.entry_marks)

    @cached_property
    def tree(self) -> Node:
        """The YAML tree, parsed again when a location is first asked for.

        Keeping every file's tree would take more memory than all the rest of a large plan
        (150 MB for 10,000 events); problems, and so locations, are rare.
        """
        return yamltree.parse(self.text, self.name, soft=[])

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        if not key and path in self.entry_marks:
            return self.entry_marks[path]
        return yamltree.locate(self.tree, path, key=key)

    def problem(
        self, path: Path_, code: str, message: str, *, key: bool = False, entry: str | None = None
    ) -> Problem:
        """A problem located at `path` in this file (`entry`: the id of the entry it is about)."""
        mark = self.mark(path, key=key)
        return Problem(self.name, mark.line, mark.column, code, message, entry=entry)


def file_entries(model: PlanFile) -> Iterator[tuple[Path_, Any]]:
    """Every entry with an id in one file, where it stands: bodies, chairmanships, priorities,
    deliverables, events, resources and blackouts."""
    for kind in ENTRY_KINDS:
        for i, entry in enumerate(getattr(model, kind)):
            yield (kind, i), entry
            if kind == "priorities":  # the one kind with entries inside
                for j, item in enumerate(entry.deliverables):
                    yield (kind, i, "deliverables", j), item


@dataclass(frozen=True)
class LoadedPlan:
    """Every schedule file of a plan, each valid on its own, with the YAML it came from (so
    the checks can point at lines)."""

    root: Path
    files: tuple[LoadedFile, ...]
    # How each derived date was resolved, by entry id (empty until plan/resolve.py has run).
    derived: Mapping[str, Derivation] = field(default_factory=dict, compare=False, repr=False)
    # A digest of the folder and of every file's name and bytes, when the plan was read from
    # disk (plan/read.py): what the cache keeps the rules' findings under.
    key: str | None = field(default=None, compare=False, repr=False)
    # Each file's digest, in the order of `files` (empty unless read from disk): of its name and
    # bytes and of how its own derived dates were resolved, so of everything its model holds.
    file_keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @cached_property
    def plan(self) -> Plan:
        models = (f.model for f in self.files)
        keys = tuple(zip(models, self.file_keys, strict=True)) if self.file_keys else ()
        return Plan(tuple((f.name, f.model) for f in self.files), self.derived, read_keys=keys)

    def entries(self) -> Iterator[tuple[LoadedFile, Path_, Any]]:
        """Every entry with an id: bodies, chairmanships, priorities, deliverables, events,
        resources and blackouts."""
        return iter(self._entries)

    @cached_property  # the plan is frozen, and most rules walk every entry: gathered once
    def _entries(self) -> tuple[tuple[LoadedFile, Path_, Any], ...]:
        return tuple((f, path, entry) for f in self.files for path, entry in file_entries(f.model))

    def sources(self) -> Iterator[tuple[LoadedFile, Path_, Any, Source]]:
        """Every source citation in the plan: where it stands, and the entry that cites it."""
        for f, path, entry in self.entries():
            for k, source in enumerate(getattr(entry, "sources", ())):
                yield f, (*path, "sources", k), entry, source
            for j, member in enumerate(getattr(entry, "members", ())):
                for k, source in enumerate(member.sources):
                    yield f, (*path, "members", j, "sources", k), entry, source

    @cached_property
    def by_id(self) -> dict[str, tuple[LoadedFile, Path_, Any]]:
        """Each id's entry and where it stands (the first, when an id is given twice)."""
        found: dict[str, tuple[LoadedFile, Path_, Any]] = {}
        for f, path, entry in self.entries():
            found.setdefault(entry.id, (f, path, entry))
        return found

    def locate(self, entry_id: str) -> tuple[LoadedFile, Path_]:
        f, path, _ = self.by_id[entry_id]
        return f, path


def _model_at(loc: Path_) -> type | None:
    """The model class that validates the mapping at `loc` (to suggest its field names)."""
    cls: type = PlanFile
    for step in loc:
        if isinstance(step, int) or step in UNION_TAGS:
            continue
        field = fields(cls).get(step)
        inner = _inner_model(field.annotation) if field else None
        if inner is None:
            return None
        cls = inner
    return cls


def _inner_model(annotation: object) -> type | None:
    if is_model(annotation):
        return annotation  # type: ignore[return-value]
    if isinstance(annotation, types.UnionType | typing._GenericAlias | types.GenericAlias):  # type: ignore[attr-defined]
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _describe(error: ErrorDetails, tree: Node, name: str) -> Problem:
    loc = tuple(step for step in error["loc"] if step not in UNION_TAGS)
    kind, message = error["type"], error["msg"].removeprefix("Value error, ")
    field = next((str(s) for s in reversed(loc) if isinstance(s, str)), "value")
    if kind == "unexpected_keyword_argument":
        allowed = list(fields(_model_at(loc[:-1]) or PlanFile))
        near = closest(str(loc[-1]), allowed)
        fix = f"did you mean '{near}'?" if near else f"known keys: {', '.join(allowed)}"
        odd = odd_characters(str(loc[-1]))
        shown = f"unknown key '{loc[-1]}'" + (f" (it has {odd})" if odd else "")
        message, mark = f"{shown} — {fix}", yamltree.locate(tree, loc, key=True)
    elif kind == "missing":
        message, mark = (
            f"required key '{field}' is missing; add it",
            yamltree.locate(tree, loc[:-1]),
        )
    else:
        loc = _present(tree, loc)  # a plain title is validated as {en: ...}: point at the title
        field = (
            "item"
            if loc and isinstance(loc[-1], int)
            else next((str(s) for s in reversed(loc) if isinstance(s, str)), "value")
        )
        mark = yamltree.locate(tree, loc)
        if kind == "string_pattern_mismatch":
            value = _value_at(tree, loc) or ""
            odd = odd_characters(value)
            message = f"'{value}' is not a valid id{f' (it has {odd})' if odd else ''}; {ID_HINT}"
        elif kind in (
            "list_type",
            "dataclass_type",
            "dict_type",
            "string_type",
        ):
            wanted = {
                "list_type": "a list (lines starting with '- ', or [a, b])",
                "string_type": "text",
            }
            if _model_at(loc) is Text:
                wanted[kind] = "text, or {en: ..., vi: ...}"
            message = f"expected {wanted.get(kind, 'a mapping of keys and values')}"
            if _value_at(tree, loc) == "":
                message += "; the value is empty: fill it in or remove the key"
        elif kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
            near = closest(_value_at(tree, loc) or "", choices)
            message += f" — did you mean '{near}'?" if near else ""
        elif message.startswith(("is ", "must ")):
            message = f"{field} {message}"
    dotted = ".".join(str(s) for s in loc)
    code = _CODES.get(kind, "invalid-value")
    return Problem(
        name, mark.line, mark.column, code, f"{dotted}: {message}" if dotted else message
    )


def _present(tree: Node, loc: Path_) -> Path_:
    """The longest prefix of `loc` that exists in the YAML."""
    return loc[: len(yamltree.walk(tree, loc)) - 1]


def _value_at(tree: Node, loc: Path_) -> str | None:
    steps = yamltree.walk(tree, loc)
    node = steps[-1][1]
    return node.value if len(steps) == len(loc) + 1 and isinstance(node, yamltree.Scalar) else None


class LoadedWithProblems(PlanError):
    """A file that loaded, and the problems of its values that still make it wrong (yamltree.SOFT):
    the rest of the plan is checked with it, so that one pass reports everything."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        super().__init__(problems)
        self.loaded = loaded


def load_text(text: str, name: str) -> LoadedFile:
    """Parse and validate one file's text; raise PlanError with every problem in it."""
    marks: dict[Path_, Mark] = {}
    soft: list[Problem] = []
    data = yamltree.parse_data(text, name, marks, soft)
    if not isinstance(data, dict):
        tree = yamltree.parse(text, name, soft=[])
        raise PlanError(
            [
                *soft,
                Problem(
                    name,
                    tree.mark.line,
                    tree.mark.column,
                    "top-level",
                    "top level must be a mapping with events:/priorities: (and bodies:, chairmanships:)",
                ),
            ]
        )
    try:
        model = validate(PlanFile, data)
    except ValidationError as exc:
        tree = yamltree.parse(text, name, soft=[])  # the locations, only now that they are needed
        raise PlanError(
            [*soft, *(_describe(e, tree, name) for e in exc.errors(include_input=False))]
        ) from None
    loaded = LoadedFile(name, text, model, marks)
    if soft:
        raise LoadedWithProblems(loaded, soft)
    return loaded


def load_bytes(data: bytes, name: str) -> LoadedFile:
    return load_text(yamltree.decode(data, name), name)
