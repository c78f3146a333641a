"""A fixed corpus of date-heavy English and Vietnamese text, and what the recogniser finds in it.

    python bench/mention_corpus.py [--out tests/data/mention_corpus.jsonl] [--articles DIR]

Writes one JSON line per text: the text, the publication date it is read with (or null) and the
mentions `find_mentions` reports, each as [start, text, value, kind, anchor, in_name]. The texts are seeded token soups (prepositions, month and weekday
names, numbers in every format, Vietnamese date words, odd spacing and case) plus a sample of
bench/make_plan.py's generated articles (--articles, optional). tests/test_mention_corpus.py checks
that the recogniser still reports exactly these mentions: the file was recorded with the
recogniser as it was before the pre-scan (commit 75f71cb), so a faster recogniser must agree with
the slower one on every text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from chairplan.sources.mentions import find_mentions  # noqa: E402  (the repository is put on the path first)

# fmt: off
WORDS = (
    "in", "In", "IN", "on", "by", "By", "of", "for", "from", "From", "FROM", "between", "Between",
    "since", "until", "till", "during", "through", "before", "after", "early", "late", "mid",
    "mid-", "end of", "End of", "beginning of", "this", "This", "next", "Next", "last", "Last",
    "current", "the", "The", "the current", "first", "second", "third", "fourth", "final",
    "latter", "1st", "2nd", "3rd", "4th", "quarter", "half", "year", "years", "Q1", "Q2", "Q3",
    "Q4", "Q5", "H1", "H2", "1H", "2H", "to", "and", "until", "through", "–", "—", "-", "/",
    "January", "Jan", "Jan.", "February", "March", "Mar", "April", "May", "may", "June", "July",
    "August", "Aug.", "September", "Sept", "Sep", "October", "November", "Nov", "December",
    "Dec", "MARCH", "march", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "monday", "(the", "the", "No.", "$", "US$", "people", "percent", "%", "million",
    "ASEAN", "Vision", "Summit", "Plan", "UN", "(AFF)", "Philippines'", "Chairmanship",
    "ngày", "Ngày", "NGÀY", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "tháng", "Tháng",
    "quý", "Quý", "QUÝ", "I", "II", "III", "IV", "V", "năm", "Năm", "nay", "tới", "sau", "ngoái",
    "đó", "nữa", "những", "các", "6", "sáu", "Sáu", "nửa", "Nửa", "đầu", "cuối", "từ", "Từ",
    "đến", "thứ", "Thứ", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Chủ", "nhật", "Nhật", "số",
    "người", "tỷ", "ſince", "ın", "İn", "k", "x", "ok", "we", "said", "meeting", "Hà", "Nội",
)
SEPARATORS = (" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", ", ", ". ", "; ", " (", ") ", "", "-", "/")
# fmt: on


def number(rng: random.Random) -> str:
    """A number in one of the shapes dates take, or a nearby shape that is not a date."""
    year = str(rng.choice([rng.randint(1990, 2035), rng.randint(1000, 9999), 2026, 2025, 2045]))
    day, month = str(rng.randint(0, 32)), str(rng.randint(0, 13))
    shapes = [
        year, day, month, f"{day}/{month}", f"{day}/{month}/{year}", f"{day}.{month}.{year}",
        f"{day}-{month}-{year}", f"{year}-{int(month):02d}-{int(day):02d}", f"{year}-{year[2:]}",
        f"{year}–{int(year) + rng.randint(-2, 60)}", f"{day}st", f"{day}th", f"{day}-{month}",
        f"{day}:{month}", f"{year}.5", f"{year},", f"{year}/QD", "١٢", f"{day}–{month}/{month}",
        f"{rng.randint(0, 99):02d}:{rng.randint(0, 59):02d}", f"{day}/{month}/{year} 14:43 |",
    ]  # fmt: skip
    return rng.choice(shapes)


def soup(rng: random.Random) -> str:
    """One text of 4 to 40 tokens."""
    parts: list[str] = []
    for _ in range(rng.randint(4, 40)):
        token = number(rng) if rng.random() < 0.35 else rng.choice(WORDS)
        parts += [token, rng.choice(SEPARATORS)]
    return "".join(parts)


def corpus(count: int, articles: Path | None, seed: int = 11) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    dates = [None, "2026-03-11", "2025-11-20", "2026-01-01", "2024-12-31"]
    texts = [(soup(rng), rng.choice(dates)) for _ in range(count)]
    if articles is not None:
        for path in sorted(articles.glob("*.txt"))[:40]:
            texts.append((path.read_text(encoding="utf-8"), rng.choice(dates)))
    return texts


def record(text: str, published: str | None) -> dict[str, object]:
    import datetime as dt

    when = dt.date.fromisoformat(published) if published else None
    found = [
        [m.start, m.text, m.value, m.kind, m.anchor, m.in_name] for m in find_mentions(text, when)
    ]
    return {"text": text, "published": published, "mentions": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=REPO / "tests" / "data" / "mention_corpus.jsonl"
    )
    parser.add_argument("--articles", type=Path, help="generated articles to sample (make_plan)")
    parser.add_argument("--count", type=int, default=2000, help="token-soup texts")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(record(text, published), ensure_ascii=False)
        for text, published in corpus(args.count, args.articles)
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} texts written to {args.out}")


if __name__ == "__main__":
    main()
