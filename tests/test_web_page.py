"""The built web page, served by `chairplan serve` and looked at in headless Chromium."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chairplan import api
from chairplan.cli import app
from chairplan.serve import Preview

from .conftest import MakePlan
from .feedtools import REPO, copy_plan
from .webtools import AS_OF, CLASH_PLAN, CSP_WATCH, artifacts, browser, fetch

__all__ = ["browser"]  # the fixture, imported for pytest
# One worker runs them all, so the module's browser and preview start once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("web_page")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = copy_plan(REPO, tmp_path_factory.mktemp("web") / "plan")
    with api.preview(root, 0, lambda: AS_OF) as running:
        yield running


@contextlib.contextmanager
def watched(browser: Any, url: str) -> Iterator[Any]:
    """The page at desktop width; fails the test on any console error or CSP violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.add_init_script(CSP_WATCH)
        page.goto(url)
        yield page
        assert errors == []
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, preview: Preview) -> Iterator[Any]:
    with watched(browser, preview.url) as page:
        yield page


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found, selector
    return dict(found)


def test_som1_is_in_the_cptpp_lane_in_march_2026(page: Any) -> None:
    som1 = 'g.lane[data-lane="cptpp"] g.event[data-event="cptpp-som1-2026"]'
    assert "SOM1" in page.locator(f"{som1} > title").text_content()
    bar = box(page, f"{som1} rect.bar")
    march, april = box(page, 'line[data-month="2026-03"]'), box(page, 'line[data-month="2026-04"]')
    assert march["x"] <= bar["x"] and bar["x"] + bar["width"] <= april["x"] + 1
    lane = box(page, 'g.lane[data-lane="cptpp"] rect.lane-bg')
    assert lane["y"] <= bar["y"] and bar["y"] + bar["height"] <= lane["y"] + lane["height"]


def test_the_future_forum_quarter_is_drawn_fuzzy(page: Any) -> None:
    aff = page.locator('g.lane[data-lane="asean"] g.event[data-event="asean-future-forum-2026"]')
    assert "fuzzy" in aff.get_attribute("class").split()
    assert aff.get_attribute("data-firm") == "false"
    rect = aff.locator("rect.bar")
    assert rect.get_attribute("fill") == "url(#hatch-c1)"
    assert rect.evaluate("r => getComputedStyle(r).fill").startswith('url("')
    assert rect.evaluate("r => getComputedStyle(r).strokeDasharray") != "none"
    bar = dict(rect.bounding_box())
    april, july = box(page, 'line[data-month="2026-04"]'), box(page, 'line[data-month="2026-07"]')
    assert abs(bar["x"] - april["x"]) < 2 and abs(bar["x"] + bar["width"] - july["x"]) < 2
    item = page.locator('#agenda li[data-event="asean-future-forum-2026"]')
    assert "date TBC" in item.text_content()
    assert "Q2 2026" in item.locator("xpath=ancestor::section[1]/h3").text_content()


def test_checklist_counts_match_status_json(page: Any, preview: Preview) -> None:
    as_of = page.locator("#as-of").get_attribute("datetime")
    assert as_of == AS_OF.date().isoformat()
    result = CliRunner().invoke(
        app, ["--root", str(preview.builder.root), "status", "--format", "json", "--as-of", as_of]
    )
    want = {
        p["id"]: (p["done"], p["total"])
        for body in json.loads(result.output)["bodies"]
        for p in body["priorities"]
    }
    shown = page.locator("#checklist article.priority").evaluate_all(
        "els => els.map(e => [e.dataset.priority, +e.dataset.done, +e.dataset.total])"
    )
    assert {pid: (done, total) for pid, done, total in shown} == want
    bars = page.locator("#checklist progress").evaluate_all("els => els.map(e => [e.value, e.max])")
    assert sorted(bars) == sorted([d, t] for d, t in want.values() if t)


def test_the_body_filter_hides_other_bodies(page: Any) -> None:
    for body in ("asean", "apec", "viet-nam"):
        page.locator(f'#filter input[value="{body}"]').uncheck()
    visible = page.locator("[data-body]").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).map(e => e.dataset.body)"
    )
    assert set(visible) == {"cptpp"}
    assert page.locator('#agenda li[data-event="cptpp-som1-2026"]').is_visible()
    assert not page.locator('#agenda li[data-event="asean-future-forum-2026"]').is_visible()
    svg = box(page, "svg.timeline")
    lanes = page.locator("g.lane:not(.is-hidden) rect.lane-bg").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().bottom)"
    )
    assert abs(max(lanes) - (svg["y"] + svg["height"])) < 2  # hidden lanes leave no gap
    page.locator('#filter input[value="asean"]').check()
    assert page.locator('#agenda li[data-event="asean-future-forum-2026"]').is_visible()


def test_every_subscribe_link_points_at_an_existing_feed(page: Any, preview: Preview) -> None:
    links = page.locator("#subscribe a").evaluate_all("els => els.map(a => a.href)")
    index = json.loads(fetch(preview.url + "feeds.json")[2])["feeds"]
    assert {link.rsplit("/", 1)[-1] for link in links} == {
        f["path"].rsplit("/", 1)[-1] for f in index
    }
    assert len(links) == 2 * len(index)
    for link in links:
        assert link.startswith(("webcal://127.0.0.1:", "http://127.0.0.1:")), link
        status, headers, body = fetch("http://" + link.split("://", 1)[1])
        assert (status, headers["Content-Type"]) == (200, "text/calendar; charset=utf-8"), link
        assert body.startswith(b"BEGIN:VCALENDAR")


def test_an_outlined_event_is_one_click_from_its_finding(browser: Any, make_plan: MakePlan) -> None:
    root = make_plan({"plan.yaml": CLASH_PLAN.replace("LEVEL", "ministers")})
    with api.preview(root, 0, lambda: AS_OF) as running, watched(browser, running.url) as page:
        outline = page.locator('g.event.flagged[data-event="m2"] rect.flag')
        assert outline.is_visible()
        assert outline.evaluate("r => getComputedStyle(r).strokeDasharray") != "none"
        flagged = page.locator("g.event.flagged").evaluate_all(
            "els => els.map(e => e.dataset.event)"
        )
        assert sorted(flagged) == ["m1", "m2"]
        item = page.locator("#event-m2")
        assert item.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
        assert item.locator("a.flag").get_attribute("aria-label") == "Checks: clash.body"
        page.locator('#checks a[href="#event-m2"]').click()
        assert page.evaluate("location.hash") == "#event-m2"
        assert item.evaluate("e => e.matches(':target')")
        top = item.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < page.viewport_size["height"] and item.is_visible()
        item.locator("a.flag").click()
        assert page.evaluate("location.hash") == "#check-1"
        assert page.locator("#check-1").evaluate("e => e.matches(':target')")


def test_screenshots_at_desktop_and_phone_width(browser: Any, preview: Preview) -> None:
    folder = artifacts()
    for name, width in (("desktop", 1280), ("phone", 390)):
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        page.goto(preview.url)
        if width < 500:  # the page itself never scrolls sideways; only the timeline does
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(folder / f"page-{name}.png"), full_page=True)
        context.close()
    page = browser.new_page()
    page.goto(preview.url)
    page.pdf(path=str(folder / "page-a4.pdf"), format="A4", print_background=True)
    assert (folder / "page-a4.pdf").stat().st_size > 10_000
    assert (folder / "page-desktop.png").stat().st_size > 10_000
    assert Path(folder / "page-phone.png").is_file()


def test_what_changed_links_to_the_event_and_follows_the_body_filter(
    browser: Any, tmp_path: Path
) -> None:
    from .gittools import GitPlan

    root = copy_plan(REPO, tmp_path / "plan")
    repo = GitPlan(root)
    repo.commit("2026-03-01T03:00:00Z", "the plan")
    plan = root / "schedules" / "cptpp-2026.yaml"
    text = plan.read_text(encoding="utf-8")
    # The format is cited by no quote: the plan still checks clean after the edit.
    plan.write_text(
        text.replace("    format: hybrid\n", "    format: in-person\n", 1), encoding="utf-8"
    )
    with api.preview(root, 0, lambda: AS_OF) as running, watched(browser, running.url) as page:
        change = page.locator('#changes li.change[data-entry="cptpp-som1-2026"]')
        assert change.inner_text().endswith("cptpp-som1-2026: format: hybrid → in-person")
        change.locator("a").click()
        assert page.evaluate("location.hash") == "#event-cptpp-som1-2026"
        assert page.locator("#event-cptpp-som1-2026").evaluate("e => e.matches(':target')")
        page.locator('#filter input[value="cptpp"]').uncheck()
        assert not page.locator('#changes [data-body="cptpp"]').is_visible()
