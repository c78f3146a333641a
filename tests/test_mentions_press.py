"""The recogniser on the forms other outlets print (issue 21): page furniture, partial publication
dates, weeks and relative words, pairs and lists, Vietnamese ranges and bare dates, one mention
per expression, years in names and years as periods; each in English and Vietnamese, exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan.cli import app
from chairplan.sources.mentions import (
    Anchor,
    Unresolved,
    find_mentions,
    publication_anchor,
    publication_date,
    read_mentions,
)
from tests.conftest import MakePlan

WED = dt.date(2026, 5, 6)  # a Wednesday
THU = dt.date(2025, 11, 20)  # a Thursday
EVE = dt.date(2025, 12, 30)  # a Tuesday, two days before New Year
NOV_2017 = Anchor(2017, 11, None, "the header")  # a header " date 2017-11"

Found = tuple[str, int, str, str, str, bool]


def found(text: str, published: dt.date | Anchor | None = WED) -> list[Found]:
    """Every mention as (words, start, value, kind, anchor, in_name)."""
    return [
        (m.text, m.start, m.value, m.kind, m.anchor, m.in_name)
        for m in find_mentions(text, published)
    ]


def day(words: str, start: int, value: str, anchor: str = "relative") -> Found:
    return (words, start, value, "day", anchor, False)


def week(words: str, start: int, value: str) -> Found:
    return (words, start, value, "range", "relative", False)


def month(words: str, start: int, value: str, anchor: str = "relative") -> Found:
    return (words, start, value, "month", anchor, False)


def year(
    words: str, start: int, value: str, anchor: str = "explicit", named: bool = False
) -> Found:
    return (words, start, value, "year", anchor, named)


def span(words: str, start: int, value: str, anchor: str = "relative") -> Found:
    return (words, start, value, "range", anchor, False)


# 1. Page furniture: stamps and datelines are not mentions, and give the publication date -------


@pytest.mark.parametrize(
    ("text", "published", "mentions"),
    [
        (
            "Published May 6, 2026, 08:15\nThe ministers met on Wednesday.",
            "2026-05-06",
            [day("Wednesday", 50, "2026-05-06")],
        ),
        (
            "Updated: 06/05/2026 10:20 GMT+7\nThe forum opens next week.",
            "2026-05-06",  # Vietnam's time: day first
            [week("next week", 48, "2026-05-11/2026-05-17")],
        ),
        (
            "By Minh Thu   June 3, 2026 | 04:18 pm GMT+7\nExports rose last month.",
            "2026-06-03",
            [month("last month", 57, "2026-05")],
        ),
        (
            "INQUIRER.net / 12/30/2025 05:10 AM\nThe calendar will open in January.",
            "2025-12-30",
            [month("January", 61, "2026-01")],
        ),
        (
            "Sat, November 22, 2025, 09:12\nTrade grew this year.",
            "2025-11-22",
            [year("this year", 41, "2025", "relative")],
        ),
        (
            "Thursday, 15 Jan 2026 10:05 AM MYT\nThe chair passed on Thursday.",
            "2026-01-15",
            [day("Thursday", 55, "2026-01-15")],
        ),
        (
            "11/06/2018 08:15\nThe leaders met on Monday.",
            "2018-11-06",  # an English page: month first, US style
            [day("Monday", 36, "2018-11-05")],
        ),
        (
            "Last update: 06/11/2025\nThe November meeting closed on Thursday.",
            "2025-11-06",  # the article names November: day first
            [day("Thursday", 55, "2025-11-06")],
        ),
        (
            "Minister to visit Cebu\n06/05/2026\nThe visit begins on May 7.",
            "2026-05-06",  # a date alone on its line
            [day("May 7", 54, "2026-05-07")],
        ),
        (
            "Thứ Sáu, 21/11/2025 - 14:30\nHôm nay, hội nghị bế mạc.",
            "2025-11-21",
            [day("Hôm nay", 28, "2025-11-21")],
        ),
        (
            "Thứ sáu, 21/11/2025, 14:30 (GMT+7)\nSáng nay, Thủ tướng chủ trì phiên họp.",
            "2025-11-21",
            [day("Sáng nay", 35, "2025-11-21")],
        ),
        (
            "21/11/2025 14:30 GMT+7\nĐoàn sẽ lên đường vào ngày mai.",
            "2025-11-21",
            [day("ngày mai", 45, "2025-11-22")],
        ),
        (
            "Cập nhật: 14:30 21/11/2025\nHội nghị khai mạc hôm qua.",
            "2025-11-21",
            [day("hôm qua", 45, "2025-11-20")],
        ),
        (
            "Ngày đăng: 07/05/2026\nBuổi họp báo diễn ra chiều nay.",
            "2026-05-07",
            [day("chiều nay", 43, "2026-05-07")],
        ),
        (
            "VGP - Thứ Năm, 21/05/2026 10:30\nChính phủ họp phiên thường kỳ.",
            "2026-05-21",
            [],
        ),
        (
            "Headline\n19:05 | 23/03/2025 14:43 | 28/01/2026Trade\nBody",
            "2026-01-28",  # the latest date of a stamp that has no label
            [],
        ),
    ],
)
def test_a_stamp_is_no_mention_and_gives_the_publication_date(
    text: str, published: str, mentions: list[Found]
) -> None:
    assert publication_date(text) == dt.date.fromisoformat(published)
    assert found(text, publication_date(text)) == mentions


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Hanoi, November 6 (VNA) – The talks opened today.", [day("today", 43, "2017-11-06")]),
        (
            "Kuala Lumpur, Nov 6 (Bernama) -- Officials met yesterday.",
            [day("yesterday", 47, "2017-11-05")],
        ),
        ("Hà Nội, 6/11 (TTXVN) - Hội nghị khai mạc hôm nay.", [day("hôm nay", 41, "2017-11-06")]),
    ],
)
def test_a_dateline_gives_the_day_in_the_headers_month(text: str, mentions: list[Found]) -> None:
    article = " date 2017-11 " + text
    anchor = publication_anchor(article)
    assert anchor == Anchor(2017, 11, 6, "the header and the dateline")
    shifted = [(w, s + len(" date 2017-11 "), *rest) for w, s, *rest in mentions]
    assert found(article, anchor) == shifted


@pytest.mark.parametrize(
    "text",
    [
        "4 hours ago\nThe summit closes on Friday.",
        "2 giờ trước\nHội nghị bế mạc vào thứ Sáu.",
        "3 days ago",
        "1 ngày trước",
    ],
)
def test_hours_ago_is_no_mention_and_no_date(text: str) -> None:
    assert publication_date(text) is None
    assert found(text, None) == []


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (
            "On Thứ Sáu, 21/11/2025, the minister said",
            [day("Thứ Sáu, 21/11/2025", 3, "2025-11-21", "explicit")],
        ),
        (
            "21/11/2025, Bộ trưởng đã ký quyết định.",
            [day("21/11/2025", 0, "2025-11-21", "explicit")],
        ),
        (
            "Thứ Tư, ngày 6/5/2026, hội nghị khai mạc.",
            [day("Thứ Tư, ngày 6/5/2026", 0, "2026-05-06", "explicit")],
        ),
        (
            "May 6, 2026 was the opening day.",
            [day("May 6, 2026", 0, "2026-05-06", "explicit")],
        ),
        (
            "The meeting, held at 10:30 on May 6, 2026, agreed.",
            [day("May 6, 2026", 30, "2026-05-06", "explicit")],
        ),
    ],
)
def test_a_date_in_a_sentence_is_a_mention_though_a_stamp_has_its_form(
    text: str, mentions: list[Found]
) -> None:
    assert found(text, None) == mentions


def test_the_header_comes_first_then_the_first_stamp() -> None:
    assert publication_date(" date 2026-05-07 Title\nPublished May 6, 2026, 08:15") == dt.date(
        2026, 5, 7
    )
    assert publication_date("Title\n06/05/2026 09:00 GMT+7\nRelated\n01/05/2026 10:00 GMT+7") == (
        dt.date(2026, 5, 6)
    )
    assert publication_anchor("Title\n06/05/2026 09:00 GMT+7").source == "a page stamp"


# 2. Partial publication dates: a month-only header still anchors what needs no day -------------


@pytest.mark.parametrize(
    ("text", "mentions", "unresolved"),
    [
        ("Trade grew this year.", [year("this year", 11, "2017", "relative")], []),
        ("Năm nay thương mại tăng.", [year("Năm nay", 0, "2017", "relative")], []),
        ("They meet next month.", [month("next month", 10, "2017-12")], []),
        ("Họ gặp nhau vào tháng tới.", [month("tháng tới", 16, "2017-12")], []),
        ("Exports fell last month.", [month("last month", 13, "2017-10")], []),
        ("The summit opens on November 10.", [day("November 10", 20, "2017-11-10")], []),
        ("Hội nghị khai mạc ngày 10.11.", [day("ngày 10.11", 18, "2017-11-10")], []),
        ("They met on Wednesday.", [], [Unresolved("Wednesday", 12, "day")]),
        ("Hôm nay hội nghị khai mạc.", [], [Unresolved("Hôm nay", 0, "day")]),
        ("The talks end this week.", [], [Unresolved("this week", 14, "day")]),
        (
            "The second quarter this year and Thursday.",
            [("The second quarter this year", 0, "2017-Q2", "quarter", "relative", False)],
            [Unresolved("Thursday", 33, "day")],
        ),
    ],
)
def test_a_month_only_header_places_what_needs_no_day(
    text: str, mentions: list[Found], unresolved: list[Unresolved]
) -> None:
    taken, left = read_mentions(text, NOV_2017)
    assert [(m.text, m.start, m.value, m.kind, m.anchor, m.in_name) for m in taken] == mentions
    assert left == unresolved


def test_without_any_date_relative_words_need_the_year_and_explicit_ones_stand() -> None:
    taken, left = read_mentions("This year, on March 5, 2026, and next month.", None)
    assert [(m.text, m.value) for m in taken] == [("March 5, 2026", "2026-03-05")]
    assert left == [Unresolved("This year", 0, "year"), Unresolved("next month", 33, "month")]


def test_an_unresolved_word_never_hides_a_mention_it_overlaps() -> None:
    # "September 14-12" would be a range across New Year, had the article a date.
    assert found("in September 14-12-2045 the", None) == [
        day("14-12-2045", 13, "2045-12-14", "explicit")
    ]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        (" date 2017-11 APEC 2017", Anchor(2017, 11, None, "the header")),
        (" date 2017-11-06 APEC", Anchor(2017, 11, 6, "the header")),
        ("No date at all.", Anchor()),
        (" date 2017-13 bad month", Anchor()),
    ],
)
def test_publication_anchor(text: str, anchor: Anchor) -> None:
    assert publication_anchor(text) == anchor
    assert publication_date(text) == anchor.date


def test_an_anchor_prints_as_the_header_writes_it() -> None:
    assert [str(a) for a in (Anchor(2017), NOV_2017, Anchor(2017, 11, 6), Anchor())] == [
        "2017",
        "2017-11",
        "2017-11-06",
        "",
    ]


def test_scan_says_on_stderr_what_a_month_only_header_cannot_place(
    tmp_path: Path, make_plan: MakePlan
) -> None:
    article = tmp_path / "x.txt"
    article.write_text(" date 2017-11 Leaders met on Wednesday.\nNext month, talks.\n", "utf-8")
    result = CliRunner().invoke(
        app, ["sources", "scan", str(article)], env={"CHAIRPLAN_ROOT": str(make_plan())}
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f'{article}:2:1  2017-12  month  "Next month"\n',
        f"{article}:1:30: 'Wednesday' needs the day of publication; the header gives only "
        "2017-11 (a first line ' date YYYY-MM-DD' gives the day)\n",
    )


# 3. Weeks and relative words, against the publication day (Wednesday 6 May 2026) --------------


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The talks end this week.", week("this week", 14, "2026-05-04/2026-05-10")),
        ("They met last week.", week("last week", 9, "2026-04-27/2026-05-03")),
        ("They meet next week.", week("next week", 10, "2026-05-11/2026-05-17")),
        ("Đoàn sẽ sang vào tuần tới.", week("tuần tới", 17, "2026-05-11/2026-05-17")),
        ("Hội nghị diễn ra tuần này.", week("tuần này", 17, "2026-05-04/2026-05-10")),
        ("Đoàn đã về nước tuần trước.", week("tuần trước", 16, "2026-04-27/2026-05-03")),
        ("Hai bên sẽ gặp lại tuần sau.", week("tuần sau", 19, "2026-05-11/2026-05-17")),
        ("Exports rose this month.", month("this month", 13, "2026-05")),
        ("The vote is next month.", month("next month", 12, "2026-06")),
        ("Exports fell last month.", month("last month", 13, "2026-04")),
        ("Hội nghị sẽ họp tháng tới.", month("tháng tới", 16, "2026-06")),
        ("Xuất khẩu tăng trong tháng này.", month("tháng này", 21, "2026-05")),
        ("Xuất khẩu giảm so với tháng trước.", month("tháng trước", 22, "2026-04")),
        ("Họ sẽ ký tháng sau.", month("tháng sau", 9, "2026-06")),
        ("The forum opens today.", day("today", 16, "2026-05-06")),
        ("Today, the forum opens.", day("Today", 0, "2026-05-06")),
        ("It closes tomorrow.", day("tomorrow", 10, "2026-05-07")),
        ("It opened yesterday.", day("yesterday", 10, "2026-05-05")),
        ("Hôm nay, diễn đàn khai mạc.", day("Hôm nay", 0, "2026-05-06")),
        ("Sáng nay, Thủ tướng tiếp đoàn.", day("Sáng nay", 0, "2026-05-06")),
        ("Chiều nay, hai bên hội đàm.", day("Chiều nay", 0, "2026-05-06")),
        ("Tối nay có tiệc chiêu đãi.", day("Tối nay", 0, "2026-05-06")),
        ("Rạng sáng nay, đoàn đã tới.", day("Rạng sáng nay", 0, "2026-05-06")),
        ("Ngày mai, hội nghị bế mạc.", day("Ngày mai", 0, "2026-05-07")),
        ("Tối mai đoàn lên đường.", day("Tối mai", 0, "2026-05-07")),
        ("Hôm qua, đoàn tới Hà Nội.", day("Hôm qua", 0, "2026-05-05")),
        ("Sáng nay (6/5), Thủ tướng tiếp đoàn.", day("Sáng nay (6/5)", 0, "2026-05-06")),
        ("They meet on Wednesday next week.", day("Wednesday next week", 13, "2026-05-13")),
        ("They met on Monday last week.", day("Monday last week", 12, "2026-04-27")),
        ("Hai bên gặp nhau thứ Hai tuần tới.", day("thứ Hai tuần tới", 17, "2026-05-11")),
        ("Hội nghị họp vào thứ năm tuần này.", day("thứ năm tuần này", 17, "2026-05-07")),
    ],
)
def test_relative_words_resolve_against_the_publication_day(text: str, mention: Found) -> None:
    assert found(text) == [mention]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The ministers met on Friday.", day("Friday", 21, "2026-05-01")),
        ("The ministers will meet on Friday.", day("Friday", 27, "2026-05-08")),
        ("Bộ trưởng sẽ tiếp đoàn vào thứ Sáu.", day("thứ Sáu", 27, "2026-05-08")),
        ("On Friday, the leaders will adopt it.", day("Friday", 3, "2026-05-08")),
        (
            "The summit will open next week, the ministry said on Monday.",
            day("Monday", 53, "2026-05-04"),
        ),
    ],
)
def test_a_weekday_in_a_clause_about_the_future_looks_ahead(text: str, mention: Found) -> None:
    summit = [week("next week", 21, "2026-05-11/2026-05-17")] if "next week" in text else []
    assert found(text) == sorted([*summit, mention], key=lambda m: m[1])


@pytest.mark.parametrize(
    ("text", "published", "mentions"),
    [
        ("The retreat will be held on January 28.", EVE, [day("January 28", 28, "2026-01-28")]),
        ("The retreat was held on January 28.", EVE, [day("January 28", 24, "2025-01-28")]),
        ("The talks would resume in March.", EVE, [month("March", 26, "2026-03")]),
        (
            "The Vision, adopted in May, will guide the bloc.",
            dt.date(2025, 10, 28),
            [month("May", 23, "2025-05")],
        ),
        (
            "Trong năm 2026, Việt Nam sẽ đăng cai các phiên họp vào tháng 6, 7.",
            THU,
            [
                year("năm 2026", 6, "2026"),
                month("tháng 6", 55, "2026-06"),
                month("7", 64, "2026-07"),
            ],
        ),
    ],
)
def test_a_date_without_its_year_comes_after_publication_in_a_clause_about_the_future(
    text: str, published: dt.date, mentions: list[Found]
) -> None:
    assert found(text, published) == mentions


@pytest.mark.parametrize(
    "text",
    [
        "over the next week",
        "in the last month of the year",
        "hai tuần trước, đoàn đã tới",
        "2 tuần trước",
        "trong những tháng tới",
        "3 tháng sau, dự án hoàn thành",
        "một tháng sau khi ký",
        "tuần trước đó",
        "ngày nay, thương mại phát triển",
        "trong những ngày qua",
        "4 hours ago",
        "2 giờ trước",
        "chị Mai",
    ],
)
def test_counts_and_other_senses_are_no_relative_dates(text: str) -> None:
    assert found(text) == []


# 4. Pairs and lists: every member is a mention, with the month or year carried over ------------


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("in March and April", [month("March", 3, "2026-03"), month("April", 13, "2026-04")]),
        (
            "in March and April 2026",
            [
                month("March", 3, "2026-03", "explicit"),
                month("April 2026", 13, "2026-04", "explicit"),
            ],
        ),
        (
            "in March, April and May",
            [
                month("March", 3, "2026-03"),
                month("April", 10, "2026-04"),
                month("May", 20, "2026-05"),
            ],
        ),
        (
            "on 20 and 21 November",
            [day("20", 3, "2026-11-20"), day("21 November", 10, "2026-11-21")],
        ),
        (
            "on 20, 21 and 22 November",
            [
                day("20", 3, "2026-11-20"),
                day("21", 7, "2026-11-21"),
                day("22 November", 14, "2026-11-22"),
            ],
        ),
        (
            "on March 10, 11 and 12",
            [
                day("March 10", 3, "2026-03-10"),
                day("11", 13, "2026-03-11"),
                day("12", 20, "2026-03-12"),
            ],
        ),
        (
            "on November 20 and 21, 2025",
            [
                day("November 20", 3, "2025-11-20", "explicit"),
                day("21, 2025", 19, "2025-11-21", "explicit"),
            ],
        ),
        ("on March 10 and 13", [day("March 10", 3, "2026-03-10"), day("13", 16, "2026-03-13")]),
        ("ngày 9 và 10/9", [day("ngày 9", 0, "2026-09-09"), day("10/9", 10, "2026-09-10")]),
        ("ngày 30/11 và 1/12", [day("ngày 30/11", 0, "2026-11-30"), day("1/12", 14, "2026-12-01")]),
        (
            "các ngày 9, 10 và 11/9/2026",
            [
                day("ngày 9", 4, "2026-09-09", "explicit"),
                day("10", 12, "2026-09-10", "explicit"),
                day("11/9/2026", 18, "2026-09-11", "explicit"),
            ],
        ),
        (
            "ngày 31/12 và 1/1/2027",
            [
                day("ngày 31/12", 0, "2026-12-31", "explicit"),
                day("1/1/2027", 14, "2027-01-01", "explicit"),
            ],
        ),
        ("trong tháng 3, 4.", [month("tháng 3", 6, "2026-03"), month("4", 15, "2026-04")]),
        (
            "tháng 3 và 4 năm 2026",
            [
                month("tháng 3", 0, "2026-03", "explicit"),
                month("4 năm 2026", 11, "2026-04", "explicit"),
            ],
        ),
        (
            "tháng 3, 4 và 5/2026",
            [
                month("tháng 3", 0, "2026-03", "explicit"),
                month("4", 9, "2026-04", "explicit"),
                month("5/2026", 14, "2026-05", "explicit"),
            ],
        ),
        ("trong tháng 3, 4 dự án khởi công", [month("tháng 3", 6, "2026-03")]),
        ("vào tháng 3 và 4 người", [month("tháng 3", 4, "2026-03")]),
    ],
)
def test_every_member_of_a_list_is_a_mention(text: str, mentions: list[Found]) -> None:
    assert found(text) == mentions


# 5. Vietnamese ranges and bare dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (
            "diễn ra ngày 5 đến 7-6-2026",
            [span("ngày 5 đến 7-6-2026", 8, "2026-06-05/2026-06-07", "explicit")],
        ),
        ("từ ngày 28-11 đến 1-12", [span("ngày 28-11 đến 1-12", 3, "2026-11-28/2026-12-01")]),
        (
            "từ 29-12 đến 2-1-2026",
            [span("29-12 đến 2-1-2026", 3, "2025-12-29/2026-01-02", "explicit")],
        ),
        ("trong các ngày 8 - 10.11", [span("ngày 8 - 10.11", 10, "2026-11-08/2026-11-10")]),
        ("Hạn chót đến 30-6.", [day("30-6", 13, "2026-06-30")]),
        ("Sáng mai (7-5), đoàn lên đường.", [day("Sáng mai (7-5)", 0, "2026-05-07")]),
        ("Hồ sơ nộp trước 15/7 tại Sở.", [day("15/7", 16, "2026-07-15")]),
        ("kéo dài từ 1-7 đến hết năm", [day("1-7", 11, "2026-07-01")]),
        (
            "từ tháng 3 đến tháng 5/2026",
            [span("tháng 3 đến tháng 5/2026", 3, "2026-03/2026-05", "explicit")],
        ),
        ("trong tháng 3-5/2026", [span("tháng 3-5/2026", 6, "2026-03/2026-05", "explicit")]),
        (
            "từ tháng 11/2025 đến tháng 2/2026",
            [span("tháng 11/2025 đến tháng 2/2026", 3, "2025-11/2026-02", "explicit")],
        ),
        (
            "từ tháng 11 đến tháng 2/2026",
            [span("tháng 11 đến tháng 2/2026", 3, "2025-11/2026-02", "explicit")],
        ),
        ("from March to May 2026", [span("March to May 2026", 5, "2026-03/2026-05", "explicit")]),
        ("between January and September", [span("January and September", 8, "2026-01/2026-09")]),
        ("in January-May, exports rose", [span("January-May", 3, "2026-01/2026-05")]),
    ],
)
def test_ranges_and_bare_days(text: str, mentions: list[Found]) -> None:
    assert found(text) == mentions


@pytest.mark.parametrize(
    "text",
    [
        "tăng 30-60% so với",
        "thắng 2-1 trên sân nhà",
        "tỷ số 3-0",
        "từ 2-3 năm nữa",
        "đến 1-2 triệu đồng",
        "từ 2.5-3.5 triệu",
        "hơn 1/2 số đại biểu",
        "24/7",
    ],
)
def test_scores_counts_and_fractions_are_no_days(text: str) -> None:
    assert [m for m in found(text) if m[3] in {"day", "range"}] == []


def test_a_year_range_is_no_day() -> None:
    assert found("giai đoạn 2020-2025") == [
        ("2020-2025", 10, "2020/2025", "yearrange", "explicit", False)
    ]


# 6. One expression, one mention ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("leave on Wednesday night, May 6.", day("Wednesday night, May 6", 9, "2026-05-06")),
        ("on Wednesday, May 6, the", day("Wednesday, May 6", 3, "2026-05-06")),
        ("On Wednesday (May 6) the", day("Wednesday (May 6)", 3, "2026-05-06")),
        ("on Thursday, 7 May", day("Thursday, 7 May", 3, "2026-05-07")),
        ("on Wednesday, 06/05/2026 at", day("Wednesday, 06/05/2026", 3, "2026-05-06", "explicit")),
        ("Thứ Tư, ngày 6/5, hội nghị", day("Thứ Tư, ngày 6/5", 0, "2026-05-06")),
        ("vào tối thứ Tư, 6/5 tại", day("tối thứ Tư, 6/5", 4, "2026-05-06")),
        ("khai mạc thứ Tư (6-5) tại", day("thứ Tư (6-5)", 9, "2026-05-06")),
        ("Thứ Sáu, 21/11/2025 là", day("Thứ Sáu, 21/11/2025", 0, "2025-11-21", "explicit")),
        ("in November next year", month("November next year", 3, "2027-11")),
        ("March this year", month("March this year", 0, "2026-03")),
        ("so với tháng 11 năm ngoái", month("tháng 11 năm ngoái", 7, "2025-11")),
        ("tháng 3 năm tới", month("tháng 3 năm tới", 0, "2027-03")),
        (
            "trong quý IV năm nay",
            ("quý IV năm nay", 6, "2026-Q4", "quarter", "relative", False),
        ),
    ],
)
def test_one_expression_is_one_mention(text: str, mention: Found) -> None:
    assert found(text) == [mention]


# 7. Years in names and years as periods -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Việt Nam hosts APEC 2027 in Phú Quốc.", year("2027", 20, "2027", named=True)),
        ("in line with the ASEAN Vision 2045.", year("2045", 30, "2045", named=True)),
        ("thực hiện Tầm nhìn 2045 của ASEAN", year("2045", 19, "2045", named=True)),
        ("Hội chợ mùa xuân 2026\nBody text.", year("2026", 17, "2026", named=True)),
        ("Khách tham quan mùa xuân 2026. Ảnh: TTXVN", year("2026", 25, "2026", named=True)),
        ("Năm Chủ tịch ASEAN 2026 của Việt Nam", year("2026", 19, "2026")),
        ("the ASEAN Chairmanship Year 2026 begins", year("2026", 28, "2026")),
        ("chuẩn bị cho Năm APEC 2027", year("2027", 22, "2027")),
        ("vai trò Chủ tịch ASEAN 2026", year("2026", 23, "2026")),
        (
            "Vào mùa xuân 2026, các bộ trưởng sẽ gặp nhau tại Hà Nội để bàn về kế hoạch hợp tác.",
            year("2026", 13, "2026"),
        ),
        (
            "In spring 2026 the ministers will meet in Hanoi to discuss the plans for the year.",
            year("2026", 10, "2026"),
        ),
    ],
)
def test_years_in_names_and_years_as_periods(text: str, mention: Found) -> None:
    assert found(text) == [mention]
