"""Every use case of chairplan, one function per command: what `cli.py` calls, and what a
program calls instead of the command line.

Each function takes the plan folder and plain values (the day, the stamp: never read from the
clock here) and returns data for `render/` or the CLI to show; every error is a ChairplanError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ChairplanError, Problem, UnknownName

if TYPE_CHECKING:
    from .changes import ChangeLog, Comparison
    from .checks.pipeline import Checked
    from .disk.cache import Cache
    from .export.artefacts import Chunks
    from .export.memo import BuildResult
    from .export.site import EventFilter
    from .model import Language, Plan
    from .plan.chains import Link
    from .serve import Preview
    from .sources.articles import Article
    from .sources.mentions import Mention
    from .status import StatusReport

# Every module is imported by the functions that use it, so that a command loads only what it
# runs: `status` on an unchanged plan neither pydantic nor the models (see `status_output`).

T = TypeVar("T")

__all__ = [
    "add_deliverable",
    "add_event",
    "build",
    "build_all",
    "changes",
    "check",
    "check_output",
    "diff",
    "explain",
    "feed",
    "mark",
    "preview",
    "scan",
    "set_field",
    "site_files",
    "source_date",
    "status",
    "status_output",
    "suggest",
    "uncovered",
    "use_cache",
    "write_drafts",
]


def source_date(root: Path, environ: Mapping[str, str]) -> dt.datetime:
    """The build's stamp, as `build`, `serve` and `ics` use it: export.stamp.source_date, where
    the rule is (imported here, not at start, so `status` and `check` do not pay for it)."""
    from .export import stamp

    return stamp.source_date(root, environ)


def use_cache(on: bool) -> None:
    """Use the plan's cache (.chairplan-cache/, see disk/cache.py) or not, for this process."""
    from .disk import cache

    cache.disable(not on)


def read_once(on: bool = True) -> None:
    """This process reads the plan once and ends without freeing it: the collector may leave
    what it loads from the cache alone (disk/cache.py, freeze_loaded). `serve` turns it off."""
    from .disk import cache

    cache.freeze_loaded(on)


def check(root: Path, as_of: dt.date | None = None, *, strict: bool = False) -> Checked:
    """`chairplan check`: the plan, if no rule finds an error (nor a warning, when `strict`);
    else PlanError with every problem. The rules that depend on the day judge as of `as_of`."""
    from .checks.pipeline import passing

    return passing(root, as_of=as_of, strict=strict)


def holidays_version() -> str:
    """The version of the `holidays` package the holiday rules use (check --format json says it)."""
    from .calendars import holidays_version

    return holidays_version()


def status(
    root: Path, as_of: dt.date, body: str | None = None, audience: str | None = None
) -> StatusReport:
    """`chairplan status`: refuses a plan whose structure is wrong; lists citation problems.

    The date recogniser is skipped (it is the slow rule); `check` runs it. For an audience
    below the most private, the report is of what it may see: no citation problems (they
    point into the plan's files) and no waivers.
    """
    from .audiences import visible_findings
    from .checks.pipeline import passing
    from .status import status_report

    checked = passing(root, scope="plan", recogniser=False, as_of=as_of)
    plan, level = _audience_view(checked.plan, audience)
    everything = level == checked.plan.settings.most_private
    return status_report(
        plan,
        as_of,
        body,
        citations=checked.in_scope("citations") if everything else (),
        findings=visible_findings(checked.in_scope("planning"), checked.plan, level),
        waived=checked.waived if everything else (),
    )


_PLAN_FOLDERS = ("schedules", "seeds", "documents")  # what every output is made from


def _key(root: Path, kind: str, *options: object) -> tuple[Cache, str | None]:
    """The plan's cache, and the key of an output of `kind` made from the plan's files
    (schedules, articles, documents: their names and bytes), its revisions file and `options`;
    None when it cannot be known (a link in those folders) or the cache is off."""
    from .disk import cache
    from .export.revisions import REVISIONS_FILE

    store = cache.for_root(root)
    files = cache.folders_digest(root, _PLAN_FOLDERS) if store.enabled else None
    if files is None:
        return store, None
    lock = root / REVISIONS_FILE
    revisions = lock.read_bytes() if lock.is_file() else None
    return store, cache.digest(files, str(root.absolute()), kind, cache.dumps((revisions, options)))


def _remembered(root: Path, kind: str, options: tuple[object, ...], make: Callable[[], T]) -> T:
    """What `make` gives, remembered in the plan's cache under the plan's inputs and `options`:
    on an unchanged plan it is read back without loading the models (nor pydantic) at all. Only
    what `make` returns is kept; a refused plan raises and is refused again next time."""
    store, key = _key(root, kind, *options)
    found: T | None = store.get(kind, key) if key else None
    if found is None:
        found = make()
        if key:
            store.put(kind, key, found)
    return found


def status_output(
    root: Path,
    as_of: dt.date,
    body: str | None,
    audience: str | None,
    form: str,
    render: Callable[[StatusReport], str],
) -> str:
    """`status` as `render` writes it (`form` names the rendering), remembered (see
    `_remembered`)."""
    options = (as_of, body, audience, form)
    return _remembered(root, "status", options, lambda: render(status(root, as_of, body, audience)))


def check_output(
    root: Path, as_of: dt.date, strict: bool, form: str, render: Callable[[Checked], str]
) -> str:
    """`check` of a plan that passes, as `render` writes it (`form` names the rendering),
    remembered (see `_remembered`); raises PlanError as `check` does."""
    options = (as_of, strict, form)
    return _remembered(root, "check", options, lambda: render(check(root, as_of, strict=strict)))


def _audience_view(plan: Plan, audience: str | None) -> tuple[Plan, str]:
    """The plan as `audience` (default: the most private) may see it, and that level."""
    from .audiences import audience_of, view

    level = audience_of(plan, audience)
    return view(plan, level), level


def explain(root: Path, entry_id: str) -> tuple[list[Link], list[str]]:
    """`chairplan explain`: the chain behind an entry's date, down to a date the plan writes,
    and the entries counted from it."""
    from .checks.pipeline import passing
    from .plan.chains import chain, dependents

    loaded = passing(root, scope="plan", recogniser=False).loaded
    return chain(loaded, entry_id), dependents(loaded, entry_id)


def diff(
    root: Path,
    old: str | None = None,
    new: str | None = None,
    *,
    since: str | None = None,
    now: dt.datetime | None = None,
    body: str | None = None,
    audience: str | None = None,
) -> Comparison:
    """`chairplan diff`: what changed, by meaning, from revision `old` (default HEAD; with
    `since`, the last commit before that time) to `new` (default the working tree)."""
    from .audiences import audience_of, view
    from .change_log import load_side, told
    from .changes import comparison
    from .plan.history import Repository, parse_since

    repo = Repository(root)
    if since is not None and old is not None and new is None:
        old, new = None, old  # `diff --since 7d main`: last week's plan against main
    if since is not None:
        if old is not None:
            raise ChairplanError(
                "give --since or a revision to compare with, not both; with --since, the one "
                "revision named is the one compared (default: the working tree)"
            )
        moment = parse_since(since, now or dt.datetime.now(dt.UTC))
        start = repo.commit_before(moment, new or "HEAD")
    else:
        start = repo.commit(old or "HEAD")
    sides = [load_side(repo, start), load_side(repo, repo.commit(new) if new else None)]
    later, level = _audience_view(sides[1].loaded.plan, audience)
    earlier = view(sides[0].loaded.plan, audience_of(sides[0].loaded.plan, level))
    found = comparison(earlier, later, (sides[0].version, sides[1].version), told(later))
    if body is not None:
        known = set(found.bodies)
        if body not in known:
            raise UnknownName("body", body, known)
        found = found.narrowed(body)
    return found


def changes(
    root: Path, stamp: dt.datetime, since: str = "7d", audience: str | None = None
) -> ChangeLog:
    """What `build` publishes of the plan's history: the changes from the last commit before
    `since` (counted back from the start of the build's day) to the working tree, and each of
    the last commits that changed the plan against the one before, as `audience` (default: the
    most private level) may see them. Git's troubles become the log's note."""
    from .change_log import change_log

    return change_log(root, stamp, since, audience)


def mark(root: Path, entry_id: str, status: str) -> str:
    """`chairplan mark`: set a deliverable's or event's status in its file; says what it did."""
    from .edit import commands

    return commands.mark_status(root, entry_id, status)


def set_field(root: Path, entry_id: str, field: str, value: str) -> str:
    """`chairplan set`: one field of a deliverable or event changed in its file; says what it did."""
    from .edit import set_field

    return set_field.set_field(root, entry_id, field, value)


def add_deliverable(root: Path, priority: str, **options: Any) -> str:
    """`chairplan add deliverable`: append a deliverable built from the options to a priority."""
    from .edit import commands

    return commands.add_deliverable(root, priority, commands.deliverable_fields(**options))


def add_event(root: Path, file: str | None = None, **options: Any) -> str:
    """`chairplan add event`: append an event built from the command's options."""
    from .edit import commands

    fields: dict[str, Any] = commands.event_fields(**options)
    return commands.add_event(root, fields, file)


def build(
    root: Path,
    out: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = "chairplan",
    base_url: str | None = None,
    changes_since: str = "7d",
    audience: str | None = None,
) -> BuildResult:
    """`chairplan build`: check the plan, then publish every artefact into `out`, all or none,
    as `audience` (default: the most private level) may see them."""
    return build_all(root, out, stamp, lang, domain, base_url, changes_since, [audience])[0][1]


def build_all(
    root: Path,
    out: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = "chairplan",
    base_url: str | None = None,
    changes_since: str = "7d",
    audiences: list[str | None] | None = None,
) -> list[tuple[Path, BuildResult]]:
    """`chairplan build --audience all`: the plan checked once, then each audience's build (by
    default every level, each into a folder of `out` named for it; one audience named, into
    `out` itself). Every folder is checked before any is written."""
    from .export import memo
    from .export.stamp import head

    options = (out.absolute(), stamp, lang, domain, base_url, changes_since, audiences)
    store, key = _key(root, "build", *options, head(root))
    if (done := memo.built_before(store, key, root)) is not None:
        return done
    from .audiences import audience_of, view, visible_findings
    from .export import publish, site

    site.check_base_url(base_url)
    # Only the models and the planning findings are published: the files' text and marks and
    # the articles go before rendering, which then reuses their memory (at 50,000 events the
    # build's peak was 130 MB higher while the check's result was held).
    whole, planning = _published(check(root, stamp.date()))
    settings = whole.settings
    if audiences is None:
        wanted = [(out / level, level) for level in settings.audiences]
    else:
        wanted = [(out, audience_of(whole, a)) for a in audiences]
    for folder, level in wanted:
        publish.check_out_folder(folder, level, settings)
    done = []
    for folder, level in wanted:
        plan = view(whole, level)
        findings = tuple(visible_findings(planning, whole, level))
        log = changes(root, stamp, changes_since, level)
        result = publish.publish(plan, root, folder, stamp, lang, domain, base_url, findings, log)
        done.append((folder, result))
    memo.remember(store, {key, _key(root, "build", *options, head(root))[1]}, root, done)
    return done


def _published(checked: Checked) -> tuple[Plan, list[Problem]]:
    """What publishing reads of a check: the plan's models and the planning findings."""
    return checked.plan, checked.in_scope("planning")


def site_files(
    root: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    base_url: str | None = None,
    audience: str | None = None,
) -> dict[str, Chunks]:
    """Every artefact `build` would write (the revisions file is only read): for the preview."""
    from .audiences import visible_findings
    from .export import publish, site

    site.check_base_url(base_url)
    whole, planning = _published(check(root, stamp.date()))
    plan, level = _audience_view(whole, audience)
    findings = tuple(visible_findings(planning, whole, level))
    log = changes(root, stamp, audience=level)
    files, _ = publish.render_site(
        plan, root, stamp, lang, base_url=base_url, findings=findings, changes=log
    )
    return files


def feed(
    root: Path,
    keep: EventFilter,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = "chairplan",
    audience: str | None = None,
) -> bytes:
    """`chairplan ics`: one feed of the events the filter keeps, as `audience` may see them
    (remembered: see `_remembered`)."""

    def made() -> bytes:
        from .export import publish

        plan, _ = _audience_view(check(root, stamp.date()).plan, audience)
        return publish.render_feed(plan, root, keep, stamp, lang, domain)

    return _remembered(root, "feed", (keep, stamp, lang, domain, audience), made)


def preview(
    root: Path,
    port: int,
    stamp: Callable[[], dt.datetime],
    lang: Language = "en",
    base_url: str | None = None,
    *,
    interval: float = 1.0,
    report: Callable[[str], None] = lambda _message: None,
    audience: str | None = None,
) -> Preview:
    """`chairplan serve`: build into a temporary folder, serve it, rebuild when the plan changes."""
    from .disk import cache
    from .export import site
    from .plan import read
    from .serve import start_preview
    from .sources import articles

    site.check_base_url(base_url)

    store = cache.for_root(root)

    def keep(on: bool) -> None:  # the plan and its articles are read again after every save
        read.keep_loaded(on)
        articles.keep_read(on)
        store.remember(on)
        cache.freeze_loaded(False)

    def render() -> dict[str, Chunks]:
        store.next_round()  # the last rebuild, its pages written too, is over
        return site_files(root, stamp(), lang, base_url, audience)

    keep(True)
    return start_preview(
        root,
        port,
        render,
        interval=interval,
        report=report,
        on_stop=lambda: keep(False),
    )


def scan(root: Path, files: list[Path] | None = None) -> list[Article]:
    """`chairplan sources scan`: the named text files, or every article of the plan."""
    from .sources.articles import Library, read_text_file

    if files:
        return [read_text_file(p) for p in files]
    return Library(root).all()


def _sound(root: Path) -> Checked:
    """The plan, if its structure is right (its citations may still be wrong)."""
    from .checks.pipeline import passing

    return passing(root, scope="plan", recogniser=False)


def uncovered(root: Path) -> list[tuple[Article, Mention]]:
    """`chairplan sources uncovered`: the date mentions no quote of the plan covers."""
    from .sources.coverage import uncovered_mentions

    checked = _sound(root)
    return uncovered_mentions(checked.loaded, checked.library)


def suggest(root: Path, article: str, body: str | None = None) -> str:
    """`chairplan sources suggest`: YAML drafts of events for the article's uncovered mentions
    (or why there are none), to paste into a schedule."""
    from .edit import drafts
    from .sources.coverage import draft_events, no_drafts_message

    checked = _sound(root)
    found = draft_events(checked.loaded, checked.library, article)
    return drafts.drafts_yaml(found, body) if found else no_drafts_message(article) + "\n"


def write_drafts(root: Path, article: str, path: Path, body: str) -> str:
    """`chairplan sources suggest --write`: append the drafts to a schedule; says what it did."""
    from .edit import drafts

    return drafts.append_drafts(root, article, path, body)
