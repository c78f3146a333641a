"""`chairplan status` for the terminal: rich tables, colour only on a terminal.

User text (titles, messages) only ever goes in as `rich.text.Text`, never as markup, so a title
like `[link=https://evil.example]x[/link]` prints literally.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..status import DeliverableLine, PriorityLine, StatusReport

__all__ = ["BAR_WIDTH", "print_status", "progress_bar", "status_plain", "status_renderables"]

BAR_WIDTH = 10
_BOXES = {"done": "[x]", "in-progress": "[~]", "blocked": "[!]", "dropped": "[-]"}
_STYLES = {"done": "green", "blocked": "bold red", "dropped": "dim", "in-progress": "cyan"}


def progress_bar(done: int, total: int) -> str:
    if total == 0:
        return "no deliverables"
    filled = round(BAR_WIDTH * done / total)
    return f"{'█' * filled}{'░' * (BAR_WIDTH - filled)} {done}/{total}"


def _table(*headers: str, wrap: tuple[int, ...] = (0,)) -> Table:
    """A plain table; only the columns numbered in `wrap` may wrap, the others keep one line."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, highlight=False)
    for i, header in enumerate(headers):
        table.add_column(Text(header), overflow="fold", no_wrap=i not in wrap)
    return table


def _priority_row(p: PriorityLine) -> list[Text]:
    return [Text(p.title, style="bold"), Text(progress_bar(p.done, p.total)), Text(""), Text("")]


def _deliverable_row(d: DeliverableLine) -> list[Text]:
    status = Text(d.status, style=_STYLES.get(d.status, ""))
    if d.late:
        status.append(" LATE", style="bold red")
    elif d.due_soon:
        status.append(" due soon", style="yellow")
    item = Text(f"  {_BOXES.get(d.status, '[ ]')} ").append(d.title)
    return [item, status, Text(d.due_text()), Text(", ".join(d.events) or "—")]


def status_renderables(report: StatusReport) -> list[Text | Table]:
    out: list[Text | Table] = [Text(f"Status {report.heading}", style="bold")]
    for body in report.bodies:
        if not body.priorities:
            continue
        table = _table(
            "Priority / deliverable", "Progress / status", "Due", "Delivered at", wrap=(0, 2, 3)
        )
        for p in body.priorities:
            table.add_row(*_priority_row(p))
            for d in p.deliverables:
                table.add_row(*_deliverable_row(d))
        out += [Text(""), Text(body.short, style="bold underline"), table]
    out += [Text(""), Text(f"Upcoming events (next {report.horizons.upcoming} days)", style="bold")]
    upcoming = _table("When", "Event", "Body", "Status", wrap=(1,))
    for e in report.upcoming:
        when = e.when.label() + ("" if e.when.is_firm else " (date TBC)")
        upcoming.add_row(Text(when), Text(e.title), Text(e.body), Text(e.status))
    out.append(upcoming if report.upcoming else Text("none"))
    out += [Text(""), Text("Needs attention", style="bold")]
    attention = _table("Kind", "Entry", "Why", wrap=(2,))
    for a in report.attention:
        style = "red" if a.kind in ("late", "blocked", "citation") else "yellow"
        attention.add_row(Text(a.kind, style=style), Text(a.id), Text(a.message))
    out.append(attention if report.attention else Text("nothing"))
    if report.waived:
        out += [Text(""), Text("Waived (findings the plan accepts, with why)", style="bold")]
        waived = _table("Rule", "Entry", "Finding", "Reason", wrap=(2, 3))
        for w in report.waived:
            waived.add_row(Text(w.code), Text(w.id), Text(w.message), Text(w.reason))
        out.append(waived)
    return out


def print_status(report: StatusReport, console: Console) -> None:
    for renderable in status_renderables(report):
        console.print(renderable)


def status_plain(report: StatusReport, width: int) -> str:
    """The same tables as plain text (no colour, no trailing spaces), for pipes, files and tests."""
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    print_status(report, console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
