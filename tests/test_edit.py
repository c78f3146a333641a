"""mark and add event: surgical edits that leave every other byte of the file as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan import api
from chairplan.cli import app
from chairplan.disk.files import FileChanged, digest, write_atomic
from chairplan.edit.commands import prepare_mark
from chairplan.plan.read import read_plan

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
SCHEDULE = "schedules/demo.yaml"
MARKS = [
    ("report-draft", "done"),
    ("report-annex", "done"),
    ("report-quoted", "done"),
    ("report-single", "blocked"),
    ("report-nostatus", "done"),
    ("report-flow-nostatus", "dropped"),
    ("demo-som1", "postponed"),
]
ADD = [
    "add",
    "event",
    "--id",
    "demo-som2",
    "--title",
    "Demo SOM2: follow-up",
    "--title-vi",
    "Hội nghị SOM2",
    "--when",
    "2026-Q3",
    "--body",
    "demo",
    "--city",
    "Hà Nội",
    "--country",
    "VN",
    "--format",
    "in-person",
    "--level",
    "senior-officials",
    "--source-article",
    "article.txt",
    "--source-quote",
    "A second meeting is planned in the third quarter.",
]
VARIANTS = {
    "lf": lambda b: b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "bom-crlf": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
}


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.output


def setup_variant(plan_copy, variant: str) -> Path:
    root = plan_copy("edit")
    path = root / SCHEDULE
    path.write_bytes(VARIANTS[variant](path.read_bytes()))
    return root


@pytest.mark.parametrize("variant", VARIANTS)
def test_mark_changes_only_the_status_tokens(plan_copy, variant: str) -> None:
    root = setup_variant(plan_copy, variant)
    for entry_id, status in MARKS:
        code, out = cli(root, "mark", entry_id, status)
        assert code == 0, out
    expected = VARIANTS[variant]((FIXTURE / "expected-marked.yaml").read_bytes())
    assert (root / SCHEDULE).read_bytes() == expected


@pytest.mark.parametrize("variant", VARIANTS)
def test_add_event_appends_in_the_files_style(plan_copy, variant: str) -> None:
    root = setup_variant(plan_copy, variant)
    code, out = cli(root, *ADD)
    assert (code, out) == (0, "schedules/demo.yaml:46: added event demo-som2\n")
    expected = VARIANTS[variant]((FIXTURE / "expected-added.yaml").read_bytes())
    assert (root / SCHEDULE).read_bytes() == expected


def test_add_event_creates_events_in_a_file_without_them(plan_copy) -> None:
    root = plan_copy("edit")
    code, out = cli(
        root,
        "add",
        "event",
        "--id",
        "demo-extra",
        "--title",
        "Extra",
        "--when",
        "2026-10-01",
        "--body",
        "demo",
        "--file",
        "empty.yaml",
    )
    assert (code, out) == (0, "schedules/empty.yaml:5: added event demo-extra\n")
    expected = (FIXTURE / "expected-added-empty.yaml").read_bytes()
    assert (root / "schedules/empty.yaml").read_bytes() == expected


def test_mark_reports_what_changed(plan_copy) -> None:
    root = plan_copy("edit")
    assert cli(root, "mark", "report-draft", "done") == (
        0,
        "schedules/demo.yaml:13: report-draft: in-progress -> done\n",
    )


def untouched(root: Path):
    """Bytes and mtime of the schedule, to compare after a refused edit."""
    path = root / SCHEDULE
    return path.read_bytes(), path.stat().st_mtime_ns


def add(entry_id: str = "x", when: str = "2026", body: str = "demo", *extra: str) -> list[str]:
    """`add event` arguments for a small event, with extra options."""
    return [
        "add",
        "event",
        "--id",
        entry_id,
        "--title",
        "T",
        "--when",
        when,
        "--body",
        body,
        *extra,
    ]


QUOTE = ("--source-article", "article.txt", "--source-quote", "words not in the article")
REFUSED = [
    (["mark", "report-drat", "done"],
     "no deliverable or event 'report-drat' (did you mean 'report-draft'?); nothing was changed\n"),
    (["mark", "REPORT-DRAFT", "done"],
     "no deliverable or event 'REPORT-DRAFT' (did you mean 'report-draft'?); nothing was changed\n"),
    (["mark", "demo-report", "done"],
     "no deliverable or event 'demo-report' (that id is a body, chairmanship or priority; only "
     "deliverables and events have a status); nothing was changed\n"),
    (["mark", "nothing-like-it", "done"],
     "no deliverable or event 'nothing-like-it'; `chairplan status --format json` lists the ids; "
     "nothing was changed\n"),
    (["mark", "report-draft", "Done"],
     "'Done' is not a deliverable status; use one of: todo, in-progress, done, blocked, dropped\n"),
    (["mark", "demo-som1", "done"],
     "'done' is not an event status; use one of: planned, tentative, confirmed, held, postponed, cancelled\n"),
    (add("demo-som1"),
     "--id demo-som1: already used at schedules/demo.yaml:31; choose another id\n"),
    (add("x", "2026-13", "demo", "--country", "XX"),
     "the new event is not valid:\n--when: month 13 does not exist; months run from 01 to 12\n"
     "--country: 'XX' is not an ISO 3166 country code; write two capitals, e.g. VN\n"),
    (add("x", "2026", "demo", *QUOTE),
     "refused: after the edit the plan would not pass check (nothing was written; line numbers "
     "are those the file would have after the edit)\nschedules/demo.yaml:52:16: error: events.2.sources.0"
     ".quote: quote not found in seeds/article.txt; copy the words exactly from the article "
     "(spacing and curly quotes do not matter)\n"),
    (add("x", "2026", "dmeo"), "no body 'dmeo' in the plan — did you mean 'demo'?\n"),
    (add("SOM 2"),
     "the new event is not valid:\n--id: not a valid id; use lowercase letters, digits and "
     "hyphens, at most 64, starting with a letter or digit\n"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), REFUSED)
def test_refused_edits_leave_the_file_untouched(plan_copy, args: list[str], message: str) -> None:
    root = plan_copy("edit")
    before = untouched(root)
    assert cli(root, *args) == (1, message)
    assert untouched(root) == before


def test_already_that_status_is_not_a_write(plan_copy) -> None:
    root = plan_copy("edit")
    before = untouched(root)
    assert cli(root, "mark", "report-draft", "in-progress") == (
        0,
        "report-draft is already in-progress; nothing to do\n",
    )
    assert untouched(root) == before


def test_file_changed_since_read_is_refused(plan_copy) -> None:
    root = plan_copy("edit")
    edit = prepare_mark(api.check(root), "report-draft", "done")
    assert edit is not None
    path = root / SCHEDULE
    path.write_bytes(path.read_bytes() + b"# someone else's edit\n")
    changed = path.read_bytes()
    with pytest.raises(FileChanged, match=r"demo\.yaml changed since it was read; run again"):
        write_atomic(edit.path, edit.after, unchanged_since=edit.read_digest)
    assert path.read_bytes() == changed


def test_a_new_file_that_appeared_since_the_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_bytes(b"someone else's file\n")
    with pytest.raises(FileChanged, match=r"new\.yaml changed since it was read; run again"):
        write_atomic(path, b"events: []\n", unchanged_since=digest(None))
    assert path.read_bytes() == b"someone else's file\n"
    path.unlink()
    assert write_atomic(path, b"events: []\n", unchanged_since=digest(None))
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_plan_with_problems_is_refused_before_any_edit(plan_copy) -> None:
    root = plan_copy("edit")
    article = root / "seeds" / "article.txt"
    article.write_text("nothing left to cite\n", encoding="utf-8")
    before = untouched(root)
    code, out = cli(root, "mark", "report-draft", "done")
    assert (code, out) == (
        1,
        (
            "schedules/demo.yaml:39:16: error: events.0.sources.0.quote: quote not found in seeds/article.txt; "
            "copy the words exactly from the article (spacing and curly quotes do not matter)\n"
        ),
    )  # the problem where it is now, not where it would be after the edit
    assert untouched(root) == before


def test_concurrent_marks_both_land(plan_copy) -> None:
    root = plan_copy("edit")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    for _ in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "chairplan", "--root", str(root), "mark", entry, "done"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for entry in ("report-annex", "report-single", "report-nostatus")
        ]
        assert [p.communicate(timeout=60) and p.returncode for p in procs] == [0, 0, 0]
        text = (root / SCHEDULE).read_text(encoding="utf-8")
        plan = read_plan(root).plan
        statuses = {d.id: d.status for d in plan.deliverables}
        assert (
            statuses["report-annex"]
            == statuses["report-single"]
            == statuses["report-nostatus"]
            == "done"
        )
        assert "# trailing comment, stays last" in text
        for entry in ("report-annex", "report-single", "report-nostatus"):
            cli(root, "mark", entry, "todo")


def test_unwritable_places_are_clear_errors(plan_copy) -> None:
    root = plan_copy("edit")
    before = untouched(root)
    (root / ".chairplan.lock").mkdir()
    assert cli(root, "mark", "report-draft", "done") == (
        1,
        f"cannot lock the plan with {root}/.chairplan.lock: Is a directory; the plan folder must "
        "be writable to edit the plan (nothing was changed)\n",
    )
    (root / ".chairplan.lock").rmdir()
    blocked = root / "schedules" / "notes"
    blocked.write_text("a file where the folder would go\n", encoding="utf-8")
    new = blocked / "new.yaml"
    result = cli(root, "sources", "suggest", "article.txt", "--body", "demo", "--write", str(new))
    assert result[0] == 1 and str(blocked) in result[1]
    blocked.unlink()
    assert untouched(root) == before


def test_write_makes_a_new_schedule_in_a_new_subfolder(plan_copy) -> None:
    root = plan_copy("edit")
    new = root / "schedules" / "sub" / "new.yaml"
    result = cli(root, "sources", "suggest", "article.txt", "--body", "demo", "--write", str(new))
    assert result == (0, "appended 1 event(s) to schedules/sub/new.yaml; the plan checks clean\n")
    assert new.read_text(encoding="utf-8").startswith("events:\n  - id: ")


def test_file_mode_is_kept(plan_copy) -> None:
    root = plan_copy("edit")
    path = root / SCHEDULE
    path.chmod(0o664)
    cli(root, "mark", "report-draft", "done")
    assert path.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize(
    "command",
    [
        ("mark", "report-draft", "done"),
        ("set", "report-draft", "owner", "MOIT"),
        ("add", "deliverable", "--priority", "demo-report", "--id", "d9", "--title", "D"),
        ("add", "event", "--id", "e9", "--title", "E", "--body", "demo", "--when", "2026-Q4"),
        ("sources", "suggest", "article.txt", "--body", "demo", "--write", "schedules/demo.yaml"),
    ],
)
def test_a_read_only_schedule_is_never_rewritten(plan_copy, command: tuple[str, ...]) -> None:
    root = plan_copy("edit")
    path = root / SCHEDULE
    before, names = untouched(root), sorted((root / "schedules").iterdir())
    path.chmod(0o444)
    args = [a if not a.startswith("schedules/") else str(root / a) for a in command]
    code, output = cli(root, *args)
    assert code == 1
    assert output == (
        f"demo.yaml is read-only (mode 0444); an edit never rewrites a file made read-only: make "
        f"it writable (chmod u+w {path}) to edit it; nothing was changed\n"
    )
    path.chmod(0o644)
    assert untouched(root) == before
    assert sorted((root / "schedules").iterdir()) == names  # no temporary file left behind
