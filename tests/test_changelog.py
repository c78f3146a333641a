"""What `build` publishes of the plan's history: changes.md, the page's "What changed" section and
changes.atom, from a real git repository, read back with a real feed parser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import feedparser
import pytest

from tests.clitools import invoke
from tests.feedtools import copy_plan
from tests.gittools import GitPlan

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """The minimal plan in git: its first commit, then SOM1 moved a week later."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the stamp comes from git
    root = copy_plan(FIXTURES / "minimal", tmp_path / "plan")
    plan = GitPlan(root)
    plan.commit("2026-02-02T03:00:00Z", "the first plan")
    text = (root / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    plan.commit(
        "2026-02-20T03:00:00Z",
        "SOM1 a week later",
        **{"plan.yaml": text.replace("2026-03-10..2026-03-13", "2026-03-17..2026-03-20")},
    )
    return plan


def _build(root: Path, out: Path, *args: str) -> dict[str, bytes]:
    result = invoke(root, "build", "--out", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _sha(plan: GitPlan, rev: str) -> str:
    return plan.git("rev-parse", "--short=7", rev)


def test_changes_md_and_the_page_say_what_changed_in_the_week(
    repo: GitPlan, tmp_path: Path
) -> None:
    files = _build(repo.root, tmp_path / "site")
    first, second = _sha(repo, "HEAD~1"), _sha(repo, "HEAD")
    assert files["changes.md"].decode() == (
        "# What changed since 13 February 2026\n\n"
        f"Changes from {first} (2 February 2026) to the working tree, for internal: 1 change.\n\n"
        "## CPTPP\n\n"
        "**Moved**\n\n"
        "- First Senior Officials' Meeting (SOM1) (`som1`): 10–13 March 2026 → 17–20 March 2026, "
        "7 days later\n"
    )
    page = files["index.html"].decode()
    section = page[page.index('<section id="changes"') : page.index('<section id="subscribe"')]
    assert '<h2 id="changes-h">What changed since 13 February 2026</h2>' in section
    assert (
        '<a href="#event-som1">First Senior Officials&#39; Meeting (SOM1)</a> <code>som1</code>: 10–13 March 2026 → 17–20 March 2026, 7 days later'
        in section
    )
    assert second not in section  # the working tree is what is built

    # --changes-since chooses the moment: before the first commit, everything is new.
    early = _build(repo.root, tmp_path / "early", "--changes-since", "2026-01-01")
    assert early["changes.md"].decode().splitlines()[2] == (
        "Changes from an empty plan to the working tree, for internal: 2 changes."
    )
    bad = invoke(repo.root, "build", "--out", str(tmp_path / "bad"), "--changes-since", "soon")
    assert bad.exit_code == 1 and bad.stderr.startswith("--since 'soon': write a number")
    assert not (tmp_path / "bad").exists()


def test_changes_atom_parses_and_its_ids_never_change(repo: GitPlan, tmp_path: Path) -> None:
    site = tmp_path / "site"
    atom = _build(repo.root, site)["changes.atom"]
    feed = feedparser.parse(atom)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "chairplan: what changed in the plan (internal)"
    assert [e.title for e in feed.entries] == [
        f"{_sha(repo, 'HEAD')} (20 February 2026): 1 change",
        f"{_sha(repo, 'HEAD~1')} (2 February 2026): 2 changes",
    ]
    newest = feed.entries[0]
    assert newest.updated == "2026-02-20T03:00:00Z"
    assert "10–13 March 2026 → 17–20 March 2026, 7 days later" in newest.summary
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", newest.id)
    ids = [e.id for e in feed.entries]

    # Rebuilt, byte for byte the same; after one more commit, one more entry, the old ids kept.
    assert _build(repo.root, site)["changes.atom"] == atom
    text = (repo.root / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    repo.commit("2026-02-24T03:00:00Z", "held", **{"plan.yaml": text.replace("confirmed", "held")})
    again = feedparser.parse(_build(repo.root, site)["changes.atom"])
    assert not again.bozo
    assert [e.id for e in again.entries][1:] == ids
    assert again.entries[0].title == f"{_sha(repo, 'HEAD')} (24 February 2026): 1 change"


def test_commits_that_change_nothing_a_reader_sees_and_broken_commits(
    repo: GitPlan, tmp_path: Path
) -> None:
    text = (repo.root / "schedules" / "plan.yaml").read_text(encoding="utf-8")
    repo.commit("2026-02-21T03:00:00Z", "a comment", **{"plan.yaml": "# reviewed\n" + text})
    repo.commit("2026-02-22T03:00:00Z", "broken", **{"plan.yaml": text.replace("when:", "wen:")})
    repo.commit("2026-02-23T03:00:00Z", "fixed", **{"plan.yaml": text.replace("SOM1)", "SOM 1)")})
    feed = feedparser.parse(_build(repo.root, tmp_path / "site")["changes.atom"])
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    # The comment is no entry; the broken commit says so; the fix is compared with the last
    # commit that loaded.
    assert titles[0] == f"{_sha(repo, 'HEAD')} (23 February 2026): 1 change"
    assert titles[1].startswith(f"{_sha(repo, 'HEAD~1')} (22 February 2026): The plan at ")
    assert titles[1].endswith("did not load (2 problems), so it is not compared.")
    assert len(titles) == 4


def test_outside_git_the_log_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1771000000")
    root = copy_plan(FIXTURES / "minimal", tmp_path / "plan")
    files = _build(root, tmp_path / "site", "--lang", "vi")
    assert files["changes.md"].decode().splitlines()[2] == (
        "Kế hoạch chưa được quản lý bằng git nên chưa có lịch sử thay đổi."
    )
    feed = feedparser.parse(files["changes.atom"])
    assert not feed.bozo and feed.entries == []
    assert os.environ["SOURCE_DATE_EPOCH"] == "1771000000"


def test_a_shallow_clone_builds_and_says_its_history_is_short(
    repo: GitPlan, tmp_path: Path
) -> None:
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    files = _build(clone, tmp_path / "site")
    assert "This clone of the plan is shallow" in files["changes.md"].decode()
    assert feedparser.parse(files["changes.atom"]).entries == []


def test_a_plan_no_commit_holds_has_no_history(repo: GitPlan, tmp_path: Path) -> None:
    """A plan in a folder git ignores, inside a repository: not "everything was added"."""
    (repo.root / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    draft = copy_plan(FIXTURES / "minimal", repo.root / "drafts" / "plan")
    files = _build(draft, tmp_path / "site")
    assert files["changes.md"].decode().splitlines()[2] == (
        "No commit holds the plan yet, so there is no history to show."
    )
    assert feedparser.parse(files["changes.atom"]).entries == []


def test_an_orphan_branch_before_its_first_commit_builds(repo: GitPlan, tmp_path: Path) -> None:
    repo.git("checkout", "-q", "--orphan", "fresh")
    files = _build(repo.root, tmp_path / "site")
    assert files["changes.md"].decode().splitlines()[2] == (
        "No commit holds the plan yet, so there is no history to show."
    )
    feed = feedparser.parse(files["changes.atom"])
    assert feed.feed.subtitle == "No commit holds the plan yet, so there is no history to show."
