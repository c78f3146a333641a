"""Property: `mark` and `add event` on the bundled plan always leave a plan that passes check, with
exactly the intended change and every other byte of every file as it was."""

from __future__ import annotations

import shutil
import tempfile
import typing
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from chairplan import api
from chairplan.dates import parse_window
from chairplan.edit.commands import add_event, event_fields, mark_status
from chairplan.model import DeliverableStatus, EventStatus, PlanFile
from chairplan.plan.read import read_plan
from tests.conftest import REPO

PLAN = read_plan(REPO).plan
TARGETS = [(d.id, typing.get_args(DeliverableStatus)) for d in PLAN.deliverables] + [
    (e.id, typing.get_args(EventStatus)) for e in PLAN.events
]


def copy_of_the_plan(tmp: str) -> Path:
    root = Path(tmp)
    for folder in ("schedules", "seeds"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "schedules").glob("*.yaml"))}


def everything_but(root: Path, entry_id: str) -> dict[str, Any]:
    """The whole plan as data, with the named entry's status blanked out."""
    data = read_plan(root).plan
    dump = {name: TypeAdapter(PlanFile).dump_python(f, mode="json") for name, f in data.files}
    for f in dump.values():
        for entry in [*f["events"], *(d for p in f["priorities"] for d in p["deliverables"])]:
            if entry["id"] == entry_id:
                entry["status"] = None
    return dump


@given(st.sampled_from(TARGETS).flatmap(lambda t: st.tuples(st.just(t[0]), st.sampled_from(t[1]))))
@settings(max_examples=25, deadline=None)
def test_mark_changes_one_status_and_nothing_else(target: tuple[str, str]) -> None:
    entry_id, status = target
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_of_the_plan(tmp)
        before_files, before = files(root), everything_but(root, entry_id)
        mark_status(root, entry_id, status)
        loaded = read_plan(root)  # the plan may now have planning findings (a postponed SOM1)
        entry = next(
            e for e in [*loaded.plan.events, *loaded.plan.deliverables] if e.id == entry_id
        )
        assert entry.status == status
        assert everything_but(root, entry_id) == before
        after_files = files(root)
        changed = [name for name in before_files if before_files[name] != after_files[name]]
        assert len(changed) <= 1
        for name in changed:  # one line differs, and only in its status token
            old, new = before_files[name].splitlines(), after_files[name].splitlines()
            diff = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
            assert len(old) == len(new) or len(new) == len(old) + 1
            assert all(b"status" in b for _, b in diff[:1])


TITLE = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=50
).filter(lambda s: s.strip() == s and s)


@given(
    st.from_regex(r"new-[a-z0-9]{1,12}", fullmatch=True),
    TITLE,
    st.one_of(TITLE, st.none()),
    st.sampled_from(
        ["2026-05-14", "2026-06", "2026-Q3", "H2 2026", "2027", "2026-05-12..2026-05-15"]
    ),
    st.sampled_from(["cptpp", "asean", "apec", "viet-nam"]),
    st.sampled_from([None, "planned", "tentative", "confirmed"]),
)
@settings(max_examples=25, deadline=None)
def test_add_appends_one_event_and_nothing_else(
    event_id: str, title: str, title_vi: str | None, when: str, body: str, status: str | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_of_the_plan(tmp)
        before_files = files(root)
        before_ids = [e.id for e in PLAN.events]
        fields = event_fields(
            id=event_id, title=title, title_vi=title_vi, when=when, body=body, status=status
        )
        add_event(root, fields)
        loaded = api.check(root)
        assert [e.id for e in loaded.plan.events if e.id != event_id] == before_ids
        new = next(e for e in loaded.plan.events if e.id == event_id)
        assert (new.title.en, new.title.vi, str(new.window), new.body) == (
            title,
            title_vi,
            str(parse_window(when)),
            body,
        )
        after_files = files(root)
        changed = [name for name in before_files if before_files[name] != after_files[name]]
        assert len(changed) == 1
        old, new_bytes = before_files[changed[0]], after_files[changed[0]]
        # every byte that was there is still there, in order: the event was inserted, nothing else
        assert _is_insertion(old, new_bytes)


def _is_insertion(old: bytes, new: bytes) -> bool:
    prefix = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
    inserted = len(new) - len(old)
    return inserted > 0 and new[:prefix] + new[prefix + inserted :] == old
