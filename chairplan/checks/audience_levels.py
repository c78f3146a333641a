"""audience: every `audience:` names a level of `settings: audiences:`; no entry is more public
than what it belongs to; a deliverable is never `busy`."""

from __future__ import annotations

from collections.abc import Iterator

from ..audiences import levels
from ..errors import Problem, unknown_message
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "RULES", "UID_KEY", "find"]

CODE = "audience"
UID_KEY = "audience.uid-key"


def find(subject: Subject) -> Iterator[Problem]:
    loaded = subject.loaded
    settings = loaded.plan.settings
    known = settings.audiences
    default = settings.default_audience or settings.most_private

    def unknown(level: str) -> str | None:
        if level in known:
            return None
        return unknown_message("audience", level, known, f"known: {', '.join(known)}").replace(
            " in the plan", " in settings: audiences:"
        )

    for f in loaded.files:
        given = f.model.settings
        if given is None:
            continue
        if given.default_audience is not None and (why := unknown(given.default_audience)):
            yield f.problem(
                ("settings", "default-audience"), CODE, f"settings.default-audience: {why}"
            )
        for name, level in given.field_audiences.items():
            if why := unknown(level):
                where = ("settings", "field-audiences", name)
                yield f.problem(where, CODE, f"settings.field-audiences.{name}: {why}")
    bodies = {b.id: b.audience or default for b in loaded.plan.bodies}
    parents: dict[str, tuple[str, str]] = {}  # entry id -> (what it belongs to, its level)
    for p in loaded.plan.priorities:
        parents[p.id] = (f"body '{p.body}'", bodies.get(p.body, default))
        for d in p.deliverables:
            parents[d.id] = (f"priority '{p.id}'", p.audience or parents[p.id][1])
    for kind in (loaded.plan.events, loaded.plan.chairmanships):
        for e in kind:
            parents[e.id] = (f"body '{e.body}'", bodies.get(e.body, default))
    for x in loaded.plan.blackouts:  # a blackout tells of the bodies it applies to
        named = [b for b in x.bodies if b in bodies]
        if named:
            top = max(named, key=lambda b: settings.rank(bodies[b]))
            parents[x.id] = (f"body '{top}'", bodies[top])
    for f, path, entry in loaded.entries():
        dotted = ".".join(map(str, path))
        own = getattr(entry, "audience", None)
        if own is not None:
            if why := unknown(own):
                yield f.problem(
                    (*path, "audience"), CODE, f"{dotted}.audience: {why}", entry=entry.id
                )
            elif entry.id in parents:
                owner, above = parents[entry.id]
                if above in known and settings.rank(own) < settings.rank(above):
                    yield f.problem(
                        (*path, "audience"),
                        CODE,
                        f"{dotted}.audience: '{own}' is more public than its {owner} "
                        f"('{above}'); an entry is at least as private as what it belongs to: "
                        f"give it '{above}' or a more private level, or make the {owner.split()[0]} "
                        "more public",
                        entry=entry.id,
                    )
        if path[0] == "priorities" and getattr(entry, "redact", None) == "busy":
            yield f.problem(
                (*path, "redact"),
                CODE,
                f"{dotted}.redact: a deliverable is never a busy block; write omit or coarsen",
                entry=entry.id,
            )


def find_uid_key(subject: Subject) -> Iterator[Problem]:
    """A plan that shows some entries to a lower audience and hides others, without a secret
    for the UIDs: whoever guesses a hidden entry's id can find its busy block by its UID."""
    loaded = subject.loaded
    settings = loaded.plan.settings
    if settings.uid_key is not None or not loaded.files:
        return
    used = {settings.rank(level) for level in levels(loaded.plan).entries.values()}
    if len(used) < 2:
        return
    where = next((f for f in loaded.files if f.model.settings is not None), None)
    f, path = (where, ("settings",)) if where else (loaded.files[0], ())
    yield f.problem(
        path,
        UID_KEY,
        "settings: the plan shows some entries to a lower audience and hides others, but has no "
        "uid-key:, so a UID can be matched to a guessed id; add `uid-key:` with a long random "
        "secret (once: changing it changes every UID)",
        key=bool(path),
    )


RULE = Rule(
    CODE,
    "Every `audience:` is a level of `settings: audiences:`, no entry is more public than what it "
    "belongs to, and no deliverable is `busy`.",
    find,
)
RULE_UID_KEY = Rule(
    UID_KEY,
    "A plan that shows entries to a lower audience and hides others has a `uid-key:`.",
    find_uid_key,
)
RULES = (RULE, RULE_UID_KEY)
