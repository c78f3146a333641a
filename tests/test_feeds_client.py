"""A real subscriber: the published folder served over HTTP on 127.0.0.1, synced by vdirsyncer's
`http` storage into a folder, and listed by khal."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .feedtools import FIXTURES, REPO, built, copy_plan, require


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[functools.partial[str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path, path: str) -> str:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/{path}"

    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


def subscribe(url: str, tmp_path: Path) -> list[str]:
    """Sync the feed at `url` with vdirsyncer, then list every event with khal, one line each."""
    # The test extra installs them beside this Python (a virtual environment's bin/ need not be
    # on PATH: the README's test command runs .venv/bin/python directly).
    here = str(Path(sys.executable).parent)
    found = (shutil.which(tool, path=f"{here}{os.pathsep}{os.environ.get('PATH', '')}")
             for tool in ("vdirsyncer", "khal"))  # fmt: skip
    vdirsyncer, khal = found
    require(
        vdirsyncer is not None and khal is not None,
        "vdirsyncer or khal missing: pip install -e '.[test]'",
    )
    (tmp_path / "cal").mkdir(parents=True)
    (tmp_path / "vdirsyncer.conf").write_text(
        f'[general]\nstatus_path = "{tmp_path}/status"\n\n'
        '[pair plan]\na = "remote"\nb = "local"\ncollections = null\nconflict_resolution = "a wins"\n\n'
        f'[storage remote]\ntype = "http"\nurl = "{url}"\n\n'
        f'[storage local]\ntype = "filesystem"\npath = "{tmp_path}/cal"\nfileext = ".ics"\n'
    )
    (tmp_path / "khal.conf").write_text(
        f"[calendars]\n[[plan]]\npath = {tmp_path}/cal\ntype = calendar\n\n"
        "[locale]\nlocal_timezone = Asia/Ho_Chi_Minh\ndefault_timezone = Asia/Ho_Chi_Minh\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\ntimeformat = %H:%M\n\n"
        f"[sqlite]\npath = {tmp_path}/khal.db\n"
    )
    run = functools.partial(
        subprocess.run,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
    )
    for step in ("discover", "sync"):
        run([str(vdirsyncer), "-c", str(tmp_path / "vdirsyncer.conf"), step])
    listed = run(
        [
            str(khal),
            "-c",
            str(tmp_path / "khal.conf"),
            "list",
            "--once",
            "--day-format",
            "",
            "--format",
            "{start}|{end}|{title}",
            "2025-01-01",
            "2028-12-31",
        ]
    )
    return [line for line in listed.stdout.splitlines() if line]


def test_subscriber_sees_the_bundled_plan_in_vietnamese(
    tmp_path: Path, serve: functools.partial[str]
) -> None:
    built(copy_plan(REPO, tmp_path / "plan"), tmp_path / "site", lang="vi")
    lines = subscribe(serve(tmp_path / "site", "cptpp.ics"), tmp_path / "client")
    assert "2026-03-10|2026-03-13|First CPTPP Senior Officials' Meeting of 2026 (SOM1)" in lines
    assert "2025-11-20|2025-11-20|Phiên họp Hội đồng cấp Bộ trưởng CPTPP" in lines
    assert len(lines) == 5


def test_subscriber_sees_fuzzy_markers_and_times_in_their_zones(
    tmp_path: Path, serve: functools.partial[str]
) -> None:
    built(copy_plan(FIXTURES / "tricky", tmp_path / "plan"), tmp_path / "site")
    lines = subscribe(serve(tmp_path / "site", "all.ics"), tmp_path / "client")
    assert (
        "2026-03-11 09:00|2026-03-11 12:30|Opening session: welcome, remarks; Q&A \\ press" in lines
    )
    # 18:00 in Melbourne on the first day of daylight saving (UTC+11) is 14:00 in Hà Nội (UTC+7).
    assert "2026-10-04 14:00|2026-10-04 16:00|Evening reception in Melbourne" in lines
    assert "2026-04-01|2026-04-01|Future Forum [date TBC: Q2 2026]" in lines
    assert len(lines) == 7
