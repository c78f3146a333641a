"""`add event` for timed events and every field, sources that back what they say, `--version`."""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from .clitools import invoke

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
SCHEDULE = "schedules/demo.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_timed_event_with_every_field(plan: Path) -> None:
    before = (plan / SCHEDULE).read_text(encoding="utf-8")
    result = invoke(
        plan, "add", "event", "--id", "demo-dinner", "--title", "Working dinner",
        "--start", "2026-03-11T19:00", "--end", "2026-03-11T21:30", "--tz", "Asia/Ho_Chi_Minh",
        "--body", "demo", "--city", "Hà Nội", "--country", "VN", "--venue", "Metropole",
        "--format", "in-person", "--level", "ministers", "--status", "confirmed",
        "--track", "social", "--url", "https://example.org/dinner", "--notes", "Dress: formal",
        "--participant", "Việt Nam", "--participant", "Japan", "--priority", "demo-report",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (
        0,
        "schedules/demo.yaml:46: added event demo-dinner\n",
    )
    after = (plan / SCHEDULE).read_text(encoding="utf-8")
    added = after.removeprefix(before.removesuffix("# trailing comment, stays last\n"))
    assert added == (
        "\n"
        "  - id: demo-dinner\n"
        "    title: Working dinner\n"
        "    when:\n"
        "      start: 2026-03-11T19:00\n"
        "      end: 2026-03-11T21:30\n"
        "      tz: Asia/Ho_Chi_Minh\n"
        "    where: {city: Hà Nội, country: VN, venue: Metropole}\n"
        "    format: in-person\n"
        "    body: demo\n"
        "    track: social\n"
        "    level: ministers\n"
        "    status: confirmed\n"
        "    participants: [Việt Nam, Japan]\n"
        "    priorities: [demo-report]\n"
        "    url: https://example.org/dinner\n"
        '    notes: "Dress: formal"\n'
        "# trailing comment, stays last\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--when", "2026-05-01", "--start", "2026-05-01T09:00"), "give the date with --when"),
        (("--tz", "Asia/Ho_Chi_Minh"), "give the date with --when"),
        (("--when", "2026-05-01", "--end", "2026-05-01T10:00"), "--end and --tz go with --start"),
    ],
)
def test_timed_options_that_do_not_fit(plan: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(plan, "add", "event", "--id", "x", "--title", "X", "--body", "demo", *args)
    assert result.exit_code == 1 and result.stderr.startswith(message)


def test_a_source_added_supports_the_title_and_date_so_a_wrong_date_is_refused(plan: Path) -> None:
    """The issue's case: an event on 12 March citing "opened … on Wednesday" (11 March)."""
    (plan / "seeds" / "opening.txt").write_text(
        " date 2026-03-12\nThe session opened in Hà Nội on Wednesday.\n", encoding="utf-8"
    )
    before = (plan / SCHEDULE).read_bytes()
    args = ("add", "event", "--id", "demo-opening", "--title", "Opening", "--body", "demo",
            "--source-article", "opening.txt", "--source-quote", "opened in Hà Nội on Wednesday")  # fmt: skip
    wrong = invoke(plan, *args, "--when", "2026-03-12")
    assert wrong.exit_code == 1
    assert (
        "the article says 'Wednesday' (2026-03-11) but events.2.when is 2026-03-12" in wrong.stderr
    )
    assert (plan / SCHEDULE).read_bytes() == before
    right = invoke(plan, *args, "--when", "2026-03-11")
    assert right.exit_code == 0, right.stderr
    assert "        supports: [title, when]\n" in (plan / SCHEDULE).read_text(encoding="utf-8")
    # --supports says otherwise: here, nothing, so the date is not checked against the words.
    other = invoke(
        plan, *args[:3], "demo-opening-2", *args[4:], "--when", "2026-03-12", "--supports", "none"
    )
    assert other.exit_code == 0, other.stderr


def test_version() -> None:
    result = invoke(FIXTURE, "--version")
    assert (result.exit_code, result.stdout) == (0, f"chairplan {version('chairplan')}\n")


def test_add_deliverable_under_a_priority(plan: Path) -> None:
    path = plan / SCHEDULE
    text = path.read_text(encoding="utf-8").replace(
        "\nevents:\n",
        "  - id: demo-second\n    body: demo\n    title: A priority with no deliverables yet\n\nevents:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    first = invoke(
        plan, "add", "deliverable", "--priority", "demo-report", "--id", "report-annex-2",
        "--title", "Second annex", "--due", "2026-Q2", "--owner", "MOIT", "--event", "demo-som1",
    )  # fmt: skip
    assert (first.exit_code, first.stdout) == (
        0,
        "schedules/demo.yaml:29: added deliverable report-annex-2 to demo-report\n",
    )
    second = invoke(
        plan, "add", "deliverable", "--priority", "demo-second", "--id", "second-paper",
        "--title", "Paper", "--title-vi", "Tài liệu", "--status", "in-progress",
        "--source-article", "article.txt", "--source-quote", "The demo meeting takes place",
    )  # fmt: skip
    assert (second.exit_code, second.stdout) == (
        0,
        "schedules/demo.yaml:38: added deliverable second-paper to demo-second\n",
    )
    after = path.read_text(encoding="utf-8")
    assert (
        after.replace(
            "      - id: report-annex-2\n        title: Second annex\n        due: 2026-Q2\n"
            "        owner: MOIT\n        events: [demo-som1]\n",
            "",
        ).replace(
            "    deliverables:\n      - id: second-paper\n        title:\n          en: Paper\n"
            "          vi: Tài liệu\n"
            "        status: in-progress\n        sources:\n          - article: article.txt\n"
            "            quote: The demo meeting takes place\n            supports: [title]\n",
            "",
        )
        == text
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--priority", "demo-reprt", "--id", "x", "--title", "X"),
            "no priority 'demo-reprt' in the plan — did you mean 'demo-report'?\n",
        ),
        (
            ("--priority", "demo-report", "--id", "report-draft", "--title", "X"),
            "--id report-draft: already used at schedules/demo.yaml:13; choose another id\n",
        ),
        (
            ("--priority", "demo-report", "--id", "y", "--title", "Y", "--due", "2026-13"),
            "the new deliverable is not valid:\n--due: month 13 does not exist; months run from "
            "01 to 12\n",
        ),
    ],
)
def test_add_deliverable_refused(plan: Path, args: tuple[str, ...], message: str) -> None:
    before = (plan / SCHEDULE).read_bytes()
    result = invoke(plan, "add", "deliverable", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert (plan / SCHEDULE).read_bytes() == before


def test_constraints_audience_and_redaction_from_the_command_line(plan: Path) -> None:
    result = invoke(
        plan, "add", "event", "--id", "demo-prep", "--title", "Preparation", "--body", "demo",
        "--when", "2026-02-16", "--constraint", "at least 2w before demo-som1",
        "--audience", "internal", "--redact", "busy",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (plan / SCHEDULE).read_text(encoding="utf-8")
    assert (
        "    constraints: [at least 2w before demo-som1]\n    audience: internal\n    redact: busy\n"
    ) in text
    bad = invoke(plan, "add", "deliverable", "--priority", "demo-report", "--id", "d9",
                 "--title", "D", "--audience", "intern")  # fmt: skip
    assert bad.exit_code == 1
    assert "no audience 'intern' in settings: audiences: — did you mean 'internal'?" in bad.stderr


def test_found_in_review(plan: Path) -> None:
    """A timed event without a zone names --tz; set refuses what it cannot change safely."""
    result = invoke(plan, "add", "event", "--id", "n", "--title", "N", "--body", "demo",
                    "--start", "2026-05-20T09:00")  # fmt: skip
    assert result.stderr == (
        "the new event is not valid:\n--tz: a timed event needs a time zone: give --tz (e.g. "
        "Asia/Ho_Chi_Minh), or --country of a country with one zone\n"
    )
    path = plan / SCHEDULE
    text = path.read_text(encoding="utf-8").replace(
        "    when: 2026-Q2\n",
        "    when: {start: 2026-05-04T09:00, end: 2026-05-04T10:00, tz: Asia/Ho_Chi_Minh}\n",
    )
    path.write_text(text, encoding="utf-8")
    timed = invoke(plan, "set", "demo-forum", "when", "2026-05-05")
    assert timed.exit_code == 1 and "whose other keys a new value would drop" in timed.stderr
    assert path.read_text(encoding="utf-8") == text
    assert invoke(plan, "set", "report-nostatus", "status", "todo").stdout == (
        "report-nostatus has status todo already; nothing to do\n"
    )
    assert invoke(plan, "set", "demo-report", "notes", "x").stderr == (
        "no deliverable or event 'demo-report' (that id is a body, chairmanship or priority; set "
        "changes events and deliverables); nothing was changed\n"
    )
    hidden = invoke(plan, "sources", "suggest", "article.txt", "--body", "demo", "--write",
                    str(plan / "schedules" / ".drafts.yaml"))  # fmt: skip
    assert hidden.exit_code == 1 and "a hidden file is no schedule" in hidden.stderr
    assert not (plan / "schedules" / ".drafts.yaml").exists()


@pytest.mark.parametrize(
    ("sentence", "drafted"),
    [
        ("The leaders will meet in Lima on 10 November 2026.", True),
        ("The ministers met on 20 April.", True),
        ("The Prime Minister visited Japan on 20 April.", True),
        ("Bộ trưởng sẽ thăm Nhật Bản vào ngày 10/7/2026.", True),
        ("The summit will be held on 12 June 2026.", True),
        ("The new stock exchange opens on 1 July 2026.", False),
        ("Officials agreed on a fair price from 1 June 2026.", False),
        ("Tourist visits rose to two million in June 2026.", False),
        ("Revenue grew 5% in 2025.", False),
    ],
)
def test_suggest_drafts_what_takes_place_and_nothing_else(
    plan: Path, sentence: str, drafted: bool
) -> None:
    (plan / "seeds" / "news.txt").write_text(f" date 2026-05-01\n{sentence}\n", encoding="utf-8")
    out = invoke(plan, "sources", "suggest", "news.txt", "--body", "demo").stdout
    assert ("  - id: " in out) is drafted, out
