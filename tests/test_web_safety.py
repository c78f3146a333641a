"""Hostile text in the plan comes out of the web page inert: escaped, never run, never a link."""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chairplan.export.artefacts import artefacts
from chairplan.export.html import environment, is_http_url
from chairplan.export.publish import write_site
from chairplan.export.revisions import Revisions
from chairplan.export.site import prepare
from chairplan.model import Plan
from chairplan.plan.read import read_plan
from chairplan.serve import make_handler
from tests.conftest import MakePlan

from .webtools import CSP_WATCH, browser

__all__ = ["browser"]

HOSTILE = """\
bodies:
  - id: evil
    short: "<img src=x onerror=alert(2)>"
    name: "</title><script>alert(3)</script>"
priorities:
  - id: p1
    body: evil
    title: "<b onmouseover=alert(4)>bold</b>"
    deliverables:
      - id: d1
        title: "{{ 7*7 }}"
        status: done
events:
  - id: e1
    title: "<script>alert(1)</script>"
    when: 2026-03-10
    body: evil
  - id: e2
    title: "{{ 7*7 }} {% if true %}x{% endif %}"
    when: 2026-Q2
    body: evil
    url: https://example.org/ok
"""
BAD_URLS = (
    "javascript:alert(5)",
    " JaVaScRiPt:alert(6)",
    "data:text/html,<script>alert(7)</script>",
)
LITERALS = (
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% if true %}x{% endif %}",
    "<img src=x onerror=alert(2)>",
    "<b onmouseover=alert(4)>bold</b>",
    "javascript:alert(5)",
)


def unchecked(model: Any, **changes: object) -> Any:
    """A copy of the model with these values, set past validation (as a bug elsewhere might)."""
    changed = copy.copy(model)
    for name, value in changes.items():
        object.__setattr__(changed, name, value)
    return changed


def hostile_plan(make_plan: MakePlan) -> Plan:
    """The plan above, with URLs the model refuses slipped in past validation."""
    plan = read_plan(make_plan({"plan.yaml": HOSTILE})).plan
    ((name, only),) = plan.files
    e1, e2 = plan.events
    events = [
        unchecked(e1, url=BAD_URLS[0]),
        unchecked(e1, id="e1b", url=BAD_URLS[1]),
        unchecked(e2, url=BAD_URLS[2]),
        unchecked(e2, id="e2b"),  # keeps its https URL
    ]
    return Plan(((name, unchecked(only, events=events)),))


@pytest.fixture
def site_folder(make_plan: MakePlan, tmp_path: Path) -> Path:
    site, _ = prepare(
        hostile_plan(make_plan), Revisions(), dt.datetime(2026, 3, 1, tzinfo=dt.UTC), "en"
    )
    write_site(tmp_path / "site", artefacts(site))
    return tmp_path / "site"


def test_the_environment_always_escapes() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"
    with pytest.raises(Exception, match="'y' is undefined"):
        env.from_string("{{ y }}").render()


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("http://x", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        (" https://example.org", False),
        ("https://exa mple.org", False),
        ("https://", False),
        ("data:text/html,x", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: object, ok: bool) -> None:
    assert is_http_url(url) is ok


def test_the_html_holds_the_text_escaped(site_folder: Path) -> None:
    page = (site_folder / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in page
    assert "<script>alert" not in page and "<img" not in page and "<b " not in page
    assert 'href="javascript' not in page.lower() and 'href=" javascript' not in page.lower()
    assert 'href="data:text' not in page


@pytest.fixture
def served(site_folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site_folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_nothing_runs_in_the_browser(browser: Any, served: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_WATCH)
    page.goto(served)
    page.locator("g.event rect.bar").first.hover()
    page.wait_for_timeout(300)
    text = page.locator("body").inner_text()
    for literal in LITERALS:
        assert literal in text, literal
    hrefs = page.locator("[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:text"))]
    assert "https://example.org/ok" in hrefs
    shown = page.locator(".url-text").all_inner_texts()
    assert sorted(u.strip() for u in shown) == sorted(u.strip() for u in BAD_URLS)
    scripts = page.locator("script").evaluate_all("els => els.map(e => [e.src, e.type])")
    assert scripts == [[served + "app.js", ""], ["", "application/json"]]
    assert page.locator("img, iframe, object, embed").count() == 0
    assert (dialogs, errors, page.evaluate("window.__csp")) == ([], [], [])
    page.close()
