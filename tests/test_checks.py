"""The rules registry: one rule per module, each registered once, and one pipeline for everything."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from chairplan import api, checks
from chairplan.checks.pipeline import check_plan
from chairplan.checks.registry import RULES, rule_for
from chairplan.errors import (
    EditRefused,
    PlanError,
    Problem,
    UnknownName,
    closest,
    count_line,
    unknown_message,
)
from tests.conftest import MakePlan

A000 = "000_d3d8dee123cff496.txt"


def rule_modules() -> list[str]:
    found = []
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"chairplan.checks.{info.name}")
        defined = [getattr(module, name, None) for name in ("RULE", "RULES", "make_rule")]
        if any(defined) and info.name not in ("registry", "pipeline"):
            found.append(info.name)
    return sorted(found)


def test_every_rule_module_is_registered_once_with_a_unique_code() -> None:
    registered = sorted({rule.find.__module__.rsplit(".", 1)[1] for rule in RULES})
    assert registered == rule_modules()
    codes = [rule.code for rule in RULES]
    assert len(set(codes)) == len(codes)
    assert all(rule_for(code) is rule for code, rule in zip(codes, RULES, strict=True))
    assert all(rule.summary.endswith(".") for rule in RULES)
    # Only a planning rule may default to a warning, and comment-cut, whose ' #' may be a comment
    # meant as one: every other rule's problem makes the plan unfit to publish.
    warned = {rule.code for rule in RULES if rule.scope != "planning" and rule.severity != "error"}
    assert warned == {"comment-cut"}


def plan(
    make_plan: MakePlan,
    body_id: str = "cptpp",
    quote: str = "SOM1 takes place in Hà Nội from March 10 to 13",
    when: str = "2026-03-10..2026-03-13",
) -> Path:
    return make_plan(
        {
            "plan.yaml": f"bodies:\n  - {{id: {body_id}, short: C, name: C}}\n"
            "events:\n"
            f"  - id: som1\n    title: SOM1\n    when: {when}\n    body: {body_id}\n"
            f"    sources:\n      - {{article: {A000}, quote: {quote}, supports: [when]}}\n"
        }
    )


def test_each_problem_carries_the_code_of_its_rule_and_the_entry(make_plan: MakePlan) -> None:
    checked = check_plan(plan(make_plan, body_id="all", quote="not in the article"))
    assert [(p.code, p.entry, p.severity) for p in checked.problems] == [
        ("reserved-id", "all", "error"),
        ("quote-not-found", "som1", "error"),
    ]
    assert [p.code for p in checked.errors("plan")] == ["reserved-id"]
    assert [p.code for p in checked.in_scope("citations")] == ["quote-not-found"]


def test_whatever_build_refuses_check_and_mark_refuse_alike(make_plan: MakePlan) -> None:
    root = plan(make_plan, body_id="tasks")
    refusals = []
    for attempt in (
        lambda: api.check(root),
        lambda: api.mark(root, "som1", "confirmed"),
        lambda: api.build(root, root / "site", dt.datetime(2026, 3, 1, tzinfo=dt.UTC)),
        lambda: api.status(root, dt.date(2026, 3, 1)),
    ):
        with pytest.raises(PlanError) as caught:
            attempt()
        refusals.append(caught.value.render())
    assert len(set(refusals)) == 1
    assert refusals[0] == (
        "schedules/plan.yaml:2:10: error: bodies.0.id: 'tasks' is reserved for tasks.ics; "
        "choose another body id"
    )


def test_status_skips_the_date_recogniser_and_says_so_by_what_it_lists(
    make_plan: MakePlan,
) -> None:
    root = plan(make_plan, when="2026-03-11..2026-03-13")
    with pytest.raises(PlanError) as caught:
        api.check(root)
    assert [p.code for p in caught.value.problems] == ["date-disagrees"]
    report = api.status(root, dt.date(2026, 3, 1))
    assert [a.kind for a in report.attention if a.kind == "citation"] == []


def test_errors_keep_their_data_and_read_well() -> None:
    problem = Problem("schedules/a.yaml", 3, 5, "unknown-key", "x: unknown key", entry="e")
    assert str(problem) == "schedules/a.yaml:3:5: error: x: unknown key"
    assert problem == Problem("schedules/a.yaml", 3, 5, "unknown-key", "x: unknown key")
    assert str(EditRefused("refused: nothing was written")) == "refused: nothing was written"
    refused = EditRefused("refused: it would not pass check", [problem])
    assert str(refused) == "refused: it would not pass check\n" + str(problem)
    assert refused.problems == [problem]
    assert str(PlanError([problem, problem])) == str(problem)
    unknown = UnknownName("body", "cptp", ["asean", "cptpp"])
    assert (unknown.kind, unknown.value, unknown.known) == ("body", "cptp", ("asean", "cptpp"))
    assert str(unknown) == "no body 'cptp' in the plan — did you mean 'cptpp'?"


def test_one_wording_for_names_the_plan_does_not_have() -> None:
    assert unknown_message("track", "x", ["trade", "digital"]) == (
        "no track 'x' in the plan — known: digital, trade"
    )
    assert unknown_message("track", "x", []) == "no track 'x' in the plan — known: none"
    assert unknown_message("event", "zz", ["a"], "declare it under events:") == (
        "no event 'zz' in the plan — declare it under events:"
    )
    assert closest("CPTPP", ["asean", "cptpp"]) == "cptpp"
    assert closest("qqq", ["asean", "cptpp"]) is None


def test_count_line_says_how_many_of_each_severity() -> None:
    error = Problem("a", 1, 1, "c", "m")
    warning = Problem("a", 2, 1, "c", "m", severity="warning")
    assert count_line([error]) == "1 error found."
    assert count_line([error, error, warning]) == "2 errors and 1 warning found."
    assert count_line([warning, warning]) == "2 warnings found."


def test_the_readme_lists_every_rule_as_the_registry_says() -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| code | default | what it holds |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([a-z.-]+)` \| (\w+) \| (.+) \|$", table, re.MULTILINE)
    assert [(code, severity, text.replace("`", "")) for code, severity, text in rows] == [
        (rule.code, rule.severity, rule.summary.replace("`", "")) for rule in RULES
    ]
