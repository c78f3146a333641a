"""The plan as git holds it: a revision's schedule files read through the real `git`, with no
checkout touched, and the commits a change log is made of.

Every failure of git as it really is (no repository, no commits yet, a revision that does not
exist or that a shallow clone does not have) becomes a ChairplanError that says what to do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..changes import WORKING_TREE, Version
from ..errors import ChairplanError, PlanError, Problem, closest
from . import yamltree
from .load import SCHEDULES_FOLDER, LoadedFile, LoadedPlan, is_schedule_name, load_bytes
from .read import read_files
from .resolve import resolve

__all__ = ["Commit", "NotInGit", "Repository", "Side", "parse_since"]

_TIMEOUT = 120
# What a user's configuration may add to the output chairplan parses: signatures, colour.
_PLAIN = ("-c", "log.showSignature=false", "-c", "color.ui=never")
_SINCE = re.compile(r"(?P<n>\d{1,4})\s*(?P<unit>d|w|days?|weeks?)", re.IGNORECASE)


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime  # the committer's time, in UTC
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a commit's plan, or the working tree's (commit None)."""

    commit: Commit | None
    loaded: LoadedPlan

    @property
    def version(self) -> Version:
        if self.commit is None:
            return Version(WORKING_TREE)
        return Version(self.commit.short, self.commit.sha, self.commit.time)


def parse_since(value: str, now: dt.datetime) -> dt.datetime:
    """`--since`: '7d', '2w' (before now) or a day ('2026-11-24', from midnight UTC) or a time
    with its offset ('2026-11-24T09:00+07:00')."""
    text = value.strip()
    if m := _SINCE.fullmatch(text):
        days = int(m["n"]) * (7 if m["unit"][0].lower() == "w" else 1)
        return now - dt.timedelta(days=days)
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ChairplanError(
            f"--since {value!r}: write a number of days or weeks (7d, 2w), a day (2026-11-24) "
            "or a time with its offset (2026-11-24T09:00+07:00)"
        )
    return moment.astimezone(dt.UTC)


class NotInGit(ChairplanError):
    """The plan folder is in no git repository."""


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Repository:
    """The git repository that holds the plan folder `root` (which may be a subfolder of it)."""

    def __init__(self, root: Path):
        self.root = root
        found = self._git("rev-parse", "--show-toplevel", "--show-prefix", cwd=root, check=False)
        if found.returncode != 0 and "not a git repository" in found.stderr:
            raise NotInGit(
                f"{root} is not in a git repository, so it has no revisions to compare; "
                f"put the plan under git (git init && git add {SCHEDULES_FOLDER} && git commit)"
            )
        if found.returncode != 0:  # git refuses the repository: say why, in git's words
            raise ChairplanError(
                f"git cannot read the repository of {root}: {found.stderr.strip()}"
            )
        top, prefix = ([*found.stdout.split("\n"), "", ""])[:2]
        self.top = Path(top)
        self.folder = f"{prefix}{SCHEDULES_FOLDER}"  # the schedules folder, from the top
        # Each file loaded, by git's id of its bytes: a file the same in several revisions (or
        # in the working tree) is parsed and validated once.
        self._loaded: dict[str, LoadedFile] = {}

    def _git(
        self, *args: str, cwd: Path | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(
                ["git", *_PLAIN, *args],
                cwd=cwd or self.top,
                capture_output=True,
                encoding="utf-8",
                errors="replace",  # a file name git holds that is not UTF-8 is no crash
                timeout=_TIMEOUT,
                check=False,
            )
        except FileNotFoundError:
            raise ChairplanError(
                "git is not installed; install it (apt-get install git) to compare revisions"
            ) from None
        except subprocess.TimeoutExpired:
            raise ChairplanError(
                f"git {args[0]} took longer than {_TIMEOUT} s; try again"
            ) from None
        if check and done.returncode != 0:
            raise ChairplanError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
        return done

    @cached_property
    def shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"

    def has_commits(self) -> bool:
        """Whether HEAD names a commit (not a new repository, nor a branch made with
        `git checkout --orphan` before its first commit)."""
        return self._git("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0

    def commit(self, revision: str) -> Commit:
        """The commit a revision names (a sha, a branch, a tag, HEAD~2…)."""
        if not revision or revision.startswith("-") or any(c.isspace() for c in revision):
            raise ChairplanError(f"{revision!r} is not a git revision; name a commit, e.g. HEAD~1")
        found = self._git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
        if found.returncode != 0:
            raise self._unknown(revision)
        return self._commits([found.stdout.strip()])[0]

    def _unknown(self, revision: str) -> ChairplanError:
        if not self.has_commits():
            return ChairplanError(
                f"the git repository at {self.top} has no commits yet on this branch, so there "
                f"is no '{revision}' to compare with; commit the plan first "
                f"(git add {self.folder} && git commit)"
            )
        if self.shallow:
            return ChairplanError(
                f"revision '{revision}' is not in this clone, which is shallow (cloned with "
                "--depth); fetch the whole history with `git fetch --unshallow`, then try again"
            )
        refs = self._git("for-each-ref", "--format=%(refname:short)").stdout.split()
        near = closest(revision, refs)
        hint = f"did you mean '{near}'?" if near else "`git log --oneline` lists the commits"
        return ChairplanError(f"no revision '{revision}' in the git repository — {hint}")

    def _commits(self, shas: Sequence[str]) -> list[Commit]:
        if not shas:
            return []
        shown = self._git("show", "-s", "--no-walk=unsorted", "--format=%H%x00%ct%x00%s", *shas)
        commits = []
        for line in shown.stdout.splitlines():
            if line.count("\0") < 2:
                continue  # anything a configuration adds (a signature check, say)
            sha, seconds, subject = line.split("\0", 2)
            commits.append(Commit(sha, dt.datetime.fromtimestamp(int(seconds), dt.UTC), subject))
        return commits

    def commit_before(self, moment: dt.datetime, head: str = "HEAD") -> Commit:
        """The last commit made before `moment` on the first-parent history of `head`."""
        found = self.last_before(moment, head)
        if found is not None:
            return found
        start = self.commit(head)
        oldest = self._git("rev-list", "--first-parent", "--max-parents=0", start.sha)
        first = self._commits(oldest.stdout.split()[:1])
        since = f"; the first is {first[0].short} of {first[0].time:%Y-%m-%d %H:%M} UTC"
        raise ChairplanError(
            f"no commit before {_stamp(moment)} on the history of {head}{since if first else ''}; "
            "choose a later --since or name a revision"
        )

    def last_before(
        self, moment: dt.datetime, head: str = "HEAD", *, missing_ok: bool = False
    ) -> Commit | None:
        """The last commit made before `moment` on the first-parent history of `head`, or None
        when all of it is later; refused in a shallow clone, whose history may go on, unless
        `missing_ok`."""
        start = self.commit(head)
        found = self._git(
            "rev-list", "-n", "1", "--first-parent", f"--before={_stamp(moment)}", start.sha
        )
        if sha := found.stdout.strip():
            return self._commits([sha])[0]
        if self.shallow and not missing_ok:
            raise ChairplanError(
                f"no commit before {_stamp(moment)} in this clone, which is shallow (cloned with "
                "--depth); fetch the whole history with `git fetch --unshallow`"
            )
        return None

    def plan_commits(self, head: str = "HEAD", limit: int = 50) -> list[Commit]:
        """The last `limit` commits on the first-parent history of `head` that changed the
        schedules folder, newest first; none in a repository with no commits."""
        if not self.has_commits():
            return []
        start = self.commit(head)
        found = self._git(
            "rev-list", "--first-parent", f"--max-count={limit}", start.sha, "--", self.folder
        )
        return self._commits(found.stdout.split())

    def is_root(self, commit: Commit) -> bool:
        """Whether the commit has no parent: the first of its history (where a shallow clone
        ends, the commit still names its parent, which the clone does not have)."""
        raw = self._git("cat-file", "commit", commit.sha).stdout
        head = raw.split("\n\n", 1)[0]
        return not any(line.startswith("parent ") for line in head.splitlines())

    def parent(self, commit: Commit) -> Commit | None:
        """The commit's first parent; None for a root commit, or where a shallow clone ends."""
        found = self._git("rev-parse", "--verify", "--quiet", f"{commit.sha}^1", check=False)
        return self._commits([found.stdout.strip()])[0] if found.returncode == 0 else None

    def side(self, commit: Commit | None) -> tuple[Side, list[Problem]]:
        """The plan at `commit` (the working tree's for None), derived dates resolved, and the
        problems of what does not load."""
        if commit is None:
            loaded, problems = read_files(self.root, lambda data, name: self._load(data, name))
            return Side(None, loaded), problems
        files, problems = self._read_commit(commit)
        if problems:
            return Side(commit, LoadedPlan(self.root, tuple(files))), problems
        loaded, problems = resolve(self.root, tuple(files))
        return Side(commit, loaded), problems

    def _read_commit(self, commit: Commit) -> tuple[list[LoadedFile], list[Problem]]:
        listed = self._git("ls-tree", "-r", "-z", "-l", commit.sha, "--", f"{self.folder}/")
        blobs: list[tuple[str, str]] = []
        problems: list[Problem] = []
        for record in filter(None, listed.stdout.split("\0")):
            meta, path = record.split("\t", 1)
            mode, kind, sha, size = meta.split()
            rel = path.removeprefix(f"{self.folder}/")
            if kind != "blob" or not is_schedule_name(rel):
                continue
            name = f"{commit.short}:{SCHEDULES_FOLDER}/{rel}"
            if mode == "120000":
                problems.append(Problem(name, 1, 1, "unreadable", "symlinks are not allowed"))
            elif int(size) > yamltree.MAX_BYTES:
                problems.append(
                    Problem(
                        name, 1, 1, "unreadable", f"file is larger than {yamltree.MAX_BYTES} bytes"
                    )
                )
            else:
                blobs.append((name, sha))
        missing = [sha for _, sha in blobs if sha not in self._loaded]
        data = dict(zip(missing, self._blobs(missing), strict=True))
        files: list[LoadedFile] = []
        for name, sha in blobs:
            try:
                files.append(self._load(data.get(sha, b""), name, sha))
            except PlanError as exc:
                problems.extend(exc.problems)
        return files, problems

    def _load(self, data: bytes, name: str, blob: str | None = None) -> LoadedFile:
        """The file of these bytes, parsed once for every revision that has them (`blob`: git's
        id of them, when known)."""
        key = blob or hashlib.sha1(b"blob %d\0%b" % (len(data), data)).hexdigest()
        found = self._loaded.get(key)
        if found is None:
            found = self._loaded[key] = load_bytes(data, name)
        return found if found.name == name else dataclasses.replace(found, name=name)

    def _blobs(self, shas: Sequence[str]) -> list[bytes]:
        """The contents of these blobs, through one `git cat-file --batch`."""
        if not shas:
            return []
        try:
            done = subprocess.run(
                ["git", *_PLAIN, "cat-file", "--batch"],
                cwd=self.top,
                input="".join(f"{sha}\n" for sha in shas).encode(),
                capture_output=True,
                timeout=_TIMEOUT,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ChairplanError(f"git cat-file could not read the plan's files: {exc}") from None
        out, at, found = done.stdout, 0, []
        for _ in shas:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            found.append(out[header_end + 1 : header_end + 1 + size])
            at = header_end + 1 + size + 1
        return found
