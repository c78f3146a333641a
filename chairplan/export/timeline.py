"""The timeline's geometry: lanes, month axis, bars and labels, as plain numbers for the SVG template.

Pure: items and the day of the build go in, coordinates come out; nothing here knows HTML.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace

__all__ = [
    "AXIS_HEIGHT",
    "BAR_HEIGHT",
    "CHAR_WIDTH",
    "GEOMETRY",
    "LABEL_GAP",
    "LABEL_WIDTH",
    "LANE_LABEL",
    "LANE_PAD",
    "MAX_LABEL",
    "MIN_BAR",
    "MONTH_WIDTH",
    "ROW_HEIGHT",
    "WHOLE_PLAN_LIMIT",
    "Bar",
    "Item",
    "Lane",
    "Tick",
    "Timeline",
    "clip",
    "default_span",
    "distinct_labels",
    "layout",
    "month_span",
    "pack",
    "place_bar",
    "short_label",
    "ticks",
    "x_of",
]

LABEL_WIDTH = 132  # the column of lane names on the left
MONTH_WIDTH = 36
AXIS_HEIGHT = 46  # year row and month row
ROW_HEIGHT = 26
LANE_PAD = 10  # above and below the rows of a lane
BAR_HEIGHT = 14
MIN_BAR = 5  # a one-day event is still visible
CHAR_WIDTH = 6.3  # average advance of the 11px label font, to keep labels from overlapping
LABEL_GAP = 5
MAX_LABEL = 46  # characters; the whole title is in the bar's tooltip
LANE_LABEL = int((LABEL_WIDTH - 16) / CHAR_WIDTH)  # characters of a lane's name in its column
# What app.js needs to draw the other views exactly as layout() draws the first.
GEOMETRY = ("LABEL_WIDTH", "MONTH_WIDTH", "AXIS_HEIGHT", "ROW_HEIGHT", "LANE_PAD", "BAR_HEIGHT",
            "MIN_BAR", "CHAR_WIDTH", "LABEL_GAP")  # fmt: skip
WHOLE_PLAN_LIMIT = 1000  # events; a larger plan opens on one year, so the page stays light


@dataclass(frozen=True)
class Item:
    """One event to draw: which lane, which days (inclusive), whether its date is firm, and its
    label as drawn (shortened already: see distinct_labels)."""

    id: str
    lane: str
    start: dt.date
    end: dt.date
    firm: bool
    label: str


@dataclass(frozen=True)
class Lane:
    key: str
    title: str
    body: str
    y: float  # top, in the full (unfiltered) chart
    height: float


@dataclass(frozen=True)
class Bar:
    item: Item
    lane: str
    x: float
    y: float  # relative to the lane's top
    width: float
    text: str
    text_x: float
    text_anchor: str  # start or end
    inside: bool  # the label sits inside the bar


@dataclass(frozen=True)
class Tick:
    """A month on the axis: its left edge, width, and 1-based month number and year."""

    x: float
    width: float
    month: int
    year: int


@dataclass(frozen=True)
class Timeline:
    first: dt.date  # the first day of the first month on the axis
    width: float
    height: float
    axis_height: float
    ticks: tuple[Tick, ...]
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    today_x: float | None


def month_span(items: Sequence[Item], fallback: dt.date) -> tuple[dt.date, int]:
    """The first month shown and how many months: every item, whole months; else `fallback`'s year."""
    if not items:
        return dt.date(fallback.year, 1, 1), 12
    first = min(i.start for i in items)
    last = max(i.end for i in items)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return dt.date(first.year, first.month, 1), count


def x_of(day: dt.date, first: dt.date) -> float:
    """The x of the start of `day` on an axis whose first month begins at `first`."""
    months = (day.year - first.year) * 12 + day.month - first.month
    days = calendar.monthrange(day.year, day.month)[1]
    return round(LABEL_WIDTH + (months + (day.day - 1) / days) * MONTH_WIDTH, 1)


def ticks(first: dt.date, count: int) -> tuple[Tick, ...]:
    return tuple(
        Tick(
            LABEL_WIDTH + k * MONTH_WIDTH,
            MONTH_WIDTH,
            (first.month - 1 + k) % 12 + 1,
            first.year + (first.month - 1 + k) // 12,
        )
        for k in range(count)
    )


def default_span(items: Sequence[Item], as_of: dt.date) -> tuple[dt.date, int]:
    """What the page opens on: the whole plan, or for a plan of more than WHOLE_PLAN_LIMIT events
    the year of `as_of` (the nearest year of the plan when `as_of` falls outside it)."""
    first, count = month_span(items, as_of)
    if len(items) <= WHOLE_PLAN_LIMIT:
        return first, count
    last_year = first.year + (first.month - 1 + count - 1) // 12
    return dt.date(min(max(as_of.year, first.year), last_year), 1, 1), 12


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shared_words(titles: Sequence[str]) -> int:
    """How many leading words every one of `titles` shares."""
    split = [t.split(" ") for t in titles]
    count = 0
    while all(len(w) > count + 1 and w[count] == split[0][count] for w in split):
        count += 1
    return count


def distinct_labels(titles: Sequence[str]) -> list[str]:
    """Each title shortened to MAX_LABEL, no two alike unless the titles are: titles that shorten
    alike keep as many first words as leave room for what tells them apart ("Việt Nam Senior
    Officials' … 296)", "Bilateral … Japan's State…");
    titles still alike are numbered in the order given ("SOM (2)")."""
    labels = [short_label(t) for t in titles]
    for members in _alike(labels):
        shared = _shared_words([titles[k] for k in members])
        if shared:
            for k in members:
                words = titles[k].split(" ")
                labels[k] = short_label(_head(words[:shared], " ".join(words[shared:])))
    taken = set(labels)
    for members in _alike(labels):
        for n, k in enumerate(members[1:], 2):
            while True:
                suffix = f" ({n})"
                candidate = short_label(labels[k], MAX_LABEL - len(suffix)) + suffix
                if candidate not in taken:
                    break
                n += 1
            labels[k] = candidate
            taken.add(candidate)
    return labels


def _head(shared: Sequence[str], tail: str) -> str:
    """As many of the shared first words as leave room for `tail`, the part that differs."""
    room = MAX_LABEL - len(tail) - 3  # " … "
    head = [shared[0]]
    for word in shared[1:]:
        if len(" ".join([*head, word])) > room:
            break
        head.append(word)
    return " ".join(head) + (" … " if len(head) < len(shared) else " ") + tail


def _alike(labels: Sequence[str]) -> list[list[int]]:
    """The positions of labels that occur more than once, grouped by label, in order."""
    where: dict[str, list[int]] = {}
    for k, label in enumerate(labels):
        where.setdefault(label, []).append(k)
    return [members for members in where.values() if len(members) > 1]


def place_bar(item: Item, first: dt.date, chart_end: float) -> tuple[Bar, float, float]:
    """The bar, its label placed inside, right of it, or left of it; and the extent both occupy."""
    x = x_of(item.start, first)
    width = max(MIN_BAR, x_of(item.end + dt.timedelta(days=1), first) - x)
    text = item.label
    text_width = len(text) * CHAR_WIDTH
    if text_width + 2 * LABEL_GAP <= width:
        bar = Bar(item, "", x, 0, width, text, x + LABEL_GAP, "start", True)
        return bar, x, x + width
    if x + width + LABEL_GAP + text_width <= chart_end:
        right = x + width + LABEL_GAP
        return Bar(item, "", x, 0, width, text, right, "start", False), x, right + text_width
    left = x - LABEL_GAP
    return Bar(item, "", x, 0, width, text, left, "end", False), left - text_width, x + width


def pack(placed: Sequence[tuple[Bar, float, float]]) -> list[int]:
    """The row of each bar: the first row whose last occupant ends before the bar's extent starts.

    `placed` comes sorted by where each extent starts, so a row that is free for one bar stays free
    for every later bar until it is taken: the free rows and the busy ones are kept in two heaps.
    """
    free: list[int] = []  # row numbers
    busy: list[tuple[float, int]] = []  # (end of the row's last occupant, row)
    rows: list[int] = []
    count = 0  # rows opened so far
    for _, lo, hi in placed:
        while busy and busy[0][0] + LABEL_GAP <= lo:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, count = count, count + 1
        heapq.heappush(busy, (hi, row))
        rows.append(row)
    return rows


def clip(item: Item, first: dt.date, last: dt.date) -> Item | None:
    """The part of `item` between `first` and `last` (inclusive), or None when it is all outside."""
    if item.end < first or item.start > last:
        return None
    return replace(item, start=max(item.start, first), end=min(item.end, last))


def layout(
    items: Sequence[Item],
    lanes: Sequence[tuple[str, str, str]],
    as_of: dt.date,
    span: tuple[dt.date, int] | None = None,
) -> Timeline:
    """The chart of `span` (first month, number of months; default: every item's months);
    `lanes` are (key, title, body) in display order, each drawn even if empty."""
    first, count = span or month_span(items, as_of)
    end_year, end_month = divmod(first.month - 1 + count, 12)
    last = dt.date(first.year + end_year, end_month + 1, 1) - dt.timedelta(days=1)
    items = [c for i in items if (c := clip(i, first, last))]
    axis = ticks(first, count)
    chart_end = LABEL_WIDTH + count * MONTH_WIDTH
    bars: list[Bar] = []
    boxes: list[Lane] = []
    y = float(AXIS_HEIGHT)
    by_lane: dict[str, list[Item]] = {}
    for item in items:
        by_lane.setdefault(item.lane, []).append(item)
    for key, title, body in lanes:
        mine = sorted(by_lane.get(key, ()), key=lambda i: (i.start, i.end, i.id))
        placed = [place_bar(i, first, chart_end) for i in mine]
        placed.sort(key=lambda p: (p[1], p[0].item.id))
        rows = pack(placed)
        for (bar, _, _), row in zip(placed, rows, strict=True):
            top = LANE_PAD + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
            bars.append(
                Bar(
                    bar.item,
                    key,
                    bar.x,
                    top,
                    bar.width,
                    bar.text,
                    bar.text_x,
                    bar.text_anchor,
                    bar.inside,
                )
            )
        height = 2 * LANE_PAD + max(1, max(rows, default=0) + 1) * ROW_HEIGHT
        boxes.append(Lane(key, title, body, y, height))
        y += height
    today = x_of(as_of, first) if first <= as_of <= last else None
    return Timeline(first, chart_end + 10, y, AXIS_HEIGHT, axis, tuple(boxes), tuple(bars), today)
