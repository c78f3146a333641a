"""A strict YAML reader: every scalar stays the text it was written as, with its line and column.

PyYAML's `safe_load` guesses types (`no` -> False, `1:30` -> 90, `0755` -> 493, `1.10` -> 1.1),
expands alias bombs and keeps the last of two duplicate keys. We read the event stream instead and
build a small tree of our own, refusing every construct we cannot read faithfully. Typing is left to
the models.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import PlanError, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_PROBLEMS",
    "SOFT",
    "Mapping",
    "Mark",
    "Node",
    "Scalar",
    "Sequence",
    "decode",
    "locate",
    "parse",
    "parse_data",
    "to_data",
    "walk",
]

MAX_BYTES = 1_048_576
MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_PROBLEMS = 50

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# C0 and C1 controls (but tab, LF and CR), line/paragraph separators, bidi overrides and isolates,
# zero-width characters, a BOM that is not the first character, and lone surrogates.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_FORBIDDEN_IN_VALUE = re.compile(_FORBIDDEN.pattern[:-1] + "\r]")

_FLOW_OR_QUOTE = re.compile(r"[\[\]{}'\"]")
_SAY_ONCE = frozenset({"yaml-anchor", "yaml-alias", "yaml-tag"})
# Problems of a value that leave the document's shape whole: the file is still read (and the rest
# of the plan checked with it), so one pass reports them with every other problem.
SOFT = frozenset({"forbidden-character"})
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "quote values that contain ': ', e.g. title: \"SOM1: opening\"",
    ),
    ("cannot start any token", "YAML does not allow tabs for indentation; indent with spaces"),
    ("tab character", "YAML does not allow tabs for indentation; indent with spaces"),
    (
        "found unknown escape character",
        "in double quotes write a backslash as \\\\, or use single quotes",
    ),
)


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file, plus the 0-based character span of the node."""

    line: int
    column: int
    start: int = 0
    end: int = 0


class _Node:
    """A node keeps the parser's own marks and makes a Mark only when one is asked for.

    Building a Mark for each of the 400,000 nodes of a large plan cost more than parsing it.
    """

    __slots__ = ("_end", "_start")

    def __init__(self, start: Any, end: Any = None):
        self._start, self._end = start, end

    @property
    def mark(self) -> Mark:
        start, end = self._start, self._end or self._start
        if isinstance(start, Mark):
            return start
        return Mark(start.line + 1, start.column + 1, start.index, end.index)


class Scalar(_Node):
    __slots__ = ("style", "value")

    def __init__(self, value: str, start: Any, end: Any = None, style: str | None = None):
        self._start, self._end = start, end  # not super().__init__: this runs for every scalar
        self.value = value
        self.style = style  # None for plain, "'" or '"' for quoted, "|" or ">" for blocks


class Mapping(_Node):
    __slots__ = ("flow", "items")

    def __init__(self, start: Any, flow: bool = False):
        super().__init__(start)
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.flow = flow


class Sequence(_Node):
    __slots__ = ("flow", "items")

    def __init__(self, start: Any, flow: bool = False):
        super().__init__(start)
        self.items: list[Node] = []
        self.flow = flow


Node = Scalar | Mapping | Sequence


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character').lower()}"


def decode(data: bytes, filename: str) -> str:
    """Bytes to text: UTF-8 only, size-limited, with the position of the first bad byte."""

    def fail(line: int, column: int, message: str) -> PlanError:
        return PlanError([Problem(filename, line, column, "encoding", message)])

    if len(data) > MAX_BYTES:
        raise fail(1, 1, f"file is larger than {MAX_BYTES} bytes; split it into several files")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:2]):
        raise fail(1, 1, "file is UTF-16; save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start]
        raise fail(
            line, column, f"not valid UTF-8 (byte 0x{bad:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _scan_text(text: str, filename: str) -> list[Problem]:
    """Forbidden characters anywhere, and flow nesting too deep for the parser to be quick."""
    problems = []
    for m in _FORBIDDEN.finditer(text):
        line, column = _position(text, m.start())
        message = f"forbidden invisible/control character {_char_name(m.group())}; delete it"
        problems.append(Problem(filename, line, column, "forbidden-character", message))
        if len(problems) >= MAX_PROBLEMS:
            break
    depth, quote = 0, ""
    for found in _FLOW_OR_QUOTE.finditer(text):
        i, ch = found.start(), found.group()
        if quote:
            if ch == quote and not (quote == '"' and text[i - 1] == "\\"):
                quote = ""
        elif ch in "'\"":
            if i == 0 or text[i - 1] in " \t\n[{,:":
                quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, i)
                message = f"nesting deeper than {MAX_DEPTH} levels; flatten the structure"
                return [*problems, Problem(filename, line, column, "too-deep", message)]
        else:
            depth = max(0, depth - 1)
    return problems


def _plain_scalar(event: Any) -> bool:
    return type(event) is yaml.ScalarEvent and event.anchor is None and event.tag in (None, "!")


class _Builder:
    """Turns the parser's events into a tree, collecting what is not allowed."""

    def __init__(self, filename: str, next_event: Callable[[], Any]):
        self.filename = filename
        self.next_event = next_event
        self.problems: list[Problem] = []
        self.nodes = 0
        self.repeats: dict[str, int] = {}

    def problem(self, mark: Mark, code: str, message: str) -> None:
        if code in _SAY_ONCE and code in self.repeats:
            self.repeats[code] += 1  # an alias bomb repeats one mistake thousands of times
            return
        self.repeats[code] = 0
        self.problems.append(Problem(self.filename, mark.line, mark.column, code, message))

    def fatal(self, mark: Mark, code: str, message: str) -> PlanError:
        problem = Problem(self.filename, mark.line, mark.column, code, message)
        return PlanError([*self.problems, problem])

    def finish(self) -> list[Problem]:
        """The problems, each said-once one noting how often it recurs."""
        out = []
        for p in self.problems[:MAX_PROBLEMS]:
            more = self.repeats.get(p.code, 0) if p.code in _SAY_ONCE else 0
            message = f"{p.message} ({more} more in this file)" if more else p.message
            out.append(Problem(p.file, p.line, p.column, p.code, message))
        return out

    def refuse_extras(self, event: Any) -> None:
        """Anchors and tags: rare, so only checked in full when one is there."""
        mark = _Node(event.start_mark).mark
        if event.anchor is not None:
            message = f"YAML anchor '&{event.anchor}' is not allowed; repeat the value instead"
            self.problem(mark, "yaml-anchor", message)
        if event.tag is not None and event.tag != "!":
            message = f"YAML tag '{event.tag}' is not allowed; remove it (all values are text)"
            self.problem(mark, "yaml-tag", message)

    def node(self, event: Any, depth: int) -> Node:
        kind = type(event)
        if kind is yaml.AliasEvent:
            mark = _Node(event.start_mark).mark
            message = f"YAML alias '*{event.anchor}' is not allowed; repeat the value instead"
            self.problem(mark, "yaml-alias", message)
            return Scalar("", mark)
        if event.anchor is not None or (event.tag is not None and event.tag != "!"):
            self.refuse_extras(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event)
        self.count(event)
        if depth > MAX_DEPTH:
            message = f"nesting deeper than {MAX_DEPTH} levels; flatten the structure"
            raise self.fatal(_Node(event.start_mark).mark, "too-deep", message)
        if kind is yaml.SequenceStartEvent:
            seq = Sequence(event.start_mark, flow=bool(event.flow_style))
            items, next_event = seq.items, self.next_event
            while type(child := next_event()) is not yaml.SequenceEndEvent:
                items.append(self.node(child, depth + 1))
            return seq
        return self.mapping(event, depth)

    def count(self, event: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            message = f"more than {MAX_NODES} YAML nodes; split the file"
            raise self.fatal(_Node(event.start_mark).mark, "too-large", message)

    def scalar(self, event: Any) -> Scalar:
        """A scalar without anchor or tag (the caller checked); the common case, kept lean."""
        self.count(event)
        style = event.style or None
        # Raw forbidden characters were refused in the whole text; only escapes can add more.
        if style == '"' and (bad := _FORBIDDEN_IN_VALUE.search(event.value)):
            message = f"forbidden character {_char_name(bad.group())} in value; delete it"
            self.problem(_Node(event.start_mark).mark, "forbidden-character", message)
        return Scalar(event.value, event.start_mark, event.end_mark, style)

    def mapping(self, event: Any, depth: int) -> Mapping:
        result = Mapping(event.start_mark, flow=bool(event.flow_style))
        items, next_event = result.items, self.next_event
        plain = _plain_scalar
        while type(key_event := next_event()) is not yaml.MappingEndEvent:
            key = self.scalar(key_event) if plain(key_event) else self.node(key_event, depth + 1)
            value_event = next_event()
            value = (
                self.scalar(value_event)
                if plain(value_event)
                else self.node(value_event, depth + 1)
            )
            if type(key) is not Scalar:
                self.problem(
                    key.mark, "yaml-key", "a key must be plain text, not a list or mapping"
                )
            elif key.value == "<<" and key.style is None:
                message = "merge keys (<<) are not allowed; repeat the values instead"
                self.problem(key.mark, "yaml-merge", message)
            elif key.value in items:
                first = items[key.value][0].mark.line
                message = f"duplicate key '{key.value}' (first at line {first}); keep one"
                self.problem(key.mark, "duplicate-key", message)
            else:
                items[key.value] = (key, value)
        return result


def _syntax_problem(exc: yaml.MarkedYAMLError, filename: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            message = f"{message} ({hint})"
    return Problem(filename, line, column, "yaml-syntax", message)


def parse(text: str, filename: str, soft: list[Problem] | None = None) -> Node:
    """Parse one YAML document into a tree of text scalars; raise PlanError for anything else.

    With `soft`, problems of values only (SOFT) are added to it and the tree is returned."""
    problems = _scan_text(text, filename)
    if problems:
        raise PlanError(problems)
    loader = _Loader(text)
    builder = _Builder(filename, loader.get_event)
    root: Node | None = None
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent) and root is not None:
                message = "only one YAML document per file (remove '---')"
                builder.problem(_Node(event.start_mark).mark, "yaml-document", message)
                break
            if isinstance(event, yaml.NodeEvent):
                root = builder.node(event, 1)
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, filename))
    except yaml.YAMLError as exc:
        builder.problems.append(Problem(filename, 1, 1, "yaml-syntax", str(exc)))
    finally:
        loader.dispose()
    if builder.problems:
        found = builder.finish()
        if soft is None or root is None or any(p.code not in SOFT for p in found):
            raise PlanError(found)
        soft.extend(found)
    if root is None:
        raise PlanError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    "empty",
                    "file is empty; add events:, priorities:, chairmanships: or bodies:",
                )
            ]
        )
    return root


class _Irregular(Exception):
    """The fast reader met something it does not handle; the located reader will explain it."""


# The entries whose place the fast reader notes: an item of a top-level list, and an item of a
# list in such an item (a priority's deliverables). Problems are located at entries far more
# often than anywhere else, and the located tree costs several times the fast read.
_ENTRY_DEPTHS = (3, 5)


def _fast_value(
    event: Any,
    next_event: Callable[[], Any],
    depth: int,
    count: list[int],
    path: tuple[str | int, ...] | None = None,
    marks: dict[tuple[str | int, ...], Mark] | None = None,
) -> object:
    kind = type(event)
    if event.anchor is not None or (kind is not yaml.AliasEvent and event.tag not in (None, "!")):
        raise _Irregular
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _Irregular
    if kind is yaml.ScalarEvent:
        if event.style == '"' and _FORBIDDEN_IN_VALUE.search(event.value):
            raise _Irregular
        return event.value
    if depth > MAX_DEPTH or kind is yaml.AliasEvent:
        raise _Irregular
    # The path is followed only as deep as entries go: below them no mark is noted.
    inner = path if marks is not None and depth < _ENTRY_DEPTHS[-1] else None
    if kind is yaml.SequenceStartEvent:
        items: list[object] = []
        while type(child := next_event()) is not yaml.SequenceEndEvent:
            where = None if inner is None else (*inner, len(items))
            items.append(_fast_value(child, next_event, depth + 1, count, where, marks))
        return items
    if marks is not None and path is not None and depth in _ENTRY_DEPTHS:
        start = event.start_mark
        marks[path] = Mark(start.line + 1, start.column + 1, start.index, start.index)
    mapping: dict[str, object] = {}
    while type(key := next_event()) is not yaml.MappingEndEvent:
        if (
            type(key) is not yaml.ScalarEvent
            or key.anchor is not None
            or key.tag not in (None, "!")
        ):
            raise _Irregular
        count[0] += 1
        if key.value in mapping or (key.value == "<<" and not key.style):
            raise _Irregular
        where = None if inner is None else (*inner, key.value)
        mapping[key.value] = _fast_value(next_event(), next_event, depth + 1, count, where, marks)
    return mapping


def parse_data(
    text: str,
    filename: str,
    marks: dict[tuple[str | int, ...], Mark] | None = None,
    soft: list[Problem] | None = None,
) -> object:
    """The document as plain dicts, lists and strings, refusing exactly what `parse` refuses.

    Most files are clean, and building a located tree for them cost more than parsing: this
    reads the events straight into data, and hands anything irregular to `parse`, whose
    PlanError say where it is. `marks`, when given, receives the place of every entry (an item
    of a top-level list, and of a list inside one), as `locate` would give it. `soft` as for
    `parse`: the data of a document whose only problems are SOFT ones, and those problems.
    """
    problems = _scan_text(text, filename)  # the same text checks as `parse`, so both refuse alike
    if problems:
        raise PlanError(problems)
    loader = _Loader(text)
    try:
        events, data = 0, None
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                events += 1
            elif isinstance(event, yaml.NodeEvent) and events == 1:
                data = _fast_value(event, loader.get_event, 1, [0], (), marks)
        if events == 1 and data is not None:
            return data
    except (_Irregular, yaml.YAMLError, RecursionError):
        pass
    finally:
        loader.dispose()
    tree = parse(text, filename, soft)  # raises with the located problems, unless all are soft
    if soft:
        return to_data(tree)
    raise AssertionError("the fast reader refused what the located reader accepts")


def to_data(node: Node) -> object:
    """The tree as plain dicts, lists and strings, for the models to validate."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_data(item) for item in node.items]
    return {key: to_data(value) for key, (_, value) in node.items.items()}


def walk(root: Node, path: tuple[str | int, ...]) -> list[tuple[Scalar | None, Node]]:
    """The (key, node) pairs along `path`, as far as the tree has them; the root comes first."""
    steps: list[tuple[Scalar | None, Node]] = [(None, root)]
    node = root
    for step in path:
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.items:
            key, node = node.items[step]
            steps.append((key, node))
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
            steps.append((None, node))
        else:
            break
    return steps


def locate(root: Node, path: tuple[str | int, ...], *, key: bool = False) -> Mark:
    """The mark of the deepest node along `path` (of its key with `key=True`)."""
    last_key, node = walk(root, path)[-1]
    return last_key.mark if key and last_key is not None else node.mark
