"""`chairplan set ID FIELD VALUE`: one value changed in its file, every other byte kept, the whole
plan re-checked first; a bad value is refused with its located error and the file untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .clitools import invoke

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
SCHEDULE = "schedules/demo.yaml"

# Every field, in each way it can stand: replaced (plain or quoted, in a block or a flow entry),
# added to a block or flow entry, a title written as text gaining its Vietnamese, a place where
# there was none. The file after all of them is tests/fixtures/edit/expected-set.yaml.
SETS = [
    (
        ("demo-forum", "title.vi", "Diễn đàn"),
        "schedules/demo.yaml:41: demo-forum: title.vi: (none) -> Diễn đàn",
    ),
    (
        ("demo-forum", "venue", "Hall A"),
        "schedules/demo.yaml:41: demo-forum: venue: (none) -> Hall A",
    ),
    (
        ("demo-som1", "city", "Đà Nẵng"),
        "schedules/demo.yaml:31: demo-som1: city: Hà Nội -> Đà Nẵng",
    ),
    (
        ("report-annex", "owner", "MOIT"),
        "schedules/demo.yaml:18: report-annex: owner: (none) -> MOIT",
    ),
    (
        ("report-draft", "due", "2026-Q2"),
        "schedules/demo.yaml:13: report-draft: due: 2026-Q1 -> 2026-Q2",
    ),
    (
        ("demo-forum", "notes", "Agenda: to be agreed"),
        "schedules/demo.yaml:41: demo-forum: notes: (none) -> Agenda: to be agreed",
    ),
    (("demo-forum", "when", "2026"), "schedules/demo.yaml:41: demo-forum: when: 2026-Q2 -> 2026"),
    (
        ("demo-som1", "title", "Demo SOM1: first"),
        "schedules/demo.yaml:31: demo-som1: title: Demo SOM1 -> Demo SOM1: first",
    ),
    (
        ("report-quoted", "status", "done"),
        "schedules/demo.yaml:19: report-quoted: status: in-progress -> done",
    ),
    (
        ("demo-som1", "format", "hybrid"),
        "schedules/demo.yaml:31: demo-som1: format: (none) -> hybrid",
    ),
    (
        ("demo-som1", "level", "ministers"),
        "schedules/demo.yaml:31: demo-som1: level: (none) -> ministers",
    ),
    (("demo-som1", "track", "som"), "schedules/demo.yaml:31: demo-som1: track: (none) -> som"),
    (
        ("demo-som1", "url", "https://example.org/som1"),
        "schedules/demo.yaml:31: demo-som1: url: (none) -> https://example.org/som1",
    ),
    (("demo-som1", "country", "VN"), None),  # the same value: nothing to do
    (
        ("report-nostatus", "title.vi", "Chưa có trạng thái"),
        "schedules/demo.yaml:26: report-nostatus: title.vi: (none) -> Chưa có trạng thái",
    ),
    (
        ("report-single", "title", "It's single"),
        "schedules/demo.yaml:22: report-single: title: Single-quoted status -> It's single",
    ),
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    shutil.copytree(FIXTURE, root)
    return root


def test_every_field_set_keeps_every_other_byte(plan: Path) -> None:
    for args, said in SETS:
        result = invoke(plan, "set", *args)
        assert result.exit_code == 0, (args, result.stderr)
        expected = said or f"{args[0]} has {args[1]} {args[2]} already; nothing to do"
        assert result.stdout == expected + "\n", args
    assert (plan / SCHEDULE).read_bytes() == (FIXTURE / "expected-set.yaml").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("demo-som1", "when", "2026-02-30"),
            "refused: the edit would make schedules/demo.yaml invalid (nothing was written; line "
            "numbers are those the file would have after the edit)\n"
            "schedules/demo.yaml:33:11: error: events.0.when: day is out of range for month: "
            "February 2026 has 28 days\n",
        ),
        (
            ("demo-som1", "format", "inperson"),
            "refused: the edit would make schedules/demo.yaml invalid (nothing was written; line "
            "numbers are those the file would have after the edit)\n"
            "schedules/demo.yaml:40:13: error: events.0.format: Input should be 'in-person', "
            "'hybrid' or 'virtual' — did you mean 'in-person'?\n",
        ),
        (
            ("demo-som1", "venu", "Hall"),
            "no field 'venu' to set — did you mean 'venue'?; nothing was changed\n",
        ),
        (
            ("demo-som2", "venue", "Hall"),
            "no deliverable or event 'demo-som2' (did you mean 'demo-som1'?); nothing was changed\n",
        ),
        (
            ("demo-som1", "owner", "MOIT"),
            "an event has no owner: it has title, title.vi, when, status, city, country, venue, "
            "format, level, track, url, notes; nothing was changed\n",
        ),
    ],
)
def test_a_refused_value_leaves_the_file_untouched(
    plan: Path, args: tuple[str, ...], message: str
) -> None:
    before, names = (plan / SCHEDULE).read_bytes(), sorted((plan / "schedules").iterdir())
    result = invoke(plan, "set", *args)
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(message)
        if message.endswith("edit)\n")
        else result.stderr == message
    )
    assert (plan / SCHEDULE).read_bytes() == before
    assert sorted((plan / "schedules").iterdir()) == names  # no file left behind


def test_a_date_the_quote_contradicts_is_refused(plan: Path) -> None:
    """The source supports no field here; with `supports: [when]` the date is checked."""
    path = plan / SCHEDULE
    text = path.read_text(encoding="utf-8").replace(
        "        quote: The demo meeting takes place in Hà Nội from March 10 to 13.\n",
        "        quote: The demo meeting takes place in Hà Nội from March 10 to 13.\n"
        "        supports: [when]\n",
    )
    path.write_text(text, encoding="utf-8")
    result = invoke(plan, "set", "demo-som1", "when", "2026-03-11..2026-03-13")
    assert result.exit_code == 1
    assert "the article says 'March 10 to 13' (2026-03-10..2026-03-13)" in result.stderr
    assert path.read_text(encoding="utf-8") == text
