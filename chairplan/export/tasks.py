"""Plan -> VTODOs: one per priority (with progress) and per deliverable, linked by RELATED-TO."""

from __future__ import annotations

from icalendar import Todo, vText

from ..model import Deliverable, Priority
from .ics import Context, add_text, day_text, sections, sources_section

TODO_STATUS = {
    "todo": "NEEDS-ACTION",
    "in-progress": "IN-PROCESS",
    "done": "COMPLETED",
    "blocked": "NEEDS-ACTION",  # and "(blocked)" in the title
    "dropped": "CANCELLED",
}


def priority_status(done: int, total: int, deliverables: list[Deliverable]) -> str:
    if total and done == total:
        return "COMPLETED"
    started = done or any(d.status == "in-progress" for d in deliverables)
    return "IN-PROCESS" if started else "NEEDS-ACTION"


def priority_todo(priority: Priority, ctx: Context) -> Todo:
    """The VTODO of a priority, without its revision; PERCENT-COMPLETE counts done deliverables."""
    done, total = priority.progress()
    todo = Todo()
    todo.add("uid", ctx.uid(priority.id))
    todo.add("summary", priority.title.in_lang(ctx.lang))
    todo.add("status", priority_status(done, total, priority.deliverables))
    todo.add("percent-complete", done * 100 // total if total else 0)
    todo.add("categories", [ctx.body_name(priority.body), "priority"])
    progress = f"Progress: {done} of {total} deliverables done" if total else "No deliverables yet."
    add_text(
        todo,
        "description",
        sections(priority.description, progress, sources_section(priority.sources)),
    )
    return todo


def _due_text(deliverable: Deliverable) -> str | None:
    due = deliverable.due
    if due is None:
        return None
    if due.is_firm:
        return f"Due: {due.label()}"
    last = day_text(due.end)
    return f"Due: {due.label()} (date to be confirmed; shown as due on its last day, {last})"


def deliverable_todo(deliverable: Deliverable, priority: Priority, ctx: Context) -> Todo:
    """The VTODO of a deliverable, without its revision; DUE is the last day of its due window."""
    todo = Todo()
    todo.add("uid", ctx.uid(deliverable.id))
    title = deliverable.title.in_lang(ctx.lang)
    todo.add("summary", f"{title} (blocked)" if deliverable.status == "blocked" else title)
    todo.add("status", TODO_STATUS[deliverable.status])
    if deliverable.status == "done":
        todo.add("percent-complete", 100)
    if deliverable.due is not None:
        todo.add("due", deliverable.due.end)
        todo.add("x-chairplan-precision", vText(deliverable.due.precision.name.lower()))
    todo.add("related-to", ctx.uid(priority.id), parameters={"RELTYPE": "PARENT"})
    todo.add("categories", [ctx.body_name(priority.body), "deliverable"])
    owner = f"Owner: {deliverable.owner}" if deliverable.owner else None
    events = "Events: " + ", ".join(deliverable.events) if deliverable.events else None
    details = "\n".join(line for line in (_due_text(deliverable), owner, events) if line)
    add_text(
        todo,
        "description",
        sections(deliverable.notes, details, sources_section(deliverable.sources)),
    )
    return todo
