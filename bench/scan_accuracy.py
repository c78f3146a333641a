"""Accuracy and speed of chairplan's date-mention recogniser against dateparser, on the same articles.

    python bench/scan_accuracy.py [--shared ../shared] [--articles seeds] [--press tests/data/press]
                                  [--rounds 200] [--show-errors] [--generated DIR/seeds]

Scores both with shared/tools/score_temporal.py on two gold sets: the five seed articles
(shared/gold/seeds.jsonl) and the press corpus (tests/data/press/gold.jsonl, 24 articles in the
forms other outlets print). For each set and language (en, vi, all) it prints F1 on span overlap
and on span plus equal value, precision and recall (span plus value), articles per second and
chairplan's speed as a multiple of dateparser's. Page stamps and datelines (the sets' docs files)
that a recogniser reports count as false positives. --show-errors adds the scorer's own report of
chairplan's run on each set: per file, by kind and anchor, then every false positive and false
negative (file@offset, words, value, and the predictions overlapping a missed mention).
With --generated (the seeds/ of a plan from bench/make_plan.py) it also times both on those
articles (dateparser on the first 100). dateparser is optional (`pip install dateparser`);
without it only chairplan's rows are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chairplan.sources.mentions import (  # noqa: E402  (the repository is put on the path first)
    detect_language,
    find_mentions,
    mention_records,
    publication_anchor,
    publication_date,
)

PRESS = REPO / "tests" / "data" / "press"  # the press corpus, annotated to the same guide
Records = list[dict[str, object]]
Row = dict[str, object]
LANGUAGES = ("en", "vi", "all")


@dataclass(frozen=True)
class Corpus:
    """A gold set: its articles, its gold mentions and its per-article metadata (language, stamps)."""

    label: str
    articles: Path
    gold: Path
    docs: Path

    def texts(self) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(self.articles.glob("*.txt"))}


def seeds_corpus(shared: Path, articles: Path) -> Corpus:
    gold = shared / "gold"
    return Corpus("seeds", articles, gold / "seeds.jsonl", gold / "seeds_docs.jsonl")


def press_corpus(folder: Path) -> Corpus:
    return Corpus("press", folder, folder / "gold.jsonl", folder / "docs.jsonl")


def chairplan_records(name: str, text: str) -> Records:
    return mention_records(name, find_mentions(text, publication_anchor(text)))


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


def timed(
    recognise: Callable[[str, str], Records], texts: dict[str, str], rounds: int
) -> tuple[Records, dict[str, float]]:
    """The predictions for every article, and the seconds each article took over `rounds` passes."""
    records = [r for name, text in texts.items() for r in recognise(name, text)]
    seconds = dict.fromkeys(texts, 0.0)
    for _ in range(rounds):
        for name, text in texts.items():
            began = time.perf_counter()
            recognise(name, text)
            seconds[name] += time.perf_counter() - began
    return records, seconds


def measure(
    recognise: Callable[[str, str], Records], texts: dict[str, str], rounds: int
) -> tuple[Records, float]:
    """The predictions for every article, and articles per second over `rounds` passes."""
    records, seconds = timed(recognise, texts, rounds)
    return records, rounds * len(texts) / sum(seconds.values())


def contenders(rounds: int) -> list[tuple[str, Callable[[str, str], Records], int]]:
    found: list[tuple[str, Callable[[str, str], Records], int]] = [
        ("chairplan", chairplan_records, rounds)
    ]
    if importlib.util.find_spec("dateparser"):
        found.append(("dateparser", dateparser_records, 2))  # far slower: two passes suffice
    return found


def languages_of(texts: dict[str, str], docs: Records) -> dict[str, str]:
    """Each article's language: its docs line, else the recogniser's guess."""
    given = {str(d["file"]): str(d["lang"]) for d in docs if "lang" in d}
    return {name: given.get(name) or detect_language(text) for name, text in texts.items()}


def score_corpus(
    corpus: Corpus, rounds: int, scorer: ModuleType
) -> tuple[list[Row], dict[str, object]]:
    """One row per recogniser and language, and the scorer's full result of chairplan on all."""
    texts = corpus.texts()
    gold = scorer.load_jsonl(corpus.gold)
    docs = scorer.load_jsonl(corpus.docs) if corpus.docs.exists() else []
    language = languages_of(texts, docs)
    rows: list[Row] = []
    chairplan_result: dict[str, object] = {}
    for label, recognise, passes in contenders(rounds):
        records, seconds = timed(recognise, texts, passes)
        records = json.loads(json.dumps(records))  # plain JSON values, as the scorer reads them
        for lang in LANGUAGES:
            files = {f for f in texts if lang in ("all", language[f])}
            result = scorer.score(
                [g for g in gold if g["file"] in files],
                [r for r in records if r["file"] in files],
                docs=[d for d in docs if d["file"] in files],
                articles=str(corpus.articles),
            )
            if label == "chairplan" and lang == "all":
                chairplan_result = result
            span = scorer.prf(*result["totals"]["span"])
            value = scorer.prf(*result["totals"]["value"])
            rows.append(
                {"recogniser": label, "lang": lang, "span_f1": span[2], "value_f1": value[2],
                 "precision": value[0], "recall": value[1],
                 "articles_per_s": passes * len(files) / (sum(seconds[f] for f in files) or 1),
                 "articles": len(files), "gold": sum(1 for g in gold if g["file"] in files),
                 "counted": sum(1 for g in gold if g["file"] in files and not g.get("optional")),
                 "notes": result["extra"], "warnings": result["warnings"]}
            )  # fmt: skip
    return rows, chairplan_result


def compare(shared: Path, articles: Path, rounds: int, press: Path = PRESS) -> list[Row]:
    """One row per corpus (the seeds, the press set) and recogniser, all languages together:
    F1 (span, span+value), precision, recall, speed."""
    scorer = load_scorer(shared / "tools" / "score_temporal.py")
    rows: list[Row] = []
    for corpus in (seeds_corpus(shared, articles), press_corpus(press)):
        found, _ = score_corpus(corpus, rounds, scorer)
        rows += [{**r, "corpus": corpus.label} for r in found if r["lang"] == "all"]
    return rows


def render(corpus: Corpus, rows: list[Row]) -> list[str]:
    """The table of one gold set: a line per recogniser and language, and the speed ratio."""
    every = [r for r in rows if r["lang"] == "all"]
    counts = ", ".join(f"{r['lang']} {r['articles']}" for r in rows[: len(LANGUAGES) - 1])
    lines = [
        f"{corpus.label} ({corpus.articles}): {every[0]['articles']} articles ({counts}), "
        f"{every[0]['gold']} gold mentions ({every[0]['counted']} counted, the rest optional)",
        f"{'recogniser':12s} {'lang':4s} {'span F1':>8s} {'span+value F1':>14s} {'P':>6s} "
        f"{'R':>6s} {'articles/s':>11s} {'× dateparser':>13s}",
    ]
    speed = {(r["recogniser"], r["lang"]): float(r["articles_per_s"]) for r in rows}  # type: ignore[arg-type]
    for r in (r for r in rows if r["articles"]):
        peer = speed.get(("dateparser", r["lang"]))
        times = speed[("chairplan", r["lang"])] / peer if peer else None
        shown = f"{times:.0f}×" if times and r["recogniser"] == "chairplan" else ""
        lines.append(
            f"{r['recogniser']!s:12s} {r['lang']!s:4s} {r['span_f1']:8.2f} {r['value_f1']:14.2f} "
            f"{r['precision']:6.2f} {r['recall']:6.2f} {r['articles_per_s']:11.1f} {shown:>13s}"
        )
    for r in every:
        notes = ", ".join(f"{k}={v}" for k, v in sorted(r["notes"].items()))  # type: ignore[attr-defined]
        lines += [f"{r['recogniser']}: {notes}"] if notes else []
        lines += [f"WARNING {r['recogniser']}: {w}" for w in r["warnings"]]  # type: ignore[attr-defined]
    if len(every) == 2:
        speedup = float(every[0]["articles_per_s"]) / float(every[1]["articles_per_s"])  # type: ignore[arg-type]
        lines.append(f"chairplan is {speedup:.0f}x dateparser's speed on these articles")
    return lines


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
    parser.add_argument("--articles", type=Path, default=REPO / "seeds", help="the seed articles")
    parser.add_argument("--press", type=Path, default=PRESS, help="the press corpus")
    parser.add_argument(
        "--rounds", type=int, default=200, help="passes over the articles for chairplan"
    )
    parser.add_argument(
        "--show-errors", action="store_true", help="every false positive and negative of chairplan"
    )
    parser.add_argument("--generated", type=Path, help="generated articles to time both on")
    args = parser.parse_args()
    scorer = load_scorer(args.shared / "tools" / "score_temporal.py")
    if not importlib.util.find_spec("dateparser"):
        print("dateparser is not installed: pip install dateparser to compare")
    for corpus in (seeds_corpus(args.shared, args.articles), press_corpus(args.press)):
        rows, result = score_corpus(corpus, args.rounds, scorer)
        print("\n".join(render(corpus, rows)))
        if args.show_errors:
            print(f"\nchairplan on {corpus.label}, the scorer's report:")
            scorer.report(result, show_errors=True)
        print()
    if args.generated:
        speeds = generated_speed(args.generated)
        print(f"generated articles ({args.generated}):")
        for label, count, speed in speeds:
            print(f"{label:12s} {speed:11.1f} articles/s  ({count} articles)")
        if len(speeds) == 2:
            print(
                f"chairplan is {speeds[0][2] / speeds[1][2]:.0f}x dateparser's speed on these articles"
            )


if __name__ == "__main__":
    main()
