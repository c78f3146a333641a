"""date-disagrees: the dates an article gives at a quote agree with the plan's date for the entry.

A mention agrees when it names the plan's window exactly, or a single day, month, quarter, half or
year inside it ("opened on Wednesday" agrees with a 10–13 March meeting; "March 11 to 13" does not,
since a range states the whole span). A mention broader than the plan ("2026" for a 2026-Q2 event)
does not support the finer date: it is accepted only when another source of the same entry gives an
agreeing date. Mentions that are part of a name ("ASEAN Vision 2045") do not count, and a quote with
no date mention in it or in its sentence says nothing about the date.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..dates import Window, parse_window
from ..errors import Problem, UnsafePath
from ..plan.load import LoadedFile, Path_
from ..sources.articles import Library, mentions_near_quote
from ..sources.mentions import Mention
from .rule import Rule, Subject

__all__ = ["CODE", "DATE_FIELDS", "RULE", "agrees", "entry_window", "find", "mention_window"]

CODE = "date-disagrees"

# The field that holds the date of each kind of entry.
DATE_FIELDS = {
    "events": "when",
    "deliverables": "due",
    "chairmanships": "years",
    "blackouts": "when",
}


def mention_window(mention: Mention) -> Window | None:
    return _value_window(mention.value)


@lru_cache(maxsize=4096)
def _value_window(value: str) -> Window | None:
    """Parsed once per value: thousands of mentions share a few hundred values."""
    try:
        return parse_window(value.replace("/", ".."))
    except ValueError:
        return None


def agrees(said: Window, planned: Window) -> bool:
    """True when the article's date equals the plan's, or is one point inside it."""
    same = (said.start, said.end) == (planned.start, planned.end)
    return same or (not said.is_range and planned.contains(said))


def _broader(said: Window, planned: Window) -> bool:
    """A coarser date around the plan's: true, but it does not support the finer date."""
    return said.contains(planned) and not (said.is_range and planned.is_range)


def entry_window(path: Path_, entry: Any) -> tuple[str, Window] | None:
    """The entry's date field and window, for events, deliverables and chairmanships."""
    field = DATE_FIELDS.get(str(path[-2]))
    if field is None:
        return None
    window = {
        "when": lambda: entry.window,
        "due": lambda: entry.deadline,
        "years": lambda: entry.years,
    }[field]()
    return (field, window) if window is not None else None


def find(subject: Subject) -> Iterator[Problem]:
    subject.library.scan(source for _, _, _, source in subject.loaded.sources())
    for f, path, entry in subject.loaded.entries():
        dated = entry_window(path, entry)
        if dated is not None:
            yield from _entry_problems(subject.library, f, path, entry, *dated)


def _entry_problems(
    library: Library,
    f: LoadedFile,
    path: Path_,
    entry: Any,
    field: str,
    planned: Window,
) -> Iterator[Problem]:
    supported = False
    broader: list[tuple[int, Mention, Window]] = []
    disagreeing: list[tuple[int, Mention, Window]] = []
    for k, source in enumerate(entry.sources):
        if field not in source.supports:
            continue
        try:
            article = library.cited(source)
        except UnsafePath:
            continue  # the bad-source rule reports it
        said = [
            (m, w)
            for m in mentions_near_quote(article, source.quote)
            if (w := mention_window(m)) is not None
        ]
        if not said or any(agrees(w, planned) for _, w in said):
            supported = supported or bool(said)
            continue
        wrong = [(m, w) for m, w in said if not _broader(w, planned)]
        (disagreeing if wrong else broader).append((k, *(wrong or said)[0]))
    if not disagreeing and (supported or not broader):
        return  # the common case: no location needed, so no YAML tree is parsed again
    mark = f.mark((*path, field))
    plan_side = (
        f"{'.'.join(map(str, (*path, field)))} is {planned} ({f.name}:{mark.line}:{mark.column})"
    )
    for k, m, w in disagreeing:
        where = (*path, "sources", k)
        yield f.problem(
            where,
            CODE,
            f"{'.'.join(map(str, where))}: the article says '{m.text}' ({w}) but {plan_side}; "
            "correct the plan's date, or quote the words that give it",
            entry=entry.id,
        )
    for k, m, w in [] if supported else broader:
        where = (*path, "sources", k)
        yield f.problem(
            where,
            CODE,
            f"{'.'.join(map(str, where))}: the article says only '{m.text}' ({w}) but {plan_side}; "
            f"cite a source that gives the finer date, widen {field} to {w}, or take "
            f"'{field}' out of this source's supports",
            entry=entry.id,
        )


RULE = Rule(
    CODE,
    "The dates an article gives at a quote agree with the entry's date.",
    find,
    scope="citations",
    recogniser=True,
    local=True,
)
