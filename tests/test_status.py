"""chairplan status: the report's rules at window edges, and exact CLI output for a fixture plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan import api
from chairplan.cli import app
from chairplan.errors import ChairplanError
from chairplan.model import Deliverable, Event, validate
from chairplan.plan.read import read_plan
from chairplan.render.status_text import status_plain
from chairplan.status import fuzzy_is_close, is_due_soon, is_late, is_upcoming, status_report
from tests.conftest import MakePlan

FIXTURE = Path(__file__).parent / "fixtures" / "status"
AS_OF = "2026-04-01"
D = dt.date.fromisoformat


def deliverable(due: str, status: str = "todo") -> Deliverable:
    return validate(Deliverable, {"id": "d", "title": "D", "due": due, "status": status})


def event(when: str, status: str = "planned") -> Event:
    return validate(Event, {"id": "e", "title": "E", "when": when, "body": "b", "status": status})


@pytest.mark.parametrize(
    ("due", "as_of", "late"),
    [
        ("2026-Q1", "2026-03-31", False),  # a quarter ends on its last day
        ("2026-Q1", "2026-04-01", True),
        ("2026", "2026-12-31", False),  # a year ends on 31 December
        ("2026", "2027-01-01", True),
        ("2026-02", "2026-02-28", False),
        ("2026-02", "2026-03-01", True),
        ("2026-03-10..2026-03-13", "2026-03-13", False),
        ("2026-03-10..2026-03-13", "2026-03-14", True),
    ],
)
def test_late_at_window_edges(due: str, as_of: str, late: bool) -> None:
    assert is_late(deliverable(due), D(as_of)) is late


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_or_dropped_is_never_late_or_due(status: str) -> None:
    item = deliverable("2026-Q1", status)
    assert not is_late(item, D("2027-01-01"))
    assert not is_due_soon(item, D("2026-03-30"), 30)


@pytest.mark.parametrize(
    ("due", "as_of", "soon"),
    [
        ("2026-Q1", "2026-03-01", True),  # ends 31 March, 30 days ahead
        ("2026-Q1", "2026-02-28", False),  # ends 31 days ahead
        ("2026-Q1", "2026-03-31", True),
        ("2026-Q1", "2026-04-01", False),  # late instead
        ("2026", "2026-12-01", True),
        ("2026", "2026-11-30", False),
    ],
)
def test_due_soon_means_the_window_ends_within_30_days(due: str, as_of: str, soon: bool) -> None:
    assert is_due_soon(deliverable(due), D(as_of), 30) is soon


@pytest.mark.parametrize(
    ("when", "as_of", "close"),
    [
        ("2026-Q2", "2026-03-01", False),  # more than 30 days before the window
        ("2026-Q2", "2026-03-02", True),  # 30 days before 1 April
        ("2026-Q2", "2026-04-01", True),  # no firm date by the window's start
        ("2026-Q2", "2026-06-30", True),
        ("2026-Q2", "2026-07-01", True),  # the window passed without a firm date
        ("2026", "2025-12-01", False),
        ("2026", "2025-12-02", True),
        ("2026-04-20", "2026-04-01", False),  # a firm date never needs attention
    ],
)
def test_fuzzy_date_close_to_its_window(when: str, as_of: str, close: bool) -> None:
    assert fuzzy_is_close(event(when), D(as_of), 30) is close


def test_cancelled_events_are_neither_upcoming_nor_fuzzy() -> None:
    assert not fuzzy_is_close(event("2026-Q2", "cancelled"), D("2026-04-01"), 30)
    assert not is_upcoming(event("2026-04-02", "cancelled"), D("2026-04-01"), 60)


@pytest.mark.parametrize(
    ("when", "as_of", "upcoming"),
    [
        ("2026-05-31", "2026-04-01", True),  # 60 days ahead
        ("2026-06-01", "2026-04-01", False),
        ("2026-03-30..2026-04-02", "2026-04-01", True),  # under way
        ("2026-03-31", "2026-04-01", False),
        ("2026-Q2", "2026-04-01", True),  # a fuzzy window that starts in the span
        ("2026", "2026-04-01", False),  # ... but not one that started long ago
    ],
)
def test_upcoming_events(when: str, as_of: str, upcoming: bool) -> None:
    assert is_upcoming(event(when), D(as_of), 60) is upcoming


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--root", str(FIXTURE), "status", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("json", "json"), ("markdown", "md")])
def test_status_output_is_exact(fmt: str, suffix: str) -> None:
    code, out = run("--as-of", AS_OF, "--format", fmt)
    assert code == 0
    assert out == (FIXTURE / f"expected-{AS_OF}.{suffix}").read_text(encoding="utf-8")


def test_json_shape() -> None:
    code, out = run("--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["as_of", "audience", "bodies", "upcoming", "attention", "waived"]
    assert data["audience"] == "internal"  # the most private level, by default
    priority = data["bodies"][0]["priorities"][0]
    assert list(priority) == ["id", "title", "done", "total", "deliverables"]
    assert (priority["done"], priority["total"]) == (1, 5)  # the dropped one does not count
    assert list(priority["deliverables"][1]) == ["id", "title", "status", "due", "derived", "late"]


def test_rich_markup_in_titles_is_printed_literally() -> None:
    out = status_plain(status_report(read_plan(FIXTURE).plan, D(AS_OF)), 120)
    assert "[link=https://evil.example]Click[/link] [/bold]" in out
    assert "\x1b" not in out


def test_body_filter_keeps_one_body() -> None:
    code, out = run("--as-of", AS_OF, "--format", "json", "--body", "other")
    data = json.loads(out)
    assert code == 0
    assert [b["id"] for b in data["bodies"]] == ["other"]
    assert [e["id"] for e in data["upcoming"]] == []
    assert [a["id"] for a in data["attention"]] == ["other-meeting"]


def test_unknown_body_suggests_the_near_one() -> None:
    result = CliRunner().invoke(app, ["--root", str(FIXTURE), "status", "--body", "dmeo"])
    assert result.exit_code == 1
    assert result.output == "no body 'dmeo' in the plan — did you mean 'demo'?\n"


def test_bad_as_of_is_a_clear_error() -> None:
    result = CliRunner().invoke(app, ["--root", str(FIXTURE), "status", "--as-of", "1/4/2026"])
    assert result.exit_code == 1
    assert result.output == "--as-of '1/4/2026': date must be written YYYY-MM-DD, e.g. 2026-03-10\n"


def test_unknown_body_in_library_raises() -> None:
    with pytest.raises(ChairplanError, match="no body 'x'"):
        status_report(read_plan(FIXTURE).plan, D(AS_OF), body="x")


def test_bundled_plan_status_runs() -> None:
    root = Path(__file__).parent.parent
    result = CliRunner().invoke(app, ["--root", str(root), "status", "--as-of", "2026-03-12"])
    assert result.exit_code == 0
    assert "Review the accession processes of Costa Rica and Uruguay at SOM1" in result.output


def test_help_does_not_import_rich() -> None:
    import subprocess
    import sys

    code = "import sys; from chairplan.cli import app; print('rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_readme_shows_the_real_status_output() -> None:
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ chairplan status --as-of 2026-03-12\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(app, ["--root", str(root), "status", "--as-of", "2026-03-12"])
    assert result.output == shown


@pytest.mark.parametrize("command", ["chairplan status", "chairplan mark", "chairplan add event"])
def test_commands_are_documented(command: str) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"$ {command} " in readme


MISQUOTED = """bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
  - {id: asean, short: ASEAN, name: ASEAN}
priorities:
  - id: accession
    title: Accession
    body: cptpp
    deliverables:
      - id: review
        title: Review
        sources:
          - {article: 000_d3d8dee123cff496.txt, quote: words the article never says}
events:
  - id: som1
    title: SOM1
    when: 2026-03-10..2026-03-13
    body: asean
    sources:
      - article: 000_d3d8dee123cff496.txt
        quote: SOM1 takes place in Hà Nội from March 11 to 13
"""


def test_citation_problems_name_the_entry_that_cites_them(make_plan: MakePlan) -> None:
    root = make_plan({"plan.yaml": MISQUOTED})
    day = dt.date(2026, 3, 1)
    cited = [(a.id, a.message) for a in api.status(root, day).attention if a.kind == "citation"]
    assert [entry for entry, _ in cited] == ["review", "som1"]
    assert cited[1][1].startswith(
        "schedules/plan.yaml:20:16: error: events.0.sources.0.quote: quote not found in seeds/"
    )
    only_asean = api.status(root, day, "asean").attention
    assert [a.id for a in only_asean if a.kind == "citation"] == ["som1"]
