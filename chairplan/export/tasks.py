"""Plan -> VTODOs: one per priority (with progress) and per deliverable, linked by RELATED-TO."""

from __future__ import annotations

from ..model import Deliverable, Priority
from . import lines
from .ics import Context, day_text, sections, sources_section
from .labels import count

__all__ = ["TODO_STATUS", "deliverable_todo", "priority_status", "priority_todo"]

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


def priority_todo(priority: Priority, ctx: Context) -> lines.Lines:
    """The VTODO of a priority, without its revision; PERCENT-COMPLETE counts done deliverables."""
    done, total = priority.progress()
    progress = (
        f"Progress: {done} of {count(total, 'deliverable', 'en')} done"
        if total
        else "No deliverables yet."
    )
    description = sections(priority.description, progress, sources_section(priority.sources))
    return {
        "UID": lines.text("UID", ctx.uid(priority.id)),
        "SUMMARY": lines.text("SUMMARY", priority.title.in_lang(ctx.lang)),
        "STATUS": lines.text("STATUS", priority_status(done, total, priority.deliverables)),
        "PERCENT-COMPLETE": lines.raw("PERCENT-COMPLETE", str(done * 100 // total if total else 0)),
        "CATEGORIES": lines.texts("CATEGORIES", [ctx.body_name(priority.body), "priority"]),
        "DESCRIPTION": lines.text("DESCRIPTION", description),  # never empty: it has progress
    }


def _due_text(deliverable: Deliverable) -> str | None:
    due = deliverable.deadline
    if due is None:
        return None
    if due.is_firm:
        return f"Due: {due.label()}"
    last = day_text(due.end)
    return f"Due: {due.label()} (date to be confirmed; shown as due on its last day, {last})"


def deliverable_todo(deliverable: Deliverable, priority: Priority, ctx: Context) -> lines.Lines:
    """The VTODO of a deliverable, without its revision; DUE is the last day of its due window."""
    title = deliverable.title.in_lang(ctx.lang)
    parent = lines.fold(f"RELATED-TO;RELTYPE=PARENT:{lines.escape(ctx.uid(priority.id))}")
    result = {
        "UID": lines.text("UID", ctx.uid(deliverable.id)),
        "SUMMARY": lines.text(
            "SUMMARY", f"{title} (blocked)" if deliverable.status == "blocked" else title
        ),
        "STATUS": lines.text("STATUS", TODO_STATUS[deliverable.status]),
        "RELATED-TO": ctx.related(deliverable.id, parent) or parent,
        "CATEGORIES": lines.texts("CATEGORIES", [ctx.body_name(priority.body), "deliverable"]),
    }
    if deliverable.status == "done":
        result["PERCENT-COMPLETE"] = lines.raw("PERCENT-COMPLETE", "100")
    if (due := deliverable.deadline) is not None:
        result["DUE"] = lines.date("DUE", due.end)
        result["X-CHAIRPLAN-PRECISION"] = lines.text(
            "X-CHAIRPLAN-PRECISION", due.precision.name.lower()
        )
    owner = f"Owner: {deliverable.owner}" if deliverable.owner else None
    events = "Events: " + ", ".join(deliverable.events) if deliverable.events else None
    lines_ = (_due_text(deliverable), ctx.derivation(deliverable.id), owner, events)
    details = "\n".join(line for line in lines_ if line)
    description = sections(deliverable.notes, details, sources_section(deliverable.sources))
    if description:  # an empty DESCRIPTION says nothing
        result["DESCRIPTION"] = lines.text("DESCRIPTION", description)
    return result
