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
