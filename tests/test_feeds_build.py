"""`chairplan build` and `chairplan ics`: feeds, index, stability, the lock, safe failure."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chairplan import api
from chairplan.cli import app
from chairplan.errors import ChairplanError
from chairplan.export.publish import FALLBACK_STAMP, source_date
from chairplan.export.revisions import REVISIONS_FILE, parse_revisions
from chairplan.plan.read import read_plan

from .feedtools import REPO, STAMP, built, copy_plan, events_by_uid, parsed, uid

runner = CliRunner()


WEB_PAGE = ("index.html", "style.css", "app.js")
CHANGE_LOG = ("changes.md", "changes.atom")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(REPO, tmp_path / "plan")


def test_build_writes_every_feed_and_an_index(plan: Path, tmp_path: Path) -> None:
    files = built(plan, tmp_path / "site")
    model = read_plan(plan).plan
    index = json.loads(files["feeds.json"])["feeds"]
    assert [f["path"] for f in index] == [
        "all.ics",
        "cptpp.ics",
        "asean.ics",
        "apec.ics",
        "viet-nam.ics",
        "tracks/asean-uk.ics",
        "tracks/bilateral.ics",
        "holidays/AU.ics",  # one per country the plan holds events in
        "holidays/PH.ics",
        "holidays/VN.ics",
        "tasks.ics",
    ]
    assert sorted(files) == sorted(
        [*(f["path"] for f in index), "feeds.json", "checklist.md", *WEB_PAGE, *CHANGE_LOG]
    )
    for feed in index:
        calendar = parsed(files[feed["path"]])
        assert len(calendar.walk("VEVENT")) == feed["events"]
        assert len(calendar.walk("VTODO")) == feed["tasks"]
        assert str(calendar["X-WR-CALNAME"]) == feed["name"]
    assert index[0]["events"] == len(model.events) == 15
    assert index[1]["events"] == sum(e.body == "cptpp" for e in model.events)
    assert index[-1]["tasks"] == len(model.priorities) + len(model.deliverables)


def test_events_follow_the_plan(plan: Path, tmp_path: Path) -> None:
    events = events_by_uid(built(plan, tmp_path / "site")["all.ics"])
    som1 = events[uid("cptpp-som1-2026")]
    assert som1["DTSTART"].dt == dt.date(2026, 3, 10)
    assert som1["DTEND"].dt == dt.date(2026, 3, 14)  # exclusive end
    assert str(som1["STATUS"]) == "CONFIRMED"
    assert str(som1["LOCATION"]) == "Hà Nội, Vietnam"
    assert som1.categories == ["CPTPP", "senior-officials"]
    assert "- Advance the accession of new members" in str(som1["DESCRIPTION"])
    assert "seeds/000_d3d8dee123cff496.txt: “According to the schedule" in str(som1["DESCRIPTION"])
    forum = events[uid("asean-future-forum-2026")]
    assert str(forum["SUMMARY"]).endswith(" [date TBC: Q2 2026]")
    assert (forum["DTSTART"].dt, forum["DTEND"].dt) == (dt.date(2026, 4, 1), dt.date(2026, 4, 2))
    assert (str(forum["STATUS"]), str(forum["TRANSP"])) == ("TENTATIVE", "TRANSPARENT")
    assert str(forum["X-CHAIRPLAN-PRECISION"]) == "quarter"


def test_tasks_link_deliverables_to_their_priority(plan: Path, tmp_path: Path) -> None:
    todos = events_by_uid(built(plan, tmp_path / "site")["tasks.ics"])
    priority = todos[uid("cptpp-accession")]
    assert (int(priority["PERCENT-COMPLETE"]), str(priority["STATUS"])) == (0, "IN-PROCESS")
    review = todos[uid("cptpp-accession-review-som1")]
    assert str(review["RELATED-TO"]) == uid("cptpp-accession")
    assert review["DUE"].dt == dt.date(2026, 3, 13)
    assert str(review["STATUS"]) == "IN-PROCESS"


def test_same_input_gives_identical_bytes_and_no_writes(plan: Path, tmp_path: Path) -> None:
    first = built(plan, tmp_path / "site")
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*")}
    lock = (plan / REVISIONS_FILE).read_bytes()
    assert built(plan, tmp_path / "site") == first
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*")} == mtimes
    assert (plan / REVISIONS_FILE).read_bytes() == lock
    assert built(plan, tmp_path / "elsewhere") == first


def test_build_reports_which_files_it_wrote(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = api.build(plan, out, STAMP)
    names = sorted(built(plan, tmp_path / "other"))
    assert (first.written, first.unchanged) == (names, [])
    again = api.build(plan, out, STAMP)
    assert (again.written, again.unchanged, again.revisions_updated) == ([], names, False)
    (out / "checklist.md").write_bytes(b"edited by hand\n")
    mended = api.build(plan, out, STAMP)
    assert (mended.written, len(mended.unchanged)) == (["checklist.md"], len(names) - 1)


def test_editing_one_event_changes_only_that_event(plan: Path, tmp_path: Path) -> None:
    before = events_by_uid(built(plan, tmp_path / "a")["all.ics"])
    path = plan / "schedules/asean-2026.yaml"
    path.write_text(
        path.read_text().replace("ASEAN Foreign Ministers' Retreat (AMM", "AMM Retreat (AMM")
    )
    later = STAMP + dt.timedelta(days=3)
    after = events_by_uid(built(plan, tmp_path / "b", stamp=later)["all.ics"])
    changed = [uid for uid in before if before[uid].to_ical() != after[uid].to_ical()]
    assert changed == [uid("asean-amm-retreat-2026")]
    event = after[changed[0]]
    assert (int(event["SEQUENCE"]), event["LAST-MODIFIED"].dt, event["DTSTAMP"].dt) == (
        1,
        later,
        later,
    )
    assert str(event["SUMMARY"]) == "AMM Retreat (AMM Retreat)"


def test_narrowing_a_quarter_to_days_keeps_the_uid(plan: Path, tmp_path: Path) -> None:
    built(plan, tmp_path / "a")
    path = plan / "schedules/asean-2026.yaml"
    # The article gives only the quarter, so its citation no longer supports the narrowed date.
    text = path.read_text().replace("when: 2026-Q2", "when: 2026-05-20..2026-05-21")
    cited = "in the second quarter this year\n        supports: [title, when, where]"
    path.write_text(text.replace(cited, cited.replace("title, when, where", "title, where")))
    events = events_by_uid(built(plan, tmp_path / "b")["all.ics"])
    forum = events[uid("asean-future-forum-2026")]
    assert (forum["DTSTART"].dt, forum["DTEND"].dt) == (dt.date(2026, 5, 20), dt.date(2026, 5, 22))
    assert "TBC" not in str(forum["SUMMARY"])
    assert int(forum["SEQUENCE"]) == 1
    assert forum["LAST-MODIFIED"].dt == STAMP + dt.timedelta(
        seconds=1
    )  # moves even on the same stamp


def test_a_deleted_event_leaves_the_feed(plan: Path, tmp_path: Path) -> None:
    path = plan / "schedules/apec-2027.yaml"
    path.write_text(path.read_text().split("\nevents:")[0] + "\n")
    events = events_by_uid(built(plan, tmp_path / "site")["all.ics"])
    assert uid("apec-2027-viet-nam") not in events
    assert len(events) == 14


def test_language_changes_titles_not_revisions(plan: Path, tmp_path: Path) -> None:
    built(plan, tmp_path / "en")
    lock = (plan / REVISIONS_FILE).read_bytes()
    events = events_by_uid(built(plan, tmp_path / "vi", lang="vi")["cptpp.ics"])
    assert (plan / REVISIONS_FILE).read_bytes() == lock
    assert (
        str(events[uid("cptpp-commission-9")]["SUMMARY"])
        == "Phiên họp Hội đồng cấp Bộ trưởng CPTPP"
    )
    assert str(events[uid("cptpp-som1-2026")]["SUMMARY"]).startswith("First CPTPP")  # no vi title


def test_bad_plan_touches_nothing(plan: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    built(plan, site)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}
    lock = (plan / REVISIONS_FILE).read_bytes()
    path = plan / "schedules/cptpp-2026.yaml"
    path.write_text(path.read_text().replace("when: 2026-03-10..2026-03-13", "when: 2026-02-30"))
    (plan / "schedules/apec-2027.yaml").write_text("events:\n  - id: new\n")
    result = runner.invoke(app, ["--root", str(plan), "build", "--out", str(site)])
    assert result.exit_code == 1
    assert "schedules/cptpp-2026.yaml:" in result.output and "day is out of range" in result.output
    assert {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()
    } == before
    assert (plan / REVISIONS_FILE).read_bytes() == lock


def test_empty_plan_gives_valid_empty_calendars(tmp_path: Path) -> None:
    (tmp_path / "plan/schedules").mkdir(parents=True)
    (tmp_path / "plan/schedules/plan.yaml").write_text("events: []\n")
    files = built(tmp_path / "plan", tmp_path / "site")
    assert sorted(files) == sorted(
        ["all.ics", "checklist.md", "feeds.json", "tasks.ics", *WEB_PAGE, *CHANGE_LOG]
    )
    calendar = parsed(files["all.ics"])
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == (
        "2.0",
        "-//chairplan//chairplan feeds 1//EN",
    )
    assert calendar.walk("VEVENT") == []


def test_feed_properties(plan: Path, tmp_path: Path) -> None:
    text = built(plan, tmp_path / "site")["cptpp.ics"].decode()
    for line in (
        "NAME:Việt Nam's chairmanship plan: CPTPP (internal)",  # the most private, by default
        "X-WR-CALNAME:Việt Nam's chairmanship plan: CPTPP (internal)",  # settings: title:
        "VERSION:2.0",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
        "CALSCALE:GREGORIAN",
    ):
        assert f"\r\n{line}\r\n" in text
    assert (
        "\r\nDESCRIPTION:For internal. Events of Comprehensive" in text
        and "\r\nX-WR-CALDESC:For internal. Events of" in text
    )
    assert (
        "METHOD:" not in text
    )  # DTSTAMP is then the last revision, so unchanged events keep their bytes


def test_body_id_that_would_clash_with_a_feed(tmp_path: Path) -> None:
    (tmp_path / "plan/schedules").mkdir(parents=True)
    (tmp_path / "plan/schedules/plan.yaml").write_text(
        "bodies:\n  - id: all\n    short: All\n    name: All\n"
    )
    result = runner.invoke(
        app, ["--root", str(tmp_path / "plan"), "build", "--out", str(tmp_path / "site")]
    )
    assert (result.exit_code, result.output) == (
        1,
        "schedules/plan.yaml:2:9: error: bodies.0.id: 'all' is reserved for all.ics; choose another body id\n",
    )
    assert not (tmp_path / "site").exists()


def test_source_date(tmp_path: Path) -> None:
    assert source_date(tmp_path, {"SOURCE_DATE_EPOCH": "1773100800"}) == dt.datetime(
        2026, 3, 10, tzinfo=dt.UTC
    )
    assert source_date(tmp_path, {}) == FALLBACK_STAMP  # no git history here
    with pytest.raises(ChairplanError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        source_date(tmp_path, {"SOURCE_DATE_EPOCH": "soon"})


def test_source_date_from_git(tmp_path: Path) -> None:
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules/plan.yaml").write_text("events: []\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "@1773100800 +0000",
        "GIT_COMMITTER_DATE": "@1773100800 +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    for args in (["init", "-q"], ["add", "schedules"], ["commit", "-qm", "plan"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    assert source_date(tmp_path, {}) == dt.datetime(2026, 3, 10, tzinfo=dt.UTC)


def test_damaged_lock_is_a_clear_error() -> None:
    with pytest.raises(ChairplanError, match=r"chairplan.lock: not a valid lock file .*delete it"):
        parse_revisions('{"format": 1, "components": {"a@b": {"sequence": 1}}}')
    with pytest.raises(ChairplanError, match="unknown format 9"):
        parse_revisions('{"format": 9}')


def run_ics(plan: Path, args: str) -> Result:
    return runner.invoke(app, ["--root", str(plan), "ics", *args.split()])


def test_ics_prints_one_filtered_feed(plan: Path) -> None:
    result = run_ics(
        plan, "--body asean --track bilateral --from 2026-01-01 --to 2026-01-31 --status held"
    )
    assert result.exit_code == 0
    assert sorted(events_by_uid(result.stdout_bytes)) == [
        uid("asean-bilateral-vn-sg-2026-01"),
        uid("asean-bilateral-vn-tl-2026-01"),
    ]
    assert not (plan / REVISIONS_FILE).exists()  # ics only reads the lock


def test_ics_language_and_uid_domain(plan: Path) -> None:
    events = events_by_uid(
        run_ics(plan, "--body cptpp --lang vi --uid-domain plan.example.org").stdout_bytes
    )
    assert str(events[uid("cptpp-commission-9", "plan.example.org")]["SUMMARY"]).startswith(
        "Phiên họp"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "cptp"], "no body 'cptp' in the plan — did you mean 'cptpp'?\n"),
        (
            ["--from", "10/03/2026"],
            "--from '10/03/2026': date must be written YYYY-MM-DD, e.g. 2026-03-10\n",
        ),
    ],
)
def test_ics_refuses_bad_filters(plan: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["--root", str(plan), "ics", *args])
    assert (result.exit_code, result.output) == (1, message)


def test_help_does_not_import_icalendar_or_jinja2() -> None:
    code = (
        "import sys; from chairplan.cli import main; sys.argv=['chairplan','--help']\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print('icalendar' in sys.modules or 'jinja2' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert "build" in done.stdout and "ics" in done.stdout
    assert done.stderr.strip() == "False"


def test_an_unusable_out_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(REPO), "build", "--out", str(blocker / "site")])
    assert result.exit_code == 1
    assert result.output == (
        f"cannot write {blocker / 'site' / 'all.ics'}: Not a directory; check that its folder "
        "exists and that you may write there (nothing was changed)\n"
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_one_holiday_feed_per_host_country_named_in_both_languages(
    plan: Path, tmp_path: Path
) -> None:
    english = events_by_uid(built(plan, tmp_path / "en")["holidays/VN.ics"])
    tet = english["holiday-VN-20260217@chairplan"]
    assert (str(tet["SUMMARY"]), tet.decoded("DTSTART"), tet.decoded("DTEND")) == (
        "Lunar New Year",
        dt.date(2026, 2, 17),
        dt.date(2026, 2, 18),
    )
    assert str(tet["DESCRIPTION"]) == "Tết Nguyên Đán\n\nPublic holiday in Vietnam"
    assert str(tet["TRANSP"]) == "TRANSPARENT"  # a holiday does not make anyone busy
    days = sorted(c.decoded("DTSTART") for c in english.values())
    assert dt.date(2026, 4, 30) in days and dt.date(2026, 9, 2) in days
    assert days[0].year == 2025 and days[-1].year == 2027  # the years the plan's events touch
    vietnamese = events_by_uid(built(plan, tmp_path / "vi", lang="vi")["holidays/VN.ics"])
    tet_vi = vietnamese["holiday-VN-20260217@chairplan"]
    assert str(tet_vi["SUMMARY"]) == "Tết Nguyên Đán"
    assert str(tet_vi["DESCRIPTION"]) == "Lunar New Year\n\nNgày lễ ở Việt Nam"  # CLDR's name


def test_holiday_feeds_rebuild_byte_for_byte(plan: Path, tmp_path: Path) -> None:
    first = built(plan, tmp_path / "a")
    second = built(plan, tmp_path / "b")
    holiday_feeds = [name for name in first if name.startswith("holidays/")]
    assert holiday_feeds == ["holidays/AU.ics", "holidays/PH.ics", "holidays/VN.ics"]
    assert all(first[name] == second[name] for name in holiday_feeds)


def test_every_feed_holds_the_events_its_filter_admits() -> None:
    """A build selects its feeds in one pass over the events: each one holds exactly the events
    that its filter, asked event by event, admits (a track shared by two bodies included)."""
    from chairplan.export.revisions import Revisions
    from chairplan.export.site import feed_metas, prepare

    site, _ = prepare(read_plan(REPO).plan, Revisions(), STAMP, "en")
    metas = feed_metas(site)
    shared = {e.track for e in site.events if e.track and e.body == "asean"}
    assert "bilateral" in shared and {e.body for e in site.events if e.track == "bilateral"} > {
        "asean"
    }
    assert len(metas) > 3
    assert site.feeds == [(meta, site.selected(keep)) for meta, keep in metas]
    assert all(kept for _, kept in site.feeds)
