"""The plan's history as an audience may see it: a revision's plan loaded from git, and what
`build` publishes of the history (changes.md, the page's section, changes.atom).

Git's troubles never stop a build: they become the log's note. Each revision is viewed as the
audience sees it, and only what it sees now is told of (see `told`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from .audiences import audience_of, shown_plainly, view
from .changes import EMPTY, ChangeLog, HistoryEntry, Version, comparison
from .checks.duplicate_ids import duplicates
from .errors import ChairplanError, PlanError, UnknownName
from .model import Plan
from .plan.history import Commit, NotInGit, Repository, Side, parse_since
from .plan.load import LoadedPlan

__all__ = ["HISTORY_LIMIT", "change_log", "load_side", "told"]


def change_log(
    root: Path, stamp: dt.datetime, since: str = "7d", audience: str | None = None
) -> ChangeLog:
    """What `build` publishes of the plan's history: the changes from the last commit before
    `since` (counted back from the start of the build's day) to the working tree, and each of
    the last commits that changed the plan against the one before. Git's troubles (no
    repository, a shallow clone, an old plan that does not load, git refusing to run) become
    the log's note: they never stop a build. Each plan is compared as `audience` (default:
    the most private level) may see it."""
    midnight = dt.datetime.combine(stamp.date(), dt.time(), dt.UTC)
    moment = parse_since(since, midnight)  # a mistyped --changes-since is the user's to fix
    try:
        return _change_log(Repository(root), moment, audience)
    except NotInGit:
        return ChangeLog(moment, None, "no-git")
    except ChairplanError as exc:
        return ChangeLog(moment, None, "git-error", where=exc.message)


def told(shown: Plan) -> frozenset[str] | None:
    """What an audience may be told the changes of, by the view it has now: below the most
    private level, only what it sees now (so an older revision that showed more tells nothing
    more); None, everything, at the most private."""
    if shown.audience in (None, shown.settings.most_private):
        return None
    return shown_plainly(shown)


def load_side(repo: Repository, commit: Commit | None) -> Side:
    """One side of a diff: its plan, or PlanError saying it does not load and why."""
    side, problems = repo.side(commit)
    problems += list(duplicates(side.loaded)) if not problems else []
    if problems:
        where = "in the working tree" if commit is None else f"at {commit.short}"
        why = f"the plan {where} does not load, so it cannot be compared:"
        raise PlanError(problems, why)
    return side


HISTORY_LIMIT = 50  # the commits changes.atom lists


def _change_log(repo: Repository, moment: dt.datetime, audience: str | None) -> ChangeLog:
    commits = repo.plan_commits(limit=HISTORY_LIMIT)
    if not commits:  # no commit yet, or none that holds the plan (an ignored folder, say)
        return ChangeLog(moment, None, "no-commits")
    sides = _Sides(repo, audience)
    current = sides.get(None)
    sides.told = told(sides.plan(current)) if current else frozenset()
    history = tuple(_history(repo, commits, sides))
    if repo.shallow and repo.last_before(moment, missing_ok=True) is None:
        return ChangeLog(moment, None, "shallow", history)
    start = repo.last_before(moment)
    old = sides.get(start) if start else Side(None, LoadedPlan(repo.root, ()))
    new = sides.get(None)
    if old is None or new is None:
        where = start.short if old is None and start else None
        return ChangeLog(moment, None, "unloadable", history, where)
    versions = (old.version if start else Version(EMPTY), new.version)
    recent = comparison(sides.plan(old), sides.plan(new), versions, sides.told)
    return ChangeLog(moment, recent, None, history)


class _Sides:
    """Each revision's plan loaded once, or the number of problems that keep it from loading."""

    def __init__(self, repo: Repository, audience: str | None):
        self.repo = repo
        self.audience = audience
        self.loaded: dict[str | None, Side | int] = {}
        self.views: dict[int, tuple[Side, Plan]] = {}
        self.told: frozenset[str] | None = None  # what the log may tell of: see `_told`

    def plan(self, side: Side) -> Plan:
        """The side's plan as the log's audience may see it (the level of the same name in that
        revision, or its most private when none is named), made once."""
        if id(side) not in self.views:  # the side is kept with it, so its id is not reused
            plan = side.loaded.plan
            self.views[id(side)] = (side, view(plan, audience_of(plan, self.audience)))
        return self.views[id(side)][1]

    def get(self, commit: Commit | None) -> Side | None:
        found = self.found(commit)
        return None if isinstance(found, int) else found

    def found(self, commit: Commit | None) -> Side | int:
        key = commit.sha if commit else None
        if key not in self.loaded:
            try:
                side = self.loaded[key] = load_side(self.repo, commit)
                self.plan(side)  # a level this revision does not have: it cannot be shown
            except PlanError as exc:
                self.loaded[key] = len(exc.problems)
            except UnknownName:
                self.loaded[key] = 1
        return self.loaded[key]


def _history(repo: Repository, commits: list[Commit], sides: _Sides) -> Iterator[HistoryEntry]:
    """Each commit's changes against the last commit before it whose plan loaded, newest first;
    a commit whose plan does not load is an entry that says so, one that changes nothing a
    reader sees is none."""
    empty = Plan(())
    oldest = commits[-1]
    parent = repo.parent(oldest)
    before = sides.get(parent) if parent else None
    previous: tuple[Plan, Version] | None = None  # none where a shallow clone ends
    if before is not None:
        previous = (sides.plan(before), before.version)
    elif repo.is_root(oldest):  # the plan's first commit: all of it is new
        previous = (empty, Version(EMPTY))
    entries: list[HistoryEntry] = []
    for commit in reversed(commits):
        version = Version(commit.short, commit.sha, commit.time)
        now = sides.found(commit)
        if isinstance(now, int):
            entries.append(HistoryEntry(comparison(empty, empty, (version, version)), now))
            continue
        if previous is not None:
            found = comparison(previous[0], sides.plan(now), (previous[1], version), sides.told)
            if found.changes:
                entries.append(HistoryEntry(found))
        previous = (sides.plan(now), version)
    return reversed(entries)
