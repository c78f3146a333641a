"""The `chairplan` command line: find the plan, call the library, render, set the exit code."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
import signal
import sys
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

from .choices import EventStatus
from .errors import ChairplanError, PlanError, Problem, Waived, count_line

__all__ = ["app", "main"]

if TYPE_CHECKING:
    from .checks.pipeline import Checked
    from .render.mentions import Found
    from .status import StatusReport

app = typer.Typer(
    help="Plan a chairmanship year as code: check the YAML plan against its source articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PIPED_WIDTH = (
    120  # columns of `status` text when piped, so its output does not depend on a terminal
)
P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@dataclass
class Settings:
    root: Path | None
    debug: bool
    cache: bool = True


def find_root(explicit: Path | None, start: Path) -> Path:
    """--root (or $CHAIRPLAN_ROOT), else the nearest folder at or above `start` with schedules/."""
    if explicit is not None:
        return explicit
    for folder in (start, *start.parents):
        if (folder / "schedules").is_dir():
            return folder
    raise ChairplanError(
        f"no plan found: neither {start} nor a folder above it has a schedules/ folder; "
        "pass --root DIR or set CHAIRPLAN_ROOT"
    )


# Set by the top-level callback for the command that runs next (one command per process or test).
_settings = Settings(None, False)


def plan_root() -> Path:
    return find_root(_settings.root, Path.cwd())


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """The one error boundary: known errors become messages and exit code 1, never a traceback.

    An internal error (a bug of ours) becomes one line asking for a report, or with --debug the
    traceback.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from . import api  # every command calls it; `chairplan --help` need not load it

        api.use_cache(_settings.cache)
        try:
            return command(*args, **kwargs)
        except ChairplanError as exc:
            typer.echo(exc.render(), err=True)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if _settings.debug:
                raise
            typer.echo(
                f"chairplan: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback, and please report it)",
                err=True,
            )
            raise typer.Exit(1) from None

    return wrapper


def _print_version(given: bool) -> None:
    if given:
        from importlib.metadata import version

        typer.echo(f"chairplan {version('chairplan')}")
        raise typer.Exit()


@app.callback()
def main_options(
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            envvar="CHAIRPLAN_ROOT",
            file_okay=False,
            help="The plan folder (holding schedules/ and seeds/). Default: $CHAIRPLAN_ROOT, "
            "else the nearest folder above the current one that has schedules/.",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither use nor update the plan's cache (.chairplan-cache/); "
            "CHAIRPLAN_NO_CACHE=1 does the same.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and stop."
        ),
    ] = False,
) -> None:
    global _settings
    _settings = Settings(root, debug, not no_cache)


def _problems_json(
    ok: bool, problems: list[Problem], as_of: dt.date, waived: Sequence[Waived] = ()
) -> str:
    from . import api

    body = {
        "ok": ok,
        "as_of": as_of.isoformat(),
        "holidays": api.holidays_version(),  # the holiday data the rules judged by
        "problems": [p.as_dict() for p in problems],
        "waived": [w.as_dict() for w in waived],
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


@app.command()
@handle_errors
def check(
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="text or json.")
    ] = OutputFormat.text,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar="CHAIRPLAN_AS_OF",
            help="The day the rules that depend on it judge by, YYYY-MM-DD. "
            "Default: $CHAIRPLAN_AS_OF, else today.",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (for CI).")
    ] = False,
) -> None:
    """Validate the plan, verify every quote against its article, and run the planning rules.

    Errors exit 1; warnings are printed and exit 0 (1 with --strict).

    \b
    Example:
      chairplan check --as-of 2026-12-01 --format json
    """
    from . import api

    today = (
        _day("--as-of", as_of) or dt.date.today()
    )  # the clock is read here, never in the library
    render = functools.partial(_check_json, today) if fmt is OutputFormat.json else _check_text
    try:
        said = api.check_output(plan_root(), today, strict, fmt.value, render)
    except PlanError as exc:
        if fmt is OutputFormat.json:
            out = _problems_json(False, exc.problems, today)
        else:
            out = exc.render() + "\n" + count_line(exc.problems)
        typer.echo(out)
        raise typer.Exit(1) from None
    typer.echo(said, nl=False)


def _check_json(today: dt.date, checked: Checked) -> str:
    return _problems_json(True, list(checked.problems), today, checked.waived) + "\n"


def _check_text(checked: Checked) -> str:
    """Each problem on its line, then what was checked."""
    from .export.labels import count

    problems = list(checked.problems)
    loaded, plan = checked.loaded, checked.plan
    waived = len(checked.waived)
    counts = [
        (len(loaded.files), "file"),
        (len(plan.events), "event"),
        (len(plan.priorities), "priority"),
        (len(plan.deliverables), "deliverable"),
        (sum(1 for _ in loaded.sources()), "quote"),
    ]
    summary = (
        f"ok: {', '.join(count(n, noun, 'en') for n, noun in counts)} checked"
        + (f"; {count_line(problems).removesuffix('.')}" if problems else "")
        + (f"; {waived} waived (see chairplan status)" if waived else "")
        + "."
    )
    return "".join(f"{problem}\n" for problem in problems) + summary + "\n"


def _day(option: str, value: str | None, *, plan_years: bool = True) -> dt.date | None:
    """A YYYY-MM-DD option as a date (None when not given); a day a report is judged by keeps to
    the years a plan may hold, a bound of a filter (`plan_years=False`) may be any day."""
    from .dates import Precision, Window, in_plan_years, parse_day

    if value is None:
        return None
    try:
        day = parse_day(value)
        if not plan_years:
            return day
        return in_plan_years(Window(day, day, Precision.DAY), value).start
    except ValueError as exc:
        raise ChairplanError(f"{option} '{value}': {exc}") from None


# --- status and editing -------------------------------------------------------------------------


class Lang(StrEnum):
    en = "en"
    vi = "vi"


LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of titles; the other one fills gaps.")
]
AudienceOption = Annotated[
    str | None,
    typer.Option(
        "--audience",
        help="Who the output is for: a level of settings: audiences: (public, partners, "
        "internal by default). Default: the most private, which shows everything.",
    ),
]


class StatusFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@handle_errors
def status(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            envvar="CHAIRPLAN_AS_OF",
            help="The day of the report, YYYY-MM-DD. Default: $CHAIRPLAN_AS_OF, else today.",
        ),
    ] = None,
    body: Annotated[
        str | None, typer.Option("--body", help="Only this body's entries, e.g. cptpp.")
    ] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="text, markdown or json.")
    ] = StatusFormat.text,
    audience: AudienceOption = None,
) -> None:
    """Show progress per priority, what is late, due soon, upcoming, unconfirmed or unsourced.

    \b
    Example:
      chairplan status --as-of 2026-03-12 --body cptpp
    """
    from . import api

    today = (
        _day("--as-of", as_of) or dt.date.today()
    )  # the clock is read here, never in the library
    root = plan_root()
    if fmt is StatusFormat.text and sys.stdout.isatty():
        from rich.console import Console

        from .render import status_text

        status_text.print_status(api.status(root, today, body, audience), Console())
        return
    said = api.status_output(root, today, body, audience, fmt.value, _STATUS_FORMS[fmt])
    typer.echo(said, nl=False)


def _status_json(report: StatusReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _status_markdown(report: StatusReport) -> str:
    from .export.checklist import status_markdown

    return status_markdown(report)


def _status_plain(report: StatusReport) -> str:
    from .render import status_text

    return status_text.status_plain(report, PIPED_WIDTH)


_STATUS_FORMS: dict[StatusFormat, Callable[[StatusReport], str]] = {
    StatusFormat.json: _status_json,
    StatusFormat.markdown: _status_markdown,
    StatusFormat.text: _status_plain,
}


@app.command()
@handle_errors
def explain(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An event or deliverable id.")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="text or json.")
    ] = OutputFormat.text,
) -> None:
    """Show how an entry's date is derived: each step, the holidays skipped, and what moves with it.

    \b
    Example:
      chairplan explain cptpp-som1-2026
    """
    from . import api

    links, moved = api.explain(plan_root(), entry_id)
    if fmt is OutputFormat.json:
        found = {"chain": [link.as_dict() for link in links], "counted_from_it": moved}
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        from .render.explain_text import explain_text

        typer.echo(explain_text(links, moved), nl=False)


@app.command()
@handle_errors
def diff(
    old: Annotated[
        str | None,
        typer.Argument(
            help="The revision to compare with (a sha, branch, tag, HEAD~1). Default: HEAD."
        ),
    ] = None,
    new: Annotated[
        str | None, typer.Argument(help="The revision to compare. Default: the working tree.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Compare with the last commit before this: 7d, 2w, 2026-11-24 (midnight UTC) "
            "or 2026-11-24T09:00+07:00.",
        ),
    ] = None,
    body: Annotated[str | None, typer.Option("--body", help="Only this body's changes.")] = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="text, markdown or json.")
    ] = StatusFormat.text,
    lang: LangOption = Lang.en,
    audience: AudienceOption = None,
) -> None:
    """Show what changed in the plan between two revisions in git, by meaning and by id.

    \b
    Example:
      chairplan diff --since 7d --format markdown
    """
    from . import api

    now = dt.datetime.now(dt.UTC)
    found = api.diff(plan_root(), old, new, since=since, now=now, body=body, audience=audience)
    if fmt is StatusFormat.json:
        typer.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
    else:
        from .export.changelog import changes_markdown, changes_text

        render = changes_markdown if fmt is StatusFormat.markdown else changes_text
        typer.echo(render(found, lang.value), nl=False)


@app.command()
@handle_errors
def mark(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="A deliverable's or event's id.")],
    status: Annotated[
        str,
        typer.Argument(
            help="Deliverables: todo, in-progress, done, blocked, dropped. "
            "Events: planned, tentative, confirmed, held, postponed, cancelled."
        ),
    ],
) -> None:
    """Set a deliverable's or event's status, changing only that value in its YAML file.

    \b
    Example:
      chairplan mark cptpp-accession-review-som1 done
    """
    from . import api

    typer.echo(api.mark(plan_root(), entry_id, status))


@app.command("set")
@handle_errors
def set_command(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="A deliverable's or event's id.")],
    field: Annotated[
        str,
        typer.Argument(
            metavar="FIELD",
            help="title, title.vi, when (events), due (deliverables), status, city, country, "
            "venue, format, level, track, url, owner (deliverables) or notes.",
        ),
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The new value, as the YAML writes it.")
    ],
) -> None:
    """Set one field of a deliverable or event, changing only that value in its YAML file.

    \b
    Example:
      chairplan set cptpp-som1-2026 venue "National Convention Center"
    """
    from . import api

    typer.echo(api.set_field(plan_root(), entry_id, field, value))


add_app = typer.Typer(help="Add entries to the plan's YAML files.", no_args_is_help=True)
app.add_typer(add_app, name="add")
Opt = typer.Option
TitleViOption = Annotated[str | None, Opt("--title-vi", help="Title in Vietnamese.")]
NotesOption = Annotated[str | None, Opt("--notes", help="Free text.")]
SourceArticleOption = Annotated[str | None, Opt("--source-article", help="Article file in seeds/.")]
SourceQuoteOption = Annotated[str | None, Opt("--source-quote", help="The article's exact words.")]
AudienceEntryOption = Annotated[
    str | None, Opt("--audience", help="Who may see it: a level of settings: audiences:.")
]
RedactOption = Annotated[
    str | None, Opt("--redact", help="What it is to lower audiences: omit, busy or coarsen.")
]
SupportsOption = Annotated[
    str | None,
    Opt(
        "--supports",
        help="What the quoted words support, comma-separated (default: the title and the date; "
        "'none' for nothing).",
    ),
]


@add_app.command("event")
@handle_errors
def add_event_command(
    id: Annotated[str, Opt("--id", help="New unique id, e.g. cptpp-som2-2026.")],
    title: Annotated[str, Opt("--title", help="Title in English.")],
    body: Annotated[str, Opt("--body", help="The body's id, e.g. cptpp.")],
    when: Annotated[
        str | None,
        Opt(
            "--when",
            help="2026-05-14, 2026-05-12..2026-05-15, 2026-05, 2026-Q2, 2026-H2 or 2026; or counted from another entry: cptpp-mrt-2026.start - 6w for 2d.",
        ),
    ] = None,
    start: Annotated[
        str | None, Opt("--start", help="A timed event's start, e.g. 2026-05-14T09:00.")
    ] = None,
    end: Annotated[str | None, Opt("--end", help="Its end, e.g. 2026-05-14T17:30.")] = None,
    tz: Annotated[
        str | None, Opt("--tz", help="Its IANA zone, e.g. Asia/Ho_Chi_Minh (default: the place's).")
    ] = None,
    title_vi: TitleViOption = None,
    city: Annotated[str | None, Opt("--city")] = None,
    country: Annotated[str | None, Opt("--country", help="ISO 3166 code, e.g. VN.")] = None,
    venue: Annotated[str | None, Opt("--venue")] = None,
    format: Annotated[str | None, Opt("--format", help="in-person, hybrid or virtual.")] = None,
    status: Annotated[
        str | None, Opt("--status", help="planned (default), tentative, confirmed, ...")
    ] = None,
    level: Annotated[
        str | None, Opt("--level", help="leaders, ministers, senior-officials, ...")
    ] = None,
    track: Annotated[
        str | None, Opt("--track", help="A sub-feed within the body, e.g. som.")
    ] = None,
    url: Annotated[str | None, Opt("--url", help="An http:// or https:// address.")] = None,
    notes: NotesOption = None,
    participant: Annotated[
        list[str] | None, Opt("--participant", help="A participant; repeat for each.")
    ] = None,
    priority: Annotated[
        list[str] | None, Opt("--priority", help="A priority's id; repeat for each.")
    ] = None,
    resource: Annotated[
        list[str] | None, Opt("--resource", help="A resource's id; repeat for each.")
    ] = None,
    constraint: Annotated[
        list[str] | None,
        Opt("--constraint", help="E.g. 'at least 2w before cptpp-mrt-2026'; repeat for each."),
    ] = None,
    audience: AudienceEntryOption = None,
    redact: RedactOption = None,
    supports: SupportsOption = None,
    source_article: SourceArticleOption = None,
    source_quote: SourceQuoteOption = None,
    file: Annotated[
        str | None,
        Opt("--file", help="Schedule to append to. Default: the one with the body's events."),
    ] = None,
) -> None:
    """Append a new event to the plan, after checking the result passes `chairplan check`.

    \b
    Example:
      chairplan add event --id cptpp-som2-2026 --title "CPTPP SOM2" --when 2026-Q3 --body cptpp
    """
    from . import api

    message = api.add_event(
        plan_root(),
        file,
        id=id,
        title=title,
        when=when,
        start=start,
        end=end,
        tz=tz,
        body=body,
        title_vi=title_vi,
        city=city,
        country=country,
        venue=venue,
        format=format,
        status=status,
        level=level,
        track=track,
        url=url,
        notes=notes,
        participants=participant,
        priorities=priority,
        resources=resource,
        constraints=constraint,
        audience=audience,
        redact=redact,
        source_article=source_article,
        source_quote=source_quote,
        supports=_supports(supports),
    )
    typer.echo(message)


@add_app.command("deliverable")
@handle_errors
def add_deliverable_command(
    priority: Annotated[str, Opt("--priority", help="The priority's id, e.g. cptpp-accession.")],
    id: Annotated[str, Opt("--id", help="New unique id, e.g. cptpp-briefing-som2.")],
    title: Annotated[str, Opt("--title", help="Title in English.")],
    title_vi: TitleViOption = None,
    due: Annotated[
        str | None, Opt("--due", help="2026-05-14, 2026-Q2, …, or cptpp-som2-2026.start - 10wd.")
    ] = None,
    status: Annotated[
        str | None, Opt("--status", help="todo (default), in-progress, done, blocked, dropped.")
    ] = None,
    owner: Annotated[str | None, Opt("--owner", help="Who delivers it.")] = None,
    event: Annotated[
        list[str] | None, Opt("--event", help="An event it is delivered at; repeat for each.")
    ] = None,
    notes: NotesOption = None,
    audience: AudienceEntryOption = None,
    redact: RedactOption = None,
    source_article: SourceArticleOption = None,
    source_quote: SourceQuoteOption = None,
    supports: SupportsOption = None,
) -> None:
    """Append a deliverable to a priority, after checking the result passes `chairplan check`.

    \b
    Example:
      chairplan add deliverable --priority cptpp-accession --id cptpp-briefing-som2 --title "Briefing book" --due 2026-05-01
    """
    from . import api

    message = api.add_deliverable(
        plan_root(),
        priority,
        id=id,
        title=title,
        title_vi=title_vi,
        due=due,
        status=status,
        owner=owner,
        events=event,
        notes=notes,
        audience=audience,
        redact=redact,
        source_article=source_article,
        source_quote=source_quote,
        supports=_supports(supports),
    )
    typer.echo(message)


def _supports(value: str | None) -> list[str] | None:
    """--supports: None for the default, [] for none, else the fields named."""
    if value is None:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    return [] if names == ["none"] else names


# typer needs an Enum for a choice; built from the model's Literal so the two never drift.
EventStatusChoice = Enum(  # type: ignore[misc]
    "EventStatusChoice", {s: s for s in typing.get_args(EventStatus)}, type=str
)
DomainOption = Annotated[
    str,
    typer.Option(
        "--uid-domain",
        help="Domain of every UID (DIGEST@DOMAIN). Never change it once feeds are published.",
    ),
]


BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="The http(s) address --out is published at, for the page's subscribe links. "
        "Default: links relative to the page.",
    ),
]


@app.command()
@handle_errors
def build(
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Folder to publish.")] = Path(
        "site"
    ),
    lang: LangOption = Lang.en,
    domain: DomainOption = "chairplan",
    base_url: BaseUrlOption = None,
    changes_since: Annotated[
        str,
        typer.Option(
            "--changes-since",
            help='What changes.md and the page\'s "What changed" list: since the last commit '
            "before this, counted back from the build's day (7d, 2w) or a day (2026-11-24).",
        ),
    ] = "7d",
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            help="Who the build is for: a level of settings: audiences: (default: the most "
            "private, which shows everything), or 'all': each level into --out/LEVEL/.",
        ),
    ] = None,
) -> None:
    """Write every published artefact (feeds, feeds.json, checklist.md, changes.md, changes.atom,
    index.html) into --out.

    Also updates chairplan.lock.

    \b
    Example:
      SOURCE_DATE_EPOCH=1773100800 chairplan build --out site --lang vi --base-url https://plan.example.org/
    """
    from . import api

    root = plan_root()
    stamp = api.source_date(root, os.environ)
    wanted = None if audience == "all" else [audience]
    builds = api.build_all(root, out, stamp, lang.value, domain, base_url, changes_since, wanted)
    for folder, result in builds:
        for name in result.written:
            typer.echo(f"wrote {folder / name}")
        for name in result.removed:
            typer.echo(f"removed {folder / name} (the plan no longer makes it)")
        lock = "updated" if result.revisions_updated else "unchanged"
        typer.echo(
            f"{len(result.written)} written, {len(result.unchanged)} unchanged for "
            f"{result.audience}; "
            f"chairplan.lock {lock}."
        )


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@app.command()
@handle_errors
def serve(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one.")
    ] = 8000,
    lang: LangOption = Lang.en,
    base_url: BaseUrlOption = None,
    audience: AudienceOption = None,
) -> None:
    """Preview the published folder on 127.0.0.1, rebuilt whenever a schedule changes; Ctrl-C stops.

    \b
    Example:
      chairplan serve --port 8000 --lang vi
    """
    import time

    from . import api

    root = plan_root()
    stamp = functools.partial(api.source_date, root, os.environ)
    preview = api.preview(
        root, port, stamp, lang.value, base_url, report=typer.echo, audience=audience
    )
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:  # entered before the address is printed, so a Ctrl-C right after it stops cleanly
        typer.echo(f"serving {preview.url} (Ctrl-C to stop)")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        typer.echo("stopped")
    finally:
        preview.shutdown()


@app.command()
@handle_errors
def ics(
    body: Annotated[str | None, typer.Option("--body", help="Only this body's events.")] = None,
    track: Annotated[str | None, typer.Option("--track", help="Only this track's events.")] = None,
    status: Annotated[
        EventStatusChoice | None, typer.Option("--status", help="Only events with this status.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Events that end on or after YYYY-MM-DD.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Events that start on or before YYYY-MM-DD.")
    ] = None,
    lang: LangOption = Lang.en,
    audience: AudienceOption = None,
    domain: DomainOption = "chairplan",
) -> None:
    """Print one calendar feed of the plan's events to stdout, filtered.

    \b
    Example:
      chairplan ics --body cptpp --from 2026-01-01 --lang vi > cptpp.ics
    """
    from . import api
    from .export.filters import EventFilter

    keep = EventFilter(
        body,
        track,
        status.value if status else None,
        _day("--from", start, plan_years=False),
        _day("--to", end, plan_years=False),
    )
    root = plan_root()
    typer.echo(
        api.feed(root, keep, api.source_date(root, os.environ), lang.value, domain, audience),
        nl=False,
    )


# --- chairplan sources: date mentions in the articles, coverage, drafts -----------------------

sources_app = typer.Typer(
    help="Date mentions in the source articles: scan them, list those the plan does not cite, "
    "draft events for them.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


class ScanFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def _echo_mentions(found: list[Found], fmt: ScanFormat) -> None:
    from .render.mentions import mentions_jsonl, mentions_text

    if found:
        out = mentions_jsonl(found) if fmt is ScanFormat.jsonl else mentions_text(found) + "\n"
        typer.echo(out, nl=False)


@sources_app.command("scan")
@handle_errors
def sources_scan(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="UTF-8 text files to scan. Default: every article in seeds/."),
    ] = None,
    fmt: Annotated[ScanFormat, typer.Option("--format", help="text or jsonl.")] = ScanFormat.text,
) -> None:
    """Print every date mention: file:line:col, value, kind and the words.

    \b
    Example:
      chairplan sources scan seeds/000_d3d8dee123cff496.txt --format jsonl
    """
    from . import api
    from .render.mentions import scan_notes, scanned

    articles = api.scan(plan_root(), files)
    _echo_mentions(list(scanned(articles)), fmt)
    for note in scan_notes(articles):
        typer.echo(note, err=True)


@sources_app.command("uncovered")
@handle_errors
def sources_uncovered(
    fmt: Annotated[ScanFormat, typer.Option("--format", help="text or jsonl.")] = ScanFormat.text,
) -> None:
    """List the date mentions in seeds/ that no quote of the plan covers (names excluded).

    \b
    Example:
      chairplan sources uncovered
    """
    from . import api

    _echo_mentions(api.uncovered(plan_root()), fmt)


@sources_app.command("suggest")
@handle_errors
def sources_suggest(
    article: Annotated[
        str, typer.Argument(help="An article in seeds/, e.g. 003_04aaf43a399e3c05.txt.")
    ],
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            help="Append the drafts to this schedule file (checked first; comments kept).",
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option("--body", help="The body id for the new events; required with --write."),
    ] = None,
) -> None:
    """Draft YAML events for the date mentions of ARTICLE that the plan does not cite yet.

    \b
    Example:
      chairplan sources suggest 003_04aaf43a399e3c05.txt --body viet-nam --write schedules/viet-nam-2026.yaml
    """
    from . import api

    name = article.removeprefix("seeds/")
    if write is not None:
        if body is None:
            raise ChairplanError(
                "--write needs --body ID, the body the new events belong to (e.g. --body cptpp)"
            )
        typer.echo(api.write_drafts(plan_root(), name, write, body))
        return
    typer.echo(api.suggest(plan_root(), name, body), nl=False)


# The cyclic collector's thresholds for a run: a plan's models are some hundred thousand
# long-lived objects, which the default thresholds (700, 10, 10) walk again and again while they
# are made (15-20 % of a cold `check` or `build` at 10,000 events, timed with and without).
# Cycles are still collected, every GC_THRESHOLD new objects, so a long `serve` does not grow.
GC_THRESHOLD = (200_000, 30, 30)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)
    app(prog_name="chairplan")


def run() -> NoReturn:
    """`chairplan` as a process of its own: main(), then the process ends without freeing one by
    one the objects a large plan leaves (at 10,000 events 0.1 s after a check, 0.4 s after a
    build): every file is written and closed by then, and the system takes the memory back whole.
    The exit code is main's; output that cannot be flushed (a closed pipe) ends it with 120, as
    Python's own exit does; a stream the process was started without is left alone."""
    from . import api

    api.read_once()  # the process ends without freeing what it read (serve turns this off)
    try:
        main()
        code = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:  # a message: Python prints it and exits with 1
            print(done.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started with the descriptor closed (`>&-`)
                stream.flush()
        except (OSError, ValueError):
            code = 120
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
