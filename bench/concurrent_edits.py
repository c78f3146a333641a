"""Under load: many editing commands at once against one plan, while `build` and `serve` read it.

    python bench/concurrent_edits.py [--events N] [--edits 50] [--serial] [--json FILE] [--keep]

Copies a plan into a temporary folder (the bundled plan at the repository root, or with --events
the plan bench/make_plan.py generates, cached as bench/run.py caches it) and makes the copy a git
repository of one commit. Then, for the whole run, three kinds of reader: `chairplan serve --port
0` on the copy (its index.html and its /__chairplan/state fetched over and over, and from the
last edit on its all.ics and tasks.ics too, to time how soon it serves what a last build writes), a
loop of `chairplan build --out ...` runs, one after another, and a thread that reads every schedule
file raw and parses it with PyYAML. Meanwhile it starts --edits editing commands at once, each its own
process: `chairplan set ID notes|venue|owner|url VALUE`, `chairplan mark ID STATUS` and `chairplan
add event`, every one a distinct edit with a value unique to the run. An edit refused with "changed
since it was read; run again" is run again (and counted); any other refusal is a failure.

A file read is torn when it is not valid YAML, or when it parses to anything but the file as
copied with some of the run's edits applied (each edited value the old or the new one, each added
event absent or whole, nothing else different), or when the edits it holds are not a version that
could have been written (the edits of one file land one at a time, so the sets of edits seen in
it must each hold the smaller ones); an edit seen and later gone again is a regression. A built or
served index.html is torn when it is not a whole page (its Content-Length, ending in </html>), a
served feed when it does not end with END:VCALENDAR. To show that 0 torn reads means something, the
same tests are put to 20 splices of an edited file's first and last bytes (torn writes made on
purpose): they must flag them.

Afterwards: every edit's value is in the plan, `chairplan check` exits 0, a last build publishes
every value, serve catches up with all of them, no reader saw a torn file, no build or edit ended
in a traceback and serve never reported a problem with the plan. Prints one table (and writes it
as JSON with --json); exits 1 if any check failed. --serial runs the same edits one at a time, as
a baseline. chairplan is compiled once into the scratch folder (PYTHONPYCACHEPREFIX), as
bench/run.py compiles it, so that no process spends its time compiling.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import itertools
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(BENCH), str(REPO)]
import run  # noqa: E402  (bench/ is put on the path first; for plan_for, STAMP and AS_OF)

from chairplan.serve import live_page  # noqa: E402  (what serve makes of the built page)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MISSING = "<absent>"  # what a reader records for a field the entry does not have
RUN_AGAIN = "run again"  # the tail of every "changed since it was read" refusal
CRASH = re.compile(r"Traceback \(most recent call last\)|internal error")
MAX_ATTEMPTS = 20
CATCH_UP_FEEDS = ("all.ics", "tasks.ics")  # with index.html, they show every kind of edit
FIELD_PATHS = {
    "notes": ("notes",),
    "venue": ("where", "venue"),
    "owner": ("owner",),
    "url": ("url",),
    "status": ("status",),
}


@dataclass
class Entry:
    file: str  # schedules/NAME.yaml
    kind: str  # event | deliverable
    id: str
    data: dict[str, Any]


@dataclass
class Edit:
    """One editing command, what it changes, and how it went."""

    index: int
    command: str  # set | mark | add
    argv: list[str]
    id: str  # the entry edited, or the event added
    field: str  # a key of FIELD_PATHS, or "event" for an add
    old: Any
    new: Any  # the value expected afterwards (for an add: the whole new event)
    attempts: int = 0
    seconds: float = 0.0  # from its first start to its last exit, waits for the lock included
    returncode: int | None = None
    output: str = ""

    @property
    def shown(self) -> str:
        """The command as typed (without the interpreter and --root)."""
        return "chairplan " + " ".join(self.argv[6:])

    @property
    def marker(self) -> str | None:
        """Text the published files must hold after the edit (None for a status)."""
        if self.command == "add":
            return str(self.new["title"])
        return None if self.field == "status" else str(self.new)


@dataclass
class Readers:
    """What every reader saw; each list holds a description of one problem."""

    file_reads: int = 0
    torn: list[str] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)
    versions: dict[str, set[int]] = field(default_factory=dict)
    chains: dict[str, set[frozenset[int]]] = field(default_factory=dict)  # edits in place, per read
    builds: list[tuple[int, float, str]] = field(default_factory=list)  # rc, seconds, output
    torn_builds: list[str] = field(default_factory=list)
    fetches: int = 0
    torn_pages: list[str] = field(default_factory=list)
    fetch_errors: list[str] = field(default_factory=list)
    serve_problems: list[str] = field(default_factory=list)
    serve_lines: list[str] = field(default_factory=list)
    page_log: list[tuple[float, str, frozenset[str]]] = field(default_factory=list)  # changes
    lock: threading.Lock = field(default_factory=threading.Lock)


def chairplan(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "chairplan", "--debug", "--root", str(root), *args]


def copy_plan(events: int | None, root: Path, env: dict[str, str]) -> str:
    """The plan copied into `root`, as a git repository of one commit; its description."""
    source = REPO if events is None else run.plan_for(events)[0]
    root.mkdir(parents=True)
    for folder in ("schedules", "seeds"):
        shutil.copytree(source / folder, root / folder)
    if shutil.which("git"):
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        subprocess.run([*git, "init", "-q"], cwd=root, check=True, env=env)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True, env=env)
        subprocess.run([*git, "commit", "-q", "-m", "plan"], cwd=root, check=True, env=env)
    return "bundled" if events is None else f"generated ({events} events)"


def schedule_files(root: Path) -> list[str]:
    folder = root / "schedules"
    return sorted(
        p.relative_to(root).as_posix()
        for p in folder.rglob("*.yaml")
        if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def entry_lists(doc: Any) -> list[tuple[str, list[Any]]]:
    """The lists of events and deliverables in one parsed schedule file."""
    if not isinstance(doc, dict):
        return []
    lists = [("event", doc["events"])] if isinstance(doc.get("events"), list) else []
    for priority in doc.get("priorities") or []:
        if isinstance(priority, dict) and isinstance(priority.get("deliverables"), list):
            lists.append(("deliverable", priority["deliverables"]))
    return lists


def entries_of(root: Path, files: list[str]) -> list[Entry]:
    found = []
    for name in files:
        doc = yaml.load((root / name).read_bytes(), Loader=Loader)
        for kind, items in entry_lists(doc):
            found += [Entry(name, kind, e["id"], e) for e in items if isinstance(e, dict)]
    return found


def get_path(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for step in path:
        if not isinstance(data, dict) or step not in data:
            return MISSING
        data = data[step]
    return data


def pop_path(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    """Remove the value at `path` (and a mapping it leaves empty); the value, or MISSING."""
    parent = data
    for step in path[:-1]:
        parent = parent.get(step) if isinstance(parent, dict) else None
    if not isinstance(parent, dict) or path[-1] not in parent:
        return MISSING
    value = parent.pop(path[-1])
    if not parent and len(path) > 1:
        pop_path(data, path[:-1])
    return value


def plan_edits(root: Path, entries: list[Entry], count: int, token: str) -> list[Edit]:
    """`count` distinct edits: a tenth of them `add event`, the rest set or mark, one entry each
    first (spread over the plan; the fields taken in turn), then a second field of each, then a
    third."""
    adds = max(1, count // 10)
    step = max(1, len(entries) // max(1, count - adds))
    chosen = entries[::step]
    ordered = chosen + [e for e in entries if e not in chosen]
    rounds = (("notes", "notes"), ("venue", "status"), ("url", "owner"))
    edits: list[Edit] = []

    def value(i: int, fld: str, entry: Entry) -> str:
        if fld == "url":
            return f"https://example.org/bench/{i:02d}-{token}"
        if fld == "status":
            return "done" if entry.data.get("status") != "done" else "in-progress"
        return f"Bench {fld} {i:02d} {token}"

    bodies = list(dict.fromkeys(e.data["body"] for e in entries if e.kind == "event"))
    for n in range(adds):
        i = len(edits)
        body = bodies[n % len(bodies)]
        event = {
            "id": f"bench-add-{i:02d}-{token}",
            "title": f"Bench added {i:02d} {token}",
            "when": "2026-Q3",
            "body": body,
        }
        argv = ["add", "event", "--id", event["id"], "--title", event["title"]]
        argv += ["--when", event["when"], "--body", body]
        edits.append(Edit(i, "add", chairplan(root, *argv), event["id"], "event", None, event))
    for turn in range(len(rounds)):
        for j, entry in enumerate(ordered):
            if len(edits) == count:
                return edits
            by_kind = rounds[(turn + j) % len(rounds)]
            fld = by_kind[0] if entry.kind == "event" else by_kind[1]
            i = len(edits)
            new = value(i, fld, entry)
            old = get_path(entry.data, FIELD_PATHS[fld])
            if fld == "status":
                argv = chairplan(root, "mark", entry.id, new)
                edits.append(Edit(i, "mark", argv, entry.id, fld, old, new))
            else:
                argv = chairplan(root, "set", entry.id, fld, new)
                edits.append(Edit(i, "set", argv, entry.id, fld, old, new))
    if len(edits) < count:
        raise SystemExit(f"the plan has too few entries for {count} distinct edits")
    return edits


def normalise(doc: Any, edits: list[Edit]) -> tuple[Any, dict[int, Any]]:
    """The parsed file with every edited value and added event taken out, and what they were."""
    by_id: dict[str, list[Edit]] = {}
    added = {e.id: e for e in edits if e.command == "add"}
    for e in edits:
        if e.command != "add":
            by_id.setdefault(e.id, []).append(e)
    seen: dict[int, Any] = {}
    for kind, items in entry_lists(doc):
        for item in items:
            for e in by_id.get(item.get("id"), []) if isinstance(item, dict) else []:
                seen[e.index] = pop_path(item, FIELD_PATHS[e.field])
        if kind == "event":
            for item in [x for x in items if isinstance(x, dict) and x.get("id") in added]:
                seen[added[item["id"]].index] = item
                items.remove(item)
    return doc, seen


def judge_read(
    name: str, data: bytes, base: Any, edits: list[Edit], landed: dict[int, str]
) -> list[str]:
    """What is wrong with one raw read of a schedule file (nothing for a whole version)."""
    try:
        doc = yaml.load(data, Loader=Loader)
    except yaml.YAMLError as exc:
        return [f"{name}: not valid YAML ({len(data)} bytes): {str(exc).splitlines()[0]}"]
    rest, seen = normalise(doc, edits)
    problems = []
    if rest != base:
        problems.append(f"{name}: a mix of versions ({len(data)} bytes): differs outside the edits")
    for index, value in seen.items():
        e = edits[index]
        if value not in (e.old, e.new):
            problems.append(f"{name}: edit {index} ({e.id} {e.field}) reads {value!r}")
        elif value == e.new and e.new != e.old:
            landed.setdefault(index, name)
    return problems


def read_files(
    root: Path, files: list[str], bases: dict[str, Any], edits: list[Edit], seen: Readers
) -> dict[int, str]:
    """One pass over every schedule file; the edits found in place."""
    landed: dict[int, str] = {}
    for name in files:
        try:
            data = (root / name).read_bytes()
        except OSError as exc:
            with seen.lock:
                seen.torn.append(f"{name}: unreadable: {exc}")
            continue
        here: dict[int, str] = {}
        problems = judge_read(name, data, bases[name], edits, here)
        landed.update(here)
        with seen.lock:
            seen.file_reads += 1
            seen.versions.setdefault(name, set()).add(hash(data))
            seen.chains.setdefault(name, set()).add(frozenset(here))
            seen.torn += problems
    return landed


def off_chain(seen: Readers) -> list[str]:
    """Reads whose edits in place are not a version of the file that could have been written.

    The edits of one file are written one at a time, each version holding the edits before it,
    so the sets of edits seen in a file must each hold the smaller ones; a read mixing two
    versions can give a set beside the others ({1, 2} and {1, 3}, say) where each value is whole.
    """
    problems = []
    for name, sets in seen.chains.items():
        ordered = sorted(sets, key=len)
        for small, big in itertools.pairwise(ordered):
            if not small <= big:
                problems.append(
                    f"{name}: a mix of versions: one read holds edits {sorted(small)}, "
                    f"another {sorted(big)}"
                )
    return problems


def detector_check(
    name: str, before: bytes, after: bytes, base: Any, edits: list[Edit], chain: set[frozenset[int]]
) -> str:
    """How many of 20 splices of the file as copied and as left (torn writes, made on purpose)
    the tests flag: the read alone, else its edits in place against the sets the reader saw (a
    splice can read as a whole file with some edits in place). If they flagged none, 0 torn reads
    would mean nothing."""
    head = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    tail = min(len(before), len(after)) - 1
    cuts = sorted({head + 1 + (tail - head - 1) * k // 19 for k in range(20)})
    alone = by_chain = 0
    for k in cuts:
        here: dict[int, str] = {}
        if judge_read(name, before[:k] + after[k:], base, edits, here):
            alone += 1
        elif any(not (set(here) <= other or other <= set(here)) for other in chain):
            by_chain += 1
    return f"{alone + by_chain}/{len(cuts)} ({alone} alone, {by_chain} by the chain)"


def file_reader(
    root: Path,
    files: list[str],
    bases: dict[str, Any],
    edits: list[Edit],
    seen: Readers,
    stop: threading.Event,
) -> None:
    ever: dict[int, str] = {}
    while not stop.is_set():
        landed = read_files(root, files, bases, edits, seen)
        gone = [i for i in ever if i not in landed]
        with seen.lock:
            seen.regressions += [f"edit {i} ({edits[i].id} {edits[i].field}) gone" for i in gone]
            extra = [n for n in schedule_files(root) if n not in bases]
            seen.torn += [f"{n}: a schedule file that was not in the plan" for n in extra]
        ever.update(landed)
        time.sleep(0.01)


def page_problem(body: bytes, length: str | None) -> str | None:
    if length is not None and int(length) != len(body):
        return f"{len(body)} bytes, Content-Length {length}"
    if not body.rstrip().endswith(b"</html>"):
        return f"{len(body)} bytes, does not end with </html>: ...{body[-60:]!r}"
    return None


def feed_problem(body: bytes, length: str | None) -> str | None:
    if length is not None and int(length) != len(body):
        return f"{len(body)} bytes, Content-Length {length}"
    if body and not body.endswith(b"END:VCALENDAR\r\n"):
        return f"{len(body)} bytes, does not end with END:VCALENDAR: ...{body[-60:]!r}"
    return None


def fetch(url: str) -> tuple[bytes, str | None]:
    """The body and Content-Length at `url`; an empty body for a file that is not there."""
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read(), answer.headers.get("Content-Length")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return b"", None
        raise


def unfold(text: str) -> str:
    """iCalendar text with its folded lines joined and its commas and semicolons unescaped."""
    return text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")


def catch_up_key(pages: list[bytes]) -> str:
    return hashlib.sha256(b"\0".join(hashlib.sha256(p).digest() for p in pages)).hexdigest()


def present_in(pages: list[bytes], markers: list[str]) -> frozenset[str]:
    text = "\n".join(unfold(p.decode("utf-8", errors="replace")) for p in pages)
    return frozenset(m for m in markers if m in text)


def serve_fetcher(
    url: str, markers: list[str], seen: Readers, stop: threading.Event, edits_done: threading.Event
) -> None:
    """Fetch the served index.html (and, once the edits are done, the feeds that hold every
    edit, to see when serve caught up) and the preview's state, over and over."""
    while not stop.is_set():
        caught_up = edits_done.is_set()
        try:
            body, length = fetch(url + "index.html")
            feeds = [fetch(url + name) for name in CATCH_UP_FEEDS] if caught_up else []
            state = json.loads(fetch(url + "__chairplan/state")[0])
        except (OSError, urllib.error.URLError, ValueError) as exc:
            with seen.lock:
                seen.fetch_errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.2)
            continue
        problems = [f"served index.html: {p}" for p in [page_problem(body, length)] if p]
        for name, (feed, feed_length) in zip(CATCH_UP_FEEDS, feeds, strict=False):
            problems += [f"served {name}: {p}" for p in [feed_problem(feed, feed_length)] if p]
        pages = [body, *(feed for feed, _ in feeds)]
        key, present = catch_up_key(pages), present_in(pages, markers) if caught_up else frozenset()
        with seen.lock:
            seen.fetches += 1
            if caught_up and (not seen.page_log or seen.page_log[-1][1] != key):
                seen.page_log.append((time.perf_counter(), key, present))
            seen.torn_pages += problems
            if state.get("problems"):
                seen.serve_problems.append("; ".join(state["problems"]))
        time.sleep(0.02)


def build_once(root: Path, out: Path, env: dict[str, str]) -> tuple[int, float, str]:
    began = time.perf_counter()
    done = subprocess.run(
        chairplan(root, "build", "--out", str(out)), env=env, capture_output=True, text=True
    )
    return done.returncode, time.perf_counter() - began, done.stdout + done.stderr


def build_loop(root: Path, out: Path, env: dict[str, str], seen: Readers, stop: threading.Event):
    while not stop.is_set():
        result = build_once(root, out, env)
        problem = None
        if result[0] == 0:
            page = out / "index.html"
            problem = page_problem(page.read_bytes(), None) if page.exists() else "no index.html"
        with seen.lock:
            seen.builds.append(result)
            if problem:
                seen.torn_builds.append(f"built index.html: {problem}")


def start_serve(root: Path, env: dict[str, str], seen: Readers) -> tuple[subprocess.Popen, str]:
    """`chairplan serve --port 0` on the plan, its output collected; its address."""
    child = subprocess.Popen(
        chairplan(root, "serve", "--port", "0"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    address: list[str] = []
    ready = threading.Event()

    def collect() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            with seen.lock:
                seen.serve_lines.append(line.rstrip("\n"))
            if found := re.search(r"serving (http://\S+/)", line):
                address.append(found[1])
                ready.set()
        ready.set()

    threading.Thread(target=collect, daemon=True).start()
    ready.wait(timeout=600)
    if not address:
        child.kill()
        raise SystemExit("chairplan serve did not start:\n" + "\n".join(seen.serve_lines))
    return child, address[0]


def run_edit(edit: Edit, env: dict[str, str], barrier: threading.Barrier | None) -> Edit:
    """Run one edit (again while it is refused with "run again"), timed from its first start."""
    if barrier is not None:
        barrier.wait()
    began = time.perf_counter()
    while edit.attempts < MAX_ATTEMPTS:
        edit.attempts += 1
        done = subprocess.run(edit.argv, env=env, capture_output=True, text=True)
        edit.returncode, edit.output = done.returncode, (done.stdout + done.stderr).strip()
        if done.returncode == 0 or RUN_AGAIN not in edit.output or CRASH.search(edit.output):
            break
    edit.seconds = time.perf_counter() - began
    return edit


def run_edits(edits: list[Edit], env: dict[str, str], serial: bool) -> float:
    """Every edit, all started at once (or one after another); the wall seconds."""
    began = time.perf_counter()
    if serial:
        for edit in edits:
            run_edit(edit, env, None)
    else:
        barrier = threading.Barrier(len(edits))
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(edits)) as pool:
            list(pool.map(lambda e: run_edit(e, env, barrier), edits))
    return time.perf_counter() - began


def published_text(out: Path) -> str:
    """Every built file's text, iCalendar lines unfolded and unescaped, for finding values."""
    parts = []
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".md", ".atom"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".ics":
                text = unfold(text)
            parts.append(text)
    return "\n".join(parts)


def wait_for_serve(
    seen: Readers, key: str, markers: list[str], since: float, timeout: float
) -> tuple[float | None, str, list[str]]:
    """Seconds from `since` until serve served what the last build wrote (index.html as the
    preview serves it, and the feeds), or else pages holding every marker (None if neither
    within `timeout`); which of the two; and the markers the served pages lacked last."""
    wanted = set(markers)
    while True:
        with seen.lock:
            log = list(seen.page_log)
        if same := [at for at, digest, _ in log if digest == key]:
            return max(0.0, same[0] - since), "the last build's files", []
        over = time.perf_counter() - since > timeout
        if over and (whole := [at for at, _, present in log if wanted <= present]):
            return max(0.0, whole[0] - since), "every value, not the last build's bytes", []
        if over:
            return None, "", sorted(wanted - (log[-1][2] if log else frozenset()))
        time.sleep(0.25)


def stop_serve(child: subprocess.Popen) -> int:
    child.send_signal(signal.SIGINT)
    try:
        return child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def landed(edit: Edit, after: dict[str, Entry]) -> bool:
    """Whether the plan as read afterwards holds the edit's value (the added event, whole)."""
    entry = after.get(edit.id)
    if entry is None:
        return False
    if edit.command == "add":
        return entry.data == edit.new
    return get_path(entry.data, FIELD_PATHS[edit.field]) == edit.new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, help="use bench/make_plan.py's plan of this size")
    parser.add_argument("--edits", type=int, default=50, help="editing commands to run at once")
    parser.add_argument("--serial", action="store_true", help="run the edits one at a time")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary plan folder")
    args = parser.parse_args(argv)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SOURCE_DATE_EPOCH": run.STAMP,
        "CHAIRPLAN_AS_OF": run.AS_OF,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CHAIRPLAN_ROOT", None)
    scratch = Path(tempfile.mkdtemp(prefix="chairplan-concurrent-"))
    # Compiled once, into the scratch folder (not the source tree): with PYTHONDONTWRITEBYTECODE
    # set, each of the processes would compile every module of chairplan again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    compile_all = [sys.executable, "-m", "compileall", "-q", str(REPO / "chairplan")]
    try:
        subprocess.run(compile_all, env=env, check=True)
        return bench(args, env, scratch)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def bench(args: argparse.Namespace, env: dict[str, str], scratch: Path) -> int:
    root = scratch / "plan"
    load = os.getloadavg()[0]
    plan = copy_plan(args.events, root, env)
    seen = Readers()

    serve, url = start_serve(root, env, seen)
    try:
        return under_load(args, env, scratch, root, plan, load, serve, url, seen)
    finally:
        if serve.poll() is None:  # the run stopped early: serve must not outlive it
            stop_serve(serve)


def under_load(
    args: argparse.Namespace,
    env: dict[str, str],
    scratch: Path,
    root: Path,
    plan: str,
    load: float,
    serve: subprocess.Popen,
    url: str,
    seen: Readers,
) -> int:
    files = schedule_files(root)
    entries = entries_of(root, files)
    token = secrets.token_hex(3)
    edits = plan_edits(root, entries, args.edits, token)
    bases = {
        n: normalise(yaml.load((root / n).read_bytes(), Loader=Loader), edits)[0] for n in files
    }
    markers = [m for e in edits if (m := e.marker) is not None]
    originals = {n: (root / n).read_bytes() for n in files}
    stop, stop_fetching, edits_done = threading.Event(), threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=build_loop, args=(root, scratch / "site", env, seen, stop)),
        threading.Thread(target=file_reader, args=(root, files, bases, edits, seen, stop)),
    ]
    fetcher = threading.Thread(
        target=serve_fetcher, args=(url, markers, seen, stop_fetching, edits_done)
    )
    for thread in [*threads, fetcher]:
        thread.daemon = True  # an interrupted run does not wait for them
        thread.start()
    began = time.perf_counter()
    while True:  # every reader has done one round before the edits start
        with seen.lock:
            if seen.builds and seen.file_reads >= len(files) and seen.fetches:
                break
            errors = seen.fetch_errors[-1:]
        if time.perf_counter() - began > 600 or serve.poll() is not None:
            stop.set()
            stop_fetching.set()
            raise SystemExit(f"the readers did not start: {errors or seen.serve_lines[-5:]}")
        time.sleep(0.05)
    with seen.lock:
        before = (len(seen.builds), seen.fetches, seen.file_reads)

    wall = run_edits(edits, env, args.serial)
    edits_end = time.perf_counter()
    edits_done.set()

    with seen.lock:
        during = (
            len(seen.builds) - before[0],
            seen.fetches - before[1],
            seen.file_reads - before[2],
        )
    stop.set()
    for thread in threads:
        thread.join()

    # Afterwards: the plan, check, a last build, serve catching up.
    failures: list[str] = []
    for e in edits:
        if e.returncode != 0:
            failures.append(
                f"edit {e.index} failed after {e.attempts} attempts: {e.shown}: {e.output}"
            )
        elif CRASH.search(e.output):
            failures.append(f"edit {e.index} crashed: {e.output}")
    after = {e.id: e for e in entries_of(root, files)}
    lost = [e for e in edits if e.returncode == 0 and not landed(e, after)]
    failures += [f"edit {e.index} lost: {e.id} {e.field} is not {e.new!r}" for e in lost]
    final = Readers()
    read_files(root, files, bases, edits, final)
    failures += [f"final plan: {p}" for p in final.torn]
    checked = subprocess.run(chairplan(root, "check"), env=env, capture_output=True, text=True)
    if checked.returncode != 0:
        failures.append(f"check exited {checked.returncode}: {checked.stdout}{checked.stderr}")
    last = build_once(root, scratch / "last", env)
    if last[0] != 0:
        failures.append(f"the last build exited {last[0]}: {last[2]}")
    published = published_text(scratch / "last") if last[0] == 0 else ""
    failures += [f"not published by the last build: {m}" for m in markers if m not in published]
    built = [scratch / "last" / name for name in ("index.html", *CATCH_UP_FEEDS)]
    pages = [p.read_bytes() if p.exists() else b"" for p in built]
    key = catch_up_key([live_page(pages[0]), *pages[1:]])
    served = sorted(present_in(pages, markers))
    caught_up, caught_what, missing = wait_for_serve(
        seen, key, served, edits_end, timeout=30 + 5 * last[1]
    )
    failures += [f"serve never showed: {m}" for m in missing]
    stop_fetching.set()
    fetcher.join()
    serve_rc = stop_serve(serve)
    failures += off_chain(seen)
    edited = max(files, key=lambda n: sum(after[e.id].file == n for e in edits if e.id in after))
    chain = seen.chains.get(edited, set())
    detector = detector_check(
        edited, originals[edited], (root / edited).read_bytes(), bases[edited], edits, chain
    )
    if detector.startswith("0/"):
        failures.append(f"the torn-read test flags no splice of {edited}: it is broken")

    builds = seen.builds
    crashed = [out for rc, _, out in builds if CRASH.search(out)]
    refused = [out for rc, _, out in builds if rc != 0 and not CRASH.search(out)]
    serve_out = "\n".join(seen.serve_lines)
    failures += [f"a build crashed: {out}" for out in crashed]
    failures += seen.torn + seen.regressions + seen.torn_builds + seen.torn_pages
    failures += [f"serve reported a problem with the plan: {p}" for p in seen.serve_problems]
    if CRASH.search(serve_out) or serve_rc not in (0, -signal.SIGINT):
        failures.append(f"serve exited {serve_rc}: {serve_out[-2000:]}")

    seconds = [e.seconds for e in edits]
    counts = {c: sum(e.command == c for e in edits) for c in ("set", "mark", "add")}
    events = sum(e.kind == "event" for e in entries)
    result: dict[str, Any] = {
        "machine": f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load:.1f} at the start",
        "plan": f"{plan}: {len(files)} files, {events} events, {len(entries) - events} deliverables",
        "mode": "serial" if args.serial else "concurrent",
        "edits": len(edits),
        "edit_commands": counts,
        "files_edited": len({after[e.id].file for e in edits if e.id in after}),
        "wall_s": wall,
        "edits_per_s": len(edits) / wall,
        "latency_median_s": statistics.median(seconds),
        "latency_max_s": max(seconds),
        "retries": sum(e.attempts - 1 for e in edits),
        "edits_retried": sum(e.attempts > 1 for e in edits),
        "landed": len(edits) - len(lost) - sum(e.returncode != 0 for e in edits),
        "check_rc": checked.returncode,
        "builds_during": during[0],
        "builds_total": len(builds),
        "builds_ok": sum(rc == 0 for rc, _, _ in builds),
        "builds_refused": len(refused),
        "builds_crashed": len(crashed),
        "build_median_s": statistics.median(s for _, s, _ in builds),
        "serve_fetches_during": during[1],
        "serve_fetches_total": seen.fetches,
        "serve_rebuilds": sum(line.startswith("built ") for line in seen.serve_lines) - 1,
        "serve_caught_up_s": caught_up,
        "serve_caught_up_with": caught_what,
        "serve_fetch_errors": len(seen.fetch_errors),
        "file_reads_during": during[2],
        "file_reads_total": seen.file_reads,
        "versions_seen": sum(len(v) for v in seen.versions.values()),
        "torn_reads": len(seen.torn) + len(seen.torn_pages) + len(seen.torn_builds),
        "off_chain_reads": len(off_chain(seen)),
        "detector_flags_splices": detector,
        "regressions": len(seen.regressions),
        "failures": failures,
        "refused_builds": refused[:5],
    }
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 1 if failures else 0


def report(r: dict[str, Any]) -> None:
    c = r["edit_commands"]
    caught = r["serve_caught_up_s"]
    rows = [
        ("machine", r["machine"]),
        ("plan", r["plan"]),
        ("edits", f"{r['edits']} {r['mode']} (set {c['set']}, mark {c['mark']}, add {c['add']}) "
                  f"over {r['files_edited']} files"),
        ("landed", f"{r['landed']}/{r['edits']}"),
        ("wall time", f"{r['wall_s']:.1f} s"),
        ("edits/s", f"{r['edits_per_s']:.2f}"),
        ("edit latency", f"median {r['latency_median_s']:.1f} s, max {r['latency_max_s']:.1f} s"),
        ("retries", f"{r['retries']} (of {r['edits_retried']} edits refused 'run again')"),
        ("chairplan check", f"exit {r['check_rc']}"),
        ("builds meanwhile", f"{r['builds_during']} ({r['builds_total']} in all: "
                             f"{r['builds_ok']} ok, {r['builds_refused']} refused, "
                             f"{r['builds_crashed']} crashed; median {r['build_median_s']:.1f} s)"),
        ("serve fetches meanwhile", f"{r['serve_fetches_during']} ({r['serve_fetches_total']} in all, "
                                    f"{r['serve_fetch_errors']} errors; {r['serve_rebuilds']} rebuilds)"),
        ("serve caught up", "never" if caught is None
                            else f"{caught:.1f} s after the last edit ({r['serve_caught_up_with']})"),
        ("file reads meanwhile", f"{r['file_reads_during']} ({r['file_reads_total']} in all, "
                                 f"{r['versions_seen']} versions seen)"),
        ("torn reads", f"{r['torn_reads']} (files read, pages served, pages built), "
                       f"{r['off_chain_reads']} mixes of versions"),
        ("torn-read test", f"flags {r['detector_flags_splices']} torn writes made on purpose"),
        ("regressions", f"{r['regressions']}"),
        ("failures", f"{len(r['failures'])}"),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for failure in r["failures"][:20]:
        print(f"  FAIL {failure}")
    for out in r["refused_builds"]:
        print(f"  refused build: {out.strip().splitlines()[-1] if out.strip() else '(no output)'}")


if __name__ == "__main__":
    sys.exit(main())
