"""Accuracy and speed of chairplan's date-mention recogniser against dateparser, on the same articles.

    python bench/scan_accuracy.py [--shared ../shared] [--articles seeds] [--rounds 200]
                                  [--generated DIR/seeds]

Scores both with shared/tools/score_temporal.py against shared/gold/seeds.jsonl (span overlap, and
span plus equal value) and prints articles per second for each. With --generated (the seeds/ of a
plan from bench/make_plan.py) it also times both on those articles (dateparser on the first 100).
dateparser is optional (`pip install dateparser`); without it only chairplan's rows are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chairplan.sources.mentions import (  # noqa: E402  (the repository is put on the path first)
    detect_language,
    find_mentions,
    mention_records,
    publication_date,
)

Records = list[dict[str, object]]


def chairplan_records(name: str, text: str) -> Records:
    return mention_records(name, find_mentions(text, publication_date(text)))


def dateparser_records(name: str, text: str) -> Records:
    from dateparser.search import search_dates

    published = publication_date(text)
    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())} if published else {}
    found = search_dates(text, languages=[detect_language(text)], settings=settings) or []
    records, cursor = [], 0
    for words, when in found:
        start = text.find(words, cursor)
        start = start if start >= 0 else text.find(words)
        cursor = start + len(words) if start >= 0 else cursor
        records.append(
            {"file": name, "text": words, "start": start, "value": when.date().isoformat()}
        )
    return records


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_temporal", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(
    recognise: Callable[[str, str], Records], texts: dict[str, str], rounds: int
) -> tuple[Records, float]:
    """The predictions for every article, and articles per second over `rounds` passes."""
    records = [r for name, text in texts.items() for r in recognise(name, text)]
    began = time.perf_counter()
    for _ in range(rounds):
        for name, text in texts.items():
            recognise(name, text)
    return records, rounds * len(texts) / (time.perf_counter() - began)


def compare(shared: Path, articles: Path, rounds: int) -> list[dict[str, object]]:
    """One row per recogniser: F1 on the gold set (span, span+value), precision, recall, speed."""
    scorer = load_scorer(shared / "tools" / "score_temporal.py")
    gold = scorer.load_jsonl(shared / "gold" / "seeds.jsonl")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))}
    contenders: list[tuple[str, Callable[[str, str], Records], int]] = [
        ("chairplan", chairplan_records, rounds)
    ]
    if importlib.util.find_spec("dateparser"):
        contenders.append(("dateparser", dateparser_records, 2))  # far slower: two passes suffice
    rows: list[dict[str, object]] = []
    for label, recognise, passes in contenders:
        records, speed = measure(recognise, texts, passes)
        result = scorer.score(gold, json.loads(json.dumps(records)), articles=str(articles))
        span = scorer.prf(*result["totals"]["span"])
        value = scorer.prf(*result["totals"]["value"])
        rows.append(
            {"recogniser": label, "span_f1": span[2], "value_f1": value[2],
             "precision": value[0], "recall": value[1], "articles_per_s": speed,
             "articles": len(texts), "gold": len(gold)}
        )  # fmt: skip
    return rows


def generated_speed(folder: Path) -> list[tuple[str, int, float]]:
    """(recogniser, articles, articles per second) on generated articles, in one run."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    rows = [("chairplan", len(texts), measure(chairplan_records, texts, 3)[1])]
    if importlib.util.find_spec("dateparser"):
        sample = dict(list(texts.items())[:100])
        rows.append(("dateparser", len(sample), measure(dateparser_records, sample, 1)[1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=Path, default=REPO / "seeds")
    parser.add_argument(
        "--rounds", type=int, default=200, help="passes over the articles for chairplan"
    )
    parser.add_argument("--generated", type=Path, help="generated articles to time both on")
    args = parser.parse_args()
    rows = compare(args.shared, args.articles, args.rounds)
    if len(rows) == 1:
        print("dateparser is not installed: pip install dateparser to compare")
    print(f"{rows[0]['articles']} articles, {rows[0]['gold']} gold mentions")
    print(
        f"{'recogniser':12s} {'span F1':>8s} {'span+value F1':>14s} {'P':>6s} {'R':>6s} {'articles/s':>11s}"
    )
    for r in rows:
        print(
            f"{r['recogniser']!s:12s} {r['span_f1']:8.2f} {r['value_f1']:14.2f} {r['precision']:6.2f} "
            f"{r['recall']:6.2f} {r['articles_per_s']:11.1f}"
        )
    if len(rows) == 2:
        ratio = float(rows[0]["articles_per_s"]) / float(rows[1]["articles_per_s"])  # type: ignore[arg-type]
        print(f"chairplan is {ratio:.0f}x dateparser's speed on these articles")
    if args.generated:
        speeds = generated_speed(args.generated)
        print(f"\ngenerated articles ({args.generated}):")
        for label, count, speed in speeds:
            print(f"{label:12s} {speed:11.1f} articles/s  ({count} articles)")
        if len(speeds) == 2:
            print(
                f"chairplan is {speeds[0][2] / speeds[1][2]:.0f}x dateparser's speed on these articles"
            )


if __name__ == "__main__":
    main()
