"""The README's screenshots of the bundled plan's page: English and Vietnamese, desktop and phone.

    python docs/screenshots.py

Builds the plan as of its revision day into a temporary folder and photographs it in Debian's
chromium (Playwright, never `playwright install`) with the reader's clock fixed, so the pictures
change only when the page or the plan does. Writes docs/page-{en,vi}-{desktop,phone}.png.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from chairplan import api

ROOT = Path(__file__).resolve().parent.parent
REVISED = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
READER = dt.datetime(2026, 12, 10, 2, 30, tzinfo=dt.UTC)  # 10 December, 09:30 in Hà Nội
WIDTHS = {"desktop": (1280, 1000), "phone": (390, 1200)}


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        plan = Path(scratch) / "plan"  # a copy: the build writes its chairplan.lock
        for folder in ("schedules", "seeds"):
            shutil.copytree(ROOT / folder, plan / folder)
        for lang in ("en", "vi"):
            out = Path(scratch) / lang
            api.build(plan, out, REVISED, lang)  # type: ignore[arg-type]
            for name, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, timezone_id="Asia/Ho_Chi_Minh"
                )
                page = context.new_page()
                page.clock.set_fixed_time(READER)
                page.goto((out / "index.html").as_uri())
                target = ROOT / "docs" / f"page-{lang}-{name}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
