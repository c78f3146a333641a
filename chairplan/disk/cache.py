"""The plan's cache: results stored under a digest of everything that shapes them, never trusted
unless sealed by this user's key.

An entry lives in `.chairplan-cache/` at the plan root (beside `schedules/`, ignored by git through
its own `.gitignore`), named by a digest of its inputs and of the code that made it: chairplan's
own files and the name and version of every installed distribution, so an upgrade or an edit of
chairplan misses rather than reuses. Each entry is sealed with an HMAC under a key kept in the
user's cache folder: a corrupt, truncated, foreign (another user's or machine's) or forged entry
fails the seal and is rebuilt, never unpickled. Entries are written to a temporary file and renamed
into place, so a concurrent reader sees a whole entry or none. A cache that cannot be written (a
read-only plan) is simply not used.

`CHAIRPLAN_NO_CACHE=1` or `chairplan --no-cache` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .files import tree

__all__ = ["FOLDER", "Cache", "Kept", "digest", "disable", "dumps", "for_root", "loads"]

FOLDER = ".chairplan-cache"
ENV_OFF = "CHAIRPLAN_NO_CACHE"
_MAGIC = b"chairplan-cache 1\n"
_SEAL = hashlib.sha256().digest_size
_PACKAGE = Path(__file__).resolve().parents[1]
_off = False  # set by `chairplan --no-cache` for the command that runs next


def disable(off: bool = True) -> None:
    """Turn the cache off (or on again) for this process."""
    global _off
    _off = off


def digest(*parts: bytes | str) -> str:
    """A digest of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        _feed(h, part)
    return h.hexdigest()


def _feed(h: Any, part: bytes | str) -> None:
    data = part.encode() if isinstance(part, str) else part
    h.update(len(data).to_bytes(8, "little"))
    h.update(data)


def _code_version() -> str:
    """What identifies the code making an entry: Python's version, every installed distribution
    (names carry versions: pydantic-2.11.7.dist-info) and chairplan's own files (size and time of
    each, so an edited checkout misses)."""
    parts: list[str] = [sys.version]
    for entry in sys.path:
        try:
            parts += sorted(n for n in os.listdir(entry or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
    for top, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(top, name))
            parts.append(f"{os.path.relpath(top, _PACKAGE)}/{name} {st.st_size} {st.st_mtime_ns}")
    return digest(*parts)


_KEY_BYTES = 32


def _user_key() -> bytes | None:
    """This user's sealing key (made on first use, readable by the user only), or None when it
    cannot be read or made, or is not a whole key."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(home) / "chairplan" / "cache-key"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, made = tempfile.mkstemp(dir=path.parent, prefix=".new-key-")  # mode 0600
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(_KEY_BYTES))
            try:  # in place whole, or not at all: a concurrent process's key may be there first
                os.link(made, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(made)
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == _KEY_BYTES else None


# A file changed this recently may change again within the file system's clock tick keeping its
# size and times (the "racy" case of git's index): its digest is not kept, so it is read again.
RACY_NS = 2_000_000_000  # as serve.py's watcher
Signature = tuple[int, int, int, int, int]  # device, inode, size, modification and change times
_seen: dict[Path, dict[str, tuple[Signature, bytes]]] = {}  # by cache folder: each file's digest


def folders_digest(root: Path, folders: tuple[str, ...]) -> str | None:
    """A digest of the name and bytes of every file in these folders of `root` (and their
    subfolders), or None when one is not a plain file or folder (a link: what it stands for
    could change unseen) or cannot be read.

    A file is read only when the file system says it changed (its device, inode, size,
    modification or change time) since its digest was kept in the plan's cache, as git's index
    does; one changed in the last RACY_NS is always read, and its digest not kept."""
    store = for_root(root)
    known = _known_digests(store)
    kept = dict(known)
    now = time.time_ns()
    h = hashlib.blake2b(digest_size=20)
    for folder in folders:
        top = root / folder
        if not top.exists():
            _feed(h, f"{folder}: none")
            continue
        try:
            for inside, info in tree(top):
                if stat.S_ISLNK(info.st_mode):
                    return None
                if stat.S_ISREG(info.st_mode):
                    name = f"{folder}/{inside}"
                    _feed(h, name)
                    _feed(h, _file_digest(top / inside, name, info, known, now))
                elif not stat.S_ISDIR(info.st_mode):
                    return None
        except OSError:
            return None
    if store.enabled and known != kept:
        store.put("digests", "files", known)
    return h.hexdigest()


def _known_digests(store: Cache) -> dict[str, tuple[Signature, bytes]]:
    """The digests of the plan's files kept in its cache (none when there is no cache)."""
    if store.folder is None:
        return {}
    if store.folder not in _seen:
        kept = store.get("digests", "files")
        _seen[store.folder] = kept if isinstance(kept, dict) else {}
    return _seen[store.folder]


def _file_digest(
    path: Path,
    name: str,
    info: os.stat_result,
    known: dict[str, tuple[Signature, bytes]],
    now: int,
) -> bytes:
    signature = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    old = known.get(name)
    if old is not None and old[0] == signature:
        return old[1]
    found = hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    if now - max(info.st_mtime_ns, info.st_ctime_ns) >= RACY_NS:
        known[name] = (signature, found)
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}
Setter = Callable[[object, object], None]
_SETTERS: dict[type, tuple[Setter, ...]] = {}  # each field's slot's own setter, in field order


def _rebuild(cls: type, values: tuple[object, ...]) -> object:
    """A slotted dataclass instance from its field values, without running its (validating)
    __init__: what it was when it was stored. Each value goes in through its slot's setter,
    which a frozen class's __setattr__ would refuse: object.__setattr__ looked each slot up
    again for every value, 1.7 times as long (the 10,000-event plan's models are 51,000)."""
    made: object = object.__new__(cls)
    setters = _SETTERS.get(cls) or _slot_setters(cls)
    for setter, value in zip(setters, values, strict=True):
        setter(made, value)
    return made


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _slot_setters(cls: type) -> tuple[Setter, ...]:
    def setter(name: str) -> Setter:
        slot = next((k.__dict__[name] for k in cls.__mro__ if name in k.__dict__), None)
        if isinstance(slot, types.MemberDescriptorType):
            return slot.__set__
        return lambda made, value: object.__setattr__(made, name, value)

    found = _SETTERS[cls] = tuple(map(setter, _FIELDS.get(cls) or _field_names(cls)))
    return found


class _Pickler(pickle.Pickler):
    """Pickles slotted dataclasses (the plan's models) as their field values: the standard way
    asks for every class's fields again for each instance, about three times slower to load."""

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        if "__slots__" in cls.__dict__ and dataclasses.is_dataclass(cls):
            names = _FIELDS.get(cls) or _field_names(cls)
            return _rebuild, (cls, tuple(getattr(obj, name) for name in names))
        return NotImplemented


def dumps(value: object) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


_freezing = False  # see freeze_loaded()


def freeze_loaded(on: bool = True) -> None:
    """After each load, let the cyclic collector leave out of its passes every object this
    process holds then (gc.freeze), or stop doing so. For a process that reads the plan once and
    ends without freeing it (every command but `serve`): the objects loaded are the plan's, kept
    to the end, and the collector's passes walked them again after every load (0.1 s of each
    process after an edit at 10,000 events); a worker forked later does not walk them either.
    `serve` keeps it off: it reads the plan again after every save, and what a rebuild leaves in
    cycles must be collected."""
    global _freezing
    _freezing = on


def loads(payload: bytes) -> Any:
    """Unpickle with the collector paused: a large plan's objects are all kept, and collecting
    while they are made would walk them again and again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if _freezing:
            gc.freeze()
        if paused:
            gc.enable()


# The kinds whose values no caller changes once it has them (tuples, strings, bytes, and lists and
# dicts that are only read): a process that remembers (`serve`) hands the same value out again.
REMEMBERED = frozenset(
    {"calendars", "checks", "file-rules", "holidays", "item", "mentions", "render", "rules"}
    | {"stamped", "template"}
)


class Cache:
    """Entries of one plan's cache, by kind and key; `get` misses on anything not sealed."""

    def __init__(self, folder: Path | None, key: bytes = b"", version: str = ""):
        self.folder, self._key, self._version = folder, key, version
        self.hits = self.misses = 0
        self._memory: dict[tuple[str, str], object] | None = None  # see remember()
        self._used: set[tuple[str, str]] = set()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def remember(self, on: bool = True) -> None:
        """Keep in memory the values `get` reads of the REMEMBERED kinds, for a process that
        asks for the same entries again and again (`serve`, after every save: 60 ms a rebuild
        at 10,000 events went to reading them back); next_round() lets go of those the last
        round did not ask for. An entry's key is a digest of all that made its value, so a value
        remembered is the one the folder holds."""
        self._memory = {} if on and self.enabled else None
        self._used = set()

    def next_round(self) -> None:
        """One round of asking (a rebuild) is over: keep only what it asked for."""
        memory, used = self._memory, self._used  # read once: serve's stop may turn it off
        if memory is not None:
            kept = {k: v for k, v in memory.items() if k in used}
            if self._memory is memory:  # not turned off (or on again) meanwhile
                self._memory, self._used = kept, set()

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / digest(self._version, key)

    def _seal(self, kind: str, key: str, payload: bytes) -> bytes:
        sealed = hmac.new(self._key, digest(self._version, kind, key).encode(), hashlib.sha256)
        sealed.update(payload)  # not joined to the digest first: a payload can be many MB
        return sealed.digest()

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored for (kind, key); `get` may still find it unusable."""
        if self._memory is not None and (kind, key) in self._memory:
            return True
        return self.folder is not None and self._path(kind, key).is_file()

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored for (kind, key), or None: missing, corrupt, foreign or stale."""
        if self.folder is None:
            return None
        memory = self._memory if kind in REMEMBERED else None
        if memory is not None and (kind, key) in memory:
            self.hits += 1
            self._used.add((kind, key))
            return memory[kind, key]
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        seal, payload = data[len(_MAGIC) : len(_MAGIC) + _SEAL], data[len(_MAGIC) + _SEAL :]
        if not data.startswith(_MAGIC) or not hmac.compare_digest(
            seal, self._seal(kind, key, payload)
        ):
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(self._path(kind, key))  # used: the last to go when the cache is trimmed
        value = loads(payload)
        if memory is not None:
            memory[kind, key] = value
            self._used.add((kind, key))
        return value

    def put(self, kind: str, key: str, value: object, pickled: bytes | None = None) -> None:
        """Store `value` (`pickled`: as `dumps` pickles it, when that is done already) for
        (kind, key); a cache that cannot be written is left as it is."""
        if self.folder is None:
            return
        if (memory := self._memory) is not None:  # the caller may change its value: read back
            memory.pop((kind, key), None)
        payload = dumps(value) if pickled is None else pickled
        path = self._path(kind, key)
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + self._seal(kind, key, payload))
                out.write(payload)  # not joined with the seal: a payload can be many MB
            os.replace(temporary, path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _prepare(folder: Path) -> bool:
    """Make the cache folder, ignored by git and tagged as a cache; False when it cannot be."""
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by chairplan: nothing here belongs in git\n*\n")
        tag = folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# chairplan's cache of validated files and checks: safe to delete.\n"
            )
    except OSError:
        return False
    return os.access(folder, os.W_OK)


MAX_BYTES = 512 * 2**20  # what the entries may take together; the least recently used go first


def _trim(folder: Path, budget: int) -> None:
    """Remove the least recently used entries until the rest fit in `budget` bytes."""
    entries = []
    for kind in folder.iterdir():
        if kind.is_dir():
            for entry in kind.iterdir():
                with contextlib.suppress(OSError):
                    info = entry.stat()
                    entries.append((info.st_mtime_ns, info.st_size, entry))
    kept = 0
    for _, size, entry in sorted(entries, key=lambda e: e[0], reverse=True):
        kept += size
        if kept > budget:
            with contextlib.suppress(OSError):
                entry.unlink()


_opened: dict[Path, Cache] = {}


def for_root(root: Path) -> Cache:
    """The cache of the plan at `root` (a disabled one when it is off or cannot be used)."""
    if _off or os.environ.get(ENV_OFF, "") not in ("", "0"):
        return Cache(None)
    folder = (root / FOLDER).absolute()
    if folder not in _opened:
        key = _user_key()
        usable = key is not None and _prepare(folder)
        if usable:
            _trim(folder, MAX_BYTES)  # once per process, before this run adds its entries
        _opened[folder] = Cache(folder, key, _code_version()) if usable and key else Cache(None)
    return _opened[folder]


K = TypeVar("K")
V = TypeVar("V")


class Kept(dict[K, V]):
    """What a process that reads the plan again (`serve`, after every save) keeps of one read for
    the next: nothing until keep() asks, and nothing once keep(False) says it is done. A command
    that reads the plan once lets what it read go as soon as it is done with it."""

    on = False

    def keep(self, on: bool = True) -> None:
        self.on = on
        if not on:
            self.clear()
