"""`chairplan serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild when the plan changes.

Library only: `start_preview` returns a running server that the caller shuts down; messages go to
the `report` callback, never to the terminal directly. What a build is (check the plan, render
every artefact) comes in as the `render` callback, so the preview publishes exactly what `build`
would. The served index.html alone loads `live.js`, which shows the plan's problems in a banner and
reloads the page after each rebuild; the built files carry none of it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gc
import hashlib
import json
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import watchfiles

from .disk.files import tree
from .errors import ChairplanError, PlanError
from .export.artefacts import Chunks
from .export.html import static_file
from .export.publish import write_site
from .plan.load import SCHEDULES_FOLDER
from .sources.articles import ARTICLES_FOLDER, DOCUMENTS_FOLDER

__all__ = [
    "CONTENT_TYPES",
    "CSP",
    "HOST",
    "LIVE",
    "WATCHED",
    "Builder",
    "Preview",
    "live_page",
    "make_handler",
    "plan_fingerprint",
    "problem_texts",
    "start_preview",
]

HOST = "127.0.0.1"
WATCHED = (SCHEDULES_FOLDER, ARTICLES_FOLDER, DOCUMENTS_FOLDER)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".atom": "application/atom+xml",
}
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:"
# The preview's own paths: the script that shows the plan's problems and reloads after a rebuild,
# and the state it polls. Only `serve` answers them, and only the page it serves loads the
# script: the built files carry none of it.
LIVE = "/__chairplan/"
LIVE_SCRIPT = f'<script src="{LIVE}live.js" defer></script>\n'.encode()


def problem_texts(exc: ChairplanError) -> tuple[str, ...]:
    """The located text the terminal prints, one piece per problem (with its notes)."""
    if isinstance(exc, PlanError):
        return (*([exc.summary] if exc.summary else []), *map(str, exc.problems))
    return (exc.render(),)


# A file changed this recently may change again within the file system's clock tick, keeping its
# size and times (the "racy" case git's index knows): such a file is read again on every poll.
RACY_NS = 2_000_000_000  # as disk/cache.py's, for the cache's digest of the plan's folders
Known = dict[str, tuple[tuple[int, ...], bytes]]  # a file's name: its metadata and its digest
# After a change is reported, how long the watcher waits for the file system to be quiet before it
# looks (an editor's save is several changes: a temp file written, then renamed over the old; a
# 1.3 MB schedule is written in a few ms). watchfiles looks for quiet at every step, so a change
# is seen 1-2 steps after it: 50 ms took 100 ms here, 20 ms 20-40. A save seen half-made (a
# slower disk) is looked at again as the rest of it is reported: the fingerprint then differs.
WATCH_STEP_MS = 20


def plan_fingerprint(root: Path, known: Known | None = None) -> str:
    """A digest of every file under schedules/ and seeds/: names and bytes. A file is read only
    when the file system says it changed (size, inode, modification or change time) since the
    poll that filled `known`, or when it changed in the last RACY_NS."""
    known = {} if known is None else known
    seen: Known = {}
    sha = hashlib.sha256()
    now = time.time_ns()
    for folder in WATCHED:
        top = root / folder
        for inside, info in tree(top) if top.is_dir() else ():
            if not stat.S_ISREG(info.st_mode):
                continue
            name = f"{folder}/{inside}"
            meta = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
            old = known.get(name)
            racy = now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS
            if old is None or old[0] != meta or racy:
                old = (meta, hashlib.sha256((top / inside).read_bytes()).digest())
            seen[name] = old
            sha.update(name.encode() + b"\0" + old[1])
    known.clear()
    known.update(seen)
    return sha.hexdigest()


@dataclass
class Builder:
    """Builds the plan into `out`; on a plan error the last good build stays in place."""

    root: Path
    out: Path
    render: Callable[[], Mapping[str, Chunks]]  # checks the plan and renders every artefact
    report: Callable[[str], None] = lambda _message: None
    builds: int = 0
    problems: tuple[str, ...] = ()  # of the last rebuild that failed; () once one succeeds

    def build(self) -> None:
        """Render in memory, write what changed, remove what is gone (raises ChairplanError)."""
        artefacts = self.render()  # the revisions are not written: a preview changes no plan file
        written, _, _, _ = write_site(self.out, artefacts)
        for path in self.out.rglob("*"):
            if path.is_file() and path.relative_to(self.out).as_posix() not in artefacts:
                path.unlink()
        self.builds += 1
        self.problems = ()
        self.report(f"built {len(artefacts)} files ({len(written)} changed)")

    def state(self) -> bytes:
        """What the served page's live.js polls: which build it shows, and the plan's problems."""
        return json.dumps({"generation": self.builds, "problems": list(self.problems)}).encode()

    def rebuild(self) -> None:
        """Build again after a save. The cyclic collector waits until the page is written: its
        passes during a rebuild walked the plan's objects and freed the last rebuild's pages
        (Jinja's template modules hold them in cycles), 0.2 s of one rebuild in two at 10,000
        events; collected after each rebuild instead, while the watcher waits, nothing grows."""
        paused = gc.isenabled()
        gc.disable()
        try:
            self.build()
        except ChairplanError as exc:
            self.problems = problem_texts(exc)
            self.report(
                f"the plan has problems; still serving the last good build:\n{exc.render()}"
            )
        finally:
            if paused:
                gc.enable()
        gc.collect()


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def _not_modified(headers: dict[str, str], etag: str, modified: dt.datetime) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since."""
    if (match := headers.get("if-none-match")) is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag in tags
    if (since := headers.get("if-modified-since")) is not None:
        try:
            return modified <= email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def live_page(data: bytes) -> bytes:
    """A page as the preview serves it: with live.js, which a built page never loads."""
    head = data.find(b"</head>")
    return data if head < 0 else data[:head] + LIVE_SCRIPT + data[head:]


def make_handler(
    folder: Path, state: Callable[[], bytes] | None = None
) -> type[BaseHTTPRequestHandler]:
    """A read-only handler for the files of `folder`, with validators for revalidation; with
    `state`, also the preview's live.js and its state, and index.html loading live.js."""

    tags: dict[Path, tuple[tuple[int, ...] | None, str]] = {}  # each file's ETag, as of its stat

    class Handler(BaseHTTPRequestHandler):
        server_version = "chairplan-preview"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the preview reports builds, not requests."""

        def do_HEAD(self) -> None:
            self._respond(body=False)

        def do_GET(self) -> None:
            self._respond(body=True)

        def _file(self) -> Path | None:
            rel = unquote(urlsplit(self.path).path)
            rel = rel + "index.html" if rel.endswith("/") else rel
            parts = PurePosixPath(rel).parts[1:]
            if not parts or any(p in ("..", ".") or p.startswith(".") for p in parts):
                return None
            path = folder.joinpath(*parts)
            return path if path.is_file() and not path.is_symlink() else None

        def _live(self, body: bool) -> bool:
            """Answers the preview's own paths; False for any other."""
            route = urlsplit(self.path).path
            if state is None or not route.startswith(LIVE):
                return False
            if route == LIVE + "state":
                data, kind = state(), "application/json"
            elif route == LIVE + "live.js":
                data, kind = static_file("live.js"), CONTENT_TYPES[".js"]
            else:
                self.send_error(HTTPStatus.NOT_FOUND, "no such file in the preview")
                return True
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if body:
                self.wfile.write(data)
            return True

        def _respond(self, body: bool) -> None:
            if self._live(body):
                return
            path = self._file()
            if path is None:
                self.send_error(HTTPStatus.NOT_FOUND, "no such file in the preview")
                return
            info = path.stat()
            modified = dt.datetime.fromtimestamp(int(info.st_mtime), dt.UTC)
            # A build replaces a file (a new inode), never rewrites it: while the file is the one
            # its ETag was made of, a revalidation is answered without reading it again.
            seen = (info.st_ino, info.st_size, info.st_mtime_ns)
            data, (known, etag) = None, tags.get(path, (None, ""))
            if known != seen:
                data = self._served(path)
                etag = _etag(data)
                tags[path] = (seen, etag)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = HTTPStatus.NOT_MODIFIED if _not_modified(headers, etag, modified) else None
            if status is None and data is None:  # the ETag sent is the one of the bytes sent
                data = self._served(path)
                etag = _etag(data)
            self.send_response(status or HTTPStatus.OK)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.format_datetime(modified, usegmt=True))
            self.send_header("Cache-Control", "no-cache")
            if status is None:
                assert data is not None
                kind = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Content-Type-Options", "nosniff")
                if path.suffix == ".html":
                    self.send_header("Content-Security-Policy", CSP)
            self.end_headers()
            if body and data is not None and status is None:
                self.wfile.write(data)

        def _served(self, path: Path) -> bytes:
            data = path.read_bytes()
            return live_page(data) if state is not None and path.suffix == ".html" else data

    return Handler


@dataclass
class Preview:
    """A running preview: its address, the folder it serves, and how to stop it."""

    builder: Builder
    server: ThreadingHTTPServer
    interval: float
    seen: str  # the plan's fingerprint as of the last build (taken before it, so no edit is missed)
    known: Known = field(default_factory=dict)  # what the watcher's last poll saw of each file
    on_stop: Callable[[], None] = lambda: None  # what the caller set up for the preview, undone
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def start(self) -> Preview:
        for target in (self.server.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _moments(self) -> Iterator[object]:
        """Each moment the plan may have changed: as soon as the file system reports a change
        in the watched folders (watchfiles: inotify on Linux), and every `interval` in any case,
        which also sees a folder made after the start and a file system that reports nothing."""
        folders = [self.builder.root / f for f in WATCHED if (self.builder.root / f).is_dir()]
        try:
            yield from watchfiles.watch(
                *folders,
                watch_filter=None,  # every change counts: the fingerprint says what changed
                step=WATCH_STEP_MS,
                stop_event=self._stop,
                rust_timeout=max(1, round(self.interval * 1000)),
                yield_on_timeout=True,
                raise_interrupt=False,
            )
        except (OSError, RuntimeError) as exc:  # watchfiles' own errors are RuntimeErrors
            # no notifications to be had (out of inotify instances or watches, say): poll only
            self.builder.report(
                f"the file system's notifications stopped ({exc}); "
                f"looking for changes every {self.interval:g} s"
            )
        while not self._stop.wait(self.interval):
            yield None

    def _watch(self) -> None:
        for _ in self._moments():
            if self._stop.is_set():
                return
            try:
                now = plan_fingerprint(self.builder.root, self.known)
            except OSError:
                continue  # a file vanished between listing and reading: look again next time
            if now != self.seen:
                self.seen = now
                self.builder.rebuild()

    def shutdown(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        shutil.rmtree(self.builder.out, ignore_errors=True)
        self.on_stop()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()


def start_preview(
    root: Path,
    port: int,
    render: Callable[[], Mapping[str, Chunks]],
    *,
    interval: float = 1.0,
    report: Callable[[str], None] = lambda _message: None,
    on_stop: Callable[[], None] = lambda: None,
) -> Preview:
    """Build once (a broken plan raises ChairplanError), then serve and watch; port 0 picks one.
    `on_stop` is called once the preview has stopped (or failed to start)."""
    out = Path(tempfile.mkdtemp(prefix="chairplan-serve-"))
    builder = Builder(root, out, render, report)
    try:
        known: Known = {}
        seen = plan_fingerprint(root, known)
        builder.build()
        server = ThreadingHTTPServer((HOST, port), make_handler(out, builder.state))
    except OSError as exc:
        shutil.rmtree(out, ignore_errors=True)
        on_stop()
        raise ChairplanError(
            f"cannot serve on {HOST}:{port}: {exc.strerror}; choose another --port (0 picks a free one)"
        ) from None
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        on_stop()
        raise
    return Preview(builder, server, interval, seen, known, on_stop).start()
