"""The page for daily use, in headless Chromium with the clock set: the reader's today, the views,
labels that never overlap, statuses told apart, the owner filter, print sizes."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chairplan import api
from chairplan.export import timeline

from .conftest import MakePlan
from .feedtools import REPO, copy_plan
from .webtools import CSP_WATCH, artifacts, browser, english_country_names, named

__all__ = ["browser"]  # the fixture, imported for pytest
pytestmark = pytest.mark.xdist_group("web_views")

BUILT = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)  # the plan's revision: a week before
READER = dt.datetime(2026, 12, 10, 2, 30, tzinfo=dt.UTC)  # 10 December, 09:30 in Hà Nội
DESKTOP, PHONE = 1280, 390
MAKE_PLAN = REPO / "bench" / "make_plan.py"
# The 105-event plan's timeline, whole plan at desktop width, is at most this tall (measured 1,420).
TIMELINE_105_MAX = 1450


def build(root: Path, out: Path, lang: str = "en") -> str:
    api.build(root, out, BUILT, lang)  # type: ignore[arg-type]
    return (out / "index.html").as_uri()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bundled")
    return build(copy_plan(REPO, folder / "plan"), folder / "site")


@pytest.fixture(scope="module")
def plan_105(tmp_path_factory: pytest.TempPathFactory) -> str:
    """bench/make_plan.py's plan of 105 events over five years and five bodies."""
    folder = tmp_path_factory.mktemp("p105")
    spec = importlib.util.spec_from_file_location("make_plan", MAKE_PLAN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_plan"] = module  # its dataclasses look it up there
    try:
        spec.loader.exec_module(module)
        module.main(["--events", "105", "--articles", "21", "--out", str(folder / "plan")])
    finally:
        del sys.modules["make_plan"]
    return build(folder / "plan", folder / "site")


@contextlib.contextmanager
def opened(
    browser: Any, url: str, width: int = DESKTOP, at: dt.datetime = READER, height: int = 900
) -> Iterator[Any]:
    """The page at `width`, its clock fixed at `at` in Hà Nội; fails on console errors or CSP."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, timezone_id="Asia/Ho_Chi_Minh"
    )
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.add_init_script(CSP_WATCH)
        page.clock.set_fixed_time(at)
        page.goto(url)
        yield page
        assert errors == []
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def month_x(page: Any, month: str) -> float:
    return float(page.locator(f'svg.timeline line.grid[data-month="{month}"]').get_attribute("x1"))


def line_x(page: Any, kind: str) -> float:
    return float(page.locator(f"svg.timeline g.{kind} line").get_attribute("x1"))


def test_the_today_line_is_the_readers_day_and_the_revision_day_is_named(
    browser: Any, bundled: str
) -> None:
    with opened(browser, bundled) as page:
        december, january = month_x(page, "2026-12"), month_x(page, "2027-01")
        assert line_x(page, "today") == pytest.approx(
            december + 9 / 31 * (january - december), abs=0.1
        )
        november = month_x(page, "2026-11")
        assert line_x(page, "revised") == pytest.approx(
            november + 22 / 30 * (december - november), abs=0.1
        )
        assert page.locator(".lede").inner_text() == (
            "Plan revised 23 November 2026 · today 10 December 2026 · 15 events"
        )
        legend = page.locator("#legend li:visible").all_inner_texts()
        assert legend[-2:] == ["plan revised 23 November 2026", "today 10 December 2026"]
        assert page.locator("svg.timeline g.today title").text_content() == "today 10 December 2026"
        page.locator('#views button[data-view="year"]').click()  # today follows every view
        assert page.locator("#period").inner_text() == "2026"
        december = month_x(page, "2026-12")
        january = float(page.locator("svg.timeline").get_attribute("width")) - 10  # the axis' end
        assert line_x(page, "today") == pytest.approx(
            december + 9 / 31 * (january - december), abs=0.1
        )


def test_without_javascript_only_the_revision_day_is_drawn(browser: Any, bundled: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled)
    assert page.locator("svg.timeline g.today").count() == 0
    assert page.locator("svg.timeline g.revised title").text_content() == (
        "plan revised 23 November 2026"
    )
    assert page.locator("#views").is_hidden() and page.locator("#today-note").is_hidden()
    context.close()


def test_a_phone_opens_with_today_in_sight(browser: Any, bundled: str) -> None:
    with opened(browser, bundled, PHONE, height=844) as page:
        scroller = page.locator("#timeline .scroll")
        assert scroller.evaluate("s => s.scrollLeft") > 0
        line = page.locator("svg.timeline g.today line").bounding_box()
        frame = scroller.bounding_box()
        assert frame["x"] < line["x"] < frame["x"] + frame["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


# Every pair of boxes (a bar or a label) of different events in one lane that intersect.
OVERLAPS = """svg => {
  const hits = [];
  for (const lane of svg.querySelectorAll("g.lane:not(.is-hidden)")) {
    const boxes = [];
    for (const ev of lane.querySelectorAll("g.event")) {
      for (const part of ev.querySelectorAll("rect.bar, text.label")) {
        const r = part.getBoundingClientRect();
        boxes.push([ev.dataset.event, r.left, r.top, r.right, r.bottom]);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, al, at, ar, ab] = boxes[i], [b, bl, bt, br, bb] = boxes[j];
        if (a !== b && al < br - 0.5 && bl < ar - 0.5 && at < bb - 0.5 && bt < ab - 0.5) {
          hits.push(a + " / " + b);
        }
      }
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_two_labels_overlap_in_any_view(browser: Any, plan_105: str, bundled: str, width: int) -> None:  # fmt: skip
    for url in (bundled, plan_105):
        with opened(browser, url, width) as page:
            svg = page.locator("svg.timeline")
            for view in ("whole", "year", "quarter", "weeks", "whole"):
                page.locator(f'#views button[data-view="{view}"]').click()
                assert svg.get_attribute("data-view") == view
                assert svg.evaluate(OVERLAPS) == [], (url, view)
                if view != "whole":
                    page.locator('#views button[data-step="1"]').click()
                    assert svg.evaluate(OVERLAPS) == [], (url, view, "later")


def test_a_105_event_plan_fits_in_a_short_page(browser: Any, plan_105: str) -> None:
    with opened(browser, plan_105) as page:
        svg = page.locator("svg.timeline")
        assert svg.locator("g.event").count() == 105
        height = svg.bounding_box()["height"]
        assert height <= TIMELINE_105_MAX
        print(f"105 events: timeline {height:.0f} px tall")


def geometry(page: Any) -> dict[str, list[str]]:
    return page.locator("svg.timeline g.event").evaluate_all(
        """els => Object.fromEntries(els.map(e => [e.dataset.event, [
            ...["x", "y", "width"].map(k => (+e.querySelector("rect.bar").getAttribute(k)).toFixed(1)),
            (+e.querySelector("text.label").getAttribute("x")).toFixed(1),
            e.querySelector("text.label").getAttribute("text-anchor"),
            e.querySelector("text.label").textContent,
            e.closest("g.lane").dataset.lane]]))"""
    )


def test_the_script_draws_the_opening_view_as_the_build_drew_it(browser: Any, plan_105: str, bundled: str) -> None:  # fmt: skip
    for url in (bundled, plan_105):
        with opened(browser, url) as page:
            built = geometry(page)
            heights = page.locator("g.lane").evaluate_all("els => els.map(e => e.dataset.height)")
            page.locator('#views button[data-view="year"]').click()
            page.locator('#views button[data-view="whole"]').click()
            assert geometry(page) == built
            assert page.locator("g.lane").evaluate_all("els => els.map(e => e.dataset.height)") == heights  # fmt: skip


def test_labels_of_one_lane_are_never_alike(browser: Any, bundled: str) -> None:
    with opened(browser, bundled) as page:
        labels = page.locator('g.lane[data-lane="cptpp/bilateral"] text.label').all_text_contents()
        assert sorted(labels) == [
            "● Bilateral … Japan's State Minister Kazuchika…",
            "● Bilateral … New Zealand Trade Minister Todd M…",
        ]
        bar = page.locator('g.lane[data-lane="cptpp/bilateral"] g.event').first
        bar.focus()
        tip = page.locator("#timeline .tip")
        assert tip.is_visible() and tip.inner_text().startswith("Bilateral meeting: Minister")


STATUS_PLAN = """\
bodies:
  - {id: b, short: B, name: Body}
events:
""" + "".join(
    f"  - {{id: {s}, title: {s.title()} meeting, when: 2026-0{k}-10, body: b, status: {s}}}\n"
    for k, s in enumerate(
        ("planned", "tentative", "confirmed", "held", "postponed", "cancelled"), 1
    )
)

BAR_LOOKS = """els => els.map(r => {
  const s = getComputedStyle(r), owner = r.closest("[data-event], [data-status]");
  return [owner.dataset.event || owner.dataset.status,
          s.fill, s.fillOpacity, s.stroke, s.strokeDasharray, s.strokeWidth, s.opacity];
}).sort()"""
LOOKS = """els => els.map(e => {
  const bar = getComputedStyle(e.querySelector("rect.bar"));
  const label = e.querySelector("text.label");
  return [e.dataset.event, bar.fill, bar.fillOpacity, bar.stroke, bar.strokeDasharray,
          bar.strokeWidth, bar.opacity, getComputedStyle(label).textDecorationLine,
          label.textContent.replace(/^⚠ /, "").split(" ")[0]];
})"""


def test_each_status_looks_different_with_colour_and_without(
    browser: Any, make_plan: MakePlan
) -> None:
    root = make_plan({"plan.yaml": STATUS_PLAN})
    with opened(browser, build(root, root / "site")) as page:
        looks = page.locator("svg.timeline g.event").evaluate_all(LOOKS)
        assert len({tuple(look[1:]) for look in looks}) == 6
        # Without colour: what is filled with the body's colour or the paper, the opacities, the
        # outline's pattern, a strike-through and the mark.
        grey = {(fill == "rgb(255, 255, 255)", *rest[:1], *rest[2:]) for _, fill, *rest in looks}
        assert len(grey) == 6
        marks = {look[0]: look[-1] for look in looks}
        assert marks == {
            "planned": "Planned",
            "tentative": "?",
            "confirmed": "✓",
            "held": "●",
            "postponed": "↷",
            "cancelled": "✕",
        }
        bars = page.locator("svg.timeline g.event rect.bar").evaluate_all(BAR_LOOKS)
        assert page.locator(".legend.statuses rect.bar").evaluate_all(BAR_LOOKS) == bars
        assert page.locator(".legend.statuses li").all_inner_texts() == [
            "planned", "? tentative", "✓ confirmed", "● held", "↷ postponed", "✕ cancelled",
        ]  # fmt: skip


def test_the_owner_filter_shows_one_owners_deliverables(browser: Any, bundled: str) -> None:
    with opened(browser, bundled) as page:
        every = page.locator("#checklist li.deliverable").count()
        owner = "Ministry of Industry and Trade"
        page.locator("#owner-filter").select_option(owner)
        shown = page.locator("#checklist li.deliverable:visible")
        assert shown.count() == 2
        assert set(shown.evaluate_all("els => els.map(e => e.dataset.owner)")) == {owner}
        assert shown.first.locator(".owner").inner_text() == f"Owner: {owner}"
        priorities = page.locator("#checklist article.priority:visible")
        assert priorities.count() == 2 < page.locator("#checklist article.priority").count()
        assert page.locator("#checklist section.body-check:visible").count() == 1
        page.locator("#owner-filter").select_option("")
        assert page.locator("#checklist li.deliverable:visible").count() == every


PT8 = 8 * 96 / 72  # CSS px

# Every piece of visible text and the size it prints at: an SVG text's size times its scale.
PRINT_SIZES = """() => {
  const sizes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el.getClientRects().length || el.closest("title, script")) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM().a;
    sizes.push([size, n.textContent.trim().slice(0, 30)]);
  }
  return sizes;
}"""


def test_print_on_a4_has_no_label_below_8pt(browser: Any, plan_105: str, bundled: str) -> None:
    for url in (bundled, plan_105):
        with opened(browser, url, width=703) as page:  # A4 less the print margins
            page.emulate_media(media="print")
            svg = page.locator("svg.timeline")
            for _ in range(100):  # the media change reaches the page's script a moment later
                if float(svg.get_attribute("width")) <= 700:
                    break
                page.wait_for_timeout(20)
            assert float(svg.get_attribute("width")) <= 700
            small = [
                (round(s, 2), text) for s, text in page.evaluate(PRINT_SIZES) if s < PT8 - 0.01
            ]
            assert small == []
            page.emulate_media(media="screen")
            page.locator("svg.timeline:not([width='700'])").wait_for()  # drawn for the screen again
    with opened(browser, bundled) as page:
        page.pdf(path=str(artifacts() / "page-a4.pdf"), format="A4", print_background=True)


def test_the_vietnamese_views_name_their_period_in_vietnamese(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("vi")
    url = build(copy_plan(REPO, folder / "plan"), folder / "site", "vi")
    with opened(browser, url) as page:
        page.locator('#views button[data-view="quarter"]').click()
        assert page.locator("#period").inner_text() == "Quý 4 năm 2026"
        assert (
            page.locator(".lede")
            .inner_text()
            .startswith("Kế hoạch cập nhật ngày 23/11/2026 · hôm nay 10/12/2026 · ")
        )


# What a reader sees or hears of the page: its rendered text, and every tooltip and spoken label.
READ_ALOUD = """() => [document.body.innerText,
    ...[...document.querySelectorAll("[title], [aria-label]")].map(e =>
        (e.getAttribute("title") || "") + " " + (e.getAttribute("aria-label") || "")),
    ...[...document.querySelectorAll("svg title, svg text")].map(e => e.textContent)].join("\\n")"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_vietnamese_page_names_no_country_in_english(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, width: int
) -> None:
    """In Chromium, in every view: the page's text, tooltips and labels. The English page is read
    the same way, to show that the search finds the names where they are."""
    names = english_country_names()
    folder = tmp_path_factory.mktemp("countries")
    for lang, expected in (("en", {"Japan", "Vietnam"}), ("vi", set())):
        url = build(copy_plan(REPO, folder / f"plan-{lang}"), folder / f"site-{lang}", lang)
        with opened(browser, url, width) as page:
            seen = [page.evaluate(READ_ALOUD)]
            for view in ("whole", "year", "quarter", "weeks"):
                page.locator(f'#views button[data-view="{view}"]').click()
                seen.append(page.locator("svg.timeline").evaluate(
                    "svg => [...svg.querySelectorAll('title, text')].map(e => e.textContent).join('\\n')"
                ))  # fmt: skip
            found = set(named("\n".join(seen), names))
            assert found >= expected if expected else found == set(), (lang, found)


def test_a_large_plans_page_draws_every_year_from_its_data(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paged as a large plan is (see test_web_paged.py): the agenda lists 2026 only, the timeline
    opens on 2026 and draws 2025 and 2027 from the page's data, tooltips as the build words them."""
    monkeypatch.setattr(timeline, "WHOLE_PLAN_LIMIT", 5)
    url = build(copy_plan(REPO, tmp_path / "plan"), tmp_path / "site")
    with opened(browser, url) as page:
        svg = page.locator("svg.timeline")
        assert page.locator("#period").inner_text() == "2026"
        assert (
            page.locator('#views button[aria-pressed="true"]').get_attribute("data-view") == "year"
        )
        tips = "els => Object.fromEntries(els.map(e => [e.dataset.event, e.querySelector('title').textContent]))"  # fmt: skip
        built = svg.locator("g.event").evaluate_all(tips)
        page.locator('#views button[data-view="year"]').click()  # drawn again, by app.js
        assert svg.locator("g.event").evaluate_all(tips) == built
        page.locator('#views button[data-step="1"]').click()
        assert page.locator("#period").inner_text() == "2027"
        assert svg.locator("g.event").evaluate_all("els => els.map(e => e.dataset.event)") == [
            "apec-2027-viet-nam"
        ]
        page.locator('#views button[data-step="-1"]').click()
        page.locator('#views button[data-step="-1"]').click()
        assert page.locator("#period").inner_text() == "2025"
        assert sorted(svg.locator("g.event").evaluate_all("els => els.map(e => e.dataset.event)")) == [
            "cptpp-bilateral-vn-jp-2025", "cptpp-bilateral-vn-nz-2025", "cptpp-commission-9",
        ]  # fmt: skip
        page.locator('#views button[data-view="whole"]').click()
        assert svg.locator("g.event").count() == 15
        assert page.locator("#agenda li.item").count() == 11  # 2026's; the others on their pages
        page.locator('nav.years a[href="agenda-2027.html"]').click()
        assert page.locator("#agenda li.item").evaluate_all("els => els.map(e => e.dataset.event)") == [
            "apec-2027-viet-nam"
        ]  # fmt: skip
