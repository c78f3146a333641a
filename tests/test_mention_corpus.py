"""The recogniser reports exactly the mentions recorded before it was optimised, text by text.

tests/data/mention_corpus.jsonl was written by bench/mention_corpus.py with the recogniser as it
was before the pre-scan (75f71cb): seeded token soups of English and Vietnamese date words, numbers
of every shape, odd spacing and case, and a sample of bench/make_plan.py's generated articles.
Issue 21 changed what the recogniser reports (page furniture, lists, ranges, one mention per
expression), so the mentions of the same texts were recorded again with the pre-scan off: every
pattern run by its own `finditer`, the oracle a faster recogniser must still agree with.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chairplan.sources.mentions import find_mentions

CORPUS = Path(__file__).parent / "data" / "mention_corpus.jsonl"
ROWS = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def test_the_corpus_is_large_and_varied() -> None:
    kinds = {m[3] for row in ROWS for m in row["mentions"]}
    assert len(ROWS) > 2000
    assert kinds == {"day", "range", "month", "quarter", "half", "year", "yearrange"}


@pytest.mark.parametrize("chunk", range(20))
def test_mentions_equal_the_recorded_ones(chunk: int) -> None:
    for row in ROWS[chunk::20]:
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        found = [
            [m.start, m.text, m.value, m.kind, m.anchor, m.in_name]
            for m in find_mentions(row["text"], published)
        ]
        assert found == row["mentions"], row["text"]
