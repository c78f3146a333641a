"""Tests for the date-mention recogniser, against the shared gold and expression by expression."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import json
from pathlib import Path
from types import ModuleType

import pytest

from chairplan.sources.mentions import (
    Mention,
    detect_language,
    find_mentions,
    mention_records,
    mentions_as_jsonl,
    publication_date,
)

REPO = Path(__file__).parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_temporal.py"
GOLD = SHARED / "gold" / "seeds.jsonl"
GOLD_DOCS = SHARED / "gold" / "seeds_docs.jsonl"
SEEDS = REPO / "seeds" if (REPO / "seeds").is_dir() else SHARED / "seeds"

needs_shared = pytest.mark.skipif(not SCORER.exists(), reason="../shared (gold and scorer) absent")

WED = dt.date(2026, 3, 11)  # a Wednesday
THU = dt.date(2025, 11, 20)  # a Thursday
NEW_YEAR = dt.date(2026, 1, 1)  # a Thursday
EN_DASH = "\u2013"


def only(text: str, published: dt.date | None = WED) -> Mention:
    """The one mention in text; fails if there are none or several."""
    found = find_mentions(text, published)
    assert len(found) == 1, found
    return found[0]


def spans(text: str, published: dt.date | None = WED) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.kind) for m in find_mentions(text, published)]


def load_jsonl(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_temporal", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_predictions() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        records += mention_records(path.name, find_mentions(text, publication_date(text)))
    return records


# (a) the real scorer on the real seeds ------------------------------------------------------


@needs_shared
@pytest.mark.parametrize(
    ("ignore_in_name", "mode", "floor"),
    [
        (False, "span", 0.98),
        (False, "value", 0.98),
        (True, "span", 0.98),
        (True, "value", 0.98),
    ],
)
def test_seed_f1_with_the_shared_scorer(ignore_in_name: bool, mode: str, floor: float) -> None:
    # 1.00 everywhere when written; the floor leaves room for one miss among the 45 items.
    scorer = load_scorer()
    result = scorer.score(
        load_jsonl(GOLD),
        seed_predictions(),
        docs=load_jsonl(GOLD_DOCS),
        articles=str(SEEDS),
        ignore_in_name=ignore_in_name,
    )
    precision, recall, f1 = scorer.prf(*result["totals"][mode])
    assert result["warnings"] == []
    assert f1 >= floor, (precision, recall, result["errors"])


@needs_shared
def test_publication_dates_and_languages_match_the_gold_docs() -> None:
    for doc in load_jsonl(GOLD_DOCS):
        text = (SEEDS / str(doc["file"])).read_text(encoding="utf-8")
        assert publication_date(text) == dt.date.fromisoformat(str(doc["pubdate"]))
        assert detect_language(text) == doc["lang"]


@needs_shared
def test_in_name_marks_agree_with_the_gold() -> None:
    gold = {(g["file"], g["start"]): bool(g.get("in_name")) for g in load_jsonl(GOLD)}
    predicted = {(p["file"], p["start"]): bool(p.get("in_name")) for p in seed_predictions()}
    assert {key: predicted.get(key) for key in gold if key in predicted} == {
        key: mark for key, mark in gold.items() if key in predicted
    }


def test_jsonl_has_the_scorer_fields() -> None:
    text = "the ASEAN Vision 2045 and in 2026"
    lines = mentions_as_jsonl("a.txt", find_mentions(text, WED)).splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "file": "a.txt",
            "text": "2045",
            "start": 17,
            "value": "2045",
            "kind": "year",
            "anchor": "explicit",
            "in_name": True,
        },
        {
            "file": "a.txt",
            "text": "2026",
            "start": 29,
            "value": "2026",
            "kind": "year",
            "anchor": "explicit",
        },
    ]


# (b) expression families, English and Vietnamese ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value", "anchor"),
    [
        ("issued on January 21, 2026, outlining", "January 21, 2026", "2026-01-21", "explicit"),
        ("agreement dated December 27, 2025, and", "December 27, 2025", "2025-12-27", "explicit"),
        ("signed on 21 January 2026 in", "21 January 2026", "2026-01-21", "explicit"),
        ("on Sept. 3rd, 2025 the", "Sept. 3rd, 2025", "2025-09-03", "explicit"),
        ("due on March 5 at", "March 5", "2026-03-05", "relative"),
        ("on 2026-03-10 the", "2026-03-10", "2026-03-10", "explicit"),
        ("Ngày 20/11, trong khuôn khổ", "Ngày 20/11", "2026-11-20", "relative"),
        ("họp ngày 20/11/2025 tại", "ngày 20/11/2025", "2025-11-20", "explicit"),
        ("ký ngày 5 tháng 3 năm 2026 tại", "ngày 5 tháng 3 năm 2026", "2026-03-05", "explicit"),
        ("Quyết định ban hành 21/01/2026.", "21/01/2026", "2026-01-21", "explicit"),
        ("Chiều 12/3, Bộ trưởng tiếp đoàn", "Chiều 12/3", "2026-03-12", "relative"),
        ("Registration closes on 31 March.", "31 March", "2026-03-31", "relative"),
    ],
)
def test_days(text: str, words: str, value: str, anchor: str) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind, mention.anchor) == (
        words,
        value,
        "day",
        anchor,
    )
    assert text[mention.start :].startswith(words)


def test_weekday_written_before_a_full_date_is_part_of_its_one_mention() -> None:
    assert spans("on Thursday, January 29, 2026 in Cebu") == [
        ("Thursday, January 29, 2026", "2026-01-29", "day")
    ]
    assert spans("Thứ Tư, ngày 11/3/2026") == [("Thứ Tư, ngày 11/3/2026", "2026-03-11", "day")]
    assert spans("On Wednesday (March 11) the SOM1") == [
        ("Wednesday (March 11)", "2026-03-11", "day")
    ]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("opened in Hà Nội on Wednesday, marking", WED, "2026-03-11"),  # the day itself
        ("opened on Wednesday", WED + dt.timedelta(days=1), "2026-03-11"),
        ("opened on Thursday", WED, "2026-03-05"),  # never after publication
        ("Earlier, on Wednesday, the SOM", NEW_YEAR, "2025-12-31"),  # across New Year
        ("met last Wednesday", WED, "2026-03-04"),
        ("meets next Wednesday", WED, "2026-03-18"),
        ("meets this Friday", WED, "2026-03-13"),
        ("khai mạc hôm thứ Tư tại Hà Nội", WED, "2026-03-11"),
        ("họp vào Chủ nhật", WED, "2026-03-08"),
    ],
)
def test_weekdays_resolve_against_publication(text: str, published: dt.date, value: str) -> None:
    mention = only(text, published)
    assert (mention.value, mention.kind, mention.anchor) == (value, "day", "relative")


@pytest.mark.parametrize(
    ("text", "published", "words", "value"),
    [
        ("in Hà Nội from March 10 to 13. In", WED, "March 10 to 13", "2026-03-10/2026-03-13"),
        (
            "from January 19 to 23, 2026, the",
            WED,
            "January 19 to 23, 2026",
            "2026-01-19/2026-01-23",
        ),
        (
            "take place from February 2 to 13",
            dt.date(2026, 1, 28),
            "February 2 to 13",
            "2026-02-02/2026-02-13",
        ),
        (
            f"on March 10{EN_DASH}13, 2026",
            WED,
            f"March 10{EN_DASH}13, 2026",
            "2026-03-10/2026-03-13",
        ),
        ("between 10 and 13 March", WED, "10 and 13 March", "2026-03-10/2026-03-13"),
        ("The event runs 9-11 April.", WED, "9-11 April", "2026-04-09/2026-04-11"),
        ("from March 30 to April 2", WED, "March 30 to April 2", "2026-03-30/2026-04-02"),
        (
            "from December 29 to January 2",
            dt.date(2025, 12, 20),
            "December 29 to January 2",
            "2025-12-29/2026-01-02",
        ),
        (
            "December 29 to January 2, 2026",
            WED,
            "December 29 to January 2, 2026",
            "2025-12-29/2026-01-02",
        ),
        (f"diễn ra 10{EN_DASH}13/3 tại Hà Nội", WED, f"10{EN_DASH}13/3", "2026-03-10/2026-03-13"),
        ("diễn ra từ ngày 10 đến 13/3 tại", WED, "ngày 10 đến 13/3", "2026-03-10/2026-03-13"),
        (
            "từ ngày 28/12/2025 đến ngày 2/1/2026",
            WED,
            "ngày 28/12/2025 đến ngày 2/1/2026",
            "2025-12-28/2026-01-02",
        ),
    ],
)
def test_ranges(text: str, published: dt.date, words: str, value: str) -> None:
    mention = only(text, published)
    assert (mention.text, mention.value, mention.kind) == (words, value, "range")


def test_two_listed_days_are_not_a_range() -> None:
    assert spans("on March 10 and 13") == [
        ("March 10", "2026-03-10", "day"),
        ("13", "2026-03-13", "day"),
    ]


@pytest.mark.parametrize(
    ("text", "words", "value", "anchor"),
    [
        ("to be held in March 2026 in", "March 2026", "2026-03", "explicit"),
        ("expected in June", "June", "2026-06", "relative"),
        ("In May, the ministry", "May", "2026-05", "relative"),
        ("họp vào tháng 3/2026 tại", "tháng 3/2026", "2026-03", "explicit"),
        ("họp vào tháng 10 năm 2026 tại", "tháng 10 năm 2026", "2026-10", "explicit"),
        ("dự kiến vào tháng 12 tới", "tháng 12", "2026-12", "relative"),
    ],
)
def test_months(text: str, words: str, value: str, anchor: str) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind, mention.anchor) == (
        words,
        value,
        "month",
        anchor,
    )


@pytest.mark.parametrize(
    ("text", "words", "value", "anchor"),
    [
        (
            "(AFF) in the second quarter this year, thanked",
            "the second quarter this year",
            "2026-Q2",
            "relative",
        ),
        ("in the first quarter of 2026, the", "the first quarter of 2026", "2026-Q1", "explicit"),
        (
            "by the fourth quarter of next year",
            "the fourth quarter of next year",
            "2027-Q4",
            "relative",
        ),
        ("launch in Q2 2026.", "Q2 2026", "2026-Q2", "explicit"),
        ("launch in Q3.", "Q3", "2026-Q3", "relative"),
        ("tổ chức trong quý II/2026.", "quý II/2026", "2026-Q2", "explicit"),
        ("tổ chức trong quý 3 năm 2026.", "quý 3 năm 2026", "2026-Q3", "explicit"),
        ("hoàn thành trong quý I năm nay", "quý I năm nay", "2026-Q1", "relative"),
    ],
)
def test_quarters(text: str, words: str, value: str, anchor: str) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind, mention.anchor) == (
        words,
        value,
        "quarter",
        anchor,
    )


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("results for H1 2026 show", "H1 2026", "2026-H1"),
        ("in the first half of 2026, exports", "the first half of 2026", "2026-H1"),
        ("in the second half of this year", "the second half of this year", "2026-H2"),
        ("trong 6 tháng đầu năm 2026, xuất khẩu", "6 tháng đầu năm 2026", "2026-H1"),
        ("6 tháng cuối năm nay", "6 tháng cuối năm nay", "2026-H2"),
        ("trong nửa đầu năm 2027", "nửa đầu năm 2027", "2027-H1"),
    ],
)
def test_halves(text: str, words: str, value: str) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind) == (words, value, "half")


@pytest.mark.parametrize(
    ("text", "published", "words", "value", "anchor"),
    [
        ("host APEC in 2027, when", WED, "2027", "2027", "explicit"),
        ("ưu tiên của Việt Nam trong năm 2026.", WED, "năm 2026", "2026", "explicit"),
        ("CPTPP chairmanship this year.", WED, "this year", "2026", "relative"),
        ("to be decided next year.", dt.date(2025, 12, 31), "next year", "2026", "relative"),
        ("since last year", NEW_YEAR, "last year", "2025", "relative"),
        ("This year the bloc", WED, "This year", "2026", "relative"),
        ("kế hoạch năm nay", WED, "năm nay", "2026", "relative"),
        ("trong năm tới", dt.date(2025, 12, 31), "năm tới", "2026", "relative"),
        ("so với năm ngoái", NEW_YEAR, "năm ngoái", "2025", "relative"),
        ("a target of 30 VSIPs by 2026.", WED, "2026", "2026", "explicit"),
    ],
)
def test_years(text: str, published: dt.date, words: str, value: str, anchor: str) -> None:
    mention = only(text, published)
    assert (mention.text, mention.value, mention.kind, mention.anchor) == (
        words,
        value,
        "year",
        anchor,
    )


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("throughout the 2026 - 2030 period, the", "2026 - 2030", "2026/2030"),
        (f"relations for 2024{EN_DASH}2027, including", f"2024{EN_DASH}2027", "2024/2027"),
        ("from 2026 to 2030", "2026 to 2030", "2026/2030"),
        ("Between 2020 and 2025, trade doubled", "2020 and 2025", "2020/2025"),
        ("the 2021-25 plan", "2021-25", "2021/2025"),
        ("nhiệm kỳ 2026-2030", "2026-2030", "2026/2030"),
        ("từ năm 2026 đến năm 2030", "2026 đến năm 2030", "2026/2030"),
    ],
)
def test_year_ranges(text: str, words: str, value: str) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.kind) == (words, value, "yearrange")


@pytest.mark.parametrize(
    "text",
    [
        "the 14th National Party Congress",
        "the ninth Commission Meeting and the fifth anniversary",
        "Decision No. 141/QD-BCT",
        "Decree 15/2026/ND-CP",
        "19:05 | 23/03/2025 14:43 | 28/01/2026Trade",
        "at 14:43 on the day",
        "members may join the agreement",
        "a city with more than a thousand years of history",
        "under the Five-Point Consensus",
        "a target of 30 VSIPs",
        "some 2000 people attended",
        "a rise of 2025 %",
        "a population of 2025 million",
        "May he succeed.",
        "Bộ trưởng lần thứ hai",
        "trong những năm tới",
        "hai năm sau đó",
        "the last year of the plan",
        "the first half of the match",
        "the fourth quarter of the century",
        "Q3 results",
        "up 2.2026 points",
    ],
)
def test_not_calendar_placements(text: str) -> None:
    assert find_mentions(text, WED) == []


def test_relative_mentions_need_a_publication_date() -> None:
    text = "on Wednesday, in March, this year and on January 21, 2026"
    assert spans(text, None) == [("January 21, 2026", "2026-01-21", "day")]


def test_mentions_are_sorted_and_do_not_overlap() -> None:
    text = "In 2026 and throughout the 2026 - 2030 period, from March 10 to 13"
    found = find_mentions(text, WED)
    assert [m.text for m in found] == ["2026", "2026 - 2030", "March 10 to 13"]
    assert all(a.start + len(a.text) <= b.start for a, b in itertools.pairwise(found))


# (c) years inside names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "in_name"),
    [
        ("in alignment with the ASEAN Vision 2045.", "2045", True),
        ("particularly the 1982 UN Convention on the Law of the Sea", "1982", True),
        ("including the 1982 UNCLOS.", "1982", True),
        ("First Glorious Spring Fair 2026 to take place", "2026", True),
        ("host the third ASEAN Future Forum (AFF) 2026 in", "2026", True),
        ("implement the 2025\u20132030 Action Programme", "2025\u20132030", True),
        ("Tầm nhìn ASEAN 2045", "2045", True),
        ("Welcoming the Philippines\u2019 2026 Chairmanship priorities", "2026", False),
        ("during its 2025 Chairmanship, the", "2025", False),
        ("Việt Nam\u2019s CPTPP chairmanship 2026 is implemented", "2026", False),
        ("In 2026 Việt Nam chairs the CPTPP", "2026", False),
        ("the outlook to 2045.", "2045", False),
        ("là Chủ tịch CPTPP năm 2026", "năm 2026", False),
        ("the 2026 - 2030 period", "2026 - 2030", False),
    ],
)
def test_in_name(text: str, year: str, in_name: bool) -> None:
    mention = only(text)
    assert (mention.text, mention.in_name) == (year, in_name)


# publication date and language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (" date 2026-03-11 HÀ NỘI — The first", dt.date(2026, 3, 11)),
        ("Headline\n19:05 | 23/03/2025 14:43 | 28/01/2026Trade\nBody", dt.date(2026, 1, 28)),
        ("Body\n12:00 | 27/01/2026News\n08:00 | 29/01/2026News", dt.date(2026, 1, 27)),
        ("No date anywhere, except January 21, 2026 in the text.", None),
    ],
)
def test_publication_date(text: str, published: dt.date | None) -> None:
    assert publication_date(text) == published


def test_header_is_not_a_mention() -> None:
    text = " date 2026-03-11 HÀ NỘI — in 2027"
    assert find_mentions(text, WED) == [Mention("2027", text.index("2027"), "2027", "year")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bộ trưởng Nguyễn Hồng Diên đã có cuộc họp song phương", "vi"),
        ("The meeting opened in Hà Nội on Wednesday, Việt Nam said.", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
