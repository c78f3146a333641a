"""Every published file, by name: the feeds and feeds.json, checklist.md, and the page."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

from . import changelog, ics
from .checklist import checklist_md
from .holiday_feeds import holiday_meta
from .html import html_files
from .site import Site, for_audience, tasks_feed

__all__ = ["ARTEFACTS", "Chunks", "artefacts"]

Chunks = Iterable[bytes]  # a file's bytes, produced lazily while it is written


def _listed(meta: ics.FeedMeta, events: int, tasks: int) -> dict[str, object]:
    """A feed's entry in feeds.json."""
    return {
        "name": meta.name,
        "path": meta.path,
        "description": meta.description,
        "events": events,
        "tasks": tasks,
    }


def feed_files(site: Site) -> tuple[dict[str, Chunks], list[dict[str, object]]]:
    """The event feeds, the holiday feeds, tasks.ics, and their entries in feeds.json."""
    files: dict[str, Chunks] = {}
    index = []
    for meta, kept in site.feeds:
        files[meta.path] = site.feed_chunks(meta, kept)
        index.append(_listed(meta, len(kept), 0))
    for country, rendered in site.holidays:
        meta = for_audience(holiday_meta(country, site.lang, site.plan), site.plan.audience)
        files[meta.path] = ics.assemble_chunks(meta, rendered, (), site.tz_years)
        index.append(_listed(meta, len(rendered), 0))
    meta = for_audience(tasks_feed(site.plan, site.lang), site.plan.audience)
    files[meta.path] = ics.assemble_chunks(meta, site.todos, (), site.tz_years)  # DUE: no zones
    index.append(_listed(meta, 0, len(site.todos)))
    return files, index


def feeds_json(site: Site, feeds: list[dict[str, object]], pages: list[str]) -> Chunks:
    """feeds.json: the audience, every feed, and every page, so the next build knows which files
    of this one it may remove (see publish.write_site)."""
    listed = {"audience": site.plan.audience, "feeds": feeds, "pages": pages}
    return ((json.dumps(listed, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode(),)


def checklist_file(site: Site) -> dict[str, Chunks]:
    return {"checklist.md": (checklist_md(site.report),)}


def changelog_files(site: Site) -> dict[str, Chunks]:
    """changes.md (what changed since the log's moment) and changes.atom (the last commits)."""
    log = site.changes
    if log is None:
        return {}
    atom = changelog.atom_feed(
        log.history,
        domain=site.domain,
        base_url=site.base_url,
        lang=site.lang,
        note=changelog.note_words(log, site.lang) if log.note else None,
        audience=site.plan.audience,
    )
    return {
        "changes.md": (changelog.log_markdown(log, site.lang).encode(),),
        "changes.atom": (atom,),
    }


# Every published artefact besides the feeds: each maps file names (relative to --out) to chunks.
ARTEFACTS: tuple[Callable[[Site], Mapping[str, Chunks]], ...] = (
    checklist_file,
    changelog_files,
    html_files,
)


def artefacts(site: Site) -> dict[str, Chunks]:
    """Every published file, rendered only as it is written (a 50,000-event page is 46 MB)."""
    files, feeds = feed_files(site)
    files |= {name: chunks for render in ARTEFACTS for name, chunks in render(site).items()}
    pages = sorted(name for name in files if name.endswith(".html"))
    return files | {"feeds.json": feeds_json(site, feeds, pages)}
