"""Feed test helpers: fixture plans, builds with a fixed stamp, icalendar as the oracle for the
feeds' bytes, tools that may be missing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar, Component

from chairplan import api
from chairplan.audiences import uid_token
from chairplan.export.artefacts import artefacts
from chairplan.export.revisions import Revisions
from chairplan.export.site import prepare
from chairplan.model import Language, Plan, PlanFile, validate

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STAMP = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def require(ok: bool, why: str) -> None:
    """Skip when a test tool is missing, except in CI (CI set), where that is a failure."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must install it: see .ci/run)")
    print(f"skipping: {why}")
    pytest.skip(why)


def uid(entry_id: str, domain: str = "chairplan", key: str | None = None) -> str:
    """The UID an entry's component has: a keyed digest of its id (audiences.uid_token)."""
    return f"{uid_token(entry_id, key)}@{domain}"


def copy_plan(source: Path, target: Path) -> Path:
    """A writable copy of a plan (schedules/, seeds/), so builds can update its chairplan.lock."""
    for folder in ("schedules", "seeds"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def built(root: Path, out: Path, lang: str = "en", stamp: dt.datetime = STAMP) -> dict[str, bytes]:
    api.build(root, out, stamp, lang)  # type: ignore[arg-type]
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def feed_of(plan_file: dict[str, object], lang: Language = "en") -> bytes:
    """all.ics of a one-file plan (the file's fields), as the real writer writes it for `build`."""
    plan = Plan((("plan.yaml", validate(PlanFile, plan_file)),))
    site, _ = prepare(plan, Revisions(), STAMP, lang)
    return b"".join(artefacts(site)["all.ics"])


def icalendar_writes(data: bytes) -> bytes:
    """The oracle: the bytes icalendar itself writes for the calendar it reads in `data`.

    chairplan writes content lines without icalendar (export/lines.py) but claims icalendar's bytes:
    the same escaping, folding, parameters and property order. icalendar reads escaped text back
    as text and writes it escaped again, so a missing or extra escape, or a fold icalendar would
    not make, comes out different here.
    """
    written: bytes = Calendar.from_ical(data).to_ical()
    return written


def normalise(component: Component) -> tuple[object, ...]:
    """A component as sorted property lines and sorted normalised children: order does not matter."""
    lines = sorted(
        f"{name}{sorted(value.params.items()) if hasattr(value, 'params') else ''}:{value.to_ical()!r}"
        for name, values in component.items()
        for value in (values if isinstance(values, list) else [values])
    )
    return (
        component.name,
        tuple(lines),
        tuple(sorted(normalise(c) for c in component.subcomponents)),
    )


def parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_by_uid(data: bytes) -> dict[str, Component]:
    return {str(c["UID"]): c for c in parsed(data).walk() if c.name in ("VEVENT", "VTODO")}


def have(command: str) -> bool:
    return shutil.which(command) is not None
