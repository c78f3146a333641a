"""The priority checklist as GitHub task lists: checklist.md and `status --format markdown`."""

from __future__ import annotations

import re

from ..status import DeliverableLine, StatusReport

__all__ = ["checklist_md", "checklist_sections", "deliverable_item", "md_escape", "status_markdown"]

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that could turn
# a title into a link, emphasis, code, HTML, an entity, a table cell or strike-through.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md_escape(text: str) -> str:
    """User text made literal in Markdown (one line: titles are single-line already)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def deliverable_item(d: DeliverableLine) -> str:
    box = "[x]" if d.status == "done" else "[ ]"
    title = f"~~{md_escape(d.title)}~~" if d.status == "dropped" else md_escape(d.title)
    due = f"due {d.due_text()}" if d.due else "no due date"
    facts = [d.status + (" (late)" if d.late else ""), due]
    facts += [f"at {md_escape(e)}" for e in d.events]
    return f"- {box} {title} — {' · '.join(facts)}"


def checklist_sections(report: StatusReport) -> list[str]:
    """One `##` section per body and one `###` per priority, with progress in the heading."""
    lines: list[str] = []
    for body in report.bodies:
        if not body.priorities:
            continue
        done = sum(p.done for p in body.priorities)
        total = sum(p.total for p in body.priorities)
        lines += [f"## {md_escape(body.short)} — {done}/{total} done", ""]
        for p in body.priorities:
            lines += [f"### {md_escape(p.title)} — {p.done}/{p.total} done", ""]
            items = [deliverable_item(d) for d in p.deliverables] or ["_No deliverables yet._"]
            lines += [*items, ""]
    return lines


def checklist_md(report: StatusReport) -> bytes:
    """checklist.md: the same bytes for the same report (the plan as of one day)."""
    lines = [f"# Checklist {report.heading}", "", *checklist_sections(report)]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def status_markdown(report: StatusReport) -> str:
    """`status --format markdown`: the checklist, then what comes next and what needs a person."""
    lines = [f"# Status {report.heading}", "", *checklist_sections(report)]
    lines += [f"## Upcoming events (next {report.horizons.upcoming} days)", ""]
    lines += [
        f"- {e.when.label()}{'' if e.when.is_firm else ' (date TBC)'}: {md_escape(e.title)} "
        f"— {e.body}, {e.status}"
        for e in report.upcoming
    ] or ["_None._"]
    lines += ["", "## Needs attention", ""]
    lines += [
        f"- **{a.kind}**{f' `{a.id}`' if a.id else ''}: {md_escape(a.message)}"
        for a in report.attention
    ] or ["_Nothing._"]
    if report.waived:
        lines += ["", "## Waived", ""]
        lines += [
            f"- **{w.code}** `{w.id}`: {md_escape(w.message)} — waived: {md_escape(w.reason)}"
            for w in report.waived
        ]
    return "\n".join(lines) + "\n"
