"""The comparison itself (chairplan/changes.py), on plans built in memory: properties that hold
for any two dates, and for any plan against itself."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from chairplan.changes import compare
from chairplan.dates import Precision, Window, point
from chairplan.model import Plan, PlanFile, validate

DAYS = st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))


@st.composite
def windows(draw: st.DrawFn) -> Window:
    """A day, a range of days, a month, quarter, half or year in 2025-2027, as the YAML writes
    them (a span is only ever derived)."""
    kind = draw(st.sampled_from(["day", "range", "month", "quarter", "half", "year"]))
    start = draw(DAYS)
    if kind == "day":
        return Window(start, start, Precision.DAY)
    if kind == "range":
        end = start + dt.timedelta(days=draw(st.integers(1, 120)))
        return Window(start, end, Precision.DAY, is_range=True)
    index = {"month": start.month, "quarter": (start.month - 1) // 3 + 1}
    index["half"] = (start.month - 1) // 6 + 1
    precision = Precision[kind.upper()]
    return point(start.year, precision, index.get(kind, 1))


def _plan(when: Window) -> Plan:
    event = {"id": "e", "title": "Meeting", "body": "b", "when": str(when)}
    body = {"id": "b", "short": "B", "name": "Body"}
    return Plan((("plan.yaml", validate(PlanFile, {"bodies": [body], "events": [event]})),))


@given(old=windows(), new=windows())
def test_any_two_dates_make_one_change_of_the_right_kind(old: Window, new: Window) -> None:
    changes = compare(_plan(old), _plan(new))
    if old == new:
        assert changes == []
        return
    [change] = changes
    assert (change.old, change.new) == (old, new)
    if change.code == "firmed":
        assert old.contains(new) and not old.is_firm
    elif change.code == "loosened":
        assert new.contains(old) and not new.is_firm
    else:
        assert change.code == "moved"
        assert change.days == (new.start - old.start).days
    # Firming one way is loosening the other, and a move is a move back.
    [back] = compare(_plan(new), _plan(old))
    opposite = {"firmed": "loosened", "loosened": "firmed", "moved": "moved"}
    assert back.code == opposite[change.code]


@given(when=windows())
def test_a_plan_against_itself_has_no_changes(when: Window) -> None:
    assert compare(_plan(when), _plan(when)) == []
