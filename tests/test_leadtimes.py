"""Lead-time constraints (`constraints:`): each of leadtime.order, .short and .long met and
broken, before and after, gaps in days, weeks and working days, a fuzzy window, a waiver, a
settled entry skipped, and an unknown target with did-you-mean."""

from __future__ import annotations

import datetime as dt
import json

from chairplan.checks.pipeline import check_plan
from tests.clitools import invoke
from tests.conftest import REPO, MakePlan

FIXTURE = REPO / "tests" / "fixtures" / "leadtimes"


def test_every_broken_constraint_is_reported_with_the_days_missing() -> None:
    result = invoke(FIXTURE, "check", "--as-of", "2026-01-01")
    assert result.exit_code == 1
    assert result.stdout == (REPO / "tests" / "data" / "leadtimes-check.txt").read_text(
        encoding="utf-8"
    )


def test_met_waived_and_settled_constraints_are_not_findings() -> None:
    found = json.loads(invoke(FIXTURE, "check", "--as-of", "2026-01-01", "--format", "json").stdout)
    entries = {p["entry"] for p in found["problems"]}
    # ok meets "at least 8w before leaders"; its "after invite" is broken (leadtime.order)
    assert entries == {"invite", "ok", "late", "follow", "q", "wk", "brief"}
    assert "done" not in entries and "soon" not in entries  # done, and its target cancelled
    # fuzzy may or may not be two weeks before a June event: too long a window to say
    assert "fuzzy" not in entries
    checked = check_plan(FIXTURE, as_of=dt.date(2026, 1, 1))
    assert [(w.problem.code, w.entry, w.reason) for w in checked.waived] == [
        ("leadtime.short", "waived", "The leaders agreed a short notice.")
    ]
    assert checked.waived[0].problem.message.endswith(
        "which is 22 June 2026: 6 days short; move it, or waive leadtime.short with the reason"
    )


def test_settings_set_a_lead_time_rules_severity(make_plan: MakePlan) -> None:
    text = (FIXTURE / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    root = make_plan(
        {"plan.yaml": text + "settings:\n  rules: {leadtime.short: off, leadtime.order: warning}\n"}
    )
    result = invoke(root, "check", "--as-of", "2026-01-01")
    assert result.exit_code == 0
    assert "leadtime.short" not in result.stdout
    assert result.stdout.count(": warning: leadtime.order: ") == 2


def test_an_unknown_constraint_target_gets_did_you_mean(make_plan: MakePlan) -> None:
    plan = """bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
events:
  - {id: leaders, title: Leaders, body: cptpp, when: 2026-06-22}
  - {id: a, title: A, body: cptpp, when: 2026-05-01, constraints: [before leader]}
"""
    result = invoke(make_plan({"plan.yaml": plan}), "check", "--as-of", "2026-01-01")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/plan.yaml:5:68: error: events.1.constraints.0: no event or deliverable "
        "'leader' in the plan — did you mean 'leaders'?\n1 error found.\n"
    )


def test_a_constraint_that_is_not_one_says_the_forms(make_plan: MakePlan) -> None:
    plan = """bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
events:
  - {id: a, title: A, body: cptpp, when: 2026-05-01, constraints: [8 weeks ahead of b]}
"""
    result = invoke(make_plan({"plan.yaml": plan}), "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/plan.yaml:4:68: error: events.0.constraints.0: '8 weeks ahead of b' is not a "
        "constraint; write 'before ID', 'after ID', or 'at least 8w before ID', 'at most 10wd "
        "after ID'\n1 error found.\n"
    )


def test_the_readme_shows_the_real_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "  $ chairplan --root tests/fixtures/leadtimes check --as-of 2026-01-01\n"
    shown = readme.split(command, 1)[1].split("  ```", 1)[0]
    expected = invoke(FIXTURE, "check", "--as-of", "2026-01-01").stdout
    assert shown == "".join(f"  {line}\n" for line in expected.splitlines())
