"""Write tests/fuzz/plan.dict, the libFuzzer dictionary of the plan format, from the models.

    python3 tests/fuzz/make_dict.py           # rewrite plan.dict
    python3 tests/fuzz/make_dict.py --check   # exit 1 if plan.dict is not what this makes now

Every token comes from the code it describes, so the dictionary cannot go stale: the YAML keys are
the fields (by their alias) of every model reachable from PlanFile, the choices every Literal
among their types, the rule codes those of the registry. The written forms of dates, times, gaps
and derived dates are examples, and each is validated here through the model's own type (an
accepted form must be accepted, a refused boundary refused), so a change of the format that
makes one wrong fails `tests/test_fuzz_dict.py` until the list is updated. That test also fails
when plan.dict is not what this script makes now: a new field without its key in the dictionary.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Iterator
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script: import the package from this checkout
    sys.path.insert(0, str(REPO))

from chairplan import model  # noqa: E402
from chairplan.checks.registry import RULES  # noqa: E402
from chairplan.relative import PARTS, UNITS  # noqa: E402

DICT = HERE / "plan.dict"
MAX_TOKEN = 64  # libFuzzer drops a dictionary word longer than this (FixedWord<64>)

# Dates as the plan writes them (chairplan/dates.py parse_window): every accepted form.
ACCEPTED_DATES = (
    "2026-03-10",
    "2026-03-10..2026-03-12",
    "2026-03-10 .. 2026-03-12",
    "2026-03",
    "2026-01..2026-03",
    "2026-Q2",
    "Q2 2026",
    "2026-Q1..2026-Q3",
    "2026-H1",
    "H1 2026",
    "2026-H1..2026-H2",
    "2026",
    "2024..2027",
    "2028-02-29",
    "2000-01-01",
    "2100-12-31",
)
# Boundaries and near misses the plan refuses (with a located message, never a traceback).
REFUSED_DATES = (
    "0001-01-01",
    "9999-12-31",
    "1999-12-31",
    "2101-01-01",
    "2100-12-31..2101-01-01",
    "2026-02-29",
    "2026-02-30",
    "2026-13",
    "2026-00",
    "2026-Q0",
    "2026-Q5",
    "Q5 2026",
    "H3 2026",
    "2026-W10",
    "10/03/2026",
    "2026-3-1",
    "2026-03-12..2026-03-10",
    "2026-Q2..2026-05",
    "20226",
    "2026-03-10T09:00",
)
ACCEPTED_TIMES = ("2026-03-11T09:00", "2026-03-11 23:59", "2028-02-29T00:00")
REFUSED_TIMES = ("2026-03-11T24:00", "2026-03-11T09:60", "2026-03-11T9:00", "2101-01-01T00:00")
ACCEPTED_GAPS = ("1d", "12h", "999d", "0h")
REFUSED_GAPS = ("1w", "1000d", "-1d")
# Derived dates and constraints (chairplan/relative.py); `x` is any entry's id.
ACCEPTED_DERIVED = (
    "x.start",
    "x.end",
    "x.due",
    "x.end + 3d",
    "x.start - 6w",
    "x.start - 10wd",
    "x.end + 2wd in VN",
    "x.start - 1m for 3d",
    "x.start + 2 working days",
    "x.end + 1 week for 2 days",
)
REFUSED_DERIVED = ("x.begin", "x.start -", "x.start + 6y", "x.start + 3d in VN", "x.start for 0d")
ACCEPTED_CONSTRAINTS = (
    "before x",
    "after x.end",
    "at least 8w before x",
    "at most 10wd after x",
    "at least 2wd in VN before x.due",
)
REFUSED_CONSTRAINTS = ("beside x", "at least before x", "after x.middle")
RELATIVE_WORDS = (
    *(f".{part}" for part in PARTS),
    *(f" {unit}" for unit in UNITS),
    " + ",
    " - ",
    " in VN",
    " for ",
    "at least ",
    "at most ",
    "before ",
    "after ",
)
YAML_SYNTAX = (
    ": ",
    "- ",
    "\n",
    "\n  ",
    "\n  - ",
    "\n    ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "{}",
    "[]",
    " #",
    "# ",
    "&a ",
    "*a",
    "!!",
    "!!str ",
    "!!binary ",
    "! ",
    "|",
    ">",
    "|-\n",
    ">-\n",
    "|+\n",
    "---\n",
    "...\n",
    "<<: ",
    "? ",
    "'",
    "''",
    '"',
    '""',
    "\\",
    "\\e",
    "\\u200b",
    "\\x00",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "~",
    "null",
    "true",
    "no",
    "0x1F",
    "0755",
    "1e3",
    ".inf",
    "1:30",
    "\t",
    "\r\n",
    "\r",
)
# Characters a plan must refuse or survive: invisible, bidirectional, decomposed, look-alike,
# and bytes that are not UTF-8.
TRICKY: tuple[str | bytes, ...] = (
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u200e",  # left-to-right mark
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u2028",  # line separator
    "\u2029",
    "\u2060",
    "\ufeff",  # byte order mark
    "\u00a0",  # no-break space
    "\u0085",  # next line (C1)
    "\u00ad",  # soft hyphen
    "\x00",
    "\x1b",
    "\x7f",
    "e\u0301",  # é decomposed (NFD)
    "Vie\u0323\u0302t Nam",  # Việt Nam decomposed
    "Việt Nam",
    "Hà Nội",
    "\u2019",
    "\u201c\u201d",
    "\u2013",
    "\uff1a",  # fullwidth colon
    "\u0430",  # Cyrillic a
    "\U0001f1fb\U0001f1f3",  # flag
    "\U0001f600",
    "\U000e0001",  # language tag
    b"\xed\xa0\x80",  # a surrogate, encoded
    b"\xc0\xaf",  # overlong
    b"\xff",
    b"\xef\xbb\xbf",  # a BOM's bytes
    b"\xff\xfe",  # a UTF-16 BOM
)


def _parts(annotation: object) -> Iterator[object]:
    """`annotation` and every type inside it (Annotated, unions, lists, dicts, Literals)."""
    yield annotation
    for arg in typing.get_args(annotation):
        if typing.get_origin(annotation) is typing.Literal:
            continue
        yield from _parts(arg)
    for meta in getattr(annotation, "__metadata__", ()):
        inner = getattr(meta, "annotation", None)
        if inner is not None:
            yield from _parts(inner)


def models() -> list[type]:
    """Every model a plan file can hold, PlanFile first, in the order they are reached."""
    found: list[type] = []
    todo: list[type] = [model.PlanFile]
    while todo:
        cls = todo.pop(0)
        if cls in found:
            continue
        found.append(cls)
        for info in model.fields(cls).values():
            todo += [t for t in _parts(info.annotation) if model.is_model(t)]  # type: ignore[misc]
    return found


def keys() -> list[str]:
    """Every YAML key the models accept (a field's alias where it has one)."""
    return [key for cls in models() for key in model.fields(cls)]


def choices() -> list[str]:
    """Every value of every Literal among the models' types (statuses, levels, roles, ...)."""
    found: list[str] = []
    for cls in models():
        for info in model.fields(cls).values():
            for part in _parts(info.annotation):
                if typing.get_origin(part) is typing.Literal:
                    found += [str(v) for v in typing.get_args(part)]
    return found


def _accepts(annotation: object, text: str) -> bool:
    try:
        TypeAdapter(annotation).validate_python(text)
    except (ValidationError, ValueError):
        return False
    return True


def verified(forms: tuple[str, ...], refused: tuple[str, ...], annotation: object) -> list[str]:
    """`forms` and `refused`, once the model's type is seen to accept every one of `forms` and
    refuse every one of `refused`: an example of a form the plan no longer has fails here."""
    wrong = [t for t in forms if not _accepts(annotation, t)]
    wrong += [t for t in refused if _accepts(annotation, t)]
    if wrong:
        raise AssertionError(f"the examples {wrong!r} no longer read as make_dict.py says")
    return [*forms, *refused]


def sections() -> list[tuple[str, list[str | bytes]]]:
    gap_field = model.fields(model.Settings)["travel-gap"]
    gap = typing.Annotated[gap_field.annotation, *gap_field.metadata]
    derived = model.DerivedField
    return [
        ("YAML keys of every model (their aliases where they have one)", [f"{k}:" for k in keys()]),
        ("choices of every Literal (statuses, levels, roles, formats, severities, ...)", choices()),  # type: ignore[list-item]
        ("rule codes (settings: rules:, waive: rule:)", [rule.code for rule in RULES]),
        ("reserved body ids", list(model.RESERVED_BODY_IDS)),
        ("dates: accepted forms, then refused boundaries", verified(ACCEPTED_DATES, REFUSED_DATES, model.WindowField)),  # type: ignore[list-item]
        ("times of timed events", verified(ACCEPTED_TIMES, REFUSED_TIMES, model.LocalTime)),  # type: ignore[list-item]
        ("gaps (settings: travel-gap:)", verified(ACCEPTED_GAPS, REFUSED_GAPS, gap)),  # type: ignore[list-item]
        ("derived dates", verified(ACCEPTED_DERIVED, REFUSED_DERIVED, derived)),  # type: ignore[list-item]
        ("constraints", verified(ACCEPTED_CONSTRAINTS, REFUSED_CONSTRAINTS, model.ConstraintField)),  # type: ignore[list-item]
        ("words of derived dates and constraints", list(RELATIVE_WORDS)),
        ("YAML syntax", list(YAML_SYNTAX)),
        ("tricky characters and bytes", list(TRICKY)),
    ]  # fmt: skip


def quoted(token: bytes) -> str:
    """A dictionary entry: the token in double quotes, every byte but printable ASCII as \\xNN."""
    out = []
    for byte in token:
        if byte in (0x22, 0x5C):
            out.append("\\" + chr(byte))
        elif 0x20 <= byte <= 0x7E:
            out.append(chr(byte))
        else:
            out.append(f"\\x{byte:02x}")
    return '"' + "".join(out) + '"'


def render() -> str:
    lines = [
        "# The plan format for libFuzzer's -dict= (tests/fuzz/fuzz_loader.py).",
        "# Made by tests/fuzz/make_dict.py from the models; do not edit: run it again.",
    ]
    seen: set[bytes] = set()
    for title, tokens in sections():
        lines += ["", f"# {title}"]
        for token in tokens:
            data = token if isinstance(token, bytes) else token.encode("utf-8")
            if not data or len(data) > MAX_TOKEN:
                raise AssertionError(f"{token!r}: a dictionary word has 1 to {MAX_TOKEN} bytes")
            if data not in seen:
                seen.add(data)
                lines.append(quoted(data))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        same = DICT.exists() and DICT.read_text(encoding="ascii") == text
        if not same:
            print(f"{DICT} is stale: run python3 tests/fuzz/make_dict.py", file=sys.stderr)
        return 0 if same else 1
    DICT.write_text(text, encoding="ascii")
    print(f"wrote {DICT} ({text.count(chr(10) + chr(34))} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
