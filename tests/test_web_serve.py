"""`chairplan serve`: content types, revalidation (ETag, Last-Modified), rebuilds, last good build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chairplan import api
from chairplan.errors import ChairplanError
from chairplan.serve import Preview

from .feedtools import REPO, copy_plan
from .webtools import AS_OF, fetch

SOM1 = "First CPTPP Senior Officials' Meeting of 2026 (SOM1)"
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


@pytest.mark.parametrize(
    "path", ["missing.ics", "../plan/schedules/cptpp-2026.yaml", "%2e%2e/x", ".x"]
)
def test_only_the_built_files_are_served(served: Preview, path: str) -> None:
    assert fetch(served.url + path)[0] == 404


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

    schedule.write_text(
        text.replace("when: 2026-03-10..2026-03-13", "when: 2026-03-32"), encoding="utf-8"
    )
    eventually(lambda: any("still serving the last good build" in m for m in messages))
    assert "cptpp-2026.yaml:234:11: error: events.4.when: " in messages[-1]
    assert fetch(preview.url)[2] == edited
    assert fetch(preview.url + "cptpp.ics")[0] == 200


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
    with subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
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
