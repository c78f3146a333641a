"""A large plan's agenda and checks, a year a page: index.html lists the year the timeline opens on,
agenda-YEAR.html each other year; every event is listed once, every link reaches its target.

The pages are made as a plan of more than timeline.WHOLE_PLAN_LIMIT events makes them, with the
limit lowered so that a plan of six events is large."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from chairplan.export import timeline

from .clitools import invoke
from .conftest import MakePlan
from .feedtools import STAMP, built
from .test_web_html import section_text

# Two clashes of ministers' meetings: one within 2026, one from 31 December 2026 into 2027.
PLAN = """\
bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
events:
  - {id: s1, title: SOM, when: 2025-06-10, body: cptpp, level: senior-officials}
  - {id: m1, title: Ministers' meeting, when: 2026-05-20, body: cptpp, level: ministers}
  - {id: m2, title: Ministers' retreat, when: 2026-05-20, body: cptpp, level: ministers}
  - {id: a1, title: Year-end meeting, when: 2026-12-31..2027-01-01, body: cptpp, level: ministers}
  - {id: a2, title: New Year meeting, when: 2027-01-01, body: cptpp, level: ministers}
  - {id: n1, title: Spring meeting, when: 2027-04-02, body: cptpp, level: senior-officials}
"""


@pytest.fixture
def pages(make_plan: MakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(timeline, "WHOLE_PLAN_LIMIT", 5)
    files = built(make_plan({"plan.yaml": PLAN}), tmp_path / "site")
    return {name: data.decode() for name, data in files.items() if name.endswith(".html")}


def listed(page: str) -> list[str]:
    return re.findall(r'<li class="item[^"]*" id="event-([^"]+)"', page)


def test_each_year_has_a_page_and_every_event_is_listed_once(pages: dict[str, str]) -> None:
    assert sorted(pages) == ["agenda-2025.html", "agenda-2027.html", "index.html"]
    assert listed(pages["index.html"]) == ["m1", "m2", "a1"]  # 2026, the year the build is in
    assert listed(pages["agenda-2025.html"]) == ["s1"]
    assert listed(pages["agenda-2027.html"]) == ["a2", "n1"]
    # app.js draws the timeline's other years from every event in the page's data
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                     pages["index.html"])  # fmt: skip
    assert data is not None
    rows = json.loads(data[1])["events"]
    assert [r[0] for r in rows] == ["s1", "m1", "m2", "a1", "a2", "n1"]
    assert rows[3][2:4] == [20818, 2]  # 31 December 2026, counted from 1 January 1970; two days


def test_each_page_says_which_year_it_lists_and_links_the_others(pages: dict[str, str]) -> None:
    assert section_text(pages["index.html"], "agenda").split(" May 2026")[0] == (
        "Agenda This plan has 6 events, so the agenda and the checks list one year a page; this "
        "page lists 2026: 3 events. The timeline's views show every year. Years 2025 2026 2027"
    )
    later = pages["agenda-2027.html"]
    assert section_text(later, "agenda").split(" January 2027")[0] == (
        "Agenda This plan has 6 events, so the agenda and the checks list one year a page; this "
        "page lists 2027: 2 events. The timeline on the main page shows every year. "
        "Years 2025 2026 2027"
    )
    nav = re.search(r'<nav class="years".*?</nav>', later, re.DOTALL)
    assert nav is not None
    assert re.findall(r'<a href="([^"]+)">(\d+)</a>|<strong aria-current="page">(\d+)', nav[0]) == [
        ("agenda-2025.html", "2025", ""),
        ("index.html", "2026", ""),
        ("", "", "2027"),
    ]
    assert "<script" not in later and '<h1><a href="index.html">' in later


def test_a_finding_is_listed_with_each_year_of_its_events(pages: dict[str, str]) -> None:
    def codes(page: str) -> list[tuple[str, str]]:
        found = re.findall(r'<li class="finding[^"]*" id="(check-\d+)" data-code="([^"]+)"', page)
        return found

    assert codes(pages["index.html"]) == [("check-2", "clash.body"), ("check-3", "clash.body")]
    assert codes(pages["agenda-2027.html"]) == [("check-3", "clash.body")]
    assert codes(pages["agenda-2025.html"]) == [("check-1", "followup.unconfirmed")]
    involved = re.search(r'id="check-3".*?</li>', pages["agenda-2027.html"], re.DOTALL)
    assert involved is not None
    assert re.findall(r'<a href="([^"]+)" data-event', involved[0]) == [
        "index.html#event-a1",
        "#event-a2",
    ]


def test_every_link_between_the_pages_reaches_its_target(pages: dict[str, str]) -> None:
    ids = {name: set(re.findall(r'\bid="([^"]+)"', page)) for name, page in pages.items()}
    links = 0
    for name, page in pages.items():
        for href in re.findall(r'href="([^"#:]*\.html)?#([^"]+)"', page):
            target, anchor = href[0] or name, html.unescape(href[1])
            assert anchor in ids[target], f"{name}: {target}#{anchor}"
            links += 1
    assert links >= 10


def test_a_plan_within_the_limit_has_one_page(make_plan: MakePlan, tmp_path: Path) -> None:
    files = built(make_plan({"plan.yaml": PLAN}), tmp_path / "site")
    page = files["index.html"].decode()
    assert [n for n in files if n.endswith(".html")] == ["index.html"]
    assert listed(page) == ["s1", "m1", "m2", "a1", "a2", "n1"]
    assert 'class="years"' not in page and 'class="note paged"' not in page


def test_a_year_page_the_plan_no_longer_makes_is_removed(
    make_plan: MakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year page left behind would go on serving what the plan no longer says."""
    root, out = make_plan({"plan.yaml": PLAN}), tmp_path / "site"
    with monkeypatch.context() as paged:
        paged.setattr(timeline, "WHOLE_PLAN_LIMIT", 5)
        built(root, out)
    listed = json.loads((out / "feeds.json").read_text())["pages"]
    assert listed == ["agenda-2025.html", "agenda-2027.html", "index.html"]
    result = invoke(root, "build", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.html")) == ["index.html"]
    assert f"removed {out / 'agenda-2025.html'} (the plan no longer makes it)" in result.stdout
    assert json.loads((out / "feeds.json").read_text())["pages"] == ["index.html"]


def test_a_kept_checks_section_follows_what_it_shows(
    make_plan: MakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's Checks section is kept while what it shows stays the same: after a title of
    an event involved in a finding changes, or an event moves to another year's page, the pages
    say so, and are the pages a build without the cache writes."""
    from chairplan.disk import cache

    monkeypatch.setattr(timeline, "WHOLE_PLAN_LIMIT", 5)
    root, out = make_plan({"plan.yaml": PLAN}), tmp_path / "site"
    built(root, out)
    plan = root / "schedules" / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("New Year meeting", "New Year & <summit>")
    moved = text.replace("when: 2026-12-31..2027-01-01", "when: 2027-01-01..2027-01-02")
    plan.write_text(moved, encoding="utf-8")  # the Year-end meeting now listed with 2027's
    pages = {k: v.decode() for k, v in built(root, out).items() if k.endswith(".html")}
    checks = section_text(pages["agenda-2027.html"], "checks")
    assert "New Year & <summit>" in checks and "New Year meeting" not in checks
    assert "New Year &amp; &lt;summit&gt;</a>" in pages["agenda-2027.html"]
    links = re.findall(r'<a href="([^"]+)" data-event', pages["agenda-2027.html"])
    assert links == ["#event-a1", "#event-a2"]  # a1's was index.html#event-a1
    later = STAMP + dt.timedelta(days=1)  # the sections say the day they are as of
    other = {lang: built(root, tmp_path / lang, lang, later) for lang in ("en", "vi")}
    cache.disable()
    try:
        uncached = built(root, tmp_path / "uncached")
        plain = {
            lang: built(root, tmp_path / f"{lang}-plain", lang, later) for lang in ("en", "vi")
        }
    finally:
        cache.disable(False)

    def html_of(files: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in files.items() if k.endswith(".html")}

    assert {k: v.encode() for k, v in pages.items()} == html_of(uncached)
    for lang in ("en", "vi"):
        assert html_of(other[lang]) == html_of(plain[lang]), lang
