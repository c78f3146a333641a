"""The performance targets of issue 20, measured side by side in one run, cold and warm.

Whole processes, median of `runs` (the 50,000-event plan runs once when a cold check+build of it
is slow), with the peer (yaml2ics) on the same events in the same run:

- COLD: the plan's `.chairplan-cache/` removed before each run, and chairplan.lock too (and, for a
  build, its --out folder), so every run starts from the same state;
- WARM: cache (and lock, and --out) present from an untimed run before, nothing changed;
- EDIT: one schedule file (EDITED) changed in meaning before each run, differently each time
  (a counter appended to one event's English title), cache and --out present.

The plan folders under bench/.cache/ are left as generated: the edited file and chairplan.lock are
written back afterwards (their bytes; the cache may keep entries of the edits, which is harmless:
entries are found by content). `status` runs on a copy of the bundled plan (the repository's
schedules/ and seeds/) in the scratch folder, so that removing its cache touches nobody's files.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import run as bench  # the running bench/run.py: it registers itself as `run` before importing this

EVENTS = 10000  # the size of every target but growth
GROWTH = (1000, 10000, 50000)
EDITED = "schedules/apec/2027.yaml"  # the schedule file the EDIT runs and serve's edits change
CACHE_FOLDER = ".chairplan-cache"  # chairplan.disk.cache.FOLDER, at the plan root
SLOW_S = 45.0  # a cold check+build at a growth size slower than this is not run again
SERVE_TIMEOUT_S = 120.0  # after an edit, serve's page must change within this (else: not met)
SERVE_EDITS = 3
POLL_S = 0.05  # how often the served page is asked for (with its ETag: 304 while unchanged)
STATUS_AS_OF = "2026-03-12"  # as startup() runs it
GOALS = {  # the targets of issue 20
    "ics_cold": 5.0,  # yaml2ics ÷ ics, cold: at least
    "ics_warm": 15.0,  # … warm
    "cb_cold": 2.0,  # yaml2ics ÷ (check + build), cold: at least
    "cb_warm": 8.0,  # … warm
    "cb_edit": 0.30,  # edit ÷ cold: at most
    "serve_s": 1.5,  # seconds from saving an edit to the served page changed: at most
    "status": 1.5,  # status warm ÷ typer floor: at most
    "exponent": 1.10,  # growth exponent: "near-linear", read here as at most this
    "memory_mb": 500,  # peak MB at 50,000 events: under
}
_edits = itertools.count(1)  # every edit of the run is a different one


def chairplan(folder: Path) -> list[str]:
    return [sys.executable, "-m", "chairplan", "--root", str(folder)]


def drop_cache(folder: Path) -> None:
    shutil.rmtree(folder / CACHE_FOLDER, ignore_errors=True)


def cache_entries(folder: Path) -> set[str]:
    base = folder / CACHE_FOLDER
    if not base.is_dir():
        return set()
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}


@contextlib.contextmanager
def kept(*paths: Path) -> Iterator[None]:
    """The files' bytes written back afterwards (or the file removed, if there was none)."""
    saved = {path: path.read_bytes() if path.is_file() else None for path in paths}
    try:
        yield
    finally:
        for path, data in saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


def code_state() -> str:
    """What the cache's code version sees of chairplan/ (each file's size and time): when it
    changes during the run, later "warm" runs may have started cold."""
    parts = []
    for path in sorted((bench.REPO / "chairplan").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            st = path.stat()
            parts.append(f"{path} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@contextlib.contextmanager
def watched(what: str, notes: list[str]) -> Iterator[None]:
    """A note when chairplan/ changed while `what` ran: the cache's code version changed with it,
    so a run after the change found no entries of its own (its "warm" was cold)."""
    before = code_state()
    try:
        yield
    finally:
        if code_state() != before:
            notes.append(f"{what}: chairplan/ changed meanwhile; a run after it started cold")


def code_version() -> str:
    """The commit measured, and whether chairplan/ had uncommitted changes."""
    git = ["git", "-C", str(bench.REPO)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "chairplan"], capture_output=True, text=True
    )
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (f" + {changed} uncommitted in chairplan/" if changed else "")


_TITLE = re.compile(r'^  - id: \S+\n    title:\n      en: "[^"\n]*(?=")', re.MULTILINE)


def edit_point(text: str) -> int:
    """Where the English title of the file's first event quoted from a Vietnamese article ends
    (before its closing quote): a change there changes the plan's meaning (every output that shows
    the title) and not what its quote has to hold."""
    for found in _TITLE.finditer(text, text.index("\nevents:\n")):
        following = text.find("\n  - id: ", found.end())
        block = text[found.end() : following if following >= 0 else len(text)]
        if re.search(r"article: \S+_vi\.txt", block):
            return found.end()
    raise SystemExit(f"no event quoted from a Vietnamese article in {EDITED} to edit")


def edited(text: str, at: int) -> str:
    return f"{text[:at]} (edit {next(_edits)}){text[at:]}"


Run = tuple[list[float], list[int]]  # one run: the seconds and the peak MB of each command


def runs_of(
    cmds: list[list[str]], runs: int, env: dict[str, str], before: Callable[[], None] | None = None
) -> list[Run]:
    """Runs of the commands one after another, each a whole process; `before` resets state."""
    done: list[Run] = []
    for _ in range(runs):
        if before is not None:
            before()
        seconds, peaks = [], []
        for cmd in cmds:
            elapsed, mb = bench.run_once(cmd, env)
            seconds.append(elapsed)
            peaks.append(mb)
        done.append((seconds, peaks))
    return done


def summary(done: list[Run]) -> dict[str, object]:
    """Median of the runs' total seconds, the median of each command, the spread, and the peak
    MB of each command and of all (the largest resident set of one process: the command or one of
    the workers it forks, which run at the same time and are not added up)."""
    totals = [sum(seconds) for seconds, _ in done]
    return {
        "seconds": statistics.median(totals),
        "parts_s": [statistics.median(s[i] for s, _ in done) for i in range(len(done[0][0]))],
        "min_s": min(totals),
        "max_s": max(totals),
        "runs": len(done),
        "parts_peak_mb": [max(p[i] for _, p in done) for i in range(len(done[0][1]))],
        "peak_mb": max(max(p) for _, p in done),
    }


def ics_target(folder: Path, runs: int, env: dict[str, str], notes: list[str]) -> dict[str, object]:
    cmd = [*chairplan(folder), "ics"]
    lock = folder / "chairplan.lock"

    def cold() -> None:
        drop_cache(folder)
        lock.unlink(missing_ok=True)

    def warm() -> None:  # the lock as in the cold runs: none
        lock.unlink(missing_ok=True)

    result = {"cold": summary(runs_of([cmd], runs, env, cold))}
    with watched("ics, warm", notes):
        runs_of([cmd], 1, env, warm)  # fills the cache
        entries = cache_entries(folder)
        result["warm"] = summary(runs_of([cmd], runs, env, warm))
    if written := len(cache_entries(folder) - entries):
        notes.append(f"warm ics runs wrote {written} new cache entries: not all of them were warm")
    return result


def check_build_target(
    folder: Path, runs: int, env: dict[str, str], scratch: Path, notes: list[str]
) -> dict[str, object]:
    out = scratch / f"targets-site-{folder.name}"
    cmds = [
        [*chairplan(folder), "check", "--as-of", bench.AS_OF],
        [*chairplan(folder), "build", "--out", str(out)],
    ]
    schedule = folder / EDITED
    original = schedule.read_text(encoding="utf-8")
    at = edit_point(original)

    def cold() -> None:
        drop_cache(folder)
        (folder / "chairplan.lock").unlink(missing_ok=True)
        shutil.rmtree(out, ignore_errors=True)

    def edit() -> None:
        schedule.write_text(edited(original, at), encoding="utf-8")

    result = {"cold": summary(runs_of(cmds, runs, env, cold))}
    with watched("check + build, warm", notes):
        runs_of(cmds, 1, env)  # the build's lock as a build leaves it, remembered in the cache
        entries = cache_entries(folder)
        result["warm"] = summary(runs_of(cmds, runs, env))
    if written := len(cache_entries(folder) - entries):
        notes.append(
            f"warm check+build runs wrote {written} new cache entries: not all of them were warm"
        )
    try:
        with watched("check + build, one file edited", notes):
            result["edit"] = summary(runs_of(cmds, runs, env, edit))
    finally:
        schedule.write_text(original, encoding="utf-8")
    return result


def growth_target(
    runs: int, env: dict[str, str], scratch: Path, known: dict[int, dict[str, object]]
) -> dict[int, dict[str, object]]:
    """Cold check+build at each size of GROWTH (`known`: sizes measured already)."""
    points = dict(known)
    for events in GROWTH:
        if events in points:
            continue
        folder, _ = bench.plan_for(events)
        out = scratch / f"targets-site-{folder.name}"
        cmds = [
            [*chairplan(folder), "check", "--as-of", bench.AS_OF],
            [*chairplan(folder), "build", "--out", str(out)],
        ]

        def cold(folder: Path = folder, out: Path = out) -> None:
            drop_cache(folder)
            (folder / "chairplan.lock").unlink(missing_ok=True)
            shutil.rmtree(out, ignore_errors=True)

        with kept(folder / "chairplan.lock"):
            done = runs_of(cmds, 1, env, cold)
            if runs > 1 and sum(done[0][0]) <= SLOW_S:
                done += runs_of(cmds, runs - 1, env, cold)
        points[events] = summary(done)
        shutil.rmtree(out, ignore_errors=True)
        print(f"  targets: growth at {events} events done", file=sys.stderr)
    return points


def _get(url: str, etag: str | None = None) -> tuple[int, bytes, str | None]:
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read(), answer.headers.get("ETag")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, b"", etag
        raise


def _state(url: str) -> dict[str, object]:
    return json.loads(_get(url + "__chairplan/state")[1])


def serve_target(folder: Path, env: dict[str, str], notes: list[str]) -> dict[str, object]:
    """`chairplan serve` on the plan; for each of SERVE_EDITS edits of one schedule file, the
    seconds from the save until the served index.html differs, and until the preview's state
    says the rebuild is done (what the page's live.js waits for, polling once a second)."""
    schedule = folder / EDITED
    original = schedule.read_text(encoding="utf-8")
    at = edit_point(original)
    child = subprocess.Popen(
        [*chairplan(folder), "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    address: list[str] = []
    ready = threading.Event()

    def collect() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.rstrip("\n"))
            if found := re.search(r"serving (http://\S+/)", line):
                address.append(found[1])
                ready.set()
        ready.set()  # it ended without serving

    threading.Thread(target=collect, daemon=True).start()
    began = time.perf_counter()
    ready.wait(timeout=600)
    result: dict[str, object] = {"start_s": time.perf_counter() - began}
    page: list[float | None] = []
    built: list[float | None] = []
    try:
        if not address:
            notes.append("serve did not start: " + " / ".join(lines[-5:]))
            return {**result, "page_s": [], "rebuilt_s": []}
        url = address[0]
        _, body, etag = _get(url + "index.html")
        for _ in range(SERVE_EDITS):
            generation = _state(url)["generation"]
            schedule.write_text(edited(original, at), encoding="utf-8")
            saved = time.perf_counter()
            changed_at = done_at = None
            while (now := time.perf_counter() - saved) < SERVE_TIMEOUT_S:
                if changed_at is None:
                    status, data, tag = _get(url + "index.html", etag)
                    if status == 200 and data != body:
                        changed_at = time.perf_counter() - saved
                        body, etag = data, tag
                state = _state(url)
                if state["generation"] != generation and done_at is None:
                    done_at = time.perf_counter() - saved
                if state["problems"]:
                    notes.append(f"serve reported problems after an edit: {state['problems'][:1]}")
                    break
                if changed_at is not None and done_at is not None:
                    break
                if done_at is not None and now > done_at + 5:
                    notes.append("serve rebuilt after an edit, but its index.html did not change")
                    break
                time.sleep(POLL_S)
            page.append(changed_at)
            built.append(done_at)
            time.sleep(0.5)  # settle before the next edit
        if None in page:
            notes.append(f"serve: {page.count(None)} edits not served within {SERVE_TIMEOUT_S} s")
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        schedule.write_text(original, encoding="utf-8")
    return {**result, "page_s": page, "rebuilt_s": built}


def status_target(
    runs: int, env: dict[str, str], scratch: Path, notes: list[str]
) -> dict[str, object]:
    """`chairplan status` on a copy of the bundled plan, warm and cold, interleaved with the
    typer floor (a bare typer app running a command), as startup() times them."""
    plan = scratch / "bundled-plan"
    for name in ("schedules", "seeds", "documents"):
        if (bench.REPO / name).is_dir():
            shutil.copytree(bench.REPO / name, plan / name)
    if (bench.REPO / "chairplan.lock").is_file():
        shutil.copy2(bench.REPO / "chairplan.lock", plan / "chairplan.lock")
    hello = scratch / "hello.py"
    hello.write_text(bench.HELLO, encoding="utf-8")
    floor_cmd = [sys.executable, str(hello), "--name", "plan"]
    status_cmd = [*chairplan(plan), "status", "--as-of", STATUS_AS_OF]
    floor, warm, cold = [], [], []
    with watched("status", notes):
        bench.run_once(status_cmd, env)  # fills the cache
        entries = cache_entries(plan)
        for _ in range(max(runs, 5)):  # interleaved: a busy moment does not favour one of them
            floor.append(bench.run_once(floor_cmd, env)[0])
            warm.append(bench.run_once(status_cmd, env)[0])
            drop_cache(plan)
            cold.append(bench.run_once(status_cmd, env)[0])  # and it fills the cache again
    # Each cold run writes the entries the first one wrote, but for the files' digests by their
    # times: kept only once the copied files are older than the racy tick (disk/cache.py).
    if {e for e in cache_entries(plan) if not e.startswith("digests/")} != {
        e for e in entries if not e.startswith("digests/")
    }:
        notes.append("status: the cold runs wrote other cache entries than the first run")
    return {
        "typer_floor_s": statistics.median(floor),
        "warm_s": statistics.median(warm),
        "cold_s": statistics.median(cold),
        "runs": len(floor),
    }


def measure(
    runs: int, env: dict[str, str], scratch: Path, yaml2ics: bool, machine: str
) -> dict[str, object]:
    """Every target, measured; the rows of its table and the figures they come from."""
    env = {k: v for k, v in env.items() if k != "CHAIRPLAN_NO_CACHE"}  # the cache must be on
    notes: list[str] = []
    code, began, load = code_version(), time.perf_counter(), os.getloadavg()[0]
    folder, y2i_input = bench.plan_for(EVENTS)
    figures: dict[str, object] = {}
    if yaml2ics:
        peer = bench.timed([str(bench.ensure_venv()), str(y2i_input)], runs, env)
        figures["yaml2ics"] = {**peer, "runs": runs}
        print("  targets: yaml2ics done", file=sys.stderr)
    with kept(folder / "chairplan.lock"):
        figures["ics"] = ics_target(folder, runs, env, notes)
        print("  targets: ics done", file=sys.stderr)
        figures["check_build"] = check_build_target(folder, runs, env, scratch, notes)
        print("  targets: check+build done", file=sys.stderr)
        with watched("serve", notes):
            figures["serve"] = serve_target(folder, env, notes)
        print("  targets: serve done", file=sys.stderr)
    figures["status"] = status_target(runs, env, scratch, notes)
    print("  targets: status done", file=sys.stderr)
    cold = figures["check_build"]["cold"]  # type: ignore[index]
    growth = growth_target(runs, env, scratch, {EVENTS: cold})
    figures["growth"] = {str(n): growth[n] for n in sorted(growth)}
    if code_version() != code:
        notes.append(f"the code measured changed during the run: {code} at the start")
    return {
        "machine": machine,
        "code": code,  # at the start (a note says when it changed)
        "minutes": (time.perf_counter() - began) / 60,
        "load": [load, os.getloadavg()[0]],  # the 1-minute load average at the start and end
        "runs": runs,
        "figures": figures,
        "rows": rows(figures),
        "notes": notes,
    }


def _row(
    name: str, figure: str, peer: str, ratio: str, goal: str, met: bool | None, **numbers: object
) -> dict[str, object]:
    return {
        "target": name,
        "figure": figure,
        "peer": peer,
        "ratio": ratio,
        "goal": goal,
        "met": met,
        **numbers,
    }


def rows(figures: dict[str, object]) -> list[dict[str, object]]:
    """One row per target: its figure, the peer's, the ratio, the target and whether it is met."""
    f: dict = figures  # type: ignore[type-arg]
    peer_s = f["yaml2ics"]["seconds"] if "yaml2ics" in f else None
    peer = "-" if peer_s is None else f"yaml2ics {peer_s:.2f} s"
    table = []

    def against_peer(name: str, figure: str, seconds: float, goal: float) -> None:
        ratio = None if peer_s is None else peer_s / seconds
        table.append(
            _row(
                name,
                figure,
                peer,
                "-" if ratio is None else f"{ratio:.2f}×",
                f"≥ {goal:g}×",
                None if ratio is None else ratio >= goal,
                seconds=seconds,
                peer_s=peer_s,
                ratio_value=ratio,
            )
        )

    def parts(s: dict) -> str:  # type: ignore[type-arg]
        check, build = s["parts_s"]
        return f"{s['seconds']:.2f} s (check {check:.2f} + build {build:.2f})"

    for state in ("cold", "warm"):
        s = f["ics"][state]
        against_peer(f"ics, {state}", f"{s['seconds']:.2f} s", s["seconds"], GOALS[f"ics_{state}"])
    cb = f["check_build"]
    for state in ("cold", "warm"):
        s = cb[state]
        against_peer(f"check + build, {state}", parts(s), s["seconds"], GOALS[f"cb_{state}"])
    share = cb["edit"]["seconds"] / cb["cold"]["seconds"]
    table.append(
        _row(
            "check + build, one file edited",
            parts(cb["edit"]),
            f"cold {cb['cold']['seconds']:.2f} s",
            f"{share:.0%} of cold",
            f"≤ {GOALS['cb_edit']:.0%}",
            share <= GOALS["cb_edit"],
            seconds=cb["edit"]["seconds"],
            ratio_value=share,
        )
    )
    page, rebuilt = f["serve"]["page_s"], f["serve"]["rebuilt_s"]
    if page and None not in page:
        median = statistics.median(page)
        figure = f"{median:.2f} s (of {', '.join(f'{s:.2f}' for s in page)})"
        if rebuilt and None not in rebuilt:
            figure += f"; state says rebuilt {statistics.median(rebuilt):.2f} s"
        met: bool | None = median <= GOALS["serve_s"]
    else:
        median, figure, met = None, "not served (see notes)", False
    table.append(
        _row(
            "serve: page changed after a one-file save",
            figure,
            "-",
            "-",
            f"≤ {GOALS['serve_s']:g} s",
            met,
            seconds=median,
        )
    )
    st = f["status"]
    floor = f"typer floor {st['typer_floor_s']:.3f} s"
    for state, goal in (("warm", f"≤ {GOALS['status']:g}×"), ("cold", "(none)")):
        ratio = st[f"{state}_s"] / st["typer_floor_s"]
        table.append(
            _row(
                f"status (bundled plan), {state}",
                f"{st[f'{state}_s']:.3f} s",
                floor,
                f"{ratio:.2f}×",
                goal,
                ratio <= GOALS["status"] if state == "warm" else None,
                seconds=st[f"{state}_s"],
                ratio_value=ratio,
            )
        )
    growth = {int(n): s for n, s in f["growth"].items()}
    slope = bench.exponent([(n, s["seconds"]) for n, s in sorted(growth.items())])
    figure = ", ".join(
        f"{n:,}: {s['seconds']:.1f} s" + (" (1 run)" if s["runs"] == 1 else "")
        for n, s in sorted(growth.items())
    )
    table.append(
        _row(
            "growth of cold check + build",
            figure,
            "-",
            "-" if slope is None else f"events^{slope:.2f}",
            f"near-linear (≤ {GOALS['exponent']:.2f})",
            None if slope is None else slope <= GOALS["exponent"],
            ratio_value=slope,
        )
    )
    top = growth[max(growth)]
    table.append(
        _row(
            f"peak memory at {max(growth):,} events",
            f"{top['peak_mb']} MB (check {top['parts_peak_mb'][0]}, build {top['parts_peak_mb'][1]})",
            "-",
            "-",
            f"< {GOALS['memory_mb']} MB",
            top["peak_mb"] < GOALS["memory_mb"],
            peak_mb=top["peak_mb"],
        )
    )
    return table


def render(result: dict[str, object]) -> list[str]:
    """The targets table: one row per target, then the notes."""
    r: dict = result  # type: ignore[type-arg]
    head = ("target", "figure", "peer", "ratio", "goal", "verdict")
    cells = [head]
    for row in r["rows"]:
        verdict = "-" if row["met"] is None else "met" if row["met"] else "not met"
        cells.append(
            (row["target"], row["figure"], row["peer"], row["ratio"], row["goal"], verdict)
        )
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    once = [f"{int(n):,}" for n, s in r["figures"]["growth"].items() if s["runs"] < r["runs"]]
    slow = (
        f" (1 run at {', '.join(once)} events: a cold check + build there is slow)" if once else ""
    )
    lines = [
        "",
        f"targets (issue 20), {EVENTS:,} events unless said: whole processes, median of "
        f"{r['runs']}{slow}; code {r['code']} at the start; {r['minutes']:.1f} min; load average "
        f"{r['load'][0]:.1f} at the start, {r['load'][1]:.1f} at the end",
        "  cold: .chairplan-cache/ and chairplan.lock (and --out) removed before each run; "
        "warm: all present from a run before, nothing changed",
        f"  one file edited: a new English title of one event in {EDITED} before each run, "
        "cache and --out present",
        "  serve: seconds from the save until the served index.html differs (the page's "
        "live.js then reloads within 1 s)",
    ]
    for c in cells:
        lines.append("  ".join(f"{v:<{w}s}" for v, w in zip(c, widths, strict=True)).rstrip())
    lines += [f"note: {note}" for note in r["notes"]]
    return lines
