"""The I/O of publishing: the build's stamp (git), the revisions file, and the staged writes
that put every artefact in place together, or none of them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..changes import ChangeLog
from ..dates import FIRST_YEAR, LAST_YEAR
from ..disk.files import StagedWrites, cannot_write, write_atomic
from ..errors import ChairplanError, Problem
from ..model import Language, Plan, Settings
from ..plan.load import SCHEDULES_FOLDER, is_schedule_name
from . import ics
from .artefacts import Chunks, artefacts
from .revisions import REVISIONS_FILE, Revisions, parse_revisions, revisions_problem
from .site import EventFilter, check_base_url, check_filter, prepare, selected_feed

__all__ = [
    "FALLBACK_STAMP",
    "BuildResult",
    "check_out_folder",
    "head",
    "publish",
    "read_revisions",
    "render_feed",
    "render_site",
    "source_date",
    "write_site",
]

# The stamp of a plan with neither SOURCE_DATE_EPOCH nor git history: fixed, so output is stable.
FALLBACK_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class BuildResult:
    written: list[str]
    unchanged: list[str]
    revisions_updated: bool
    audience: str | None = None  # who the build is for
    removed: list[str] = field(default_factory=list)  # feeds, pages of the last build not made now
    # Each file's sha256, of the bytes the build made (written or found unchanged): export/memo.py
    digests: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


def source_date(root: Path, environ: Mapping[str, str]) -> dt.datetime:
    """The build's stamp: SOURCE_DATE_EPOCH, else the last commit touching schedules/, else fixed;
    but never earlier than an uncommitted change git reports to the schedule files.

    SOURCE_DATE_EPOCH is the user's explicit choice (a build reproduced, a test's stamp) and wins
    as it is. A clean tree's stamp is its last commit's: the same bytes, whoever builds it, when.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ChairplanError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; unset it or fix it"
            )
        stamp = _utc(int(epoch))
        if stamp is None or not FIRST_YEAR <= stamp.year <= LAST_YEAR:
            raise ChairplanError(
                f"SOURCE_DATE_EPOCH={epoch} is "
                + (f"{stamp:%Y-%m-%d}" if stamp else "later than any time a calendar holds")
                + f", outside the years a plan may hold ({FIRST_YEAR} to {LAST_YEAR}); unset it "
                "or fix it"
            )
        return stamp
    found = _git(root, "log", "-1", "--format=%ct", "--", SCHEDULES_FOLDER)
    seconds = (found or b"").decode("ascii", "replace").strip()
    committed = _utc(int(seconds)) if seconds.isdigit() else None
    base = committed if committed is not None else FALLBACK_STAMP
    changed = _uncommitted_change(root)
    moved = _utc(changed) if changed is not None else None
    if moved is not None and moved.year > LAST_YEAR:
        moved = None  # a file's time from a clock far off: the commit's is the better guess
    # An edit not committed yet is stamped no earlier than it was made; never before the commit.
    return moved if moved is not None and moved > base else base


def _utc(seconds: int) -> dt.datetime | None:
    """The UTC time `seconds` after the epoch, or None when that is past what datetime holds."""
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


# What a user's configuration may add to the output the stamp is read from (a signature check);
# and no refresh of the index written by `git status`, which another git may be using.
_PLAIN_GIT = ("-c", "log.showSignature=false", "--no-optional-locks")


def _git(root: Path, *args: str) -> bytes | None:
    """git's output for `args` run in `root`, or None when git is missing or fails (not a
    repository, say)."""
    try:
        done = subprocess.run(
            ["git", *_PLAIN_GIT, *args], cwd=root, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def head(root: Path) -> str | None:
    """The commit checked out in the plan's repository (what its change log is made from), or
    None outside one."""
    found = _git(root, "rev-parse", "HEAD")
    return found.decode().strip() if found else None


def _uncommitted_change(root: Path) -> int | None:
    """When the latest uncommitted change to the plan's schedule files was made, in whole
    seconds rounded up, or None when git reports none (or cannot say).

    A changed file that exists (modified, added, untracked and not ignored, renamed or copied to)
    counts by its modification time; one that is gone (deleted, renamed from) by its folder's,
    which moved when it went (or by the nearest folder still there, when its folder went too).
    """
    status = _git(
        root, "status", "--porcelain", "-z", "--untracked-files=all", "--", SCHEDULES_FOLDER
    )
    if not status:
        return None
    where = _git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if where is None:
        return None
    top, prefix = [*os.fsdecode(where).split("\n"), "", ""][:2]
    folder = f"{prefix}{SCHEDULES_FOLDER}/"  # the schedules folder, as git names it from the top
    fields = status.split(b"\0")
    latest: int | None = None
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue  # the empty field after the last NUL
        paths = [entry[3:]]
        if b"R" in entry[:2] or b"C" in entry[:2]:  # `XY to\0from\0`: the origin follows
            paths.append(fields[i] if i < len(fields) else b"")
            i += 1
        for raw in paths:
            rel = os.fsdecode(raw)
            if not rel.startswith(folder) or not is_schedule_name(rel):
                continue  # not a file the plan is read from
            moment = _modified(Path(top) / rel)
            if moment is not None and (latest is None or moment > latest):
                latest = moment
    return latest


def _modified(path: Path) -> int | None:
    """The modification time of `path`, or of the nearest folder above it that still exists
    when it is gone, in whole seconds rounded up; None when it cannot be read."""
    for candidate in (path, *path.parents):
        try:
            nanoseconds = candidate.lstat().st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return None
        return -(-nanoseconds // 1_000_000_000)
    return None


def _index(folder: Path) -> dict[str, object] | None:
    """The feeds.json of the build in `folder`, or None when there is none to read."""
    try:
        index = json.loads((folder / "feeds.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) else None


def _audience_in(folder: Path, settings: Settings) -> str | None:
    """The audience of the build in `folder` (its feeds.json says), or None when there is none;
    a build that does not say (made before audiences) counts as the most private."""
    index = _index(folder)
    if index is None:
        return None
    found = index.get("audience")
    return found if isinstance(found, str) else settings.most_private


def check_out_folder(out: Path, audience: str, settings: Settings) -> None:
    """Refuse to mix audiences: one audience's build is never written into, inside or around a
    folder that holds another's. Published, a folder carries all it holds; and a build leaves
    the other one's files beside its own."""
    for folder in (out, *out.resolve().parents):
        found = _audience_in(folder, settings)
        if found is not None and found != audience:
            where = "holds" if folder == out else f"is inside {folder}, which holds"
            raise ChairplanError(
                f"{out} {where} the build for '{found}'; a build for '{audience}' is never "
                "written where another audience's is: choose another --out folder"
            )
    if out.is_dir():
        for index in sorted(out.rglob("feeds.json")):
            found = _audience_in(index.parent, settings)
            if index.parent != out and found is not None and found != audience:
                raise ChairplanError(
                    f"{index.parent} holds the build for '{found}'; a build for '{audience}' is "
                    "never written around another audience's: choose another --out folder"
                )


def read_revisions(root: Path) -> Revisions:
    """The plan's revisions file, or no revisions when the plan has none yet."""
    path = root / REVISIONS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Revisions()
    try:
        return parse_revisions(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise revisions_problem(REVISIONS_FILE, "not UTF-8") from None


def render_site(
    plan: Plan,
    root: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
    findings: tuple[Problem, ...] = (),
    changes: ChangeLog | None = None,
) -> tuple[dict[str, Chunks], Revisions]:
    """Every artefact of a checked plan, rendered lazily, with the revised revisions;
    `findings` are the planning rules' findings the page and checklist show, `changes` what
    changed (the page's section, changes.md, changes.atom)."""
    check_base_url(base_url)
    site, revisions = prepare(
        plan, read_revisions(root), stamp, lang, domain, base_url, findings, changes
    )
    return artefacts(site), revisions


def recording(files: Mapping[str, Chunks]) -> tuple[dict[str, Chunks], dict[str, str]]:
    """The files, each digested as it is written; the digests (file name -> sha256) are
    complete once all are (export/memo.py remembers a build by them)."""
    digests: dict[str, str] = {}

    def digested(name: str, chunks: Chunks) -> Iterator[bytes]:
        h = hashlib.sha256()
        for chunk in chunks:
            h.update(chunk)
            yield chunk
        digests[name] = h.hexdigest()

    return {name: digested(name, chunks) for name, chunks in files.items()}, digests


def _listed_files(out: Path) -> list[str]:
    """The feeds and pages the build in `out` listed in its feeds.json: files it wrote and may
    remove."""
    index = _index(out) or {}
    feeds, pages = index.get("feeds"), index.get("pages")
    paths = [f.get("path") for f in feeds if isinstance(f, dict)] if isinstance(feeds, list) else []
    paths += pages if isinstance(pages, list) else []
    return [
        p
        for p in paths
        if isinstance(p, str)
        and p.endswith((".ics", ".html"))
        and ".." not in p.split("/")
        and not p.startswith("/")
    ]


def write_site(out: Path, files: Mapping[str, Chunks]) -> tuple[list[str], list[str], list[str]]:
    """Write every file under `out`, all or none: (written, unchanged, removed) file names.

    A feed or page the previous build listed and this one does not make (a track gone, an entry
    now private, a year of a large plan's agenda gone) is removed, so its old content is not
    served any more."""
    if out.exists() and not out.is_dir():
        raise ChairplanError(f"{out} exists and is not a folder; pass --out a folder")
    stale = [p for p in _listed_files(out) if p not in files and (out / p).is_file()]
    written: list[str] = []
    unchanged: list[str] = []
    with StagedWrites() as staged:
        for name in sorted(files):
            target = out / name
            try:
                os.makedirs(target.parent, exist_ok=True)
            except OSError as exc:
                raise cannot_write(target, exc) from None
            (written if staged.write(target, files[name]) else unchanged).append(name)
        staged.commit()
    for name in stale:
        try:
            (out / name).unlink()
        except OSError as exc:
            raise cannot_write(out / name, exc) from None
    return written, unchanged, sorted(stale)


def publish(
    plan: Plan,
    root: Path,
    out: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
    findings: tuple[Problem, ...] = (),
    changes: ChangeLog | None = None,
) -> BuildResult:
    """Render and write every artefact of a checked plan, then its revisions; on any problem
    touch nothing."""
    made, revisions = render_site(plan, root, stamp, lang, domain, base_url, findings, changes)
    files, digests = recording(made)
    written, unchanged, removed = write_site(out, files)
    updated = write_atomic(root / REVISIONS_FILE, revisions.to_bytes())
    return BuildResult(written, unchanged, updated, plan.audience, removed, digests)


def render_feed(
    plan: Plan,
    root: Path,
    keep: EventFilter,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
) -> bytes:
    """One event feed of a checked plan, filtered, as `build` would publish it (the revisions
    are only read)."""
    check_filter(keep, plan)
    site, _ = prepare(plan, read_revisions(root), stamp, lang, domain)
    return selected_feed(site, keep)
