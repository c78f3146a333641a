"""The years a plan may hold (dates.FIRST_YEAR to LAST_YEAR), in every field and form.

Outside them every form is refused with a located message (tests/bad_inputs/years-out-of-range);
inside them, a property: any window, however near either end and in whatever zone, goes through
every output (feeds, to-dos, page, checklist, status JSON, diff) without an exception.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chairplan.dates import FIRST_YEAR, LAST_YEAR

from .clitools import invoke
from .feedtools import REPO
from .gittools import GitPlan

# Zones that put a time of the last or first day into the next or previous year in UTC.
ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Ho_Chi_Minh", "UTC"]
FIRST, LAST = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
EDGE_DAYS = st.sampled_from(
    [FIRST, FIRST + dt.timedelta(days=1), LAST - dt.timedelta(days=1), LAST]
)


@st.composite
def window(draw: st.DrawFn) -> str | dict[str, str]:
    """A window of any form within the plan's years, most of them touching one of its ends."""
    day = draw(EDGE_DAYS | st.dates(FIRST, LAST))
    year = day.year
    match draw(st.sampled_from(["day", "range", "month", "quarter", "half", "year", "years", "timed"])):  # fmt: skip
        case "day":
            return day.isoformat()
        case "range":
            end = min(LAST, day + dt.timedelta(days=draw(st.integers(1, 40))))
            return f"{day}..{end}" if end > day else day.isoformat()
        case "month":
            return f"{year}-{day.month:02d}"
        case "quarter":
            return f"Q{(day.month - 1) // 3 + 1} {year}"
        case "half":
            return f"{year}-H{(day.month - 1) // 6 + 1}"
        case "year":
            return str(year)
        case "years":
            other = draw(st.integers(FIRST_YEAR, LAST_YEAR))
            return f"{min(year, other)}..{max(year, other)}"
        case _:
            hour = draw(st.integers(0, 22))
            start, end = f"{day}T{hour:02d}:30", f"{day}T{hour + 1:02d}:00"
            return {"start": start, "end": end, "tz": draw(st.sampled_from(ZONES))}


def plan_text(when: list[str | dict[str, str]], due: str, years: str) -> str:
    """A plan of one body, a chairmanship over `years`, an event per window, a deliverable due
    `due` at the first event; every value JSON-quoted, so YAML reads it as written."""
    q = json.dumps
    events = "".join(
        f"  - {{id: e{k}, title: Event {k}, body: b, when: {q(w)}, status: confirmed}}\n"
        for k, w in enumerate(when)
    )
    return (
        "bodies:\n  - {id: b, short: B, name: Body}\n"
        f"chairmanships:\n  - {{id: c, body: b, role: chair, country: VN, years: {q(years)}, "
        "timezone: Asia/Ho_Chi_Minh}\n"
        "priorities:\n  - id: p\n    body: b\n    title: Priority\n    deliverables:\n"
        f"      - {{id: d, title: Deliverable, due: {q(due)}, events: [e0]}}\n"
        f"events:\n{events}"
    )


YEARS = st.sampled_from(["2000", "2100", "2000..2100", "2099..2100"])
DUE = window().filter(lambda w: isinstance(w, str))


def run_every_output(root: Path, out: Path) -> None:
    """Every command that writes an output of the plan, each asserted to succeed (an exception in
    one propagates through tests/clitools.invoke and fails the test with its traceback)."""
    commands = [
        ("check",),
        ("build", "--out", str(out)),
        ("build", "--out", str(out / "vi"), "--lang", "vi"),
        ("ics",),
        ("status", "--as-of", "2100-12-31", "--format", "json"),
        ("status", "--as-of", "2000-01-01"),
        ("diff", "HEAD~1", "--format", "json"),
        ("diff", "HEAD~1"),
    ]
    for args in commands:
        result = invoke(root, *args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    for name in ("all.ics", "tasks.ics", "index.html", "checklist.md", "feeds.json"):
        assert (out / name).stat().st_size > 0, name


@settings(
    max_examples=6,  # each builds twice, in two languages: about a second
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(window(), min_size=1, max_size=4), st.lists(window(), min_size=1, max_size=4), DUE, YEARS)  # fmt: skip
@example(
    [f"{LAST}", {"start": f"{LAST}T22:30", "end": f"{LAST}T23:00", "tz": "Pacific/Pago_Pago"}],
    [f"{FIRST}", {"start": f"{FIRST}T00:30", "end": f"{FIRST}T01:00", "tz": "Pacific/Kiritimati"}],
    f"{LAST}",
    "2000..2100",
)
@example([f"{LAST_YEAR}", f"{FIRST_YEAR}..{LAST_YEAR}"], [f"Q4 {LAST_YEAR}"], "2100-H2", "2100")
def test_every_window_within_the_years_survives_every_output(
    tmp_path_factory: pytest.TempPathFactory,
    before: list[str | dict[str, str]],
    after: list[str | dict[str, str]],
    due: str,
    years: str,
) -> None:
    root = tmp_path_factory.mktemp("bounds") / "plan"
    repo = GitPlan(root)
    (root / "seeds").symlink_to(REPO / "seeds")
    repo.commit("2026-02-01T03:00:00Z", "first", **{"plan.yaml": plan_text(before, due, years)})
    repo.commit("2026-02-10T03:00:00Z", "second", **{"plan.yaml": plan_text(after, due, years)})
    run_every_output(root, root.parent / "site")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "--as-of", "2101-01-01"), "--as-of '2101-01-01': 2101-01-01 is after 2100"),
        (("status", "--as-of", "1999-12-31"), "--as-of '1999-12-31': 1999-12-31 is before 2000"),
    ],
)
def test_the_day_a_report_is_judged_by_keeps_to_the_years(
    args: tuple[str, ...], message: str
) -> None:
    result = invoke(REPO, *args)
    side = "last" if "after" in message else "first"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{message}, the {side} year a plan may hold (2000 to 2100); check the year\n"  # fmt: skip


def test_a_filter_may_reach_past_the_years() -> None:
    """--from and --to bound which events a feed holds: any day does, and changes nothing."""
    wide = invoke(REPO, "ics", "--from", "1999-06-01", "--to", "9999-12-31")
    assert (wide.exit_code, wide.stderr) == (0, "")
    assert wide.stdout == invoke(REPO, "ics").stdout


@pytest.mark.parametrize(("epoch", "day"), [("0", "1970-01-01"), ("4133980800", "2101-01-01")])
def test_a_build_stamp_outside_the_years_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, epoch: str, day: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = invoke(REPO, "build", "--out", str(tmp_path / "site"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"SOURCE_DATE_EPOCH={epoch} is {day}, outside the years a plan may hold (2000 to 2100); "
        "unset it or fix it\n"
    )
    assert not (tmp_path / "site").exists()
