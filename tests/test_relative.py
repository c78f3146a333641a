"""Derived dates: every offset unit, working days of the host's calendar (Tết 2026, the make-up
Saturday of 22 August 2026), the nearest working day both ways, fuzzy anchors and their
narrowing, chains, cycles and unknown anchors with exact located output, and `chairplan explain`."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from chairplan.dates import Precision, Window
from chairplan.plan.load import load_text
from chairplan.plan.read import read_plan
from chairplan.plan.resolve import resolve
from chairplan.relative import Offset, parse_constraint, parse_shorthand
from tests.clitools import invoke
from tests.conftest import REPO, MakePlan
from tests.feedtools import STAMP, built, copy_plan, events_by_uid, uid

FIXTURE = REPO / "tests" / "fixtures" / "relative"
HEAD = """bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
chairmanships:
  - {id: vn, body: cptpp, role: chair, country: VN, years: "2026", timezone: Asia/Ho_Chi_Minh}
events:
  - {id: anchor, title: Anchor, body: cptpp, when: ANCHOR}
"""


def windows(make_plan: MakePlan, anchor: str, events: str) -> dict[str, str]:
    """Each derived entry's resolved window, on a plan of `events` counted from `anchor`."""
    root = make_plan({"plan.yaml": HEAD.replace("ANCHOR", anchor) + events})
    return {k: str(d.window) for k, d in read_plan(root).derived.items()}


def derived(make_plan: MakePlan, anchor: str, **whens: str) -> dict[str, str]:
    lines = "".join(
        f"  - {{id: {k.strip('_').replace('_', '-')}, title: {k}, body: cptpp, when: '{w}'}}\n"
        for k, w in whens.items()
    )
    return windows(make_plan, anchor, lines)


# --- the written forms ------------------------------------------------------------------------


def test_shorthand_and_constraint_forms() -> None:
    found = parse_shorthand("x.end + 10 working days in VN - 1w for 3 days")
    assert found["offset"] == [Offset(10, "wd", "VN"), Offset(-1, "w")]
    assert found["length"] == 3
    c = parse_constraint("at least 8w before apec-leaders-2027")
    assert (c.bound, c.gap, c.relation, c.target, c.part) == (
        "at least",
        Offset(8, "w"),
        "before",
        "apec-leaders-2027",
        None,
    )
    assert str(parse_constraint("after  x.end")) == "after x.end"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x.begin - 6w", "'.begin' is not a day of an entry — write .start, .end or .due"),
        ("x.stat - 6w", "'.stat' is not a day of an entry — did you mean '.start'?"),
        ("x.start - 6", "after '-' write a number and d, w, m or wd (e.g. - 6w), not '6'"),
        (
            "x.start - 2d in VN",
            "'in VN' names the calendar of working days; it goes with wd, not d",
        ),
        ("x.start for 0d", "'0d' is not a length; write days or weeks, e.g. 3d or 1w"),
        ("x.start 6w", "'6w' is not understood in 'x.start 6w'; after the anchor come offsets"),
    ],
)
def test_bad_shorthand_is_refused_with_the_fix(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_shorthand(text)
    assert str(caught.value).startswith(message)


# --- every unit, and the nearest working day --------------------------------------------------


def test_each_unit_counts_from_the_anchor(make_plan: MakePlan) -> None:
    # 22 June 2026 is a Monday: nothing below lands off work
    assert derived(
        make_plan,
        "2026-06-22",
        d="anchor.start + 1d",
        w="anchor.start - 6w",
        m="anchor.start - 1m",
        wd="anchor.start + 2wd",
        end="anchor.end + 1 working day",
        mixed="anchor.start - 1m + 2 days",
    ) == {
        "d": "2026-06-23",
        "w": "2026-05-11",
        "m": "2026-05-22",
        "wd": "2026-06-24",
        "end": "2026-06-23",
        "mixed": "2026-05-25",  # Sunday 24 May, moved to the next working day
    }


def test_a_day_off_moves_back_before_the_anchor_and_forward_after_it(make_plan: MakePlan) -> None:
    assert derived(
        make_plan,
        "2026-06-22",
        back="anchor.start - 2d",  # Saturday 20 June
        forward="anchor.start + 5d",  # Saturday 27 June
        holiday="anchor.start - 1m - 22d",  # 30 April, Reunification Day
    ) == {"back": "2026-06-19", "forward": "2026-06-29", "holiday": "2026-04-29"}
    # a month back from 31 March is 28 February, a Saturday
    assert derived(make_plan, "2026-03-31", clamp="anchor.start - 1m") == {"clamp": "2026-02-27"}


def test_roll_can_be_turned_or_switched_off(make_plan: MakePlan) -> None:
    events = """  - {id: next, title: N, body: cptpp, when: {anchor: anchor.start, offset: -2d, roll: next}}
  - {id: none, title: N, body: cptpp, when: {anchor: anchor.start, offset: [-2d], roll: none}}
"""
    assert windows(make_plan, "2026-06-22", events) == {"next": "2026-06-22", "none": "2026-06-20"}


def test_working_days_skip_the_tet_break_both_ways(make_plan: MakePlan) -> None:
    # The Tết break of 2026 in Viet Nam runs Saturday 14 to Sunday 22 February.
    assert derived(
        make_plan,
        "2026-02-25",
        before="anchor.start - 3wd",
        into="anchor.start - 10d",  # Sunday 15 February, in the break: back to Friday the 13th
    ) == {"before": "2026-02-13", "into": "2026-02-13"}
    assert derived(
        make_plan, "2026-02-13", after="anchor.start + 1wd", day="anchor.start + 3d"
    ) == {
        "after": "2026-02-23",
        "day": "2026-02-23",
    }


def test_the_make_up_saturday_is_a_working_day(make_plan: MakePlan) -> None:
    # Saturday 22 August 2026 is worked in Viet Nam; 29 August to 2 September are off.
    assert derived(
        make_plan,
        "2026-08-25",
        wd="anchor.start - 2wd",
        day="anchor.start - 3d",
        bridge="anchor.start + 6d",  # Monday 31 August, a bridge day off: on to 3 September
    ) == {"wd": "2026-08-22", "day": "2026-08-22", "bridge": "2026-09-03"}


def test_an_offset_names_another_countrys_calendar(make_plan: MakePlan) -> None:
    # Friday 1 May 2026; Viet Nam works on Monday the 4th, Japan's Golden Week holds 4–6 May.
    assert derived(
        make_plan,
        "2026-05-01",
        vn="anchor.start + 1wd",
        jp="anchor.start + 1wd in JP",
    ) == {"vn": "2026-05-04", "jp": "2026-05-07"}


def test_a_length_makes_a_multi_day_event(make_plan: MakePlan) -> None:
    assert derived(
        make_plan, "2026-06-22", som="anchor.start - 6w for 2d", week="anchor.end + 7d for 1w"
    ) == {
        "som": "2026-05-11..2026-05-12",
        "week": "2026-06-29..2026-07-05",
    }


# --- fuzzy in, fuzzy out ----------------------------------------------------------------------


def test_a_fuzzy_anchor_gives_a_window_that_narrows_with_it(make_plan: MakePlan) -> None:
    when = {"prep": "anchor.start - 6w"}
    quarter = derived(make_plan, "2026-Q2", **when)["prep"]
    month = derived(make_plan, "2026-05", **when)["prep"]
    day = derived(make_plan, "2026-05-20", **when)["prep"]
    # Q2 runs 1 April to 30 June; six weeks back: 18 February, in the Tết break, so back to
    # the 13th, to 19 May
    assert (quarter, month, day) == ("2026-02-13/2026-05-19", "2026-03-20/2026-04-17", "2026-04-08")


def test_a_fuzzy_window_keeps_its_precision_and_never_invents_a_day(make_plan: MakePlan) -> None:
    root = make_plan(
        {
            "plan.yaml": HEAD.replace("ANCHOR", "2026-Q2")
            + (
                "  - {id: later, title: L, body: cptpp, when: anchor.end + 3m}\n"
                "  - {id: sum, title: S, body: cptpp, when: later.start + 1d for 3d}\n"
            )
        }
    )
    plan = read_plan(root).plan
    later = next(e for e in plan.events if e.id == "later").window
    # three months after Q2 is Q3, and stays a quarter
    assert (later.precision, later.is_firm, later.is_span) == (Precision.QUARTER, False, False)
    assert (later.start, later.end, str(later)) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
        "2026-Q3",
    )
    summed = next(e for e in plan.events if e.id == "sum").window
    assert (summed.precision, summed.is_firm, summed.is_span) == (Precision.QUARTER, False, True)
    # a day after (2 July to 1 October), for three days: the last ends on 3 October
    assert (str(summed), summed.label()) == (
        "2026-07-02/2026-10-03",
        "between 2 July 2026 and 3 October 2026",
    )


def test_a_window_that_lands_on_whole_months_is_those_months(make_plan: MakePlan) -> None:
    found = derived(make_plan, "2026-05", june="anchor.start + 1m")
    assert found == {"june": "2026-06"}


# --- chains, cycles, unknown anchors ----------------------------------------------------------


def test_a_chain_resolves_in_one_pass_whatever_the_order(make_plan: MakePlan) -> None:
    events = """  - {id: c, title: C, body: cptpp, when: b.start - 1w}
  - {id: b, title: B, body: cptpp, when: a.start - 1w}
  - {id: a, title: A, body: cptpp, when: anchor.start - 1w}
priorities:
  - id: p
    title: P
    body: cptpp
    deliverables:
      - {id: brief, title: Brief, due: c.start - 10wd}
      - {id: notes, title: Notes, due: brief.due + 1wd}
"""
    assert windows(make_plan, "2026-06-22", events) == {
        "a": "2026-06-15",
        "b": "2026-06-08",
        "c": "2026-06-01",
        "brief": "2026-05-18",
        "notes": "2026-05-19",
    }


def test_a_cycle_is_one_located_error_listing_the_whole_cycle(make_plan: MakePlan) -> None:
    root = make_plan(
        {
            "a.yaml": HEAD.replace("ANCHOR", "2026-06-22")
            + "  - {id: a, title: A, body: cptpp, when: c.end + 1d}\n"
            + "  - {id: b, title: B, body: cptpp, when: a.start + 1wd}\n",
            "b.yaml": "events:\n  - {id: c, title: C, body: cptpp, when: b.start - 2w}\n"
            + "  - {id: d, title: D, body: cptpp, when: c.start + 1d}\n",
        }
    )
    result = invoke(root, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/a.yaml:7:42: error: events.1.when: these dates are counted from each other in a "
        "circle: a (c.end + 1d) → c (b.start - 2w) → b (a.start + 1wd) → a; give one of them a "
        "date of its own\n"
        "schedules/b.yaml:2:42: note: c is involved\n"
        "schedules/a.yaml:8:42: note: b is involved\n"
        "1 error found.\n"
    )


def test_an_unknown_anchor_gets_did_you_mean(make_plan: MakePlan) -> None:
    root = make_plan(
        {
            "plan.yaml": HEAD.replace("ANCHOR", "2026-06-22")
            + (
                "  - {id: a, title: A, body: cptpp, when: ancor.start - 1w}\n"
                "  - {id: b, title: B, body: cptpp, when: cptpp.start - 1w}\n"
                "  - {id: c, title: C, body: cptpp, when: anchor.due - 1w}\n"
            )
        }
    )
    result = invoke(root, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/plan.yaml:7:42: error: events.1.when: no event or deliverable 'ancor' in the "
        "plan — "
        "did you mean 'anchor'?\n"
        "schedules/plan.yaml:8:42: error: events.2.when: no event or deliverable 'cptpp' in the "
        "plan — count from an event's id (ID.start, ID.end) or a deliverable's (ID.due)\n"
        "schedules/plan.yaml:9:42: error: events.3.when: anchor is an event: an event has days, not "
        ".due; write .start or .end\n"
        "3 errors found.\n"
    )


def test_a_count_with_no_calendar_says_how_to_name_one(make_plan: MakePlan) -> None:
    plan = "bodies:\n  - {id: g, short: G, name: G}\nevents:\n"
    plan += "  - {id: a, title: A, body: g, when: 2026-06-22}\n"
    plan += "  - {id: b, title: B, body: g, when: a.start - 2wd}\n"
    plan += "  - {id: c, title: C, body: g, when: a.start - 2wd in SG}\n"
    result = invoke(make_plan({"plan.yaml": plan}), "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/plan.yaml:5:38: error: events.1.when: counting working days for b needs a calendar, "
        "and it has no host country: give it where: {country: VN}, or name the country in the "
        "offset (- 10wd in VN)\n"
        "1 error found.\n"
    )


def test_a_date_counted_out_of_the_plans_years_is_a_located_error(make_plan: MakePlan) -> None:
    """2000 to 2100 (dates.FIRST_YEAR, LAST_YEAR), counted either way; the day inside is kept."""
    root = make_plan(
        {
            "plan.yaml": HEAD.replace("ANCHOR", "2100-12-20")
            + (
                "  - {id: far, title: F, body: cptpp, when: anchor.start + 1m}\n"
                "  - {id: near, title: N, body: cptpp, when: anchor.start + 1d}\n"
                "  - {id: back, title: B, body: cptpp, when: anchor.start - 1212m}\n"
                "  - {id: huge, title: H, body: cptpp, when: anchor.start + 9999w}\n"
            )
        }
    )
    result = invoke(root, "check")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "schedules/plan.yaml:7:44: error: events.1.when: the date of far would be 2101-01-20, "
        "outside the years a plan may hold (2000 to 2100); check the anchor's date and the "
        "offsets\n"
        "schedules/plan.yaml:9:45: error: events.3.when: the date of back would be 1999-12-20, "
        "outside the years a plan may hold (2000 to 2100); check the anchor's date and the "
        "offsets\n"
        "schedules/plan.yaml:10:45: error: events.4.when: the date of huge would be 2292-08-08, "
        "outside the years a plan may hold (2000 to 2100); check the anchor's date and the "
        "offsets\n3 errors found.\n"
    )


def test_a_bad_shorthand_is_located(make_plan: MakePlan) -> None:
    root = make_plan(
        {
            "plan.yaml": HEAD.replace("ANCHOR", "2026-06-22")
            + "  - {id: a, title: A, body: cptpp, when: anchor.start - 6 weks}\n"
        }
    )
    result = invoke(root, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "schedules/plan.yaml:7:42: error: events.1.when: after '-' write a number and d, w, m "
        "or wd (e.g. - 6w), not '6 weks'\n1 error found.\n"
    )


# --- explain, status, edits -------------------------------------------------------------------


def test_explain_prints_the_chain_with_the_holidays_skipped() -> None:
    result = invoke(FIXTURE, "explain", "cptpp-briefing-book-som2")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "tests" / "data" / "explain-briefing-book.txt").read_text(
        encoding="utf-8"
    )


def test_explain_json_lists_each_step() -> None:
    result = invoke(FIXTURE, "explain", "cptpp-som1-preparatory-2026", "--format", "json")
    found = json.loads(result.stdout)
    first = found["chain"][0]
    assert (first["when"], first["formula"]) == ("2026-02-13", "cptpp-som1-2026.start - 3wd")
    assert first["steps"][1]["step"] == "- 3wd in VN"
    assert [h["day"] for h in first["steps"][1]["holidays"]] == [
        "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"
    ]  # fmt: skip
    assert found["chain"][1] == {
        "id": "cptpp-som1-2026", "kind": "event", "file": "schedules/plan.yaml", "line": 35,
        "column": 11, "when": "2026-02-25..2026-02-26", "label": "25–26 February 2026",
    }  # fmt: skip
    assert found["counted_from_it"] == []


def test_explain_an_anchor_lists_what_moves_with_it() -> None:
    result = invoke(FIXTURE, "explain", "cptpp-mrt-2026")
    assert result.stdout.endswith(
        "Counted from cptpp-mrt-2026 (they move when it moves): cptpp-briefing-book-som2, "
        "cptpp-invitations-mrt, cptpp-som2-2026\n"
    )


def test_explain_an_unknown_id_suggests_one() -> None:
    result = invoke(FIXTURE, "explain", "cptpp-som2")
    assert result.exit_code == 1
    assert result.stderr == (
        "no event or deliverable 'cptpp-som2' in the plan — did you mean 'cptpp-som2-2026'?\n"
    )


def test_status_says_what_a_due_date_is_derived_from() -> None:
    text = invoke(FIXTURE, "status", "--as-of", "2026-04-10").stdout
    assert (
        "  [ ] Briefing book for SOM2                todo due soon       22 April 2026 (10 working "
        "days before the   —\n"
    ) in text
    report = json.loads(
        invoke(FIXTURE, "status", "--as-of", "2026-04-10", "--format", "json").stdout
    )
    book = report["bodies"][0]["priorities"][0]["deliverables"][0]
    assert (book["due"], book["derived"]) == (
        "2026-04-22",
        "10 working days before the start of Second Senior Officials' Meeting (SOM2)",
    )
    assert report["attention"][0] == {
        "kind": "due-soon",
        "id": "cptpp-briefing-book-som2",
        "message": "Briefing book for SOM2: due 22 April 2026 (10 working days before the start of "
        "Second Senior Officials' Meeting (SOM2)), 12 days from now, todo",
    }
    assert report["upcoming"][0]["derived"] == (
        "6 weeks before the start of CPTPP Ministers' Meeting, for 2 days"
    )


def test_a_fuzzy_derived_event_says_which_anchor_to_firm() -> None:
    report = json.loads(
        invoke(FIXTURE, "status", "--as-of", "2026-09-01", "--format", "json").stdout
    )
    som3 = next(a for a in report["attention"] if a["id"] == "cptpp-som3-2026")
    assert som3["message"] == (
        "Third Senior Officials' Meeting (SOM3): its window between 17 September 2026 and 18 "
        "December 2026 starts on 2026-09-17 and no firm date is set (it is counted from "
        "cptpp-commission-2026: firm that date)"
    )


def test_marking_a_derived_entry_keeps_its_formula_byte_for_byte(make_plan: MakePlan) -> None:
    text = (FIXTURE / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    root = make_plan({"plan.yaml": text})
    assert invoke(root, "mark", "cptpp-som2-2026", "confirmed").exit_code == 0
    assert invoke(root, "mark", "cptpp-invitations-mrt", "done").exit_code == 0
    after = (root / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in text.splitlines()]
    assert added == ["        status: done", "    status: confirmed"]
    kept = [
        line
        for line in after.splitlines(keepends=True)
        if line.strip() not in {"status: done", "status: confirmed"}
    ]
    assert "".join(kept) == text  # every other byte, the formulas with them


def test_add_event_accepts_a_derived_date(make_plan: MakePlan) -> None:
    text = (FIXTURE / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    root = make_plan({"plan.yaml": text})
    result = invoke(
        root, "add", "event", "--id", "cptpp-som4-2026", "--title", "SOM4", "--body", "cptpp",
        "--when", "cptpp-commission-2026.start - 1w for 2d", "--file", "plan.yaml",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = (root / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    assert after.startswith(text)
    assert "cptpp-commission-2026.start - 1w for 2d" in after[len(text) :]
    som4 = read_plan(root).derived["cptpp-som4-2026"]
    assert str(som4.window) == "2026-09-24/2026-12-25"


def test_the_readme_shows_the_real_explain_output() -> None:
    command = "$ chairplan --root tests/fixtures/relative explain cptpp-briefing-book-som2\n"
    shown = (REPO / "README.md").read_text(encoding="utf-8").split(command, 1)[1].split("```")[0]
    assert shown == invoke(FIXTURE, "explain", "cptpp-briefing-book-som2").stdout


# --- a property: narrowing the anchor never leaves the derived window -------------------------

OFFSETS = st.lists(
    st.tuples(st.sampled_from("+-"), st.integers(0, 40), st.sampled_from(["d", "w", "m", "wd"])),
    max_size=3,
)


def resolved_window(anchor: str, formula: str) -> Window:
    text = (
        HEAD.replace("ANCHOR", anchor)
        + f"  - {{id: x, title: X, body: cptpp, when: '{formula}'}}\n"
    )
    loaded, problems = resolve(Path("."), (load_text(text, "schedules/plan.yaml"),))
    assert problems == []
    return loaded.derived["x"].window


@settings(max_examples=60, deadline=None)
@given(offsets=OFFSETS, length=st.integers(1, 5), part=st.sampled_from(["start", "end"]))
def test_a_narrower_anchor_gives_a_window_inside_the_broader_ones(
    offsets: list[tuple[str, int, str]], length: int, part: str
) -> None:
    formula = f"anchor.{part} " + " ".join(f"{s} {n}{u}" for s, n, u in offsets) + f" for {length}d"
    windows = [
        resolved_window(a, formula) for a in ("2026", "2026-H1", "2026-Q2", "2026-05", "2026-05-20")
    ]
    for broad, narrow in itertools.pairwise(windows):
        assert broad.contains(narrow), (formula, broad, narrow)
    assert windows[-1].is_firm and (windows[-1].end - windows[-1].start).days == length - 1


# --- feeds ------------------------------------------------------------------------------------


def test_feeds_carry_the_resolved_dates_what_they_are_counted_from_and_the_anchor(
    tmp_path: Path,
) -> None:
    files = built(copy_plan(FIXTURE, tmp_path / "plan"), tmp_path / "site")
    events = events_by_uid(files["all.ics"])
    som2 = events[uid("cptpp-som2-2026")]
    assert (som2["DTSTART"].dt, som2["DTEND"].dt) == (dt.date(2026, 5, 11), dt.date(2026, 5, 13))
    assert str(som2["DESCRIPTION"]).startswith(
        "Date: 6 weeks before the start of CPTPP Ministers' Meeting, for 2 days "
        "(cptpp-mrt-2026.start - 6w for 2d)\n\n"
    )
    assert str(som2["RELATED-TO"]) == uid("cptpp-mrt-2026")
    assert som2["RELATED-TO"].params["RELTYPE"] == "DEPENDS-ON"
    assert "RELATED-TO" not in events[uid("cptpp-mrt-2026")]
    # the same bytes read by vobject, another parser
    parsed = vobject.readOne(files["all.ics"].decode())
    som2_v = next(v for v in parsed.vevent_list if v.uid.value == uid("cptpp-som2-2026"))
    assert som2_v.related_to.value == uid("cptpp-mrt-2026")
    todos = {str(c["UID"]): c for c in Calendar.from_ical(files["tasks.ics"]).walk("VTODO")}
    book = todos[uid("cptpp-briefing-book-som2")]
    assert book["DUE"].dt == dt.date(2026, 4, 22)
    related = book["RELATED-TO"]
    assert [(str(r), r.params["RELTYPE"]) for r in related] == [
        (uid("cptpp-accession"), "PARENT"),
        (uid("cptpp-som2-2026"), "DEPENDS-ON"),
    ]


def test_moving_an_anchor_bumps_the_sequence_of_what_is_counted_from_it(tmp_path: Path) -> None:
    plan = copy_plan(FIXTURE, tmp_path / "plan")
    built(plan, tmp_path / "a")
    path = plan / "schedules" / "plan.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "when: 2026-06-22..2026-06-23", "when: 2026-06-29..2026-06-30"
        ),
        encoding="utf-8",
    )
    later = STAMP + dt.timedelta(days=1)
    files = built(plan, tmp_path / "b", stamp=later)
    events = events_by_uid(files["all.ics"])
    som2 = events[uid("cptpp-som2-2026")]
    assert (som2["DTSTART"].dt, int(som2["SEQUENCE"])) == (dt.date(2026, 5, 18), 1)
    assert int(events[uid("cptpp-som1-2026")]["SEQUENCE"]) == 0  # not counted from it
    todos = {str(c["UID"]): c for c in Calendar.from_ical(files["tasks.ics"]).walk("VTODO")}
    assert int(todos[uid("cptpp-briefing-book-som2")]["SEQUENCE"]) == 1


def test_the_page_shows_what_a_date_is_counted_from_in_each_language(tmp_path: Path) -> None:
    plan = copy_plan(FIXTURE, tmp_path / "plan")
    page = built(plan, tmp_path / "en")["index.html"].decode()
    assert (
        '<span class="when" title="6 weeks before the start of CPTPP Ministers&#39; Meeting, '
        'for 2 days">11–12 May 2026</span>'
    ) in page
    assert (
        '<span class="derived">6 weeks before the start of CPTPP Ministers&#39; Meeting, for 2 '
        "days</span>"
    ) in page
    vi = built(plan, tmp_path / "vi", lang="vi")["index.html"].decode()
    assert (
        '<span class="derived">6 tuần trước ngày bắt đầu CPTPP Ministers&#39; Meeting, 2 ngày</span>'
    ) in vi
