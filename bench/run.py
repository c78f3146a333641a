"""chairplan's benchmarks in one run: whole processes, median of several, side by side with peers.

    python bench/run.py [--sizes 100,1000,10000,50000] [--runs 3] [--json bench/results.json] [--no-web]
                        [--targets-only | --no-targets]

First the targets of issue 20 (bench/targets.py), cold and warm side by side with yaml2ics in the
same run: `chairplan ics`, `check` + `build` (cold, warm, one file edited) and `serve` at 10,000
events, `status` on the bundled plan against the typer floor, growth and peak memory of a cold
check + build from 1,000 to 50,000 events; `--targets-only` runs only them (about 3 minutes on 2
cores) and adds them to the JSON, keeping its other figures.

Then, every chairplan command with --no-cache (uncached, as before the cache: the plan folders are
shared with the targets, whose runs leave a cache in them): times `python -c pass`, a bare typer
app, `chairplan --help` and `chairplan status` (the bundled plan); `chairplan check`, `build`,
`sources scan` and `status` on plans made by bench/make_plan.py at each size, with peak memory;
`diff` between two commits of that plan that differ in 100 entries; `build` of its public-bodies
twin (every third event internal, busy for the public) for the most private level and for the
public; yaml2ics on the same events (installed into bench/.venv on first use); and the date
recogniser against dateparser (bench/scan_accuracy.py: F1 on the gold set, articles per second);
the built web page's size (index.html with the style.css and app.js it loads) and its
first-contentful-paint and load time in headless Chromium (Playwright driving /usr/bin/chromium, a
fresh context per run). Prints the tables and writes them as JSON. Plans and the venv are cached
under bench/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
VENV = BENCH / ".venv"
ARTICLES = {100: 20, 1000: 200, 10000: 2000, 50000: 2000}
STAMP = "1773100800"  # SOURCE_DATE_EPOCH: builds are stamped alike, whatever the clock
AS_OF = "2026-12-02"  # the day check judges by (the day-dependent rule runs as on this day)
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; never `playwright install`
VIEWPORT = {"width": 1280, "height": 900}
PAGE_TARGET = (10000, 5.0, 2.0)  # at this many events: page under 5 MB, first render under 2 s
HELLO = """import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
"""

sys.path.insert(0, str(BENCH))
import make_plan  # noqa: E402  (bench/ is put on the path first)
import scan_accuracy  # noqa: E402


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of one process, which must succeed."""
    began = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss // 1024  # Linux reports kilobytes


def timed(
    cmd: list[str], runs: int, env: dict[str, str], before: object = None
) -> dict[str, float]:
    """Median seconds over `runs` runs, and the largest peak memory; `before` resets state."""
    seconds, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        elapsed, peak = run_once(cmd, env)
        seconds.append(elapsed)
        peaks.append(peak)
    return {"seconds": statistics.median(seconds), "peak_mb": max(peaks)}


def ensure_venv() -> Path:
    """bench/.venv with yaml2ics (the closest peer: YAML to ICS), made on first use."""
    exe = VENV / "bin" / "yaml2ics"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "yaml2ics"]
        subprocess.run(pip, check=True)
    return exe


def plan_for(events: int, rules: str = "on", derived: bool = False) -> tuple[Path, Path]:
    """The generated plan folder and yaml2ics input for a size (cached; the generator is seeded).

    `rules="off"` is the same plan with every planning rule turned off in its settings;
    `derived` the same plan with half its events' dates counted from another's (same days).
    """
    articles = ARTICLES.get(events, max(5, min(2000, events // 5)))
    name = f"plan-v2-{events}-{rules}{'-derived' if derived else ''}"
    folder, y2i = CACHE / name, CACHE / f"yaml2ics-{events}.yaml"
    if not (folder / "schedules").is_dir() or not y2i.exists():
        args = ["--events", str(events), "--articles", str(articles), "--out", str(folder)]
        more = ["--derived"] if derived else []
        make_plan.main([*args, "--yaml2ics", str(y2i), "--rules", rules, *more])
    return folder, y2i


def exponent(points: list[tuple[int, float]]) -> float | None:
    """The slope of log(seconds) against log(events): 1.0 is linear."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def startup(runs: int, env: dict[str, str], scratch: Path) -> list[dict[str, object]]:
    hello = scratch / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    chairplan = [sys.executable, "-m", "chairplan"]
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "typer hello --help": [sys.executable, str(hello), "--help"],
        "typer hello (runs)": [sys.executable, str(hello), "--name", "plan"],
        "chairplan --help": [*chairplan, "--help"],
        "chairplan status (bundled)": [*chairplan, "--no-cache", "--root", str(REPO), "status", "--as-of", "2026-03-12"],
    }  # fmt: skip
    results = {name: [] for name in cases}  # type: dict[str, list[float]]
    for _ in range(runs):  # interleaved, so a busy moment does not favour one of them
        for name, cmd in cases.items():
            results[name].append(run_once(cmd, env)[0])
    # Help is compared with typer's help, a command with typer running a command: typer only
    # imports its parameter machinery (and pydantic with it) when a command runs.
    floors = {
        name: statistics.median(
            results["typer hello --help" if "help" in name else "typer hello (runs)"]
        )
        for name in results
    }
    return [
        {
            "case": name,
            "seconds": statistics.median(s),
            "vs_typer": statistics.median(s) / floors[name],
        }
        for name, s in results.items()
    ]


def diff_repo(folder: Path, scratch: Path, changes: int = 100) -> Path:
    """A git repository of the plan in two commits that differ in `changes` entries: half of
    them events confirmed, half moved a week later (the plan's own dates, shifted)."""
    import datetime as dt
    import re

    repo = scratch / f"git-{folder.name}"
    shutil.copytree(folder / "schedules", repo / "schedules")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "before"], cwd=repo, check=True)
    confirm, move = changes // 2, changes - changes // 2
    day = re.compile(r"^(    when: )(\d{4}-\d{2}-\d{2})$", re.MULTILINE)
    for path in sorted((repo / "schedules").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")

        def later(m: re.Match[str]) -> str:
            nonlocal move
            if move <= 0:
                return m[0]
            move -= 1
            return m[1] + (dt.date.fromisoformat(m[2]) + dt.timedelta(days=7)).isoformat()

        text = day.sub(later, text)
        while confirm > 0 and "    status: planned\n" in text:
            text = text.replace("    status: planned\n", "    status: confirmed\n", 1)
            confirm -= 1
        path.write_text(text, encoding="utf-8")
    subprocess.run([*git, "commit", "-q", "-a", "-m", "after"], cwd=repo, check=True)
    return repo


def audience_plan(folder: Path) -> Path:
    """The plan of `folder` with its bodies public and every third event internal, shown to the
    public as a busy block (cached beside it)."""
    import re

    twin = folder.with_name(folder.name + "-audiences")
    bodies = twin / "schedules" / "bodies.yaml"
    if bodies.is_file() and "  uid-key: " in bodies.read_text(encoding="utf-8"):
        return twin
    shutil.rmtree(twin, ignore_errors=True)  # a twin cached before it had its uid-key
    shutil.copytree(folder, twin, ignore=shutil.ignore_patterns(".chairplan-cache"))
    text = bodies.read_text(encoding="utf-8")
    # check refuses a plan that hides some entries from a lower audience without a uid-key:
    settings = "settings:\n  default-audience: public\n  uid-key: bench-only-secret-for-the-twin\n"
    bodies.write_text(text.replace("settings:\n", settings, 1))
    event = re.compile(r"^(  - id: \S+-e(\d{5})\n)", re.MULTILINE)
    for path in sorted((twin / "schedules").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        marked = event.sub(
            lambda m: (
                m[1] + "    audience: internal\n    redact: busy\n" if int(m[2]) % 3 == 0 else m[1]
            ),
            text,
        )
        path.write_text(marked, encoding="utf-8")
    return twin


def page_files(site: Path) -> dict[str, int]:
    """Bytes of index.html and of the local style sheets and scripts its tags load."""
    import re

    index = site / "index.html"
    text = index.read_text(encoding="utf-8", errors="replace")
    sizes = {"index.html": index.stat().st_size}
    tags = re.finditer(r"<(?:link|script)\b[^>]*>", text, re.IGNORECASE)
    for tag in (m[0] for m in tags):
        if tag[1:5].lower() == "link" and not re.search(r"rel=[\"']?stylesheet", tag, re.I):
            continue
        ref = re.search(r"\b(?:href|src)=[\"']([^\"'#?]+)", tag, re.IGNORECASE)
        if ref is None or ":" in ref[1] or ref[1].startswith("//"):
            continue  # inline, data: or remote: not a file of the site
        path = site / ref[1]
        if path.is_file():
            sizes[ref[1]] = path.stat().st_size
    return sizes


class Browser:
    """Headless Chromium through Playwright, started on first use; `missing` says why not."""

    def __init__(self) -> None:
        self.missing: str | None = None
        self._playwright: object = None
        self._browser: object = None

    def start(self) -> bool:
        if self._browser is not None or self.missing is not None:
            return self.missing is None
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            self.missing = f"playwright is not installed ({exc}); pip install playwright"
        else:
            if not CHROMIUM.is_file():
                self.missing = f"{CHROMIUM} is missing (apt-get install chromium)"
            else:
                try:
                    self._playwright = sync_playwright().start()
                    self._browser = self._playwright.chromium.launch(  # type: ignore[attr-defined]
                        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
                    )
                except Exception as exc:  # any failure to start: report it, go on
                    self.missing = f"could not start {CHROMIUM}: {str(exc).splitlines()[0]}"
                    self.stop()
        if self.missing is not None:
            print(f"  web page timings skipped: {self.missing}", file=sys.stderr)
        return self.missing is None

    def render(self, index: Path) -> tuple[float | None, float]:
        """First-contentful-paint and load-event-end (seconds from navigation) of one cold load."""
        context = self._browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
        try:
            page = context.new_page()
            page.goto(index.as_uri(), wait_until="load", timeout=300_000)
            # Polled from here: the page's CSP (script-src 'self') refuses wait_for_function's eval.
            # A page that never paints content has no entry: wait a little, then say so.
            ready = "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
            painted = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
            for probe, seconds in ((ready, 60), (painted, 10)):
                until = time.monotonic() + seconds
                while not page.evaluate(probe) and time.monotonic() < until:
                    page.wait_for_timeout(20)
            paint, load = page.evaluate(
                """() => {
                    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                    const nav = performance.getEntriesByType('navigation')[0];
                    return [fcp ? fcp.startTime : null, nav.loadEventEnd];
                }"""
            )
        finally:
            context.close()
        return (None if paint is None else paint / 1000), load / 1000

    def stop(self) -> None:
        for thing, close in ((self._browser, "close"), (self._playwright, "stop")):
            if thing is not None:
                with contextlib.suppress(Exception):
                    getattr(thing, close)()
        self._browser = self._playwright = None


def web_page(site: Path, runs: int, browser: Browser | None) -> dict[str, object]:
    """The built page's size, and its median first paint and load time over `runs` cold loads
    (figures None, with `web_missing` saying why, when they cannot be measured)."""
    row: dict[str, object] = {"index_bytes": None, "page_bytes": None}
    row.update({"page_files": None, "first_paint_s": None, "load_s": None, "web_missing": None})
    if not (site / "index.html").is_file():
        row["web_missing"] = f"no index.html in {site.name}"
        return row
    files = page_files(site)
    row.update(
        index_bytes=files["index.html"], page_bytes=sum(files.values()), page_files=sorted(files)
    )
    if browser is None:
        row["web_missing"] = "not measured (--no-web)"
        return row
    if not browser.start():
        row["web_missing"] = browser.missing
        return row
    paints: list[float] = []
    loads: list[float] = []
    try:
        for _ in range(runs):
            paint, load = browser.render(site / "index.html")
            loads.append(load)
            if paint is not None:
                paints.append(paint)
    except Exception as exc:  # a page that fails or times out: report it, go on
        row["web_missing"] = f"page load failed: {str(exc).splitlines()[0]}"
        print(f"  web page of {site.name}: {row['web_missing']}", file=sys.stderr)
        return row
    row["load_s"] = statistics.median(loads)
    if paints:
        row["first_paint_s"] = statistics.median(paints)
    if len(paints) < len(loads):
        row["web_missing"] = (
            f"no first-contentful-paint in {len(loads) - len(paints)} of {runs} loads"
        )
    return row


def watch_poll(folder: Path, polls: int = 5) -> float:
    """Milliseconds of one poll of `serve`'s watcher (serve.plan_fingerprint), median of `polls`."""
    from chairplan.serve import plan_fingerprint

    known: dict[str, tuple[tuple[int, ...], bytes]] = {}
    plan_fingerprint(folder, known)  # the first poll reads every file, as serve's start does
    times = []
    for _ in range(polls):
        started = time.perf_counter()
        plan_fingerprint(folder, known)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def web_target(table: list[dict[str, object]]) -> dict[str, object] | None:
    """Whether the page at PAGE_TARGET's size is under its size target and opens (first paint,
    and the load event too) within its time target."""
    events, mb, seconds = PAGE_TARGET
    row = next((r for r in table if r["events"] == events), None)
    if row is None:
        return None
    size, paint, load = row.get("page_bytes"), row.get("first_paint_s"), row.get("load_s")
    return {
        "events": events,
        "page_mb_max": mb,
        "first_paint_s_max": seconds,
        "page_met": None if size is None else size / 1e6 < mb,  # type: ignore[operator]
        "first_paint_met": None if paint is None else paint < seconds,  # type: ignore[operator]
        "load_met": None if load is None else load < seconds,  # type: ignore[operator]
    }


# The sizes table's commands: uncached, so that its figures mean what they meant before the cache
# (the targets leave a cache in the same plan folders; --no-cache neither reads nor writes it).
UNCACHED = [sys.executable, "-m", "chairplan", "--no-cache"]


def sizes_table(sizes: list[int], runs: int, env: dict[str, str], y2i: bool, scratch: Path, browser: Browser | None = None) -> list[dict[str, object]]:  # fmt: skip
    rows: list[dict[str, object]] = []
    yaml2ics = ensure_venv() if y2i else None
    for events in sizes:
        folder, y2i_input = plan_for(events)
        base = [*UNCACHED, "--root", str(folder)]
        out = scratch / f"site-{events}"

        def fresh(folder: Path = folder, out: Path = out) -> None:
            (folder / "chairplan.lock").unlink(missing_ok=True)
            shutil.rmtree(out, ignore_errors=True)

        check = timed([*base, "check", "--as-of", AS_OF], runs, env)
        off_folder, _ = plan_for(events, "off")
        off = [*UNCACHED, "--root", str(off_folder)]
        check_off = timed([*off, "check", "--as-of", AS_OF], runs, env)
        derived_folder, _ = plan_for(events, derived=True)
        derived = [*UNCACHED, "--root", str(derived_folder)]
        check_derived = timed([*derived, "check", "--as-of", AS_OF], runs, env)
        build = timed([*base, "build", "--out", str(out)], runs, env, before=fresh)
        web = web_page(out, runs, browser)  # the last build's page, before anything else runs
        scan = timed([*base, "sources", "scan"], runs, env)
        status = timed([*base, "status", "--as-of", "2026-03-12"], runs, env)
        shared = audience_plan(folder)
        aud = [*UNCACHED, "--root", str(shared)]
        public_out, all_out = scratch / f"public-{events}", scratch / f"all-{events}"

        def fresh_audience(
            shared: Path = shared, outs: tuple[Path, ...] = (public_out, all_out)
        ) -> None:
            (shared / "chairplan.lock").unlink(missing_ok=True)
            for folder in outs:
                shutil.rmtree(folder, ignore_errors=True)

        build_all = timed([*aud, "build", "--out", str(all_out)], runs, env, before=fresh_audience)
        build_public = timed(
            [*aud, "build", "--out", str(public_out), "--audience", "public"],
            runs,
            env,
            before=fresh_audience,
        )
        repo = diff_repo(folder, scratch)
        in_git = [*UNCACHED, "--root", str(repo)]
        diff = timed([*in_git, "diff", "HEAD~1", "HEAD", "--format", "json"], runs, env)
        row: dict[str, object] = {
            "events": events,
            "articles": len(list((folder / "seeds").glob("*.txt"))),
            "check_s": check["seconds"],
            "check_rules_off_s": check_off["seconds"],
            "rules_cost": check["seconds"] / check_off["seconds"] - 1,
            "check_derived_s": check_derived["seconds"],
            "derived_cost": check_derived["seconds"] / check["seconds"] - 1,
            "build_s": build["seconds"],
            "scan_s": scan["seconds"],
            "status_s": status["seconds"],
            "diff_s": diff["seconds"],
            "build_internal_s": build_all["seconds"],
            "build_public_s": build_public["seconds"],
            "diff_vs_check": diff["seconds"] / check["seconds"],
            "peak_mb": max(check["peak_mb"], build["peak_mb"], status["peak_mb"], diff["peak_mb"]),
            "serve_poll_ms": watch_poll(folder),
            **web,
        }
        if yaml2ics is not None:
            peer = timed([str(yaml2ics), str(y2i_input)], max(1, min(runs, 2)), env)
            row["yaml2ics_s"] = peer["seconds"]
            row["ratio"] = peer["seconds"] / (check["seconds"] + build["seconds"])
        rows.append(row)
        print(f"  {events} events done", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000,50000", help="event counts, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json")
    parser.add_argument("--no-yaml2ics", action="store_true", help="skip the yaml2ics peer")
    parser.add_argument(
        "--no-web", action="store_true", help="skip the web page's timings in headless Chromium"
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--targets-only",
        action="store_true",
        help="only the targets of issue 20 (cold, warm, yaml2ics), added to the JSON's figures",
    )
    only.add_argument("--no-targets", action="store_true", help="skip the targets of issue 20")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": STAMP}
    CACHE.mkdir(exist_ok=True)
    # A regular install compiles chairplan to bytecode; an editable one (or PYTHONPATH) does not,
    # and with PYTHONDONTWRITEBYTECODE set every run would compile every module again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "chairplan")], check=True)
    machine = (
        f"{platform.node()}: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    result: dict[str, object] = {"machine": machine}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        if not args.no_targets:
            # bench/targets.py imports this module as `run`: the running script, not a second copy
            sys.modules.setdefault("run", sys.modules[__name__])
            import targets

            result["targets"] = targets.measure(
                args.runs, env, scratch, not args.no_yaml2ics, machine
            )
        if not args.targets_only:
            result["startup"] = startup(max(args.runs, 5), env, scratch)
            browser = None if args.no_web else Browser()
            try:
                table = sizes_table(sizes, args.runs, env, not args.no_yaml2ics, scratch, browser)
            finally:
                if browser is not None:
                    browser.stop()
    if args.targets_only:
        kept = json.loads(args.json.read_text(encoding="utf-8")) if args.json.is_file() else {}
        args.json.write_text(json.dumps({**kept, **result}, indent=2) + "\n", encoding="utf-8")
        print(render(result))
        return
    recognisers = scan_accuracy.compare(args.shared, REPO / "seeds", rounds=50)
    fit = [(r["events"], r["check_s"] + r["build_s"]) for r in table if r["events"] >= 1000]  # type: ignore[operator]
    result.update(
        {
            "sizes": table,
            "growth_exponent": exponent(fit),  # type: ignore[arg-type]
            "web_target": web_target(table),
            "recognisers": recognisers,
        }
    )
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(render(result))


def render(result: dict[str, object]) -> str:
    lines = [f"machine: {result['machine']}"]
    if "targets" in result:
        import targets

        lines += targets.render(result["targets"])  # type: ignore[arg-type]
    if "startup" not in result:
        return "\n".join(lines)
    lines += ["", f"{'startup (status: --no-cache)':30s} {'seconds':>8s} {'× typer':>8s}"]
    for r in result["startup"]:  # type: ignore[attr-defined]
        lines.append(f"{r['case']:30s} {r['seconds']:8.3f} {r['vs_typer']:8.2f}")
    lines += ["", "every chairplan command below with --no-cache: uncached, as before the cache",
              f"{'events':>7s} {'articles':>8s} {'check s':>8s} {'rules off':>9s} {'rules +':>7s} "
              f"{'derived':>8s} {'derived +':>9s} "
              f"{'build s':>8s} {'scan s':>7s} {'status s':>8s} {'diff s':>7s} {'÷ check':>7s} "
              f"{'internal':>8s} {'public':>7s} "
              f"{'peak MB':>8s} {'yaml2ics s':>10s} "
              f"{'yaml2ics/(check+build)':>23s}"]  # fmt: skip
    for r in result["sizes"]:  # type: ignore[attr-defined]
        peer = (
            f"{r['yaml2ics_s']:10.2f} {r['ratio']:22.2f}×"
            if "ratio" in r
            else f"{'-':>10s} {'-':>23s}"
        )
        lines.append(
            f"{r['events']:7d} {r['articles']:8d} {r['check_s']:8.2f} "
            f"{r['check_rules_off_s']:9.2f} {r['rules_cost']:7.0%} "
            f"{r['check_derived_s']:8.2f} {r['derived_cost']:9.0%} {r['build_s']:8.2f} "
            f"{r['scan_s']:7.2f} {r['status_s']:8.2f} {r['diff_s']:7.2f} {r['diff_vs_check']:6.2f}× "
            f"{r['build_internal_s']:8.2f} {r['build_public_s']:7.2f} "
            f"{r['peak_mb']:8d} {peer}"
        )
    if result["growth_exponent"] is not None:
        lines.append(
            f"growth of check+build (--no-cache) from 1,000 events up: time ∝ events^{result['growth_exponent']:.2f}"
        )
    lines += render_web(result)
    lines += [
        "",
        f"{'corpus':7s} {'recogniser':12s} {'span F1':>8s} {'value F1':>9s} {'articles/s':>11s} "
        f"{'× dateparser':>13s}",
    ]
    rows: list[dict[str, object]] = result["recognisers"]  # type: ignore[assignment]
    speed = {(r["corpus"], r["recogniser"]): float(r["articles_per_s"]) for r in rows}  # type: ignore[arg-type]
    for r in rows:
        peer = speed.get((r["corpus"], "dateparser"))
        mine = r["recogniser"] == "chairplan"
        times = f"{speed[r['corpus'], 'chairplan'] / peer:.0f}×" if mine and peer else ""
        lines.append(
            f"{r['corpus']!s:7s} {r['recogniser']!s:12s} {r['span_f1']:8.2f} {r['value_f1']:9.2f} "
            f"{r['articles_per_s']:11.1f} {times:>13s}"
        )
    return "\n".join(lines)


def render_web(result: dict[str, object]) -> list[str]:
    """The "web page" table: sizes in MB (10^6 bytes), first paint and load in seconds."""

    def figure(value: object, scale: float, width: int) -> str:
        return f"{'-':>{width}s}" if value is None else f"{value / scale:{width}.2f}"  # type: ignore[operator]

    lines = ["", "web page (headless Chromium 1280×900, cold context, median; serve's watcher poll)",
             f"{'events':>7s} {'index.html MB':>13s} {'page MB':>8s} {'first paint s':>13s} {'load s':>7s} {'poll ms':>8s}"]  # fmt: skip
    missing: list[str] = []
    for r in result["sizes"]:  # type: ignore[attr-defined]
        lines.append(
            f"{r['events']:7d} {figure(r.get('index_bytes'), 1e6, 13)} "
            f"{figure(r.get('page_bytes'), 1e6, 8)} {figure(r.get('first_paint_s'), 1, 13)} "
            f"{figure(r.get('load_s'), 1, 7)} {figure(r.get('serve_poll_ms'), 1, 8)}"
        )
        if r.get("web_missing") and r["web_missing"] not in missing:
            missing.append(r["web_missing"])
    lines += [f"missing: {why}" for why in missing]
    target = result.get("web_target")
    if target:

        def verdict(met: object) -> str:
            return "not measured" if met is None else "met" if met else "NOT met"

        row = next(r for r in result["sizes"] if r["events"] == target["events"])  # type: ignore[attr-defined,index]
        size, paint, load = row.get("page_bytes"), row.get("first_paint_s"), row.get("load_s")
        lines.append(
            f"target at {target['events']:,} events: page under {target['page_mb_max']:g} MB "  # type: ignore[index]
            f"{verdict(target['page_met'])}"  # type: ignore[index]
            + ("" if size is None else f" ({size / 1e6:.2f} MB)")
            + f", first render under {target['first_paint_s_max']:g} s "  # type: ignore[index]
            f"{verdict(target['first_paint_met'])}"  # type: ignore[index]
            + ("" if paint is None else f" ({paint:.2f} s)")
            + f", loaded under {target['first_paint_s_max']:g} s "  # type: ignore[index]
            f"{verdict(target['load_met'])}"  # type: ignore[index]
             + ("" if load is None else f" ({load:.2f} s)")
        )
    return lines


if __name__ == "__main__":
    main()
