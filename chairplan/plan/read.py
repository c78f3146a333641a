"""The plan under a folder: every schedule file read safely, loaded, and its derived dates resolved."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ..disk import cache, memory, workers
from ..disk.files import read_inside
from ..errors import ChairplanError, PlanError, Problem, UnsafePath
from . import yamltree
from .load import (
    SCHEDULES_FOLDER,
    LoadedFile,
    LoadedPlan,
    LoadedWithProblems,
    file_entries,
    load_bytes,
    schedule_names,
)
from .resolve import resolve

__all__ = ["read_files", "read_plan"]


def read_files(
    root: Path, load: Callable[[bytes, str], LoadedFile] = load_bytes
) -> tuple[LoadedPlan, list[Problem]]:
    """Every schedule under `root` that loads (through `load`: bytes and the file's name to
    the loaded file), and the problems of those that do not."""
    if not (root / SCHEDULES_FOLDER).is_dir():
        raise ChairplanError(
            f"{root}: no '{SCHEDULES_FOLDER}/' folder; run chairplan in a plan folder or pass --root"
        )
    problems: list[Problem] = []
    soft: list[Problem] = []  # of files that loaded all the same (see LoadedWithProblems)
    files: list[LoadedFile] = []
    store = cache.for_root(root) if load is load_bytes else cache.Cache(None)
    read: list[tuple[str, bytes]] = []
    for rel in schedule_names(root):
        name = f"{SCHEDULES_FOLDER}/{rel}"
        try:
            data = read_inside(
                root / SCHEDULES_FOLDER, rel, limit=yamltree.MAX_BYTES, folder=SCHEDULES_FOLDER
            )
        except UnsafePath as exc:
            problems.append(Problem(name, 1, 1, "unreadable", str(exc)))
            continue
        read.append((name, data))
    keys = [str(root.absolute()), *(cache.digest(name, data) for name, data in read)]
    for one, wrong in _loaded(store, load, read, keys[1:]):
        files += [one] if one else []
        (soft if one else problems).extend(wrong)
    if problems:  # a derived date may count from an entry of a file that did not load
        return LoadedPlan(root, tuple(files)), [*problems, *soft]
    loaded, unresolved = resolve(root, tuple(files))
    if load is not load_bytes:
        return loaded, [*soft, *unresolved]
    file_keys = tuple(
        _resolved_key(f, k, loaded) for f, k in zip(loaded.files, keys[1:], strict=True)
    )
    return dataclasses.replace(loaded, key=cache.digest(*keys), file_keys=file_keys), [
        *soft,
        *unresolved,
    ]


def _resolved_key(f: LoadedFile, key: str, loaded: LoadedPlan) -> str:
    """The digest of a file's bytes (`key`) and of how its own derived dates were resolved."""
    if not loaded.derived:
        return key
    ids = [entry.id for _, entry in file_entries(f.model)]
    derived = [(i, loaded.derived[i]) for i in ids if i in loaded.derived]
    return cache.digest(key, cache.dumps(derived)) if derived else key


Outcome = tuple[LoadedFile | None, tuple[Problem, ...]]  # the file, if it loads; its problems


def _loaded(
    store: cache.Cache,
    load: Callable[[bytes, str], LoadedFile],
    read: list[tuple[str, bytes]],
    keys: list[str],
) -> list[Outcome]:
    """Each file loaded (None when it does not load) with its problems: from the cache when its
    bytes were loaded before (a file is parsed and validated once), else on every core."""
    if sum(len(data) for _, data in read) >= workers.MIN_WORK:
        memory.give_back_large_blocks()  # a large plan: its files' text is let go after the check
    recent = _RECENT.get(str(store.folder), {}) if store.enabled and _RECENT.on else {}
    outcomes: list[Outcome | None] = [recent.get(key) or store.get("file", key) for key in keys]
    missing = [i for i, found in enumerate(outcomes) if found is None]
    work = [(load, *read[i]) for i in missing]
    made = workers.spread(_load_one, work, sum(len(read[i][1]) for i in missing), keep=True)
    for i, done in zip(missing, made, strict=True):
        outcomes[i] = done.value
        store.put("file", keys[i], done.value, done.pickled)
    if store.enabled and _RECENT.on:
        _RECENT[str(store.folder)] = {
            key: found for key, found in zip(keys, outcomes, strict=True) if found is not None
        }
    return [o for o in outcomes if o is not None]


# The files the last read of each plan loaded, by their key (the digest of name and bytes): a
# process that reads a plan again (`serve`, after an edit) takes the unchanged files as they are,
# without reading them back from the cache. Only the last read's are held, and only once
# keep_loaded() asked: a command that reads the plan once lets the files' text and marks go
# as soon as it is done with them (50 MB at 10,000 events, more than 100 at 50,000).
_RECENT: cache.Kept[str, dict[str, Outcome]] = cache.Kept()


def keep_loaded(on: bool = True) -> None:
    """Keep (or stop keeping) each read's files for the next read of the plan in this process."""
    _RECENT.keep(on)


def _load_one(job: tuple[Callable[[bytes, str], LoadedFile], str, bytes]) -> Outcome:
    load, name, data = job
    try:
        return load(data, name), ()
    except LoadedWithProblems as exc:  # read, and still wrong: checked with the rest
        return exc.loaded, tuple(exc.problems)
    except PlanError as exc:
        return None, tuple(exc.problems)


def read_plan(root: Path) -> LoadedPlan:
    """Read and load every schedule under `root`; raise PlanError with every file's problems.

    What holds across files (unique ids, references, sources) is for the checks (checks/).
    """
    loaded, problems = read_files(root)
    if problems:
        raise PlanError(problems)
    return loaded
