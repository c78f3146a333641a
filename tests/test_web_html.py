"""The page's pieces without a browser: timeline geometry, feed links, languages, build options."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan.cli import app
from chairplan.dates import parse_window
from chairplan.errors import Location, Problem
from chairplan.export import timeline
from chairplan.export.html import feed_link, page_chunks
from chairplan.export.labels import window_label
from chairplan.export.revisions import Revisions
from chairplan.export.site import prepare
from chairplan.export.timeline import Item, layout, x_of
from chairplan.plan.read import read_plan

from .conftest import MakePlan
from .feedtools import REPO, STAMP, built, copy_plan
from .webtools import CLASH_PLAN

D = dt.date


def item(id: str, start: D, end: D, lane: str = "a", firm: bool = True, label: str = "x") -> Item:
    return Item(id, lane, start, end, firm, label)


def test_days_map_onto_months() -> None:
    first = D(2026, 1, 1)
    assert x_of(first, first) == timeline.LABEL_WIDTH
    assert x_of(D(2026, 3, 1), first) == timeline.LABEL_WIDTH + 2 * timeline.MONTH_WIDTH
    assert x_of(D(2027, 1, 1), first) == timeline.LABEL_WIDTH + 12 * timeline.MONTH_WIDTH
    mid = x_of(D(2026, 2, 15), first)  # 14 of February's 28 days
    assert mid == timeline.LABEL_WIDTH + 1.5 * timeline.MONTH_WIDTH


def test_the_axis_spans_whole_months_of_every_item() -> None:
    chart = layout(
        [item("a", D(2025, 11, 20), D(2025, 11, 20)), item("b", D(2027, 1, 1), D(2027, 12, 31))],
        [("a", "A", "a")],
        D(2026, 3, 12),
    )
    assert [(t.year, t.month) for t in (chart.ticks[0], chart.ticks[-1])] == [
        (2025, 11),
        (2027, 12),
    ]
    assert len(chart.ticks) == 26
    assert chart.today_x == x_of(D(2026, 3, 12), D(2025, 11, 1))


def test_no_today_line_outside_the_axis_and_an_empty_plan_shows_its_year() -> None:
    chart = layout([], [("a", "A", "a")], D(2026, 3, 12))
    assert [(t.year, t.month) for t in chart.ticks] == [(2026, m) for m in range(1, 13)]
    assert chart.bars == () and chart.lanes[0].height > 0
    far = layout([item("a", D(2026, 1, 1), D(2026, 1, 2))], [("a", "A", "a")], D(2000, 1, 1))
    assert far.today_x is None


def test_bars_and_labels_in_one_lane_never_overlap() -> None:
    same_day = [
        item(f"e{k}", D(2026, 1, 29), D(2026, 1, 29), label="Bilateral meeting") for k in range(3)
    ]
    year = item("y", D(2026, 1, 1), D(2026, 12, 31), firm=False, label="Fifth anniversary")
    chart = layout([*same_day, year], [("a", "A", "a"), ("b", "B", "b")], D(2026, 3, 1))
    rows = sorted(bar.y for bar in chart.bars)
    assert len(set(rows)) == 4  # three labels on one day stack; the year gets its own row
    inside = next(bar for bar in chart.bars if bar.item.id == "y")
    assert inside.inside and inside.width == 12 * timeline.MONTH_WIDTH
    assert [lane.y for lane in chart.lanes] == [
        timeline.AXIS_HEIGHT,
        timeline.AXIS_HEIGHT + chart.lanes[0].height,
    ]
    assert chart.height == chart.lanes[1].y + chart.lanes[1].height


def test_a_label_near_the_end_goes_left_of_its_bar() -> None:
    bar = layout(
        [
            item("a", D(2026, 1, 1), D(2026, 1, 1)),
            item("z", D(2026, 12, 30), D(2026, 12, 30), label="late in the year"),
        ],
        [("a", "A", "a")],
        D(2026, 3, 1),
    ).bars[-1]
    assert (bar.item.id, bar.text_anchor, bar.text_x) == ("z", "end", bar.x - timeline.LABEL_GAP)


def test_long_labels_are_shortened() -> None:
    assert timeline.short_label("x" * 100) == "x" * (timeline.MAX_LABEL - 1) + "…"


@pytest.mark.parametrize(
    ("window", "en", "vi"),
    [
        ("2026-03-10..2026-03-13", "10–13 March 2026", "10–13/3/2026"),
        ("2026-01-29", "29 January 2026", "29/1/2026"),
        ("2026-Q2", "Q2 2026", "Quý 2 năm 2026"),  # CLDR's yQQQQ
        ("2026-H2", "H2 2026", "6 tháng cuối năm 2026"),
        ("2026-05", "May 2026", "tháng 5 năm 2026"),  # CLDR's yMMMM
        ("2027", "2027", "năm 2027"),
        ("2024..2027", "2024–2027", "2024–2027"),
        # CLDR's yMMMM interval, with its thin spaces around the dash
        ("2026-04..2026-06", "April 2026 – June 2026", "tháng 4\u2009–\u2009tháng 6 năm 2026"),
        (
            "2026-03-30..2026-04-02",
            "30 March 2026 – 2 April 2026",
            "30/3/2026\u2009–\u20092/4/2026",
        ),
    ],
)
def test_windows_in_words(window: str, en: str, vi: str) -> None:
    w = parse_window(window)
    assert (window_label(w, "en"), window_label(w, "vi")) == (en, vi)


def test_feed_links_relative_by_default_absolute_with_a_base_url() -> None:
    assert feed_link("All", "all.ics", None, 3) == feed_link("All", "all.ics", "", 3)
    relative = feed_link("All", "tracks/bilateral.ics", None, 3)
    assert (relative.href, relative.webcal) == ("tracks/bilateral.ics", None)
    absolute = feed_link("All", "tracks/bilateral.ics", "https://plan.example.org/feeds", 3)
    assert absolute.href == "https://plan.example.org/feeds/tracks/bilateral.ics"
    assert absolute.webcal == "webcal://plan.example.org/feeds/tracks/bilateral.ics"


def test_build_with_a_base_url_links_every_feed(tmp_path: Path) -> None:
    root = copy_plan(REPO, tmp_path / "plan")
    runner = CliRunner()
    args = ["--root", str(root), "build", "--out", str(tmp_path / "site")]
    result = runner.invoke(app, [*args, "--base-url", "https://plan.example.org/feeds/"])
    assert result.exit_code == 0, result.output
    assert "wrote " + str(tmp_path / "site" / "index.html") in result.output
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="webcal://plan.example.org/feeds/cptpp.ics"' in page
    assert 'href="https://plan.example.org/feeds/tracks/bilateral.ics"' in page
    refused = runner.invoke(app, [*args, "--base-url", "javascript:alert(1)"])
    assert (refused.exit_code, refused.output) == (
        1,
        "--base-url 'javascript:alert(1)' must be an http:// or https:// address, "
        "e.g. https://plan.example.org/feeds/\n",
    )


def test_vietnamese_page(tmp_path: Path) -> None:
    files = built(copy_plan(REPO, tmp_path / "plan"), tmp_path / "site", lang="vi")
    page = files["index.html"].decode()
    assert '<html lang="vi">' in page
    for words in ("Kế hoạch năm Chủ tịch", "Tổng quan cả năm", "chưa chốt ngày", "Quý 2 năm 2026"):
        assert words in page, words
    assert "Phiên họp Hội đồng cấp Bộ trưởng CPTPP" in page  # the event's own Vietnamese title
    assert "Tháng 3 năm 2026" in page


def test_the_page_loads_nothing_from_the_network(tmp_path: Path) -> None:
    files = built(copy_plan(REPO, tmp_path / "plan"), tmp_path / "site")
    page = files["index.html"].decode()
    assert re.findall(r'(?:src|href)="([^"]*)"', page.split("<body>", 1)[0]) == [
        "data:,",
        "style.css",
        "app.js",
    ]
    assert (
        "url(" not in files["style.css"].decode() and "@import" not in files["style.css"].decode()
    )
    script = files["app.js"].decode()
    assert not any(call in script for call in ("fetch(", "XMLHttpRequest", "import(", "eval("))


def section_text(page: str, section: str) -> str:
    """What a reader reads in one section of the page: the tags dropped, the spaces collapsed."""
    found = re.search(rf'<section id="{section}".*?</section>', page, re.DOTALL)
    assert found, section
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", found.group(0))).split())


def flagged(page: str) -> list[tuple[str, str]]:
    """(tag, event id) of every element outlined because a finding involves its event."""
    pattern = r'<(g|li) class="[^"]*\bflagged\b[^"]*"[^>]*? data-event="([^"]+)"'
    return re.findall(pattern, page)


def clash_page(make_plan: MakePlan, out: Path, level: str, lang: str = "en") -> str:
    """index.html of CLASH_PLAN, built as of 1 March 2026."""
    root = make_plan({"plan.yaml": CLASH_PLAN.replace("LEVEL", level)})
    return built(root, out, lang=lang)["index.html"].decode()


CLASH_MESSAGE = (
    "m1 and m2 are both ministers meetings of CPTPP on 20 May 2026; move one, or waive "
    "clash.body with the reason (one held on the sidelines of the other)"
)


def test_events_of_a_finding_are_outlined_and_listed_under_checks(
    make_plan: MakePlan, tmp_path: Path
) -> None:
    page = clash_page(make_plan, tmp_path / "site", "ministers")
    assert sorted(flagged(page)) == [("g", "m1"), ("g", "m2"), ("li", "m1"), ("li", "m2")]
    assert page.count('<rect class="flag"') == 2 and page.count('<a class="flag"') == 2
    assert (
        '<a class="flag" href="#check-1" title="Checks: clash.body" '
        'aria-label="Checks: clash.body">⚠</a> Ministers&#39; meeting</span>'
    ) in page
    assert ">⚠ Ministers&#39; meeting</text>" in page  # the timeline's label and tooltip
    assert "<title>Ministers&#39; meeting · 20 May 2026 · ⚠ Checks: clash.body</title>" in page
    assert section_text(page, "checks") == (
        "Checks What the planning rules (clashes, holidays, observances, follow-ups) found as of "
        "1 March 2026. The events involved are outlined with a dashed line and marked ⚠ in the "
        f"timeline and the agenda. ⚠ clash.body warning {CLASH_MESSAGE} "
        "Events involved: Ministers' meeting, Ministers' retreat <b>&"
    )
    assert (
        '<a href="#event-m1" data-event="m1">Ministers&#39; meeting</a>, '
        '<a href="#event-m2" data-event="m2">Ministers&#39; retreat &lt;b&gt;&amp;</a>'
    ) in page
    assert 'id="event-m1"' in page and 'id="event-s1"' in page and 'id="check-1"' in page
    assert "plan.yaml" not in page and "schedules" not in page  # the page is published
    again = clash_page(make_plan, tmp_path / "again", "ministers")
    assert again == page


def test_a_plan_without_findings_says_so_in_one_line(make_plan: MakePlan, tmp_path: Path) -> None:
    page = clash_page(make_plan, tmp_path / "site", "senior-officials")
    assert flagged(page) == [] and 'class="flag"' not in page and "⚠" not in page
    assert section_text(page, "checks") == "Checks No findings from the planning rules."


def test_a_possible_finding_says_so_and_never_where_it_stands(make_plan: MakePlan) -> None:
    plan = read_plan(make_plan({"plan.yaml": CLASH_PLAN.replace("LEVEL", "senior-officials")})).plan
    possible = Problem(
        "schedules/private-notes.yaml",
        9,
        5,
        "clash.body",
        "clash.body: possibly: m1 and m2 may meet on one day",
        "warning",
        entry="m1",
        certainty="possible",
        related=(Location("schedules/private-notes.yaml", 10, 5, "m2"),),
    )
    site, _ = prepare(plan, Revisions(), STAMP, "en", findings=(possible,))
    page = b"".join(page_chunks(site)).decode()
    assert sorted(flagged(page)) == [("g", "m1"), ("g", "m2"), ("li", "m1"), ("li", "m2")]
    assert section_text(page, "checks").split("agenda. ", 1)[1] == (
        "⚠ clash.body warning possible m1 and m2 may meet on one day "
        "Events involved: Ministers' meeting, Ministers' retreat <b>&"
    )
    assert "private-notes" not in page and "schedules" not in page


def test_the_checks_in_vietnamese(make_plan: MakePlan, tmp_path: Path) -> None:
    page = clash_page(make_plan, tmp_path / "site", "ministers", lang="vi")
    assert sorted(flagged(page)) == [("g", "m1"), ("g", "m2"), ("li", "m1"), ("li", "m2")]
    assert 'aria-label="Kiểm tra: clash.body">⚠</a> Hội nghị Bộ trưởng</span>' in page
    assert section_text(page, "checks") == (
        "Kiểm tra Những điểm các quy tắc lập kế hoạch (trùng lịch, ngày lễ, thời gian cần tránh, "
        "việc cần theo dõi) phát hiện, tính đến 1/3/2026. Các sự kiện liên quan được viền nét "
        "đứt và đánh dấu ⚠ trên dòng thời gian và trong lịch sự kiện. Nội dung chi tiết được "
        f"ghi bằng tiếng Anh. ⚠ clash.body cảnh báo {CLASH_MESSAGE} "
        "Sự kiện liên quan: Hội nghị Bộ trưởng, Ministers' retreat <b>&"
    )
    clean = clash_page(make_plan, tmp_path / "clean", "senior-officials", lang="vi")
    assert section_text(clean, "checks") == (
        "Kiểm tra Các quy tắc lập kế hoạch không phát hiện vấn đề nào."
    )


def test_a_lane_s_labels_are_worked_out_again_only_when_its_titles_change(tmp_path: Path) -> None:
    """The timeline's labels are shortened lane by lane, and a lane's are remembered: a rebuild
    after one event's title changed (as `serve` makes) shortens that lane's again, no other."""
    from chairplan.export import html as page

    root = copy_plan(REPO, tmp_path / "plan")
    page._lane_labels.cache_clear()
    built(root, tmp_path / "one")
    first = page._lane_labels.cache_info()
    schedule = root / "schedules" / "cptpp-2026.yaml"
    text = schedule.read_text(encoding="utf-8")
    som1 = "First CPTPP Senior Officials' Meeting of 2026 (SOM1)"
    assert som1 in text
    schedule.write_text(text.replace(som1, "SOM1 of 2026, edited", 1), encoding="utf-8")
    pages = built(root, tmp_path / "two")
    second = page._lane_labels.cache_info()
    assert first.misses > 2 and first.hits == 0
    assert (second.misses - first.misses, second.hits) == (1, first.misses - 1)
    assert "SOM1 of 2026, edited" in section_text(pages["index.html"].decode(), "timeline")
