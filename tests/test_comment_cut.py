"""comment-cut: a ' #' after a plain text value is a YAML comment that cuts the value short."""

from __future__ import annotations

import yaml

from .conftest import MakePlan
from .test_bad_inputs import _snapshot, run_check

PLAN = """\
bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}  # after a flow mapping: a comment, rightly
events:
  - id: som1
    title: SOM #1 of the year
    when: 2026-03-11  # after a date: a comment, rightly
    body: cptpp
    notes: "Room #4"  # quoted: the '#' is kept
    participants:
      - Delegation #2
    title-free: x
    sources:
      - article: 000_d3d8dee123cff496.txt
        quote: opened in Hà Nội #on Wednesday
"""


def test_each_text_value_a_comment_cuts_is_warned_where_it_stands(make_plan: MakePlan) -> None:
    root = make_plan({"plan.yaml": PLAN.replace("    title-free: x\n", "")})
    before = _snapshot(root)
    result = run_check(root)
    fix = "if the '#' belongs to it, or put the comment on a line of its own"
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "schedules/plan.yaml:5:12: warning: events.0.title: 'SOM' is all YAML reads of this "
        "line: the ' #' after it starts a comment, so '#1 of the year' is no part of the value; "
        f'quote the value ("SOM #1 of the year") {fix}\n'
        "schedules/plan.yaml:10:9: warning: events.0.participants.0: 'Delegation' is all YAML "
        "reads of this line: the ' #' after it starts a comment, so '#2' is no part of the "
        f'value; quote the value ("Delegation #2") {fix}\n'
        "schedules/plan.yaml:13:16: warning: events.0.sources.0.quote: 'opened in Hà Nội' is "
        "all YAML reads of this line: the ' #' after it starts a comment, so '#on Wednesday' is "
        f'no part of the value; quote the value ("opened in Hà Nội #on Wednesday") {fix}\n'
        "ok: 1 file, 1 event, 0 priorities, 0 deliverables, 1 quote checked; 3 warnings found.\n"
    )
    assert _snapshot(root) == before


def test_quoted_values_and_comments_on_their_own_line_are_not_warned(make_plan: MakePlan) -> None:
    quoted = (
        PLAN.replace("    title-free: x\n", "")
        .replace("SOM #1 of the year", '"SOM #1 of the year"')
        .replace("- Delegation #2", "- Delegation  # 2 is the second\n      - 'Team #3'")
        .replace("quote: opened in Hà Nội #on Wednesday", "# a comment\n        quote: opened in Hà Nội")
    )  # fmt: skip
    root = make_plan({"plan.yaml": quoted})
    result = run_check(root)
    assert result.stdout.endswith("1 warning found.\n"), result.stdout  # the delegation's only
    assert "events.0.participants.0: 'Delegation' is all YAML reads" in result.stdout


def test_the_suggested_quoting_is_yaml_that_keeps_the_whole_value(make_plan: MakePlan) -> None:
    root = make_plan({"plan.yaml": PLAN.replace("    title-free: x\n", "").replace("SOM #1 of the year", 'He said "no" # really')})  # fmt: skip
    line = run_check(root).stdout.splitlines()[0]
    suggestion = line.split("quote the value (", 1)[1].split(") if the", 1)[0]
    assert yaml.safe_load(f"title: {suggestion}") == {"title": 'He said "no" # really'}
