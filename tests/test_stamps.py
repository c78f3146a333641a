"""The build's stamp tells the truth: a clean tree is stamped with its last commit (byte for byte
the same, build after build), an uncommitted change to the schedules no earlier than it was made,
and the feeds' LAST-MODIFIED/DTSTAMP and chairplan.lock say so. Real git, real files' times."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from chairplan.errors import ChairplanError
from chairplan.export.publish import FALLBACK_STAMP, source_date
from tests.clitools import invoke
from tests.feedtools import events_by_uid, uid
from tests.gittools import GitPlan

COMMITTED = dt.datetime(2026, 2, 2, 3, 0, tzinfo=dt.UTC)  # the plan's last commit
EDITED = COMMITTED + dt.timedelta(
    days=3, hours=4, microseconds=250_000
)  # a later, uncommitted edit
EDITED_STAMP = COMMITTED + dt.timedelta(days=3, hours=4, seconds=1)  # EDITED, rounded up
LOCK_TIME = "%Y%m%dT%H%M%SZ"

PLAN = """\
bodies:
  - id: cptpp
    short: CPTPP
    name: {en: CPTPP, vi: Hiệp định CPTPP}
events:
"""


def event(entry_id: str, when: str, status: str = "confirmed") -> str:
    return (
        f"  - id: {entry_id}\n"
        f"    title: {{en: Meeting {entry_id}, vi: Hội nghị {entry_id}}}\n"
        f"    when: {when}\n"
        "    where: {city: Hà Nội, country: VN}\n"
        "    body: cptpp\n"
        "    level: senior-officials\n"
        f"    status: {status}\n"
    )


def events_file(*events: str) -> str:
    return "events:\n" + "".join(events)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """A plan of two files in git, committed at COMMITTED; every file dated before it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the stamp comes from git
    plan = GitPlan(tmp_path / "plan")
    plan.commit(
        _iso(COMMITTED),
        "the plan",
        **{
            "plan.yaml": PLAN + event("som1", "2026-03-10..2026-03-13"),
            "more/som2.yaml": events_file(event("som2", "2026-04-07..2026-04-09")),
            "more/som3.yaml": events_file(event("som3", "2026-05-12..2026-05-14")),
        },
    )
    for path in (plan.root / "schedules").rglob("*"):  # written now: dated before the commit
        _date(path, COMMITTED - dt.timedelta(days=1))
    _date(plan.root / "schedules", COMMITTED - dt.timedelta(days=1))
    return plan


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _date(path: Path, moment: dt.datetime) -> None:
    """Set a file's (or a folder's) modification time, to the microsecond."""
    ns = int(moment.timestamp()) * 1_000_000_000 + moment.microsecond * 1000
    os.utime(path, ns=(ns, ns), follow_symlinks=False)


def _build(root: Path, out: Path) -> dict[str, bytes]:
    result = invoke(root, "build", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def _stamps(feed: bytes) -> dict[str, tuple[dt.datetime, dt.datetime, int]]:
    """Each event's (LAST-MODIFIED, DTSTAMP, SEQUENCE), by entry id."""
    by_uid = events_by_uid(feed)
    return {
        entry_id: (
            by_uid[uid(entry_id)]["LAST-MODIFIED"].dt,
            by_uid[uid(entry_id)]["DTSTAMP"].dt,
            int(by_uid[uid(entry_id)]["SEQUENCE"]),
        )
        for entry_id in ("som1", "som2", "som3", "som4")
        if uid(entry_id) in by_uid
    }


def _lock(root: Path) -> dict[str, tuple[str, int]]:
    """chairplan.lock's (last_modified, sequence) of each event, by entry id."""
    components = json.loads((root / "chairplan.lock").read_text(encoding="utf-8"))["components"]
    return {
        entry_id: (
            components[uid(entry_id)]["last_modified"],
            components[uid(entry_id)]["sequence"],
        )
        for entry_id in ("som1", "som2", "som3", "som4")
        if uid(entry_id) in components
    }


def test_a_clean_tree_is_stamped_with_its_last_commit_and_builds_the_same_bytes(
    repo: GitPlan, tmp_path: Path
) -> None:
    assert repo.git("log", "-1", "--format=%ct", "--", "schedules") == str(
        int(COMMITTED.timestamp())
    )
    assert source_date(repo.root, {}) == COMMITTED
    first = _build(repo.root, tmp_path / "first")  # no chairplan.lock yet
    assert _stamps(first["all.ics"]) == {
        e: (COMMITTED, COMMITTED, 0) for e in ("som1", "som2", "som3")
    }
    assert _lock(repo.root) == {e: ("20260202T030000Z", 0) for e in ("som1", "som2", "som3")}
    # The lock the build wrote is a change outside schedules/: the stamp stays, and so do the bytes.
    assert source_date(repo.root, {}) == COMMITTED
    lock = (repo.root / "chairplan.lock").read_bytes()
    assert _build(repo.root, tmp_path / "second") == first
    assert (repo.root / "chairplan.lock").read_bytes() == lock


def test_an_uncommitted_edit_is_stamped_when_it_was_made_and_the_lock_keeps_that(
    repo: GitPlan, tmp_path: Path
) -> None:
    _build(repo.root, tmp_path / "before")  # the lock, at the commit's time
    plan = repo.root / "schedules" / "plan.yaml"
    plan.write_text(PLAN + event("som1", "2026-03-17..2026-03-20"), encoding="utf-8")
    _date(plan, EDITED)
    assert source_date(repo.root, {}) == EDITED_STAMP  # rounded up to the whole second

    feed = _build(repo.root, tmp_path / "edited")["all.ics"]
    assert _stamps(feed) == {
        "som1": (EDITED_STAMP, EDITED_STAMP, 1),
        "som2": (COMMITTED, COMMITTED, 0),
        "som3": (COMMITTED, COMMITTED, 0),
    }
    edited = EDITED_STAMP.strftime(LOCK_TIME)
    assert _lock(repo.root) == {
        "som1": (edited, 1),
        "som2": ("20260202T030000Z", 0),
        "som3": ("20260202T030000Z", 0),
    }

    # Committed later, the tree is clean again: stamped with that commit, but the edit keeps
    # the time it was made (its fingerprint did not change since).
    later = COMMITTED + dt.timedelta(days=5)
    repo.commit(_iso(later), "SOM1 a week later")
    assert source_date(repo.root, {}) == later
    assert _stamps(_build(repo.root, tmp_path / "committed")["all.ics"])["som1"] == (
        EDITED_STAMP,
        EDITED_STAMP,
        1,
    )
    assert _lock(repo.root)["som1"] == (edited, 1)


def test_an_edit_dated_before_the_last_commit_is_stamped_with_the_commit(repo: GitPlan) -> None:
    plan = repo.root / "schedules" / "plan.yaml"
    plan.write_text(PLAN + event("som1", "2026-03-17..2026-03-20"), encoding="utf-8")
    _date(plan, COMMITTED - dt.timedelta(hours=2))
    assert source_date(repo.root, {}) == COMMITTED


@pytest.mark.parametrize("staged", [False, True], ids=["untracked", "added"])
def test_a_new_schedule_file_is_stamped_when_it_was_written(
    repo: GitPlan, tmp_path: Path, staged: bool
) -> None:
    _build(repo.root, tmp_path / "before")
    new = repo.root / "schedules" / "new" / "som4.yaml"
    new.parent.mkdir()
    new.write_text(events_file(event("som4", "2026-06-02..2026-06-04")), encoding="utf-8")
    if staged:
        repo.git("add", "schedules/new/som4.yaml")
    _date(new, EDITED)
    _date(
        new.parent, COMMITTED - dt.timedelta(days=1)
    )  # a folder's time counts only for a deletion
    assert source_date(repo.root, {}) == EDITED_STAMP

    stamps = _stamps(_build(repo.root, tmp_path / "new")["all.ics"])
    assert stamps["som4"] == (EDITED_STAMP, EDITED_STAMP, 0)
    assert stamps["som1"] == (COMMITTED, COMMITTED, 0)
    assert _lock(repo.root)["som4"] == (EDITED_STAMP.strftime(LOCK_TIME), 0)


@pytest.mark.parametrize("how", ["rm", "git rm"])
def test_a_deleted_schedule_file_is_stamped_with_its_folders_time(
    repo: GitPlan, tmp_path: Path, how: str
) -> None:
    _build(repo.root, tmp_path / "before")
    more = repo.root / "schedules" / "more"
    if how == "rm":
        (more / "som3.yaml").unlink()
    else:
        repo.git("rm", "-q", "schedules/more/som3.yaml")
    deleted = COMMITTED + dt.timedelta(days=4)  # a whole second: nothing to round
    _date(more, deleted)
    assert source_date(repo.root, {}) == deleted

    feed = _build(repo.root, tmp_path / "deleted")["all.ics"]
    assert _stamps(feed) == {e: (COMMITTED, COMMITTED, 0) for e in ("som1", "som2")}
    assert source_date(repo.root, {}) == deleted


def test_a_deleted_folder_is_stamped_with_the_folder_that_held_it(repo: GitPlan) -> None:
    shutil.rmtree(repo.root / "schedules" / "more")
    deleted = COMMITTED + dt.timedelta(days=4, seconds=7)
    _date(repo.root / "schedules", deleted)
    assert source_date(repo.root, {}) == deleted


def test_a_renamed_schedule_file_is_stamped_when_it_was_renamed(repo: GitPlan) -> None:
    repo.git("mv", "schedules/more/som2.yaml", "schedules/more/second.yaml")
    moved = repo.root / "schedules" / "more" / "second.yaml"
    assert moved.stat().st_mtime < COMMITTED.timestamp()  # a rename keeps the file's own time
    _date(moved.parent, EDITED)  # its folder's moved
    assert repo.git("status", "--porcelain", "--", "schedules").startswith("R ")
    assert source_date(repo.root, {}) == EDITED_STAMP


def test_changes_that_are_no_schedule_file_do_not_move_the_stamp(
    repo: GitPlan, tmp_path: Path
) -> None:
    (repo.root / "notes.md").write_text("committed\n", encoding="utf-8")
    repo.commit(_iso(COMMITTED + dt.timedelta(hours=1)), "notes, outside the schedules")
    assert source_date(repo.root, {}) == COMMITTED  # the last commit that touched schedules/
    before = _build(repo.root, tmp_path / "before")
    changed = [
        repo.root / "notes.md",  # tracked, outside schedules/
        repo.root / "todo.yaml",  # untracked, outside schedules/
        repo.root / "schedules" / "notes.txt",  # not a schedule file
        repo.root / "schedules" / ".plan.yaml.swp",  # an editor's, hidden
    ]
    for path in changed:
        path.write_text("changed\n", encoding="utf-8")
        _date(path, EDITED)
    _date(repo.root / "schedules", EDITED)
    assert source_date(repo.root, {}) == COMMITTED
    assert _build(repo.root, tmp_path / "after") == before


def test_a_plan_in_a_subfolder_of_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    top = GitPlan(tmp_path / "repo")  # its own schedules/ is another plan's
    root = top.root / "plans" / "2026"
    (root / "schedules").mkdir(parents=True)
    plan = root / "schedules" / "plan.yaml"
    plan.write_text(PLAN + event("som1", "2026-03-10..2026-03-13"), encoding="utf-8")
    top.commit(_iso(COMMITTED), "the plan")
    assert source_date(root, {}) == COMMITTED
    other = top.root / "schedules" / "plan.yaml"
    other.write_text(PLAN, encoding="utf-8")
    _date(other, EDITED + dt.timedelta(days=1))  # not this plan's: no change of its
    _date(plan, COMMITTED - dt.timedelta(days=1))
    assert source_date(root, {}) == COMMITTED
    plan.write_text(PLAN + event("som1", "2026-03-17..2026-03-20"), encoding="utf-8")
    _date(plan, EDITED)
    assert source_date(root, {}) == EDITED_STAMP


def test_source_date_epoch_still_wins(repo: GitPlan) -> None:
    plan = repo.root / "schedules" / "plan.yaml"
    plan.write_text(PLAN + event("som1", "2026-03-17..2026-03-20"), encoding="utf-8")
    _date(plan, EDITED)
    chosen = COMMITTED - dt.timedelta(days=10)
    environ = {"SOURCE_DATE_EPOCH": str(int(chosen.timestamp()))}
    assert source_date(repo.root, environ) == chosen  # the user's explicit choice, as it is
    with pytest.raises(ChairplanError, match=r"SOURCE_DATE_EPOCH='²' is not a number"):
        source_date(repo.root, {"SOURCE_DATE_EPOCH": "²"})
    with pytest.raises(ChairplanError, match="later than any time a calendar holds"):
        source_date(repo.root, {"SOURCE_DATE_EPOCH": "99999999999999999"})


def test_without_git_a_dirty_tree_keeps_the_old_stamp(
    repo: GitPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repo.root / "schedules" / "plan.yaml"
    plan.write_text(PLAN + event("som1", "2026-03-17..2026-03-20"), encoding="utf-8")
    _date(plan, EDITED)
    (tmp_path / "bin").mkdir()
    with monkeypatch.context() as no_git:
        no_git.setenv("PATH", str(tmp_path / "bin"))  # no git to ask
        assert source_date(repo.root, {}) == FALLBACK_STAMP
    assert source_date(repo.root, {}) == EDITED_STAMP
    shutil.rmtree(repo.root / ".git")  # and no repository
    assert source_date(repo.root, {}) == FALLBACK_STAMP
