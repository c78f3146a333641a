"""settings: the plan's `settings:` and every `waive:` name real rules, bodies and entries, and
the plan has one `settings:`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import geo
from ..errors import Problem, unknown_message
from ..plan.load import LoadedFile, Path_
from .rule import Rule, Subject

__all__ = ["CODE", "make_rule"]

CODE = "settings"


def make_rule(planning: Sequence[str]) -> Rule:
    """The rule, given the codes of the planning rules (the only ones settings may change)."""

    def rule_problem(f: LoadedFile, path: Path_, code: str, key: bool) -> Problem | None:
        known = list(planning)
        if code in known:
            return None
        dotted = ".".join(map(str, path))
        message = unknown_message("planning rule", code, known).replace(" in the plan", "")
        return f.problem(path, CODE, f"{dotted}: {message}", key=key)

    def find(subject: Subject) -> Iterator[Problem]:
        loaded = subject.loaded
        bodies = {b.id for b in loaded.plan.bodies}
        first: LoadedFile | None = None
        for f in loaded.files:
            settings = f.model.settings
            if settings is None:
                continue
            if first is not None:
                mark = first.mark(("settings",), key=True)
                yield f.problem(
                    ("settings",),
                    CODE,
                    f"settings: is given already at {first.name}:{mark.line}:{mark.column}; "
                    "keep one settings: for the whole plan",
                    key=True,
                )
                continue
            first = f
            for code in settings.rules:
                found = rule_problem(f, ("settings", "rules", code), code, True)
                if found:
                    yield found
            for body, given in settings.bodies.items():
                if body not in bodies:
                    where = ("settings", "bodies", body)
                    message = unknown_message("body", body, bodies, "declare it under bodies:")
                    yield f.problem(where, CODE, f"settings.bodies: {message}", key=True)
                for code in given.rules:
                    found = rule_problem(f, ("settings", "bodies", body, "rules", code), code, True)
                    if found:
                        yield found
        ids = set(loaded.by_id)
        for f, path, entry in loaded.entries():
            for i, waiver in enumerate(getattr(entry, "waive", ())):
                found = rule_problem(f, (*path, "waive", i, "rule"), waiver.rule, False)
                if found:
                    yield found
                for j, other in enumerate(waiver.with_):
                    if other in ids or other in geo.countries() or other == "ramadan":
                        continue
                    at = (*path, "waive", i, "with", j)
                    message = unknown_message(
                        "entry", other, ids, "name an entry id, a country code or ramadan"
                    )
                    yield f.problem(
                        at, CODE, f"{'.'.join(map(str, at))}: {message}", entry=entry.id
                    )

    return Rule(
        CODE,
        "`settings:` and `waive:` name real rules, bodies and entries; the plan has one "
        "`settings:`.",
        find,
    )
