"""Fuzzy date windows: the written forms, their spans, and their arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from chairplan.dates import Precision, Window, parse_day, parse_window

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "kind", "label"),
    [
        ("2026-03-10", D(2026, 3, 10), D(2026, 3, 10), "day", "10 March 2026"),
        ("2026-03-10..2026-03-13", D(2026, 3, 10), D(2026, 3, 13), "range", "10–13 March 2026"),
        (
            "2026-01-30..2026-02-02",
            D(2026, 1, 30),
            D(2026, 2, 2),
            "range",
            "30 January 2026 – 2 February 2026",
        ),
        ("2026-06", D(2026, 6, 1), D(2026, 6, 30), "month", "June 2026"),
        ("2028-02", D(2028, 2, 1), D(2028, 2, 29), "month", "February 2028"),
        ("2026-Q2", D(2026, 4, 1), D(2026, 6, 30), "quarter", "Q2 2026"),
        ("Q4 2026", D(2026, 10, 1), D(2026, 12, 31), "quarter", "Q4 2026"),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "half", "H1 2026"),
        ("H2 2026", D(2026, 7, 1), D(2026, 12, 31), "half", "H2 2026"),
        ("2027", D(2027, 1, 1), D(2027, 12, 31), "year", "2027"),
        ("2024..2027", D(2024, 1, 1), D(2027, 12, 31), "yearrange", "2024–2027"),
        ("2026-03-10..2026-03-10", D(2026, 3, 10), D(2026, 3, 10), "day", "10 March 2026"),
    ],
)
def test_written_forms(text: str, start: dt.date, end: dt.date, kind: str, label: str) -> None:
    window = parse_window(text)
    assert (window.start, window.end, window.kind, window.label()) == (start, end, kind, label)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Q2 2026", "2026-Q2"),
        ("H1 2026", "2026-H1"),
        ("2026-03-10..2026-03-13", "2026-03-10..2026-03-13"),
        ("2024..2027", "2024..2027"),
        ("2026-06", "2026-06"),
    ],
)
def test_canonical_text_round_trips(text: str, canonical: str) -> None:
    assert str(parse_window(text)) == canonical
    assert parse_window(canonical) == parse_window(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "day is out of range for month: February 2026 has 28 days"),
        ("2026-3-10", "date must be written YYYY-MM-DD, e.g. 2026-03-10"),
        ("10/03/2026", "date must be written YYYY-MM-DD, e.g. 2026-03-10"),
        ("2026-13", "month 13 does not exist; months run from 01 to 12"),
        ("2026-Q5", "quarter 5 does not exist; quarters run from 1 to 4"),
        ("H3 2026", "half 3 does not exist; halves run from 1 to 2"),
        ("2026-03-13..2026-03-10", "end 2026-03-10 is before start 2026-03-13"),
        ("2026-03..2026-03-10", "both ends of a range must have the same precision"),
        ("0000", "year 0 is out of range"),
        ("1:30", "'1:30' is not a date"),
        ("", "'' is not a date"),
    ],
)
def test_bad_forms_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_window(text)
    assert str(caught.value).startswith(message)


def test_quarter_is_a_window_not_its_first_day() -> None:
    q2 = parse_window("2026-Q2")
    assert q2.precision is Precision.QUARTER and not q2.is_firm
    assert q2.contains(D(2026, 6, 30)) and not q2.contains(D(2026, 7, 1))


def test_arithmetic_at_the_edges() -> None:
    q2, som1 = parse_window("2026-Q2"), parse_window("2026-03-10..2026-03-13")
    assert not q2.is_past(D(2026, 6, 30)) and q2.is_past(D(2026, 7, 1))
    assert parse_window("2026").is_past(D(2027, 1, 1)) and not parse_window("2026").is_past(
        D(2026, 12, 31)
    )
    assert som1.contains(parse_window("2026-03-11")) and not som1.contains(parse_window("2026-03"))
    assert som1.overlaps(parse_window("2026-03")) and not som1.overlaps(q2)
    assert parse_window("2026-03").overlaps(parse_window("2026-03-31..2026-04-02"))


def test_narrowing_keeps_inside_and_gets_finer() -> None:
    q2 = parse_window("2026-Q2")
    assert q2.can_narrow_to(parse_window("2026-05")) and q2.can_narrow_to(
        parse_window("2026-05-14")
    )
    assert not q2.can_narrow_to(parse_window("2026-07-01"))
    assert not parse_window("2026-05").can_narrow_to(q2)
    assert not parse_window("2026-05").can_narrow_to(parse_window("2026"))


def test_parse_day_is_strict() -> None:
    assert parse_day("2026-01-21") == D(2026, 1, 21)
    for text in ("2026-01", "2026", "2026-1-21"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_day(text)


def test_window_is_hashable_and_comparable() -> None:
    assert {parse_window("2026-Q2"), parse_window("Q2 2026")} == {
        Window(D(2026, 4, 1), D(2026, 6, 30), Precision.QUARTER)
    }
