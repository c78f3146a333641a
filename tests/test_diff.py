"""`chairplan diff`: what changed between plan revisions, from real git repositories made here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.clitools import invoke
from tests.gittools import GitPlan

BODIES = """\
bodies:
  - id: cptpp
    short: CPTPP
    name: {en: CPTPP, vi: Hiệp định CPTPP}
  - id: asean
    short: ASEAN
    name: Association of Southeast Asian Nations
chairmanships:
  - id: vn-cptpp-2026
    body: cptpp
    role: chair
    country: VN
    years: "2026"
    timezone: Asia/Ho_Chi_Minh
"""

CPTPP_OLD = """\
priorities:
  - id: accession
    body: cptpp
    title: Advance accession
    deliverables:
      - id: briefing-book
        title: Briefing book for SOM2
        due: 2026-04-30
        owner: Trade Policy Department
  - id: old-priority
    body: cptpp
    title: A priority dropped later
events:
  - id: som1
    title: {en: First Senior Officials' Meeting, vi: Hội nghị SOM1}
    body: cptpp
    when: 2026-03-10..2026-03-12
    where: {city: Hà Nội, country: VN}
    level: senior-officials
    status: confirmed
  - id: prep
    title: Preparatory meeting
    body: cptpp
    when: som1.start - 7d
  - id: som2
    title: Second Senior Officials' Meeting
    body: cptpp
    when: 2026-Q2
  - id: quiet
    title: A meeting nobody touches
    body: cptpp
    when: 2026-10-05
    status: planned
"""

CPTPP_NEW = """\
priorities:
  - id: accession
    body: cptpp
    title: Advance accession
    deliverables:
      - id: briefing-book
        title: Briefing book for SOM2
        due: 2026-05-15
        status: in-progress
        owner: WTO Department
  - id: new-priority
    body: cptpp
    title: Services and investment
events:
  - id: som1
    title: {en: First Senior Officials' Meeting, vi: Hội nghị Quan chức Cấp cao lần thứ nhất}
    body: cptpp
    when: 2026-03-17..2026-03-19
    where: {city: Hà Nội, country: VN}
    level: senior-officials
    status: confirmed
    sources:
      - article: 000_article.txt
        quote: SOM1 moved to 17 March
  - id: prep
    title: Preparatory meeting
    body: cptpp
    when: som1.start - 7d
  - id: som2
    title: Second Senior Officials' Meeting
    body: cptpp
    when: 2026-05-20..2026-05-21
    notes: Hosted in Hạ Long.
  # The same meeting, its keys in another order, with a comment and other spacing.
  - status:   planned
    when: 2026-10-05
    body: cptpp
    id: quiet
    title: "A meeting nobody touches"
"""

ASEAN_OLD = """\
events:
  - id: forum
    title: ASEAN Future Forum
    body: asean
    when: 2026-09-15
    where: {city: Hà Nội, country: VN}
    level: ministers
  - id: retreat
    title: Foreign Ministers' Retreat
    body: asean
    when: 2026-01-29
"""

# Renamed in the new revision (asean.yaml -> asean-2026.yaml): nothing in it is "removed + added".
ASEAN_NEW = """\
events:
  - id: forum
    title: ASEAN Future Forum
    body: asean
    when: 2026-09
    where: {city: Đà Nẵng, country: VN}
    level: deputy-ministers
    status: tentative
  - id: amm
    title: ASEAN Foreign Ministers' Meeting
    body: asean
    when: 2026-07-20..2026-07-22
"""


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitPlan, str, str]:
    repo = GitPlan(tmp_path / "plan")
    old = repo.commit(
        "2026-11-16T09:00:00Z",
        "first plan",
        **{"bodies.yaml": BODIES, "cptpp.yaml": CPTPP_OLD, "asean.yaml": ASEAN_OLD},
    )
    repo.git("mv", "schedules/asean.yaml", "schedules/asean-2026.yaml")
    new = repo.commit(
        "2026-11-23T09:00:00Z",
        "second plan",
        **{"cptpp.yaml": CPTPP_NEW, "asean-2026.yaml": ASEAN_NEW},
    )
    return repo, old, new


EXPECTED_TEXT = """\
Changes from {old} (16 November 2026) to {new} (23 November 2026), for internal: 17 changes

ASEAN (6 changes)
  Added
    ASEAN Foreign Ministers' Meeting [amm]: 20–22 July 2026
  Removed
    Foreign Ministers' Retreat [retreat]: 29 January 2026
  Less certain
    ASEAN Future Forum [forum]: 15 September 2026 → September 2026
  Status changed
    ASEAN Future Forum [forum]: planned → tentative
  Place changed
    ASEAN Future Forum [forum]: Hà Nội, Vietnam → Đà Nẵng, Vietnam
  Level changed
    ASEAN Future Forum [forum]: ministers → deputy-ministers

CPTPP (11 changes)
  Added
    Services and investment [priority new-priority]
  Removed
    A priority dropped later [priority old-priority]
  Moved
    Preparatory meeting [prep]: 3 March 2026 → 10 March 2026, 7 days later; counted from som1, which moved
    First Senior Officials' Meeting [som1]: 10–12 March 2026 → 17–19 March 2026, 7 days later
    Briefing book for SOM2 [deliverable briefing-book]: 30 April 2026 → 15 May 2026, 15 days later
  Firmed up
    Second Senior Officials' Meeting [som2]: Q2 2026 → 20–21 May 2026
  Status changed
    Briefing book for SOM2 [deliverable briefing-book]: todo → in-progress
  Retitled
    First Senior Officials' Meeting [som1]: vi: “Hội nghị SOM1” → “Hội nghị Quan chức Cấp cao lần thứ nhất”
  Owner changed
    Briefing book for SOM2 [deliverable briefing-book]: Trade Policy Department → WTO Department
  Sources changed
    First Senior Officials' Meeting [som1]: added 000_article.txt
  Other changes
    Second Senior Officials' Meeting [som2]: notes: none → Hosted in Hạ Long.
"""


def test_every_kind_of_change_as_text(history: tuple[GitPlan, str, str]) -> None:
    repo, old, new = history
    result = invoke(repo.root, "diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_TEXT.format(old=old, new=new)


def test_the_working_tree_against_head_by_default(history: tuple[GitPlan, str, str]) -> None:
    repo, _, new = history
    assert invoke(repo.root, "diff").stdout == (
        f"Changes from {new} (23 November 2026) to the working tree, for internal: no changes\n"
    )
    repo.write({"cptpp.yaml": CPTPP_NEW.replace("2026-10-05", "2026-10-06")})
    assert invoke(repo.root, "diff").stdout == (
        f"Changes from {new} (23 November 2026) to the working tree, for internal: 1 change\n\n"
        "CPTPP (1 change)\n"
        "  Moved\n"
        "    A meeting nobody touches [quiet]: 5 October 2026 → 6 October 2026, 1 day later\n"
    )


def test_markdown_for_a_briefing_narrowed_to_one_body(history: tuple[GitPlan, str, str]) -> None:
    repo, old, new = history
    result = invoke(repo.root, "diff", old, new, "--body", "asean", "--format", "markdown")
    assert result.stdout == (
        f"# Changes from {old} (16 November 2026) to {new} (23 November 2026), for internal\n\n"
        "6 changes.\n\n"
        "## ASEAN\n\n"
        "**Added**\n\n"
        "- ASEAN Foreign Ministers' Meeting (`amm`): 20–22 July 2026\n\n"
        "**Removed**\n\n"
        "- Foreign Ministers' Retreat (`retreat`): 29 January 2026\n\n"
        "**Less certain**\n\n"
        "- ASEAN Future Forum (`forum`): 15 September 2026 → September 2026\n\n"
        "**Status changed**\n\n"
        "- ASEAN Future Forum (`forum`): planned → tentative\n\n"
        "**Place changed**\n\n"
        "- ASEAN Future Forum (`forum`): Hà Nội, Vietnam → Đà Nẵng, Vietnam\n\n"
        "**Level changed**\n\n"
        "- ASEAN Future Forum (`forum`): ministers → deputy-ministers\n"
    )


def test_vietnamese_text(history: tuple[GitPlan, str, str]) -> None:
    repo, old, new = history
    result = invoke(repo.root, "diff", old, new, "--body", "cptpp", "--lang", "vi")
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"Thay đổi từ {old} (16/11/2026) đến {new} (23/11/2026), dành cho internal: 11 thay đổi"
    )
    assert "  Đổi ngày" in lines
    assert (
        "    Hội nghị Quan chức Cấp cao lần thứ nhất [som1]: 10–12/3/2026 → 17–19/3/2026, muộn hơn 7 ngày"
        in lines
    )
    assert "  Đã chốt ngày" in lines
    assert "    Second Senior Officials' Meeting [som2]: Quý 2 năm 2026 → 20–21/5/2026" in lines
    assert "    Briefing book for SOM2 [kết quả briefing-book]: chưa làm → đang làm" in lines


def test_json_for_tools(history: tuple[GitPlan, str, str]) -> None:
    repo, old, new = history
    found = json.loads(invoke(repo.root, "diff", old, new, "--format", "json").stdout)
    assert found["from"]["revision"] == old and found["to"]["revision"] == new
    assert found["from"]["date"] == "2026-11-16T09:00:00+00:00"
    assert len(found["from"]["commit"]) == 40
    by = {(c["id"], c["change"]): c for c in found["changes"]}
    assert len(by) == 17
    assert by["prep", "moved"] == {
        "change": "moved",
        "id": "prep",
        "kind": "event",
        "body": "cptpp",
        "title": {"en": "Preparatory meeting"},
        "old": "2026-03-03",
        "new": "2026-03-10",
        "days": 7,
        "because_anchor_moved": "som1",
    }
    assert by["som2", "firmed"]["old"] == "2026-Q2"
    assert by["som2", "firmed"]["new"] == "2026-05-20..2026-05-21"
    assert by["forum", "place"]["new"] == {"city": "Đà Nẵng", "country": "VN"}
    assert by["som1", "sources"]["new"] == ["000_article.txt"]
    assert by["som2", "details"]["fields"] == ["notes"]
    assert by["retreat", "removed"]["old"] == "2026-01-29"


def test_an_entry_moved_between_files_or_rewritten_is_not_a_change(tmp_path: Path) -> None:
    repo = GitPlan(tmp_path / "plan")
    first = repo.commit("2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES, "a.yaml": ASEAN_OLD})
    moved = ASEAN_OLD.replace("  - id: retreat", "# moved to b.yaml\n  - id: retreat")
    one, two = moved.split("# moved to b.yaml\n")
    (repo.root / "schedules" / "renamed").mkdir()
    repo.git("mv", "schedules/a.yaml", "schedules/renamed/a.yaml")
    repo.commit("2026-11-17T09:00:00Z", **{"renamed/a.yaml": one, "b.yaml": "events:\n" + two})
    assert invoke(repo.root, "diff", first, "HEAD").stdout.endswith(": no changes\n")


def test_since_picks_the_last_commit_before_on_the_first_parent_history(tmp_path: Path) -> None:
    repo = GitPlan(tmp_path / "plan")
    base = repo.commit("2026-11-20T09:00:00Z", **{"bodies.yaml": BODIES, "asean.yaml": ASEAN_OLD})
    repo.git("checkout", "-q", "-b", "side")
    side = repo.commit(
        "2026-11-21T09:00:00Z", **{"asean.yaml": ASEAN_OLD.replace("2026-01-29", "2026-01-30")}
    )
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side", when="2026-11-26T09:00:00Z")
    merge = repo.git("rev-parse", "--short=7", "HEAD")
    found = invoke(repo.root, "diff", "--since", "2026-11-24", "--format", "json")
    # The side branch's commit is older than the day, but not on the first-parent history.
    assert json.loads(found.stdout)["from"]["revision"] == base != side
    # With --since, the one revision named is the newer side, whose history is searched.
    since = ("--since", "2026-11-20T12:00+00:00")
    named = json.loads(invoke(repo.root, "diff", *since, "side", "--format", "json").stdout)
    assert (named["from"]["revision"], named["to"]["revision"]) == (base, side)
    # The merge is compared with its first parent: the side branch's change, once.
    text = invoke(repo.root, "diff", "HEAD~1", "HEAD").stdout
    assert text == (
        f"Changes from {base} (20 November 2026) to {merge} (26 November 2026), for internal: 1 change\n\n"
        "ASEAN (1 change)\n"
        "  Moved\n"
        "    Foreign Ministers' Retreat [retreat]: 29 January 2026 → 30 January 2026, 1 day later\n"
    )
    early = invoke(repo.root, "diff", "--since", "2026-11-01")
    assert early.exit_code == 1
    assert early.stderr == (
        "no commit before 2026-11-01T00:00:00Z on the history of HEAD; the first is "
        f"{base} of 2026-11-20 09:00 UTC; choose a later --since or name a revision\n"
    )


def test_since_in_days_counts_back_from_now(tmp_path: Path) -> None:
    import datetime as dt

    repo = GitPlan(tmp_path / "plan")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = lambda days: (now - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    old = repo.commit(stamp(10), **{"bodies.yaml": BODIES, "asean.yaml": ASEAN_OLD})
    repo.commit(stamp(3), **{"asean.yaml": ASEAN_OLD.replace("Retreat", "Retreat 2026")})
    found = json.loads(invoke(repo.root, "diff", "--since", "1w", "--format", "json").stdout)
    assert found["from"]["revision"] == old
    assert [c["change"] for c in found["changes"]] == ["retitled"]
    bad = invoke(repo.root, "diff", "--since", "last week")
    assert bad.exit_code == 1 and bad.stderr.startswith("--since 'last week': write a number")


def test_a_side_that_does_not_load_is_reported_with_its_problems(
    history: tuple[GitPlan, str, str],
) -> None:
    repo, old, _ = history
    broken = repo.commit(
        "2026-11-24T09:00:00Z",
        **{"cptpp.yaml": CPTPP_NEW.replace("when: 2026-05-20..2026-05-21", "when: 2026-Q5")},
    )
    for args, label in (((old,), "in the working tree"), ((old, "HEAD"), f"at {broken}")):
        repo.write({"bodies.yaml": BODIES.replace("role: chair", "role: chief")})
        result = invoke(repo.root, "diff", *args)
        assert result.exit_code == 1
        first = result.stderr.splitlines()[0]
        assert first == f"the plan {label} does not load, so it cannot be compared:"
        where = (
            "schedules/bodies.yaml:11:11"
            if label == "in the working tree"
            else f"{broken}:schedules/cptpp.yaml:"
        )
        assert where in result.stderr
        assert "Traceback" not in result.stderr


def test_duplicate_ids_stop_the_diff(tmp_path: Path) -> None:
    repo = GitPlan(tmp_path / "plan")
    repo.commit(
        "2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES, "a.yaml": ASEAN_OLD, "b.yaml": ASEAN_OLD}
    )
    result = invoke(repo.root, "diff")
    assert result.exit_code == 1
    assert "duplicate id 'forum'" in result.stderr


def test_git_as_it_really_is(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "schedules").mkdir(parents=True)
    (plain / "schedules" / "bodies.yaml").write_text(BODIES, encoding="utf-8")
    result = invoke(plain, "diff")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{plain} is not in a git repository, so it has no revisions to compare; put the plan "
        "under git (git init && git add schedules && git commit)\n"
    )

    fresh = GitPlan(tmp_path / "fresh")
    fresh.write({"bodies.yaml": BODIES})
    result = invoke(fresh.root, "diff")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"the git repository at {fresh.root} has no commits yet on this branch, so there is no 'HEAD' to compare with"
    )

    repo = GitPlan(tmp_path / "repo")
    repo.commit("2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES})
    repo.commit("2026-11-17T09:00:00Z", **{"asean.yaml": ASEAN_OLD})
    result = invoke(repo.root, "diff", "mian")
    assert (result.exit_code, result.stderr) == (
        1,
        "no revision 'mian' in the git repository — did you mean 'main'?\n",
    )
    assert invoke(repo.root, "diff", "--", "--upload-pack=x").stderr.startswith(
        "'--upload-pack=x' is not a git revision"
    )
    assert invoke(repo.root, "diff", "HEAD~1", "HEAD", "--since", "7d").stderr == (
        "give --since or a revision to compare with, not both; with --since, the one revision "
        "named is the one compared (default: the working tree)\n"
    )

    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(shallow)], check=True
    )
    result = invoke(shallow, "diff", "HEAD~1")
    assert result.exit_code == 1
    assert result.stderr == (
        "revision 'HEAD~1' is not in this clone, which is shallow (cloned with --depth); fetch "
        "the whole history with `git fetch --unshallow`, then try again\n"
    )
    assert invoke(shallow, "diff", "HEAD").stdout.endswith(": no changes\n")


def test_a_plan_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = GitPlan(tmp_path / "repo")
    (repo.root / "schedules").rmdir()
    plan = repo.root / "office" / "plan"
    (plan / "schedules").mkdir(parents=True)
    (plan / "schedules" / "bodies.yaml").write_text(BODIES, encoding="utf-8")
    (plan / "schedules" / "asean.yaml").write_text(ASEAN_OLD, encoding="utf-8")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "plan")
    (plan / "schedules" / "asean.yaml").write_text(ASEAN_NEW, encoding="utf-8")
    found = json.loads(invoke(plan, "diff", "--format", "json").stdout)
    assert {c["id"] for c in found["changes"]} == {"amm", "retreat", "forum"}


def test_unknown_body(history: tuple[GitPlan, str, str]) -> None:
    repo, old, new = history
    result = invoke(repo.root, "diff", old, new, "--body", "aseam")
    assert (result.exit_code, result.stderr) == (
        1,
        "no body 'aseam' in the plan — did you mean 'asean'?\n",
    )


REPO = Path(__file__).parent.parent


@pytest.mark.parametrize(
    "args",
    [
        ("86a745a", "021b160", "--body", "cptpp", "--format", "markdown"),
        ("86a745a", "021b160", "--body", "viet-nam", "--lang", "vi"),
    ],
)
def test_the_readme_shows_a_real_briefing_from_the_bundled_plans_history(
    args: tuple[str, ...],
) -> None:
    """The README's weekly briefing is the real output for two commits of this repository."""
    command = f"$ chairplan diff {' '.join(args)}\n"
    shown = (REPO / "README.md").read_text(encoding="utf-8").split(command, 1)[1].split("```")[0]
    result = invoke(REPO, "diff", *args)
    assert result.exit_code == 0, result.stderr  # a shallow clone says: git fetch --unshallow
    assert shown == result.stdout


def test_a_new_formula_for_the_same_day_and_unsafe_files_in_a_commit(tmp_path: Path) -> None:
    repo = GitPlan(tmp_path / "plan")
    old = repo.commit("2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES, "cptpp.yaml": CPTPP_OLD})
    # 3 March counted another way: a week before SOM1 is also 5 working days before it.
    new = repo.commit(
        "2026-11-17T09:00:00Z",
        **{"cptpp.yaml": CPTPP_OLD.replace("som1.start - 7d", "som1.start - 5wd")},
    )
    assert invoke(repo.root, "diff", old, new).stdout.splitlines()[2:] == [
        "CPTPP (1 change)",
        "  Other changes",
        "    Preparatory meeting [prep]: now counted as som1.start - 5wd",
    ]
    (repo.root / "schedules" / "linked.yaml").symlink_to("bodies.yaml")
    (repo.root / "schedules" / "huge.yaml").write_text("#" * 1_100_000, encoding="utf-8")
    bad = repo.commit("2026-11-18T09:00:00Z")
    result = invoke(repo.root, "diff", new, bad)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"{bad}:schedules/huge.yaml:1:1: error: file is larger than 1048576 bytes",
        f"{bad}:schedules/linked.yaml:1:1: error: symlinks are not allowed",
    ]


# --- what a reader sees, and only that (found in review) ---------------------------------------

TWO_PRIORITIES = """\
priorities:
  - id: p1
    body: cptpp
    title: First priority
    deliverables:
      - id: d1
        title: A deliverable
        due: 2026-05-15
  - id: p2
    body: asean
    title: Second priority
"""


def _changes(tmp_path: Path, old: dict[str, str], new: dict[str, str | None]) -> list[str]:
    """The lines of `diff` from a commit of `old` (with the bodies) to one of `new`."""
    repo = GitPlan(tmp_path / "plan")
    first = repo.commit("2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES, **old})
    second = repo.commit("2026-11-17T09:00:00Z", **new)
    result = invoke(repo.root, "diff", first, second)
    assert result.exit_code == 0, result.stderr
    return [line.strip() for line in result.stdout.splitlines()[2:] if line.startswith("    ")]


def test_a_deliverable_moved_to_another_priority_is_a_change_under_both_bodies(
    tmp_path: Path,
) -> None:
    moved = (
        TWO_PRIORITIES.replace(
            "    deliverables:\n      - id: d1\n        title: A deliverable\n        due: 2026-05-15\n",
            "",
        )
        + "    deliverables:\n      - id: d1\n        title: A deliverable\n        due: 2026-05-15\n"
    )
    assert _changes(tmp_path, {"p.yaml": TWO_PRIORITIES}, {"p.yaml": moved}) == [
        "A deliverable [deliverable d1]: priority: p1 → p2"
    ]
    root = tmp_path / "plan"  # the repository _changes made
    # --body keeps a change of an entry that left the body, as well as one that came in.
    for body in ("cptpp", "asean"):
        found = json.loads(
            invoke(root, "diff", "HEAD~1", "HEAD", "--body", body, "--format", "json").stdout
        )
        assert [(c["id"], c["body"], c["was_body"]) for c in found["changes"]] == [
            ("d1", "asean", "cptpp")
        ]


def test_the_anchor_is_named_only_when_it_moved(tmp_path: Path) -> None:
    """A working-day count changes with the host country's holidays, not only with its anchor."""
    old = CPTPP_OLD.replace("som1.start - 7d", "som1.start - 20wd")
    new = old.replace(
        "    when: som1.start - 20wd\n", "    when: som1.start - 20wd\n    where: {country: SG}\n"
    )
    lines = _changes(tmp_path, {"cptpp.yaml": old}, {"cptpp.yaml": new})
    moved = [line for line in lines if line.startswith("Preparatory meeting [prep]: 3 February")]
    assert len(moved) == 1 and "counted from" not in moved[0], lines


def test_how_a_date_moved_is_said_by_its_start_its_end_or_its_time(tmp_path: Path) -> None:
    timed = """\
events:
  - id: call
    title: Video call
    body: asean
    when: {start: 2026-06-01T09:00, tz: Asia/Ho_Chi_Minh}
  - id: retreat
    title: Retreat
    body: asean
    when: 2026-03-10..2026-03-14
  - id: forum
    title: Forum
    body: asean
    when: 2026-Q2
"""
    new = (
        timed.replace("tz: Asia/Ho_Chi_Minh", "tz: Asia/Singapore")
        .replace("2026-03-10..2026-03-14", "2026-03-10..2026-03-12")
        .replace("2026-Q2", "2026-04..2026-06")  # the same days, written otherwise: no change
    )
    assert _changes(tmp_path, {"a.yaml": timed}, {"a.yaml": new}) == [
        "Retreat [retreat]: 10–14 March 2026 → 10–12 March 2026, same start, ends 2 days earlier",
        "Video call [call]: 1 June 2026 09:00 Asia/Ho_Chi_Minh → 1 June 2026 09:00 Asia/Singapore, "
        "same day, new time",
    ]


def test_what_is_no_change_for_a_reader(tmp_path: Path) -> None:
    """A list in another order, a quote edited in the same article, a waiver, a constraint, and a
    member's source (a source, reported once)."""
    old = """\
events:
  - id: forum
    title: Forum
    body: asean
    when: 2026-09-15
    participants: [Singapore, Việt Nam]
    sources:
      - article: 000_a.txt
        quote: the forum on 15 September
"""
    new = old.replace("[Singapore, Việt Nam]", "[Việt Nam, Singapore]").replace(
        "the forum on 15 September", "forum on 15 September"
    ) + (
        "    waive:\n      - rule: holiday.host\n        reason: agreed by the ministry\n"
        "    constraints: [at least 2w after retreat]\n"
    )
    bodies = BODIES.replace(
        "    name: Association of Southeast Asian Nations\n",
        "    name: Association of Southeast Asian Nations\n    members:\n      - country: SG\n",
    )
    member_cited = bodies.replace(
        "      - country: SG\n",
        "      - country: SG\n        sources:\n          - {article: 001_b.txt, quote: Singapore}\n",
    )
    lines = _changes(
        tmp_path,
        {"bodies.yaml": bodies, "a.yaml": old},
        {"bodies.yaml": member_cited, "a.yaml": new},
    )
    assert lines == ["Association of Southeast Asian Nations [body asean]: added 001_b.txt"]


def test_a_signed_log_configuration_is_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitPlan(tmp_path / "plan")
    repo.commit("2026-11-16T09:00:00Z", **{"bodies.yaml": BODIES})
    config = tmp_path / "gitconfig"
    config.write_text("[log]\n\tshowSignature = true\n[color]\n\tui = always\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert invoke(repo.root, "diff").stdout.endswith(": no changes\n")
