"""The I/O of publishing: the build's stamp (git), the revisions file, and the staged writes
that put every artefact in place together, or none of them."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..changes import ChangeLog
from ..disk import cache, workers
from ..disk.files import StagedWrites, cannot_write, stage, write_atomic
from ..errors import ChairplanError, Problem
from ..model import Language, Plan, Settings
from . import ics
from .artefacts import Chunks, artefacts
from .memo import BuildResult
from .revisions import REVISIONS_FILE, Revisions, parse_revisions, revisions_problem
from .site import (
    RENDERED_BYTES,
    EventFilter,
    check_base_url,
    check_filter,
    prepare,
    selected_feed,
)
from .stamp import FALLBACK_STAMP, head, source_date

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
    store = cache.for_root(root)
    site, revisions = prepare(
        plan, read_revisions(root), stamp, lang, domain, base_url, findings, changes, store
    )
    return artefacts(site), revisions


def _staged(job: tuple[Path, Chunks, str]) -> tuple[str | None, str, str | None]:
    """One file staged (see files.stage), here or in a worker: its temp file (None when the file
    holds its bytes already), the sha256 of its bytes, and why it could not be written (what the
    user reads: a worker hands its error back, and its parent raises it once it has every temp
    file to remove)."""
    path, chunks, tag = job
    digest = hashlib.sha256()

    def digested() -> Iterator[bytes]:
        for chunk in chunks:
            digest.update(chunk)
            yield chunk

    try:
        tmp = stage(path, digested(), tag)
    except ChairplanError as exc:
        return None, "", exc.render()
    return tmp, digest.hexdigest(), None


def _remove_temp_files(paths: Iterable[Path], tag: str) -> None:
    """Every temp file staged with `tag` beside these paths (see files.stage), whoever made it."""
    for path in paths:
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.{tag}*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


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


def write_site(
    out: Path, files: Mapping[str, Chunks], work: int = 0
) -> tuple[list[str], list[str], list[str], dict[str, str]]:
    """Write every file under `out`, all or none: (written, unchanged, removed) file names, and
    the sha256 of each file's bytes (export/memo.py remembers a build by them).

    The files are rendered as they are written, a large build's (`work`: about the bytes it
    renders, as workers.spread counts) on every core, the pages first, and put in place together
    once all are. A feed or page the previous build listed and this one does not make (a track
    gone, an entry now private, a year of a large plan's agenda gone) is removed, so its old
    content is not served any more."""
    if out.exists() and not out.is_dir():
        raise ChairplanError(f"{out} exists and is not a folder; pass --out a folder")
    stale = [p for p in _listed_files(out) if p not in files and (out / p).is_file()]
    for name in sorted(files):
        try:
            os.makedirs((out / name).parent, exist_ok=True)
        except OSError as exc:
            raise cannot_write(out / name, exc) from None
    # The main page first, then the other pages: the longest to make start first. The temp files
    # carry this build's tag: whatever stops it (a worker's bug, Ctrl-C), none is left behind.
    names = sorted(files, key=lambda name: (name != "index.html", not name.endswith(".html"), name))
    tag = f"{os.getpid()}-{secrets.token_hex(4)}."
    jobs = [(out / name, files[name], tag) for name in names]
    written: list[str] = []
    unchanged: list[str] = []
    digests: dict[str, str] = {}
    failed: dict[str, str] = {}
    try:
        with (
            StagedWrites() as staged,  # leaving the block on an error removes its temp files
            contextlib.closing(workers.spread(_staged, jobs, work)) as made,  # and stops workers
        ):
            for name, done in zip(names, made, strict=True):
                tmp, digests[name], why = done.value
                if tmp is not None:
                    staged.adopt(tmp, out / name)
                (written if tmp is not None else unchanged).append(name)
                if why is not None:
                    failed[name] = why
            if failed:
                raise ChairplanError(failed[min(failed)])  # the first, in the order of names
            staged.commit()
    except BaseException:
        _remove_temp_files((path for path, _, _ in jobs), tag)  # those not handed back too
        raise
    for name in stale:
        try:
            (out / name).unlink()
        except OSError as exc:
            raise cannot_write(out / name, exc) from None
    return sorted(written), sorted(unchanged), sorted(stale), dict(sorted(digests.items()))


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
    work = len(plan.events) * RENDERED_BYTES  # the page's share: each event's lines and data
    written, unchanged, removed, digests = write_site(out, made, work)
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
    site, _ = prepare(plan, read_revisions(root), stamp, lang, domain, store=cache.for_root(root))
    return selected_feed(site, keep)
