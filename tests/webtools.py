"""Web page test helpers: Debian's chromium driven by Playwright, and where screenshots go."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from .feedtools import require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # ignored by git
AS_OF = dt.datetime(2026, 3, 12, tzinfo=dt.UTC)
# Two ministers meetings of CPTPP on 20 May 2026 (a clash.body warning about m1 and m2) and a
# meeting no rule minds, with m2's LEVEL to fill in (senior-officials: the clean twin).
CLASH_PLAN = """\
bodies:
  - id: cptpp
    short: CPTPP
    name: CPTPP
events:
  - {id: m1, title: {en: Ministers' meeting, vi: Hội nghị Bộ trưởng}, when: 2026-05-20, body: cptpp, level: ministers}
  - {id: m2, title: "Ministers' retreat <b>&", when: 2026-05-20..2026-05-21, body: cptpp, level: LEVEL}
  - {id: s1, title: SOM, when: 2026-06-10, body: cptpp, level: senior-officials}
"""


def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    print(f"screenshots in {ARTIFACTS}")
    return ARTIFACTS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium; skipped outside CI when chromium or playwright is missing."""
    require(Path(CHROMIUM).is_file(), "chromium is not installed (apt-get install chromium)")
    require(
        importlib.util.find_spec("playwright") is not None,
        "playwright is not installed (pip install playwright)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Records Content-Security-Policy violations; run by the driver, so the page's CSP does not apply.
CSP_WATCH = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET `url`; a 304 or an error status is returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, got, body = exc.code, dict(exc.headers), exc.read()
        exc.close()
        return status, got, body


def english_country_names() -> set[str]:
    """Every CLDR English territory name that Vietnamese writes otherwise ("Japan", "Nhật Bản")."""
    en, vi = Locale.parse("en").territories, Locale.parse("vi").territories
    return {name for code, name in en.items() if name != vi.get(code)}


def named(text: str, names: set[str]) -> list[str]:
    return sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))
