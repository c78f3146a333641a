"""A strict YAML reader: every scalar stays the text it was written as, with its line and column.

PyYAML's `safe_load` guesses types (`no` -> False, `1:30` -> 90, `0755` -> 493, `1.10` -> 1.1),
expands alias bombs and keeps the last of two duplicate keys. We read the event stream instead and
build a small tree of our own, refusing every construct we cannot read faithfully. Typing is left to
the models.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

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

_SAY_ONCE = frozenset({"yaml-anchor", "yaml-alias", "yaml-tag"})
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


@dataclass
class Scalar:
    value: str
    mark: Mark
    style: str | None = None  # None for plain, "'" or '"' for quoted, "|" or ">" for blocks


@dataclass
class Mapping:
    mark: Mark
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    flow: bool = False


@dataclass
class Sequence:
    mark: Mark
    items: list[Node] = field(default_factory=list)
    flow: bool = False


Node = Scalar | Mapping | Sequence


class YamlProblems(Exception):
    """The file cannot be read faithfully; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _mark(m: Any, end: Any = None) -> Mark:
    """A 1-based Mark from a parser mark (pure-Python or libyaml, whose types differ)."""
    return Mark(m.line + 1, m.column + 1, m.index, (end or m).index)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character').lower()}"


def decode(data: bytes, filename: str) -> str:
    """Bytes to text: UTF-8 only, size-limited, with the position of the first bad byte."""

    def fail(line: int, column: int, message: str) -> YamlProblems:
        return YamlProblems([Problem(filename, line, column, "encoding", message)])

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
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and not (quote == '"' and text[i - 1] == "\\"):
                quote = ""
        elif ch in "'\"" and (i == 0 or text[i - 1] in " \t\n[{,:"):
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, i)
                message = f"nesting deeper than {MAX_DEPTH} levels; flatten the structure"
                return [*problems, Problem(filename, line, column, "too-deep", message)]
        elif ch in "]}":
            depth = max(0, depth - 1)
    return problems


class _Builder:
    """Turns the parser's events into a tree, collecting what is not allowed."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        self.nodes = 0
        self.repeats: dict[str, int] = {}

    def problem(self, mark: Mark, code: str, message: str) -> None:
        if code in _SAY_ONCE and code in self.repeats:
            self.repeats[code] += 1  # an alias bomb repeats one mistake thousands of times
            return
        self.repeats[code] = 0
        self.problems.append(Problem(self.filename, mark.line, mark.column, code, message))

    def finish(self) -> list[Problem]:
        """The problems, each said-once one noting how often it recurs."""
        out = []
        for p in self.problems[:MAX_PROBLEMS]:
            more = self.repeats.get(p.code, 0) if p.code in _SAY_ONCE else 0
            out.append(
                Problem(p.file, p.line, p.column, p.code, f"{p.message} ({more} more in this file)")
                if more
                else p
            )
        return out

    def check_node_event(self, event: yaml.NodeEvent) -> None:
        mark = _mark(event.start_mark)
        if event.anchor is not None:
            self.problem(
                mark,
                "yaml-anchor",
                f"YAML anchor '&{event.anchor}' is not allowed; repeat the value instead",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.problem(
                mark,
                "yaml-tag",
                f"YAML tag '{tag}' is not allowed; remove it (all values are text)",
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlProblems(
                [
                    *self.problems,
                    Problem(
                        self.filename,
                        mark.line,
                        mark.column,
                        "too-large",
                        f"more than {MAX_NODES} YAML nodes; split the file",
                    ),
                ]
            )

    def node(self, event: yaml.Event, events: Iterator[yaml.Event], depth: int) -> Node:
        if isinstance(event, yaml.AliasEvent):
            mark = _mark(event.start_mark)
            self.problem(
                mark,
                "yaml-alias",
                f"YAML alias '*{event.anchor}' is not allowed; repeat the value instead",
            )
            return Scalar("", mark)
        assert isinstance(event, yaml.NodeEvent)
        self.check_node_event(event)
        if depth > MAX_DEPTH:
            mark = _mark(event.start_mark)
            raise YamlProblems(
                [
                    *self.problems,
                    Problem(
                        self.filename,
                        mark.line,
                        mark.column,
                        "too-deep",
                        f"nesting deeper than {MAX_DEPTH} levels; flatten the structure",
                    ),
                ]
            )
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            seq = Sequence(_mark(event.start_mark), flow=bool(event.flow_style))
            while not isinstance(child := next(events), yaml.SequenceEndEvent):
                seq.items.append(self.node(child, events, depth + 1))
            return seq
        assert isinstance(event, yaml.MappingStartEvent)
        return self.mapping(event, events, depth)

    def scalar(self, event: yaml.ScalarEvent) -> Scalar:
        mark = _mark(event.start_mark, event.end_mark)
        bad = _FORBIDDEN_IN_VALUE.search(event.value)
        if bad:
            self.problem(
                mark,
                "forbidden-character",
                f"forbidden character {_char_name(bad.group())} in value; delete it",
            )
        return Scalar(event.value, mark, event.style or None)

    def mapping(
        self, event: yaml.MappingStartEvent, events: Iterator[yaml.Event], depth: int
    ) -> Mapping:
        result = Mapping(_mark(event.start_mark), flow=bool(event.flow_style))
        while True:
            key_event = next(events)
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            key = self.node(key_event, events, depth + 1)
            value = self.node(next(events), events, depth + 1)
            if not isinstance(key, Scalar):
                self.problem(
                    key.mark, "yaml-key", "a key must be plain text, not a list or mapping"
                )
                continue
            if key.value == "<<" and key.style is None:
                self.problem(
                    key.mark,
                    "yaml-merge",
                    "merge keys (<<) are not allowed; repeat the values instead",
                )
                continue
            if key.value in result.items:
                first = result.items[key.value][0].mark.line
                self.problem(
                    key.mark,
                    "duplicate-key",
                    f"duplicate key '{key.value}' (first at line {first}); keep one",
                )
                continue
            result.items[key.value] = (key, value)


def _syntax_problem(exc: yaml.MarkedYAMLError, filename: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            message = f"{message} ({hint})"
    return Problem(filename, line, column, "yaml-syntax", message)


def parse(text: str, filename: str) -> Node:
    """Parse one YAML document into a tree of text scalars; raise YamlProblems for anything else."""
    problems = _scan_text(text, filename)
    if problems:
        raise YamlProblems(problems)
    builder = _Builder(filename)
    root: Node | None = None
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent) and root is not None:
                builder.problem(
                    _mark(event.start_mark),
                    "yaml-document",
                    "only one YAML document per file (remove '---')",
                )
                break
            if isinstance(event, yaml.NodeEvent):
                root = builder.node(event, events, 1)
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, filename))
    except yaml.YAMLError as exc:
        builder.problems.append(Problem(filename, 1, 1, "yaml-syntax", str(exc)))
    if builder.problems:
        raise YamlProblems(builder.finish())
    if root is None:
        raise YamlProblems(
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
