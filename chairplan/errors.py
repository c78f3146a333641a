"""Every error chairplan raises for the user to fix, the problems they carry, and their wording.

Library code raises these and never prints; `cli.py` is the one place that turns them into
messages and exit codes. Each error keeps its data as attributes (the problems, the path, the
unknown name and the names known), so callers and tests read facts, not parsed messages.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

__all__ = [
    "SEVERITIES",
    "Certainty",
    "ChairplanError",
    "EditRefused",
    "FileChanged",
    "Location",
    "PlanError",
    "Problem",
    "Severity",
    "UnknownName",
    "UnsafePath",
    "Waived",
    "char_name",
    "closest",
    "count_line",
    "odd_characters",
    "one_line",
    "unknown_message",
    "unlike",
]

Severity = Literal["error", "warning"]
# Every character str.splitlines breaks a line at, written as an escape.
_ONE_LINE = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in (*range(0x0A, 0x0E), 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)} | {0x0A: "\\n", 0x0D: "\\r"}  # fmt: skip
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
# A planning finding on a fuzzy window: "definite" when every day the window allows hits it,
# "possible" when only some do.
Certainty = Literal["definite", "possible"]


@dataclass(frozen=True, order=True)
class Location:
    """Another entry a problem is about, and where it stands."""

    file: str
    line: int
    column: int
    entry: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: note: {self.entry} is involved"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: where it is, a stable code, a message that names the fix.

    `entry` is the id of the plan entry the problem belongs to, where there is one; it takes no
    part in comparing problems (the same place and message is the same problem). A planning
    finding also has its `certainty`, the `related` entries it involves (each located), and
    `parties`: what else it involves that a waiver's `with:` may name (entry ids, country codes,
    blackout ids, `ramadan`).
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"
    entry: str | None = field(default=None, compare=False)
    certainty: Certainty | None = field(default=None, compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)
    parties: tuple[str, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        # one line a problem, whatever a quoted value holds, so file:line:column readers keep up
        head = one_line(f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}")
        return "\n".join([head, *map(str, self.related)])

    def entries(self) -> tuple[str, ...]:
        """The ids of every entry the problem is about."""
        return tuple(e for e in (self.entry, *(r.entry for r in self.related)) if e)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape: every location, the first being the problem's own."""
        found = asdict(self)
        del found["related"], found["parties"]
        if self.certainty is None:
            del found["certainty"]
        if self.related:
            here = {"file": self.file, "line": self.line, "column": self.column}
            found["locations"] = [{**here, "entry": self.entry}, *map(asdict, self.related)]
        return found


@dataclass(frozen=True)
class Waived:
    """A planning finding an entry waives, and the reason it gives."""

    problem: Problem
    entry: str  # the entry whose waive: covers it
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {**self.problem.as_dict(), "waived_by": self.entry, "reason": self.reason}


def count_line(problems: Sequence[Problem]) -> str:
    """'2 errors and 1 warning found.': the closing line of a list of problems."""
    counts = [
        (n, kind) for kind in SEVERITIES if (n := sum(1 for p in problems if p.severity == kind))
    ]
    words = [f"{n} {kind}{'' if n == 1 else 's'}" for n, kind in counts]
    return f"{' and '.join(words) or 'no problems'} found."


def one_line(text: str) -> str:
    """`text` with every line break written as an escape (`\\n`), as a problem is printed."""
    return text.translate(_ONE_LINE)


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known name nearest to a mistyped one (the same letters in another Unicode form, or
    ignoring case first), or None."""
    names = sorted(set(known))
    for fold in (lambda s: unicodedata.normalize("NFC", s), str.lower):
        for name in names:
            if fold(name) == fold(value):
                return name
    longer = [name for name in names if name.startswith(value)]
    if len(longer) == 1:  # 'cptpp-som2' for 'cptpp-som2-2026', not the nearer 'cptpp-som3-2026'
        return longer[0]
    near = difflib.get_close_matches(value, names, n=1)
    return near[0] if near else None


def char_name(ch: str) -> str:
    """A character made visible: its code point and Unicode name ("U+200B ZERO WIDTH SPACE")."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"


def odd_characters(value: str) -> str:
    """The characters of `value` outside ASCII, by code point and name, to make a look-alike or
    invisible one seen ("U+0440 CYRILLIC SMALL LETTER ER"); empty when it is all ASCII."""
    return ", ".join(char_name(ch) for ch in dict.fromkeys(value) if not ch.isascii())


def _form(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return "NFC (each accented letter one character)"
    if unicodedata.is_normalized("NFD", text):
        return "NFD (letters and their accents apart)"
    return "a mix of NFC and NFD"


def unlike(value: str, other: str) -> str:
    """What tells `value` from a name it may look just like, in words: another Unicode form of the
    same letters ("'Hà Nội.txt' is written in NFD …, 'Hà Nội.txt' in NFC …"), or the characters of
    `value` that `other` lacks, by code point and name. Empty when the two differ visibly."""
    if value == other:
        return ""
    if unicodedata.normalize("NFC", value) == unicodedata.normalize("NFC", other):
        return (
            f"the two are the same letters in other Unicode forms: '{value}' is written in "
            f"{_form(value)}, '{other}' in {_form(other)}"
        )
    odd = [ch for ch in dict.fromkeys(value) if ch not in other and not ch.isascii()]
    odd += [ch for ch in dict.fromkeys(value) if unicodedata.category(ch) in ("Cf", "Cc")]
    if not odd:
        return ""
    return f"'{value}' has {', '.join(char_name(ch) for ch in dict.fromkeys(odd))}"


def unknown_message(
    kind: str, value: str, known: Iterable[str], fallback: str | None = None
) -> str:
    """The one wording of "no such thing": `no body 'cptp' in the plan — did you mean 'cptpp'?`.

    Without a near miss it ends with `fallback`, by default the names known.
    """
    names = sorted(set(known))
    near = closest(value, names)
    if near is not None:
        why = unlike(value, near)
        hint = f"did you mean '{near}'?" + (f" ({why})" if why else "")
    else:
        hint = fallback or f"known: {', '.join(names) or 'none'}"
    return f"no {kind} '{value}' in the plan — {hint}"


class ChairplanError(Exception):
    """Raised by the library for anything the user must fix; never for a bug of ours."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        """What the user reads."""
        return self.message

    def __str__(self) -> str:
        return self.render()


class PlanError(ChairplanError):
    """The plan (its YAML files and the articles they cite) has problems: all of them, sorted,
    after a line saying what could not be done because of them, when there is one."""

    def __init__(self, problems: Iterable[Problem], summary: str | None = None):
        self.problems: list[Problem] = sorted(set(problems))
        self.summary = summary
        super().__init__(count_line(self.problems))

    def render(self) -> str:
        head = [self.summary] if self.summary else []
        return "\n".join([*head, *map(str, self.problems)])


class EditRefused(PlanError):
    """An edit that would leave the plan failing check, or change more than it should."""

    def __init__(self, summary: str, problems: Iterable[Problem] = ()):
        super().__init__(problems, summary)


class UnknownName(ChairplanError):
    """A name (a body, a track, an entry id) that the plan does not have."""

    def __init__(self, kind: str, value: str, known: Iterable[str], fallback: str | None = None):
        self.kind, self.value, self.known = kind, value, tuple(sorted(set(known)))
        super().__init__(unknown_message(kind, value, self.known, fallback))


class UnsafePath(ChairplanError):
    """A path that chairplan refuses to open; the message says why and what to do."""


class FileChanged(ChairplanError):
    """The file on disk is not the one an edit was computed from."""
