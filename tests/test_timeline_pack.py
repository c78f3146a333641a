"""The timeline's row packing: heaps give the rows a first-fit scan over every row would give."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from chairplan.export import timeline


def first_fit(extents: list[tuple[float, float]]) -> list[int]:
    """The plain quadratic definition: the first row whose last occupant ends before `lo`."""
    ends: list[float] = []
    rows = []
    for lo, hi in extents:
        row = next((r for r, end in enumerate(ends) if end + timeline.LABEL_GAP <= lo), len(ends))
        ends[row : row + 1] = [hi]
        rows.append(row)
    return rows


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 120)), max_size=60))
def test_pack_is_first_fit(spans: list[tuple[int, int]]) -> None:
    extents = sorted((lo / 2, lo / 2 + width / 3) for lo, width in spans)
    item = timeline.Item("e", "l", dt.date(2026, 1, 1), dt.date(2026, 1, 1), True, "t")
    bar = timeline.Bar(item, "l", 0, 0, 1, "t", 0, "start", True)
    assert timeline.pack([(bar, lo, hi) for lo, hi in extents]) == first_fit(extents)


@given(st.lists(st.sampled_from(["Bilateral meeting:", "Minister", "A", "and", "x" * 30, "(session", "1)", "2)"]).map(" ".join), max_size=12))  # fmt: skip
def test_labels_of_a_lane_are_never_alike_and_never_too_long(titles: list[str]) -> None:
    labels = timeline.distinct_labels(titles)
    assert len(set(labels)) == len(labels)
    assert all(len(label) <= timeline.MAX_LABEL for label in labels)


def test_alike_labels_keep_the_words_that_fit_then_what_differs() -> None:
    assert timeline.distinct_labels(
        ["Việt Nam Senior Officials' Meeting (session 296)",
         "Việt Nam Senior Officials' Meeting (session 297)", "SOM", "SOM"]
    ) == ["Việt Nam Senior Officials' Meeting … 296)",
          "Việt Nam Senior Officials' Meeting … 297)", "SOM", "SOM (2)"]  # fmt: skip
