"""The revision (SEQUENCE, LAST-MODIFIED) of every published component, kept in chairplan.lock.

Subscribers only pick up an edit when SEQUENCE goes up and LAST-MODIFIED moves, and they must see
no change at all when nothing changed. So each UID's content fingerprint is remembered beside the
plan: a different fingerprint bumps the sequence and stamps the build's source date. Entries of
removed components are kept, so a UID that comes back continues its sequence instead of restarting.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..errors import ChairplanError

__all__ = ["REVISIONS_FILE", "Revision", "Revisions", "parse_revisions", "revisions_problem"]

REVISIONS_FILE = "chairplan.lock"
_FORMAT = 1
_STAMP = "%Y%m%dT%H%M%SZ"
_NOTE = "written by `chairplan build`; commit it with the plan, do not edit by hand"


@dataclass(frozen=True)
class Revision:
    fingerprint: str
    sequence: int
    last_modified: dt.datetime


@dataclass(frozen=True)
class Revisions:
    revisions: dict[str, Revision] = field(default_factory=dict)

    def revision(self, uid: str, fingerprint: str, stamp: dt.datetime) -> Revision:
        """The revision of a component with this fingerprint, built at `stamp`."""
        old = self.revisions.get(uid)
        if old is None:
            return Revision(fingerprint, 0, stamp)
        if old.fingerprint == fingerprint:
            return old
        # LAST-MODIFIED must move even when the source date did not (an uncommitted edit).
        moved = max(stamp, old.last_modified + dt.timedelta(seconds=1))
        return Revision(fingerprint, old.sequence + 1, moved)

    def updated(self, revisions: dict[str, Revision]) -> Revisions:
        """The lock after a build: these revisions, and every other UID's as it was."""
        return Revisions(self.revisions | revisions)

    def to_bytes(self) -> bytes:
        """The lock file: JSON as json.dumps(indent=2, sort_keys=True, ensure_ascii=False)
        writes it, made one component at a time (a large plan's 60,000 components as one
        document of dicts took 25 MB more at the end of its build)."""
        # What json.dumps(ensure_ascii=False) makes of a string, without a new encoder for
        # each one (the 10,000-event lock's 24,000 strings took 0.05 s, and take 0.004).
        text = json.encoder.encode_basestring
        stamps: dict[dt.datetime, str] = {}

        def stamp(moment: dt.datetime) -> str:
            if (found := stamps.get(moment)) is None:
                found = stamps[moment] = text(moment.strftime(_STAMP))
            return found

        components = [
            f"    {text(uid)}: {{\n"
            f'      "fingerprint": {text(r.fingerprint)},\n'
            f'      "last_modified": {stamp(r.last_modified)},\n'
            f'      "sequence": {r.sequence}\n'
            "    }"
            for uid, r in sorted(self.revisions.items())
        ]
        listed = "{\n" + ",\n".join(components) + "\n  }" if components else "{}"
        return (
            f'{{\n  "components": {listed},\n  "format": {_FORMAT},\n  "note": {text(_NOTE)}\n}}\n'
        ).encode()


def revisions_problem(name: str, what: str) -> ChairplanError:
    return ChairplanError(
        f"{name}: {what}; restore it from git (git checkout -- {name}), or delete it to start "
        "every sequence again at 0"
    )


def parse_revisions(text: str, name: str = REVISIONS_FILE) -> Revisions:
    """Parse the lock file's text; raise ChairplanError naming the fix when it is damaged."""
    try:
        body = json.loads(text)
        if body.get("format") != _FORMAT:
            raise revisions_problem(
                name, f"unknown format {body.get('format')!r} (expected {_FORMAT})"
            )
        stamps: dict[str, dt.datetime] = {}  # a build stamps many components alike: parse once

        def stamp(text: str) -> dt.datetime:
            if (found := stamps.get(text)) is None:
                found = stamps[text] = dt.datetime.strptime(text, _STAMP).replace(tzinfo=dt.UTC)
            return found

        revisions = {
            str(uid): Revision(
                str(entry["fingerprint"]), int(entry["sequence"]), stamp(entry["last_modified"])
            )
            for uid, entry in body["components"].items()
        }
    except ChairplanError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise revisions_problem(
            name, f"not a valid lock file ({type(exc).__name__}: {exc})"
        ) from None
    return Revisions(revisions)
