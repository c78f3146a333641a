"""`chairplan serve`: content types, revalidation (ETag, Last-Modified), rebuilds, last good build,
and the live page: the problems banner and the reload after a rebuild."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from chairplan import api, serve
from chairplan.errors import ChairplanError
from chairplan.plan import read
from chairplan.serve import Preview
from chairplan.sources import articles

from .feedtools import REPO, copy_plan
from .test_web_page import watched
from .webtools import AS_OF, browser, fetch

__all__ = ["browser"]  # the fixture, imported for pytest

SOM1 = "First CPTPP Senior Officials' Meeting of 2026 (SOM1)"
BAD_WHEN = ("when: 2026-03-10..2026-03-13", "when: 2026-03-32")  # SOM1 on 32 March
LOCATED = "schedules/cptpp-2026.yaml:234:11: error: events.4.when: "
LIVE_TAG = b'<script src="/__chairplan/live.js" defer></script>\n'
# One worker runs them all, so the `served` preview starts once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("web_serve")


@pytest.fixture
def messages() -> list[str]:
    return []


@pytest.fixture
def preview(tmp_path: Path, messages: list[str]) -> Iterator[Preview]:
    """A preview of its own, for a test that edits the plan."""
    root = copy_plan(REPO, tmp_path / "plan")
    with api.preview(root, 0, lambda: AS_OF, interval=0.1, report=messages.append) as running:
        yield running


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview shared by the tests that only fetch from it (stopping one takes half a second)."""
    root = copy_plan(REPO, tmp_path_factory.mktemp("served") / "plan")
    with api.preview(root, 0, lambda: AS_OF, interval=0.1) as running:
        yield running


def eventually(check: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "text/html; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("cptpp.ics", "text/calendar; charset=utf-8"),
        ("tracks/bilateral.ics", "text/calendar; charset=utf-8"),
        ("feeds.json", "application/json"),
        ("changes.md", "text/markdown; charset=utf-8"),
        ("changes.atom", "application/atom+xml"),
    ],
)
def test_content_types(served: Preview, path: str, kind: str) -> None:
    status, headers, body = fetch(served.url + path)
    assert (status, headers["Content-Type"]) == (200, kind)
    assert int(headers["Content-Length"]) == len(body) > 0
    assert headers["ETag"].startswith('"') and headers["Last-Modified"].endswith(" GMT")


def test_revalidation_answers_304(served: Preview) -> None:
    url = served.url + "all.ics"
    _, headers, _ = fetch(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": etag})[::2] == (304, b"")
    assert fetch(url, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert fetch(url, {"If-Modified-Since": modified})[::2] == (304, b"")
    # If-None-Match decides when both are sent (RFC 9110 13.2.2)
    assert fetch(url, {"If-None-Match": '"other"', "If-Modified-Since": modified})[0] == 200
    assert fetch(url, {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})[0] == 200
    assert fetch(url, {"If-Modified-Since": "not a date"})[0] == 200


def test_a_revalidation_does_not_read_the_file_again(
    served: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, headers, page = fetch(served.url)
    reads: list[Path] = []
    real = Path.read_bytes
    out = served.builder.out  # the watcher reads the plan's files meanwhile: not counted

    def counted(self: Path) -> bytes:
        if self.is_relative_to(out):
            reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    for _ in range(3):
        assert fetch(served.url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert reads == []
    assert fetch(served.url)[2] == page and len(reads) == 1  # a 200 reads it, to send it


@pytest.mark.parametrize(
    "path", ["missing.ics", "../plan/schedules/cptpp-2026.yaml", "%2e%2e/x", ".x"]
)
def test_only_the_built_files_are_served(served: Preview, path: str) -> None:
    assert fetch(served.url + path)[0] == 404


def test_a_rebuild_leaves_its_cycles_to_after_the_page_and_then_collects_them(
    preview: Preview,
) -> None:
    """No collector pass while a rebuild makes the page; once it is written, what the rebuild
    left in cycles (Jinja's template modules, with the page they made) is collected."""
    import gc

    import jinja2

    during: list[bool] = []
    render = preview.builder.render
    preview.builder.render = lambda: (during.append(gc.isenabled()), render())[1]
    schedule = preview.builder.root / "schedules" / "cptpp-2026.yaml"
    text = schedule.read_text(encoding="utf-8")
    schedule.write_text(text.replace(SOM1, "SOM1 of 2026, edited"), encoding="utf-8")
    eventually(lambda: preview.builder.builds == 2 and not preview.builder.problems)

    def modules() -> int:
        return sum(isinstance(o, jinja2.environment.TemplateModule) for o in gc.get_objects())

    eventually(lambda: modules() == 0, seconds=5)  # the collection follows the build
    assert during and not any(during)  # every rebuild since the edit (a save may take two)
    assert gc.isenabled()


def test_a_yaml_edit_rebuilds_and_an_invalid_plan_keeps_the_last_good_build(
    preview: Preview, messages: list[str]
) -> None:
    schedule = preview.builder.root / "schedules" / "cptpp-2026.yaml"
    text = schedule.read_text(encoding="utf-8")
    _, before, page = fetch(preview.url)
    assert SOM1.replace("'", "&#39;").encode() in page
    schedule.write_text(text.replace(SOM1, "SOM1 of 2026, edited"), encoding="utf-8")
    eventually(lambda: b"SOM1 of 2026, edited" in fetch(preview.url)[2])
    _, after, edited = fetch(preview.url)
    assert after["ETag"] != before["ETag"]
    assert fetch(preview.url, {"If-None-Match": before["ETag"]})[0] == 200

    schedule.write_text(text.replace(*BAD_WHEN), encoding="utf-8")
    eventually(lambda: any("still serving the last good build" in m for m in messages))
    assert LOCATED in messages[-1]
    assert fetch(preview.url)[2] == edited
    assert fetch(preview.url + "cptpp.ics")[0] == 200


def test_a_save_is_rebuilt_when_the_file_system_reports_it_not_at_the_next_poll(
    tmp_path: Path,
) -> None:
    root = copy_plan(REPO, tmp_path / "plan")
    with api.preview(root, 0, lambda: AS_OF, interval=600) as running:
        schedule = root / "schedules" / "cptpp-2026.yaml"
        text = schedule.read_text(encoding="utf-8")
        time.sleep(0.5)  # the watcher's thread has set its watches
        schedule.write_text(text.replace(SOM1, "SOM1 of 2026, edited"), encoding="utf-8")
        # the next poll is ten minutes away: only the notification can rebuild this soon
        eventually(lambda: b"SOM1 of 2026, edited" in fetch(running.url)[2], seconds=60)
        assert running.builder.builds == 2


def test_without_notifications_it_says_so_and_looks_each_interval(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    def refused(*_: object, **__: object) -> Iterator[set[object]]:
        raise RuntimeError("Too many open files (os error 24)")  # as watchfiles raises it
        yield set()

    monkeypatch.setattr(serve.watchfiles, "watch", refused)
    root = copy_plan(REPO, tmp_path / "plan")
    with api.preview(root, 0, lambda: AS_OF, interval=0.1, report=messages.append) as running:
        schedule = root / "schedules" / "cptpp-2026.yaml"
        text = schedule.read_text(encoding="utf-8")
        schedule.write_text(text.replace(SOM1, "SOM1 of 2026, edited"), encoding="utf-8")
        eventually(lambda: b"SOM1 of 2026, edited" in fetch(running.url)[2])
    assert any("notifications stopped (Too many open files" in m for m in messages), messages


def test_a_preview_keeps_the_loaded_files_and_articles_only_while_it_runs(tmp_path: Path) -> None:
    root = copy_plan(REPO, tmp_path / "plan")
    with api.preview(root, 0, lambda: AS_OF, interval=0.1):
        assert read._RECENT.on and articles._KEPT.on and articles._KEPT
    assert not read._RECENT.on and not articles._KEPT.on and not articles._KEPT
    (root / "schedules" / "extra.yaml").write_text("events:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(ChairplanError):
        api.preview(root, 0, lambda: AS_OF)
    assert not read._RECENT.on and not articles._KEPT.on and not articles._KEPT


def test_a_broken_plan_at_start_is_an_error(tmp_path: Path) -> None:
    root = copy_plan(REPO, tmp_path / "plan")
    (root / "schedules" / "extra.yaml").write_text("events:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(ChairplanError) as caught:
        api.preview(root, 0, lambda: AS_OF)
    message = caught.value.render()
    assert "schedules/extra.yaml:2:9: error: events.0.id: 'Bad Id' is not a valid id" in message


def test_a_busy_port_is_an_error(served: Preview) -> None:
    port = served.server.server_address[1]
    with pytest.raises(ChairplanError) as caught:
        api.preview(served.builder.root, port, lambda: AS_OF)
    message = str(caught.value)
    assert f"cannot serve on 127.0.0.1:{port}" in message and "--port" in message


def test_the_command_prints_its_url_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = copy_plan(REPO, tmp_path / "plan")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SOURCE_DATE_EPOCH": "1773273600"}
    command = [sys.executable, "-m", "chairplan", "--root", str(root), "serve", "--port", "0"]
    # As a terminal starts it: Ctrl-C not ignored, whatever this test run inherited (a shell
    # ignores SIGINT in what it starts in the background, and that is passed down).
    with subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        try:
            assert process.stdout is not None
            first, second = process.stdout.readline(), process.stdout.readline()
            assert first.startswith("built 18 files")
            assert second.startswith("serving http://127.0.0.1:") and second.endswith(
                "/ (Ctrl-C to stop)\n"
            )
            url = second.split()[1]
            assert fetch(url + "all.ics")[0] == 200
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
        finally:  # a failed assertion must not leave the server running (and the test hanging)
            if process.poll() is None:
                process.kill()
    assert (process.returncode, out, err) == (0, "stopped\n", "")
    assert not (root / "chairplan.lock").exists()  # a preview never writes into the plan


def live_state(preview: Preview) -> dict[str, Any]:
    status, headers, body = fetch(preview.url + "__chairplan/state")
    assert (status, headers["Cache-Control"]) == (200, "no-store")
    assert headers["Content-Type"] == "application/json"
    return dict(json.loads(body))


def test_the_served_page_loads_the_live_script_and_the_built_one_does_not(
    served: Preview,
) -> None:
    _, headers, page = fetch(served.url)
    built = (served.builder.out / "index.html").read_bytes()
    assert b"__chairplan" not in built and LIVE_TAG not in built
    assert page == built.replace(b"</head>", LIVE_TAG + b"</head>", 1)
    assert headers["ETag"] == '"' + hashlib.sha256(page).hexdigest()[:32] + '"'  # of what is sent
    assert fetch(served.url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert b"__chairplan" not in fetch(served.url + "changes.md")[2]
    assert not any(p.name == "live.js" for p in served.builder.out.rglob("*"))
    assert fetch(served.url + "live.js")[0] == 404
    status, headers, script = fetch(served.url + "__chairplan/live.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert script.startswith(b"// chairplan serve") and b'"use strict";' in script
    assert b"innerHTML" not in script
    assert fetch(served.url + "__chairplan/other")[0] == 404


def test_the_state_names_the_build_and_the_plans_problems(preview: Preview) -> None:
    schedule = preview.builder.root / "schedules" / "cptpp-2026.yaml"
    text = schedule.read_text(encoding="utf-8")
    assert live_state(preview) == {"generation": 1, "problems": []}
    schedule.write_text(text.replace(*BAD_WHEN), encoding="utf-8")
    eventually(lambda: live_state(preview)["problems"] != [])
    state = live_state(preview)
    assert state["generation"] == 1  # still the first build
    assert len(state["problems"]) == 1 and state["problems"][0].startswith(LOCATED)
    schedule.write_text(text, encoding="utf-8")
    eventually(lambda: live_state(preview) == {"generation": 2, "problems": []})


def test_the_page_shows_the_problems_and_reloads_itself_once_they_are_fixed(
    browser: Any, preview: Preview
) -> None:
    schedule = preview.builder.root / "schedules" / "cptpp-2026.yaml"
    text = schedule.read_text(encoding="utf-8")
    with watched(browser, preview.url) as page:
        banner = page.locator("#serve-problems")
        page.evaluate("window.__before = true")  # gone once the page has reloaded
        schedule.write_text(text.replace(*BAD_WHEN), encoding="utf-8")
        banner.wait_for(timeout=15_000)
        assert banner.get_attribute("role") == "alert"
        assert banner.locator("h2").text_content() == (
            "The plan has problems; this page shows the last good build"
        )
        assert banner.locator("li").first.text_content().startswith(LOCATED)
        schedule.write_text(text.replace(SOM1, "SOM1 of 2026, fixed"), encoding="utf-8")
        fixed = page.locator("#event-cptpp-som1-2026 .title", has_text="SOM1 of 2026, fixed")
        fixed.wait_for(timeout=15_000)
        assert banner.count() == 0 and page.evaluate("window.__before") is None
        preview.shutdown()  # the script keeps asking, quietly: `watched` fails on console errors
        page.wait_for_event("requestfailed", timeout=5_000)
