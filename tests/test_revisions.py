"""export/revisions.py: the lock file is written one component at a time, exactly as the JSON
document it is would be written whole, and read back as it was."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from chairplan.export.revisions import _FORMAT, _NOTE, _STAMP, Revision, Revisions, parse_revisions

UIDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
MOMENTS = st.datetimes(
    dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31), timezones=st.just(dt.UTC)
).map(lambda d: d.replace(microsecond=0))
REVISIONS = st.builds(Revision, st.text(max_size=8), st.integers(0, 10**6), MOMENTS)


@given(st.dictionaries(UIDS, REVISIONS, max_size=6))
def test_the_lock_is_the_json_document_and_reads_back(revisions: dict[str, Revision]) -> None:
    lock = Revisions(revisions)
    document = {
        "format": _FORMAT,
        "note": _NOTE,
        "components": {
            uid: {
                "fingerprint": r.fingerprint,
                "sequence": r.sequence,
                "last_modified": r.last_modified.strftime(_STAMP),
            }
            for uid, r in revisions.items()
        },
    }
    expected = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert lock.to_bytes().decode("utf-8") == expected
    assert parse_revisions(expected) == lock
