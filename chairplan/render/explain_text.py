"""`chairplan explain` as text: each link of a date's chain, its steps, the holidays passed over."""

from __future__ import annotations

from ..plan.chains import Link

__all__ = ["explain_text"]


def _day(day_name: tuple[object, str]) -> str:
    day, name = day_name
    return f"{day:%-d %B} {name}"


def _link_lines(link: Link) -> list[str]:
    where = f"{link.id} ({link.kind}, {link.file}:{link.line}:{link.column})"
    d = link.derivation
    if d is None:
        return [
            f"{where}",
            f"  {link.key}: {link.window}, as the plan writes it: {link.window.label()}",
        ]
    lines = [where, f"  {link.key}: {d.formula}"]
    width = max(len(s.text) for s in d.steps)
    for step in d.steps:
        passed = f"; {step.how} {', '.join(map(_day, step.skipped))}" if step.skipped else ""
        lines.append(f"    {step.text:<{width}}  {step.window.label()}{passed}")
    lines.append(f"  = {link.window.label()}: {link.words}")
    return lines


def explain_text(links: list[Link], moved: list[str]) -> str:
    """The chain from the entry asked about down to a written date, then what counts from it."""
    out: list[str] = []
    for link in links:
        out += [*_link_lines(link), ""]
    if moved:
        out.append(f"Counted from {links[0].id} (they move when it moves): {', '.join(moved)}")
    else:
        out.append(f"No date is counted from {links[0].id}.")
    return "\n".join(out) + "\n"
