"""The press corpus (tests/data/press/) is well-formed: offsets, values, metadata and balance."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

PRESS = Path(__file__).parent / "data" / "press"
ARTICLES = {p.name: p.read_text(encoding="utf-8") for p in sorted(PRESS.glob("*.txt"))}
GOLD: list[dict[str, Any]] = [
    json.loads(line) for line in (PRESS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
]
DOCS: list[dict[str, Any]] = [
    json.loads(line) for line in (PRESS / "docs.jsonl").read_text(encoding="utf-8").splitlines()
]
HEADER = re.compile(r" date (\d{4}-\d{2}(?:-\d{2})?)")
POINT = re.compile(r"\d{4}(?:-(?:Q[1-4]|\d{2}(?:-\d{2})?))?")
KINDS = {"day", "month", "quarter", "half", "year", "range", "yearrange", "week"}


def first_day(value: str) -> dt.date:
    """The first calendar day of a point value (a day, month, quarter or year)."""
    year, _, rest = value.partition("-")
    if rest.startswith("Q"):
        return dt.date(int(year), 3 * int(rest[1]) - 2, 1)
    month, _, day = rest.partition("-")
    return dt.date(int(year), int(month or 1), int(day or 1))


def well_formed(value: str) -> bool:
    """A point value, or a range "A/B" of two points of the same form with A before B."""
    parts = value.split("/")
    if len(parts) > 2 or not all(POINT.fullmatch(p) for p in parts):
        return False
    try:
        days = [first_day(p) for p in parts]
    except ValueError:  # 2026-02-30, month 13
        return False
    if len(parts) == 1:
        return True
    shape = [re.sub(r"\d", "0", p) for p in parts]
    return shape[0] == shape[1] and days[0] < days[1]


def spans(file: str) -> list[tuple[int, int, str]]:
    doc = next(d for d in DOCS if d["file"] == file)
    found = [
        (g["start"], g["start"] + len(g["text"]), g["text"]) for g in GOLD if g["file"] == file
    ]
    return sorted(
        found + [(b["start"], b["start"] + len(b["text"]), b["text"]) for b in doc["boilerplate"]]
    )


def test_the_corpus_is_large_and_balanced() -> None:
    languages = [d["lang"] for d in DOCS]
    assert len(ARTICLES) >= 20
    assert languages.count("en") >= 10 and languages.count("vi") >= 10
    assert sorted(d["file"] for d in DOCS) == sorted(ARTICLES)
    assert {g["file"] for g in GOLD} == set(ARTICLES)
    assert sum(1 for t in ARTICLES.values() if not HEADER.match(t)) >= 5  # dates only in stamps


@pytest.mark.parametrize("file", sorted(ARTICLES), ids=lambda f: f[:3])
def test_each_gold_line_points_at_its_words(file: str) -> None:
    text = ARTICLES[file]
    for line in (g for g in GOLD if g["file"] == file):
        where = f"{file}@{line['start']} {line['text']!r}"
        assert text[line["start"] : line["start"] + len(line["text"])] == line["text"], where
        assert line["kind"] in KINDS and line["anchor"] in {"explicit", "relative"}, where
        if line["value"] is None:  # a relative day under a month-only header: nothing to resolve
            assert line.get("optional") and line.get("note"), where
        else:
            assert well_formed(line["value"]), where
        assert set(line) <= {
            "file",
            "text",
            "start",
            "value",
            "kind",
            "anchor",
            "in_name",
            "optional",
            "note",
        }


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["file"][:3])
def test_each_article_has_its_metadata(doc: dict[str, Any]) -> None:
    text = ARTICLES[doc["file"]]
    assert 1500 <= len(text) <= 5000
    assert unicodedata.is_normalized("NFC", text)
    assert doc["lang"] in {"en", "vi"}
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", doc["pubdate"]) and well_formed(doc["pubdate"])
    header = HEADER.match(text)
    if header:  # the header is the publication date, and no mention or stamp lies inside it
        assert doc["pubdate"] == header.group(1) and doc["pubdate_source"].startswith("header")
        assert all(start >= header.end() for start, _, _ in spans(doc["file"]))
    else:
        assert doc["pubdate_source"].startswith("boilerplate") and doc["boilerplate"]
    for stamp in doc["boilerplate"]:
        assert text[stamp["start"] : stamp["start"] + len(stamp["text"])] == stamp["text"]


@pytest.mark.parametrize("file", sorted(ARTICLES), ids=lambda f: f[:3])
def test_mentions_and_stamps_never_overlap(file: str) -> None:
    found = spans(file)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found)), file


def _scores() -> dict[str, tuple[float, float]]:
    """span+value F1 of chairplan's recogniser on both corpora, as bench/scan_accuracy.py scores."""
    import importlib.util
    import sys

    repo = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "scan_accuracy", repo / "bench" / "scan_accuracy.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["scan_accuracy"] = bench
    spec.loader.exec_module(bench)
    shared = repo.parent / "shared"
    found = {}
    for corpus in (bench.seeds_corpus(shared, repo / "seeds"), bench.press_corpus(PRESS)):
        scorer = bench.load_scorer(shared / "tools" / "score_temporal.py")
        gold = scorer.load_jsonl(corpus.gold)
        texts = corpus.texts()
        records = [r for name, text in texts.items() for r in bench.chairplan_records(name, text)]
        result = scorer.score(gold, json.loads(json.dumps(records)), articles=str(corpus.articles))
        span, value = (scorer.prf(*result["totals"][k])[2] for k in ("span", "value"))
        found[corpus.label] = (span, value)
    return found


def test_the_recogniser_scores_at_least_095_on_both_corpora() -> None:
    """The issue's floor, on the seeds and on this corpus (span plus value F1)."""
    scores = _scores()
    assert scores["seeds"][1] == 1.0, scores
    assert scores["press"][1] >= 0.95, scores


@pytest.mark.parametrize(
    ("value", "expected"), [("2026-H1", "2026-01/2026-06"), ("2025-H2", "2025-07/2025-12")]
)
def test_a_half_year_is_scored_as_the_range_of_its_months(value: str, expected: str) -> None:
    from chairplan.sources.mentions import Mention, mention_records

    half = Mention("H1 2026", 0, value, "half", anchor="explicit")
    assert mention_records("x.txt", [half])[0]["value"] == expected
