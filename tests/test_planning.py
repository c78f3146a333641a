"""The planning rules: each trips exactly once on a small plan and not at all on its clean twin,
with the exact text and JSON; zones, fuzzy windows, waivers, severities from settings, --strict."""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path

import pytest

from chairplan import calendars
from chairplan.checks.planning import against, between
from chairplan.dates import Precision, Window, parse_window
from tests.clitools import invoke
from tests.conftest import REPO, MakePlan

HEAD = """bodies:
  - id: cptpp
    short: CPTPP
    name: CPTPP
resources:
  - {id: minister, name: The Minister, kind: person}
events:
"""
# The same, with two members (one observing Ramadan): two lines longer.
MEMBERS = HEAD.replace(
    "    name: CPTPP\n",
    "    name: CPTPP\n    members:\n      - {country: JP}\n"
    "      - {country: MY, observes: [ramadan]}\n",
)


def check(root: Path, *args: str) -> tuple[int, str]:
    result = invoke(root, "check", *args)
    return result.exit_code, result.stdout


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


def one_plan(make_plan: MakePlan, events: str, more: str = "", head: str = HEAD) -> Path:
    return make_plan({"plan.yaml": head + events + more})


OK = "ok: 1 file, {n} {events}, 0 priorities, 0 deliverables, 0 quotes checked"


def ok(n: int, tail: str = ".") -> str:
    return OK.format(n=n, events="event" if n == 1 else "events") + tail + "\n"


# --- clash.resource ---------------------------------------------------------------------------

SAME_DAY = """  - {id: a, title: A, when: 2026-03-11, where: {city: Hà Nội, country: VN}, body: cptpp, resources: [minister]}
  - {id: b, title: B, when: DAY_B, where: {city: Hà Nội, country: VN}, body: cptpp, resources: [minister]}
"""


def test_clash_resource_all_day_by_day(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, SAME_DAY.replace("DAY_B", "2026-03-11..2026-03-12"))
    assert check(root) == (
        1,
        "schedules/plan.yaml:8:5: error: clash.resource: The Minister (person) is needed by a "
        "and b on 11 March 2026; move one of them, or give one of them another person\n"
        "schedules/plan.yaml:9:5: note: b is involved\n"
        "1 error found.\n",
    )


def test_clash_resource_clean_twin(make_plan: MakePlan) -> None:
    assert check(one_plan(make_plan, SAME_DAY.replace("DAY_B", "2026-03-13"))) == (0, ok(2))


TIMED = """  - {id: e, title: E, when: {start: 2026-04-08T09:00, end: 2026-04-08T11:00, tz: Asia/Ho_Chi_Minh}, where: {city: Hà Nội, country: VN}, body: cptpp, resources: [minister]}
  - {id: f, title: F, when: {start: 2026-04-08TSTART, end: 2026-04-08TEND, tz: Australia/Sydney}, where: {city: Sydney, country: AU}, body: cptpp, resources: [minister]}
"""


def test_timed_events_clash_by_instant_across_zones(make_plan: MakePlan) -> None:
    # 09:00-11:00 in Hà Nội is 02:00-04:00 UTC; 13:00-14:00 in Sydney (AEST, +10) is 03:00-04:00.
    root = one_plan(make_plan, TIMED.replace("START", "13:00").replace("END", "14:00"))
    assert check(root) == (
        1,
        "schedules/plan.yaml:8:5: error: clash.resource: The Minister (person) is needed by e "
        "and f at the same time (2026-04-08 09:00–11:00 Asia/Ho_Chi_Minh and 2026-04-08 "
        "13:00–14:00 Australia/Sydney); move one of them, or give one of them another person\n"
        "schedules/plan.yaml:9:5: note: f is involved\n"
        "1 error found.\n",
    )


def test_timed_events_on_one_day_that_do_not_overlap_still_need_travel(
    make_plan: MakePlan,
) -> None:
    # 15:00-16:00 in Sydney is 05:00-06:00 UTC, an hour after the Hà Nội meeting ends.
    root = one_plan(make_plan, TIMED.replace("START", "15:00").replace("END", "16:00"))
    assert check(root) == (
        0,
        "schedules/plan.yaml:8:5: warning: clash.travel: The Minister is in Hà Nội, Vietnam for "
        "e (2026-04-08 09:00–11:00 Asia/Ho_Chi_Minh) and in Sydney, Australia for f (2026-04-08 "
        "15:00–16:00 Australia/Sydney), 1 hours apart; the plan wants at least 1 day between "
        "events in different places: leave more time, or set settings: travel-gap:\n"
        "schedules/plan.yaml:9:5: note: f is involved\n" + ok(2, "; 1 warning found."),
    )


# --- clash.travel -------------------------------------------------------------------------------

TRAVEL = """  - {id: i, title: I, when: 2026-10-06, where: {city: Lima, country: PE}, body: cptpp, resources: [minister]}
  - {id: j, title: J, when: DAY_J, where: {city: Hà Nội, country: VN}, body: cptpp, resources: [minister]}
"""


def test_clash_travel_between_all_day_events(make_plan: MakePlan) -> None:
    code, out = check(one_plan(make_plan, TRAVEL.replace("DAY_J", "2026-10-07")))
    assert (code, out) == (
        0,
        "schedules/plan.yaml:8:5: warning: clash.travel: The Minister is in Lima, Peru for i "
        "(6 October 2026) and in Hà Nội, Vietnam for j (7 October 2026), no day between them; "
        "the plan wants at least 1 day between events in different places: leave more time, or "
        "set settings: travel-gap:\n"
        "schedules/plan.yaml:9:5: note: j is involved\n" + ok(2, "; 1 warning found."),
    )


def test_clash_travel_clean_twin_and_a_longer_gap_from_settings(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, TRAVEL.replace("DAY_J", "2026-10-08"))
    assert check(root) == (0, ok(2))
    root = one_plan(
        make_plan, TRAVEL.replace("DAY_J", "2026-10-08"), "settings:\n  travel-gap: 2d\n"
    )
    code, out = check(root)
    assert code == 0 and "1 day between them; the plan wants at least 2 days" in out


# --- clash.body ---------------------------------------------------------------------------------

BODY = """  - {id: m1, title: M1, when: 2026-05-20, body: cptpp, level: ministers}
  - {id: m2, title: M2, when: 2026-05-20..2026-05-21, body: cptpp, level: LEVEL}
"""


def test_clash_body(make_plan: MakePlan) -> None:
    assert check(one_plan(make_plan, BODY.replace("LEVEL", "ministers"))) == (
        0,
        "schedules/plan.yaml:8:5: warning: clash.body: m1 and m2 are both ministers meetings of "
        "CPTPP on 20 May 2026; move one, or waive clash.body with the reason (one held on the "
        "sidelines of the other)\n"
        "schedules/plan.yaml:9:5: note: m2 is involved\n" + ok(2, "; 1 warning found."),
    )
    assert check(one_plan(make_plan, BODY.replace("LEVEL", "senior-officials"))) == (0, ok(2))


def test_held_cancelled_and_postponed_events_are_not_judged(make_plan: MakePlan) -> None:
    for status in ("held", "cancelled", "postponed"):
        events = BODY.replace("LEVEL", "ministers").replace(
            "level: ministers}", f"level: ministers, status: {status}}}", 1
        )
        assert check(one_plan(make_plan, events)) == (0, ok(2))


# --- holiday.host -------------------------------------------------------------------------------


def host(day: str) -> str:
    return (
        f"  - {{id: c, title: C, when: {day}, where: {{city: Hà Nội, country: VN}}, body: cptpp}}\n"
    )


def test_holiday_host_tet(make_plan: MakePlan) -> None:
    assert check(one_plan(make_plan, host("2026-02-17"))) == (
        1,
        "schedules/plan.yaml:8:5: error: holiday.host: c (17 February 2026) falls on Lunar New "
        "Year (17 February 2026), a public holiday in Vietnam, where it is held; the break runs "
        "14–22 February 2026; move it, or waive holiday.host with the reason\n"
        "1 error found.\n",
    )


def test_holiday_host_the_weekend_that_opens_the_tet_break(make_plan: MakePlan) -> None:
    code, out = check(one_plan(make_plan, host("2026-02-14")))
    assert code == 1
    assert "falls in the days off around Lunar New Year's Eve in Vietnam (14 February 2026)" in out


def test_holiday_host_make_up_days(make_plan: MakePlan) -> None:
    # Saturday 22 August 2026 is an official working day, given back on Monday 31 August.
    assert check(one_plan(make_plan, host("2026-08-22"))) == (0, ok(1))
    code, out = check(one_plan(make_plan, host("2026-08-31")))
    assert code == 1 and "falls on Day off (substituted from 08/22/2026) (31 August 2026)" in out


def test_holiday_host_clean_twin_and_an_ordinary_weekend(make_plan: MakePlan) -> None:
    assert check(one_plan(make_plan, host("2026-03-11"))) == (0, ok(1))
    assert check(one_plan(make_plan, host("2026-03-14"))) == (0, ok(1))  # a Saturday


def test_holiday_host_on_fuzzy_windows(make_plan: MakePlan) -> None:
    # February 2026 holds the whole Tết break, but the event may be on any of its days: possible,
    # on a month-long window, so not reported.
    assert check(one_plan(make_plan, host("2026-02"))) == (0, ok(1))


# --- holiday.member and observance --------------------------------------------------------------


def test_holiday_member(make_plan: MakePlan) -> None:
    events = "  - {id: d, title: D, when: 2026-03-20, where: {city: Singapore, country: SG}, body: cptpp}\n"
    code, out = check(one_plan(make_plan, events, head=MEMBERS))
    assert (code, out.splitlines()) == (
        0,
        [
            "schedules/plan.yaml:11:5: warning: holiday.member: d (20 March 2026) falls on Eid "
            "al-Fitr (additional holiday) (20 March 2026), a public holiday in Malaysia, a member "
            "of CPTPP; the break runs 20–23 March 2026; move it, or waive holiday.member with the "
            "reason",
            "schedules/plan.yaml:11:5: warning: holiday.member: d (20 March 2026) falls on Vernal "
            "Equinox Day (20 March 2026), a public holiday in Japan, a member of CPTPP; the break "
            "runs 20–22 March 2026; move it, or waive holiday.member with the reason",
            ok(1, "; 2 warnings found.").strip(),
        ],
    )
    twin = events.replace("2026-03-20", "2026-04-09")
    assert check(one_plan(make_plan, twin, head=MEMBERS)) == (0, ok(1))


def test_observance_ramadan(make_plan: MakePlan) -> None:
    events = "  - {id: s, title: S, when: 2026-03-10..2026-03-13, body: cptpp}\n"
    assert check(one_plan(make_plan, events, head=MEMBERS)) == (
        0,
        "schedules/plan.yaml:11:5: warning: observance: s (10–13 March 2026) falls in Ramadan "
        "(18 February 2026 – 19 March 2026), observed by Malaysia (CPTPP members); move it, or "
        "waive observance with the reason\n" + ok(1, "; 1 warning found."),
    )
    assert check(
        one_plan(make_plan, events.replace("2026-03-10..2026-03-13", "2026-04-10"), head=MEMBERS)
    ) == (
        0,
        ok(1),
    )
    root = make_plan({"plan.yaml": (MEMBERS + events).replace(", observes: [ramadan]", "")})
    assert check(root) == (0, ok(1))  # no member observes it


BLACKOUT = "blackouts:\n  - {id: unga, title: UN General Assembly high-level week, when: WHEN}\n"


@pytest.mark.parametrize(
    ("event", "blackout", "found"),
    [
        ("2026-09-24", "2026-09-22..2026-09-26", "definite"),
        ("2026-05", "2026-04-01..2026-06-30", "definite"),  # every day of May is in the blackout
        ("2026-Q2", "2026-05-01..2026-05-31", None),  # possible, on a quarter: not reported
        ("2026-09-28", "2026-09-22..2026-09-26", None),
    ],
)
def test_observance_blackouts(
    make_plan: MakePlan, event: str, blackout: str, found: str | None
) -> None:
    events = f"  - {{id: h, title: H, when: {event}, body: cptpp}}\n"
    root = one_plan(make_plan, events, BLACKOUT.replace("WHEN", blackout))
    result = invoke(root, "check", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [p.get("certainty") for p in problems] == ([found] if found else [])
    if found:
        [problem] = problems
        assert problem["code"] == "observance" and problem["severity"] == "warning"
        assert problem["locations"] == [
            {"file": "schedules/plan.yaml", "line": 8, "column": 5, "entry": "h"},
            {"file": "schedules/plan.yaml", "line": 10, "column": 5, "entry": "unga"},
        ]


def test_a_blackout_needs_exact_days(make_plan: MakePlan) -> None:
    events = "  - {id: h, title: H, when: 2026-09-24, body: cptpp}\n"
    root = one_plan(make_plan, events, BLACKOUT.replace("WHEN", "2026-09"))
    assert check(root) == (
        1,
        "schedules/plan.yaml:10:66: error: blackouts.0.when: a blackout needs exact days "
        "(2026-09-22..2026-09-26), not 2026-09\n1 error found.\n",
    )


# --- followups ----------------------------------------------------------------------------------

AT_RISK = """  - {id: g, title: G, when: 2026-09-24, body: cptpp, status: STATUS}
priorities:
  - id: p
    title: P
    body: cptpp
    deliverables:
      - {id: dl, title: DL, status: DONE, events: [g]}
"""


def test_followup_at_risk(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, AT_RISK.replace("STATUS", "cancelled").replace("DONE", "todo"))
    assert check(root) == (
        1,
        "schedules/plan.yaml:14:9: error: followup.at-risk: deliverable dl (todo) is to be "
        "delivered at g, which is cancelled; name another event under events:, or mark it "
        "dropped\n"
        "schedules/plan.yaml:8:5: note: g is involved\n"
        "1 error found.\n",
    )
    for status, done in (("cancelled", "done"), ("cancelled", "dropped"), ("planned", "todo")):
        root = one_plan(make_plan, AT_RISK.replace("STATUS", status).replace("DONE", done))
        assert check(root) == (
            0,
            "ok: 1 file, 1 event, 1 priority, 1 deliverable, 0 quotes checked.\n",
        )


def test_followup_unconfirmed_depends_on_the_day(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, "  - {id: u, title: U, when: 2026-05-20, body: cptpp}\n")
    assert check(root, "--as-of", "2026-05-21") == (
        0,
        "schedules/plan.yaml:8:5: warning: followup.unconfirmed: u (20 May 2026) has passed as "
        "of 2026-05-21 and is still planned: did it take place? mark it held, postponed or "
        "cancelled\n" + ok(1, "; 1 warning found."),
    )
    assert check(root, "--as-of", "2026-05-20") == (0, ok(1))  # its day is not over yet
    assert check(root, "--as-of", "2026-05-21", "--strict")[0] == 1
    held = one_plan(
        make_plan, "  - {id: u, title: U, when: 2026-05-20, body: cptpp, status: held}\n"
    )
    assert check(held, "--as-of", "2026-05-21") == (0, ok(1))


# --- severities, waivers, --strict ---------------------------------------------------------------

CLASH = BODY.replace("LEVEL", "ministers")


def test_severity_from_settings_for_the_plan_and_per_body(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, CLASH, "settings:\n  rules:\n    clash.body: error\n")
    code, out = check(root)
    assert code == 1 and "error: clash.body:" in out and out.endswith("1 error found.\n")
    root = one_plan(make_plan, CLASH, "settings:\n  rules:\n    clash.body: off\n")
    assert check(root) == (0, ok(2))
    per_body = "settings:\n  bodies:\n    cptpp:\n      rules: {clash.body: off}\n"
    assert check(one_plan(make_plan, CLASH, per_body)) == (0, ok(2))


def test_strict_makes_warnings_fail(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, CLASH)
    assert check(root)[0] == 0
    code, out = check(root, "--strict")
    assert code == 1 and out.endswith("1 warning found.\n")


WAIVED = CLASH.replace(
    "level: ministers}\n",
    "level: ministers, waive: [{rule: clash.body, reason: On the sidelines of M2WITH}]}\n",
    1,
)


def test_a_waiver_hides_the_finding_from_check_and_status_lists_it(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, WAIVED.replace("WITH", ""))
    assert check(root) == (0, ok(2, "; 1 waived (see chairplan status)."))
    status = json.loads(invoke(root, "status", "--format", "json").stdout)
    assert status["waived"] == [
        {
            "code": "clash.body",
            "id": "m1",
            "message": "m1 and m2 are both ministers meetings of CPTPP on 20 May 2026; move one, "
            "or waive clash.body with the reason (one held on the sidelines of the other)",
            "reason": "On the sidelines of M2",
        }
    ]
    assert not [a for a in status["attention"] if a["kind"] == "clash.body"]
    text = invoke(root, "status").stdout
    assert "Waived (findings the plan accepts, with why)" in text and "On the sidelines" in text


def test_a_waiver_with_names_the_other_entry(make_plan: MakePlan) -> None:
    text = (HEAD + CLASH).replace(
        "level: ministers}\n",
        "level: ministers, waive: [{rule: clash.body, reason: Sidelines, with: [m2]}]}\n",
        1,
    )
    root = make_plan({"plan.yaml": text})
    assert check(root) == (0, ok(2, "; 1 waived (see chairplan status)."))
    other = text.replace("with: [m2]", "with: [minister]")
    root = make_plan({"plan.yaml": other})
    code, out = check(root)
    assert code == 0 and "warning: clash.body:" in out  # the waiver is about another party


def test_the_json_of_a_finding(make_plan: MakePlan) -> None:
    root = one_plan(make_plan, CLASH)
    data = json.loads(invoke(root, "check", "--format", "json", "--as-of", "2026-01-02").stdout)
    assert data == {
        "ok": True,
        "as_of": "2026-01-02",
        "holidays": version("holidays"),
        "problems": [
            {
                "file": "schedules/plan.yaml",
                "line": 8,
                "column": 5,
                "code": "clash.body",
                "message": "clash.body: m1 and m2 are both ministers meetings of CPTPP on 20 May "
                "2026; move one, or waive clash.body with the reason (one held on the sidelines "
                "of the other)",
                "severity": "warning",
                "entry": "m1",
                "certainty": "definite",
                "locations": [
                    {"file": "schedules/plan.yaml", "line": 8, "column": 5, "entry": "m1"},
                    {"file": "schedules/plan.yaml", "line": 9, "column": 5, "entry": "m2"},
                ],
            }
        ],
        "waived": [],
    }


# --- bad settings and waivers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("more", "expected"),
    [
        (
            "settings:\n  rules:\n    clash.bdy: warning\n",
            "schedules/plan.yaml:12:5: error: settings.rules.clash.bdy: no planning rule "
            "'clash.bdy' — did you mean 'clash.body'?",
        ),
        (
            "settings:\n  rules:\n    clash.body: warn\n",
            "schedules/plan.yaml:12:17: error: settings.rules.clash.body: Input should be "
            "'error', 'warning' or 'off' — did you mean 'warning'?",
        ),
        (
            "settings:\n  rules:\n    duplicate-id: off\n",
            "schedules/plan.yaml:12:5: error: settings.rules.duplicate-id: no planning rule "
            "'duplicate-id' — known: clash.body, clash.resource, clash.travel, followup.at-risk, "
            "followup.unconfirmed, holiday.host, holiday.member, leadtime.long, leadtime.order, leadtime.short, "
            "observance",
        ),
        (
            "settings:\n  bodies:\n    cptp:\n      rules: {clash.body: off}\n",
            "schedules/plan.yaml:12:5: error: settings.bodies: no body 'cptp' in the plan — did "
            "you mean 'cptpp'?",
        ),
        (
            "settings:\n  travel-gap: 1 week\n",
            "schedules/plan.yaml:11:15: error: settings.travel-gap: '1 week' is not a gap; write "
            "days or hours, e.g. 1d or 12h",
        ),
        (
            "settings:\n  travel_gap: 1d\n",
            "schedules/plan.yaml:11:3: error: settings.travel_gap: unknown key 'travel_gap' — did "
            "you mean 'travel-gap'?",
        ),
    ],
)
def test_bad_settings_are_located(make_plan: MakePlan, more: str, expected: str) -> None:
    code, out = check(one_plan(make_plan, CLASH, more))
    assert code == 1
    assert errors(out) == [expected]


@pytest.mark.parametrize(
    ("waiver", "expected"),
    [
        (
            "{rule: clash.body}",
            "schedules/plan.yaml:8:82: error: events.0.waive.0.reason: required key 'reason' is "
            "missing; add it",
        ),
        (
            "{reason: Sidelines}",
            "schedules/plan.yaml:8:82: error: events.0.waive.0.rule: required key 'rule' is "
            "missing; add it",
        ),
        (
            "{rule: clash.bodies, reason: Sidelines}",
            "schedules/plan.yaml:8:89: error: events.0.waive.0.rule: no planning rule "
            "'clash.bodies' — did you mean 'clash.body'?",
        ),
        (
            "{rule: clash.body, reason: Sidelines, with: [m3]}",
            "schedules/plan.yaml:8:127: error: events.0.waive.0.with.0: no entry 'm3' in the "
            "plan — name an entry id, a country code or ramadan",
        ),
    ],
)
def test_bad_waivers_are_located(make_plan: MakePlan, waiver: str, expected: str) -> None:
    events = CLASH.replace("level: ministers}\n", f"level: ministers, waive: [{waiver}]}}\n", 1)
    code, out = check(one_plan(make_plan, events))
    assert code == 1
    assert errors(out) == [expected]


def test_one_settings_for_the_whole_plan(make_plan: MakePlan) -> None:
    root = make_plan(
        {"a.yaml": HEAD + CLASH + "settings: {travel-gap: 1d}\n", "b.yaml": "settings: {}\n"}
    )
    code, out = check(root)
    assert code == 1
    assert errors(out) == [
        "schedules/b.yaml:1:1: error: settings: is given already at schedules/a.yaml:10:1; keep "
        "one settings: for the whole plan"
    ]


# --- edits record facts; check judges them -----------------------------------------------------


def test_marking_an_event_cancelled_is_recorded_and_check_reports_the_deliverables(
    make_plan: MakePlan,
) -> None:
    root = one_plan(make_plan, AT_RISK.replace("STATUS", "planned").replace("DONE", "todo"))
    marked = invoke(root, "mark", "g", "cancelled")
    assert marked.exit_code == 0, marked.output
    code, out = check(root)
    assert code == 1 and "followup.at-risk: deliverable dl (todo)" in out


# --- the calendars, against known real dates ----------------------------------------------------


def test_viet_nam_public_holidays_2026() -> None:
    names = {h.day: h for h in calendars.public_holidays("VN", 2026)}
    assert names[dt.date(2026, 2, 17)].en == "Lunar New Year"
    assert names[dt.date(2026, 2, 17)].vi == "Tết Nguyên Đán"
    assert names[dt.date(2026, 4, 30)].en == "Liberation Day/Reunification Day"
    assert names[dt.date(2026, 9, 2)].en == "National Day"
    [tet] = calendars.breaks_between("VN", dt.date(2026, 2, 17), dt.date(2026, 2, 17))
    assert (tet.start, tet.end) == (dt.date(2026, 2, 14), dt.date(2026, 2, 22))


def test_ramadan_2026() -> None:
    [(first, last)] = calendars.ramadan_between(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    assert first in (dt.date(2026, 2, 18), dt.date(2026, 2, 19))
    assert last == dt.date(2026, 3, 19)
    with pytest.raises(ValueError, match="1924–2077"):
        calendars.ramadan_between(dt.date(2090, 1, 1), dt.date(2090, 1, 2))


def test_certainty_of_fuzzy_windows() -> None:
    day = parse_window("2026-05-20")
    may, q2 = parse_window("2026-05"), parse_window("2026-Q2")
    assert against(day, dt.date(2026, 5, 20), dt.date(2026, 5, 20)) == "definite"
    assert against(may, dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == "definite"
    assert against(may, dt.date(2026, 5, 20), dt.date(2026, 5, 20)) is None  # possible, too long
    short = Window(dt.date(2026, 5, 18), dt.date(2026, 5, 24), Precision.MONTH)  # a fuzzy week
    assert against(short, dt.date(2026, 5, 20), dt.date(2026, 5, 20)) == "possible"
    assert between(may, q2) is None
    assert between(day, may) is None and between(day, parse_window("2026-05-20..2026-05-21"))


# --- the bundled plan ---------------------------------------------------------------------------


def test_the_bundled_plan_checks_clean_with_the_rules_on_and_says_what_it_waives() -> None:
    result = invoke(REPO, "check", "--as-of", "2026-12-02", "--strict", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["problems"] == []
    assert [(w["code"], w["entry"]) for w in data["waived"]] == [
        ("followup.unconfirmed", "asean-future-forum-2026"),
        ("followup.unconfirmed", "glorious-spring-fair-2026"),
    ]


def test_the_readme_shows_the_real_output_of_the_example_plan() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ chairplan --root tests/fixtures/planning check --as-of 2026-06-01\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    result = invoke(REPO / "tests" / "fixtures" / "planning", "check", "--as-of", "2026-06-01")
    assert result.exit_code == 1
    assert result.stdout == shown


def test_the_readme_shows_the_real_check_of_the_bundled_plan() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ chairplan check --as-of 2026-12-02\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    result = invoke(REPO, "check", "--as-of", "2026-12-02")
    assert (result.exit_code, result.stdout) == (0, shown)
