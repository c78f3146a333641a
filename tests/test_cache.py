"""The plan's cache (.chairplan-cache/): never wrong, never trusted unsealed, off when asked.

The property: random plans through random edit sequences (a file replaced, removed, its bytes
changed without its meaning, an article changed, the day of the check moved) give byte-identical
output and identical problems from every command, cached (cold and warm) and uncached.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from chairplan.disk import cache
from chairplan.plan import read
from tests.fuzz.fuzz_plans import AS_OF, DOCUMENT, SEEDS, Run, chairplan, plans

from .conftest import REPO

NO_CACHE = {cache.ENV_OFF: "1"}
DAYS = ("2026-01-01", "2026-06-15", "2027-03-01")


@pytest.fixture(autouse=True)
def _own_key_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test seals with a key of its own (and never writes the user's cache folder)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache._opened.clear()
    cache._seen.clear()
    # Every file is as new as a test's: none is trusted by its times (one test says otherwise),
    # so what a run reads does not hang on how long the test took.
    monkeypatch.setattr(cache, "RACY_NS", 10**30)


def _entries(root: Path) -> list[Path]:
    folder = root / cache.FOLDER
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)


def _run(root: Path, *args: str, cached: bool = True) -> Run:
    """A command, as a process of its own would run it: with none of the files an earlier
    command of this process read (plan/read.py keeps the last read's, for `serve`)."""
    read._RECENT.clear()
    cache._seen.clear()
    previous = os.environ.get(cache.ENV_OFF)
    os.environ[cache.ENV_OFF] = "" if cached else "1"
    try:
        return chairplan(root, *args)
    finally:
        if previous is None:
            del os.environ[cache.ENV_OFF]
        else:
            os.environ[cache.ENV_OFF] = previous


def _outputs(root: Path, day: str, cached: bool, scratch: Path) -> dict[str, object]:
    """What every command says and writes, on this plan and day; the revisions file is put back
    after each command that writes it, so each run starts from the same state."""
    lock = root / "chairplan.lock"
    before = lock.read_bytes() if lock.exists() else None
    found: dict[str, object] = {}
    for name, args in {
        "check": ("check", "--format", "json", "--as-of", day),
        "check-text": ("check", "--as-of", day),
        "status": ("status", "--format", "json", "--as-of", day),
        "ics": ("ics",),
        "build": ("build", "--out", str(scratch / "site")),
    }.items():
        shutil.rmtree(scratch / "site", ignore_errors=True)
        run = _run(root, *args, cached=cached)
        found[name] = (run.code, run.stdout.replace(str(scratch), "OUT"), run.stderr)
        if name == "build":
            site = scratch / "site"
            found["site"] = {
                p.relative_to(site).as_posix(): p.read_bytes()
                for p in sorted(site.rglob("*"))
                if p.is_file()
            }
            found["lock"] = lock.read_bytes() if lock.exists() else None
        if before is None:
            lock.unlink(missing_ok=True)
        else:
            lock.write_bytes(before)
    return found


EDITS = st.sampled_from(["replace", "remove", "comment", "touch", "article", "day"])


@given(
    plans(),
    st.lists(st.tuples(EDITS, plans(), st.integers(0, 7)), min_size=1, max_size=3),
)
@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_cached_and_uncached_runs_agree_through_random_edits(first, steps) -> None:  # type: ignore[no-untyped-def]
    files, _ = first
    with tempfile.TemporaryDirectory(prefix="chairplan-cache-") as tmp:
        root, scratch = Path(tmp) / "plan", Path(tmp) / "scratch"
        shutil.copytree(SEEDS, root / "seeds")
        (root / "documents").mkdir()
        (root / "documents" / DOCUMENT[0]).write_text(DOCUMENT[1], encoding="utf-8")
        scratch.mkdir()
        _write(root, files)
        day = AS_OF
        for step in [None, *steps]:
            if step is not None:
                day = _edit(root, step, day)
            cold = _outputs(root, day, True, scratch)
            plain = _outputs(root, day, False, scratch)
            warm = _outputs(root, day, True, scratch)
            assert cold == plain, f"cold cache differs from no cache after {step and step[0]}"
            assert warm == plain, f"warm cache differs from no cache after {step and step[0]}"


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / "schedules" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _edit(root: Path, step: tuple[str, tuple[dict[str, bytes], object], int], day: str) -> str:
    """One edit of the plan folder; the day the next commands judge by."""
    kind, (other, _), pick = step
    names = sorted(p for p in (root / "schedules").rglob("*") if p.is_file())
    target = names[pick % len(names)] if names else None
    if kind == "replace":
        name = sorted(other)[pick % len(other)]
        _write(root, {name: other[name]})
    elif kind == "remove" and target is not None and len(names) > 1:
        target.unlink()
    elif kind == "comment" and target is not None:
        target.write_bytes(target.read_bytes() + b"\n# edited\n")
    elif kind == "touch" and target is not None:
        target.write_bytes(target.read_bytes())
    elif kind == "article":
        article = sorted((root / "seeds").glob("*.txt"))[pick % 5]
        article.write_text(article.read_text(encoding="utf-8").replace("2026", "2027", 1))
    elif kind == "day":
        return DAYS[pick % len(DAYS)]
    return day


def _bundled(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    return root


def test_a_warm_run_reuses_the_cache_and_says_the_same(tmp_path: Path) -> None:
    root = _bundled(tmp_path)
    cold = _run(root, "check", "--format", "json")
    entries = {p.parent.name for p in _entries(root)}
    assert entries == {"file", "file-rules", "rules", "mentions", "calendars", "check"}, entries
    warm = _run(root, "check", "--format", "json")
    assert warm == cold
    assert cache.for_root(root).hits == 1  # the whole check's output, read back
    edited = sorted((root / "schedules").rglob("*.yaml"))[0]
    edited.write_bytes(edited.read_bytes() + b"\n# an edit of one file\n")
    store = cache.for_root(root)
    hits = store.hits
    assert _run(root, "check", "--format", "json") == cold
    files = len(list((root / "schedules").rglob("*.yaml")))
    # every file but the edited one is read back, with what the rules that judge each file on
    # its own found in it, and the articles' mentions and the calendars
    assert store.hits - hits == (files - 1) * 2 + 2


def test_an_edit_of_one_file_judges_and_renders_that_file_alone(tmp_path: Path) -> None:
    """After one file changes, the rules that judge each file on its own judge it alone, and
    only its components and agenda lines are rendered again: one new entry of each kind."""
    root, out = _bundled(tmp_path), tmp_path / "site"
    files = sorted((root / "schedules").rglob("*.yaml"))
    assert _run(root, "check", "--format", "json").code == 0
    assert _run(root, "build", "--out", str(out)).code == 0

    def kinds() -> dict[str, int]:
        found: dict[str, int] = {}
        for entry in _entries(root):
            found[entry.parent.name] = found.get(entry.parent.name, 0) + 1
        return found

    before = kinds()
    assert before["file-rules"] == before["render"] == len(files), before
    with_events = [f for f in files if "\nevents:" in f.read_text(encoding="utf-8")]
    assert before["item"] == len(with_events), before  # agenda lines: of files with events
    edited = root / "schedules" / "cptpp-2026.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("en: Ninth CPTPP", "en: Edited Ninth CPTPP", 1), "utf-8")
    checked = _run(root, "check", "--format", "json")
    built = _run(root, "build", "--out", str(out))
    assert checked.code == 0 and built.code == 0, (checked.stderr, built.stderr)
    after = kinds()
    for kind in ("file", "file-rules", "render", "item"):
        assert after[kind] == before[kind] + 1, (kind, before, after)
    assert b"Edited Ninth CPTPP" in (out / "all.ics").read_bytes()


def test_a_process_that_reads_the_plan_again_keeps_the_unchanged_files(tmp_path: Path) -> None:
    """`serve` reads the plan after every save: the files that did not change are the very
    objects it loaded before; the edited one is loaded anew, and only with the cache on."""
    root = _bundled(tmp_path)
    read.keep_loaded()
    try:
        first, _ = read.read_files(root)
        edited = root / "schedules" / "cptpp-2026.yaml"
        edited.write_bytes(edited.read_bytes() + b"\n# an edit of one file\n")
        again, _ = read.read_files(root)
    finally:
        read.keep_loaded(False)
    same = [a is b for a, b in zip(first.files, again.files, strict=True)]
    names = [f.name for f in again.files]
    assert same == [name != "schedules/cptpp-2026.yaml" for name in names], (names, same)
    cache.disable()
    try:
        plain, _ = read.read_files(root)
    finally:
        cache.disable(False)
    assert not any(a is b for a, b in zip(again.files, plain.files, strict=True))
    assert [f.model for f in plain.files] == [f.model for f in again.files]


def test_a_command_lets_the_files_and_articles_go_before_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build` publishes the models: the check's files (their text and marks) and its articles
    are freed before the rendering starts, which then reuses their memory."""
    from chairplan.checks import pipeline
    from chairplan.export import publish

    root = _bundled(tmp_path)
    held: list[weakref.ref[object]] = []
    real_passing, real_render = pipeline.passing, publish.render_site

    def passing(*args: object, **kwargs: object) -> pipeline.Checked:
        checked = real_passing(*args, **kwargs)  # type: ignore[arg-type]
        held.extend(weakref.ref(o) for o in (checked, checked.library, *checked.loaded.files))
        return checked

    def render_site(*args: object, **kwargs: object) -> object:
        gc.collect()
        alive = [type(r()).__name__ for r in held if r() is not None]
        assert held and not alive, alive
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "passing", passing)
    monkeypatch.setattr(publish, "render_site", render_site)
    assert _run(root, "build", "--out", str(tmp_path / "out")).code == 0
    assert (tmp_path / "out" / "index.html").is_file()


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "foreign", "forged"])
def test_a_damaged_or_foreign_entry_is_rebuilt_never_trusted(tmp_path: Path, damage: str) -> None:
    root = _bundled(tmp_path)
    expected = _run(root, "check", "--format", "json", cached=False)
    _run(root, "check", "--format", "json")
    marker = tmp_path / "pwned"
    for entry in _entries(root):
        data = entry.read_bytes()
        if damage == "flip":
            entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        elif damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            entry.write_bytes(b"")
        else:  # an entry made elsewhere: sealed with another key, or a pickle that runs code
            evil = pickle.dumps(_Evil(str(marker)))
            seal = os.urandom(32) if damage == "forged" else data[18:50]
            entry.write_bytes(b"chairplan-cache 1\n" + seal + evil)
    if damage == "foreign":  # and this user's key is another one
        shutil.rmtree(tmp_path / "user-cache")
        cache._opened.clear()
    again = _run(root, "check", "--format", "json")
    assert again == expected
    assert not marker.exists(), "an unsealed entry was unpickled"
    assert cache.for_root(root).misses >= 1


class _Evil:
    """Unpickling this would create the marker file."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (Path(self.marker),))  # type: ignore[return-value]


@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_cache_neither_reads_nor_writes_one(tmp_path: Path, how: str) -> None:
    root = _bundled(tmp_path)
    env = {**os.environ, "CHAIRPLAN_ROOT": str(root), **(NO_CACHE if how == "env" else {})}
    args = ["--no-cache"] if how == "flag" else []
    done = subprocess.run(
        [sys.executable, "-m", "chairplan", *args, "check"], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert not (root / cache.FOLDER).exists()


def test_git_ignores_the_cache_without_a_word_from_the_user(tmp_path: Path) -> None:
    root = _bundled(tmp_path)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _run(root, "check")
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert cache.FOLDER not in status
    assert status  # the plan's own files are untracked: git does list them
    assert (
        (root / cache.FOLDER / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_a_plan_where_no_cache_can_be_made_is_checked_without_one(tmp_path: Path) -> None:
    """A file where the cache folder would be (as a read-only plan, it cannot be made)."""
    root = _bundled(tmp_path)
    expected = _run(root, "check", cached=False)
    (root / cache.FOLDER).write_text("not a folder")
    assert _run(root, "check") == expected
    assert (root / cache.FOLDER).read_text() == "not a folder"


def test_concurrent_runs_on_one_cache_agree(tmp_path: Path) -> None:
    """Four processes fill the same empty cache at once; each says what an uncached run says."""
    root = _bundled(tmp_path)
    env = {**os.environ, "CHAIRPLAN_ROOT": str(root)}
    command = [sys.executable, "-m", "chairplan", "check", "--format", "json"]
    expected = subprocess.run(command, env={**env, **NO_CACHE}, capture_output=True, text=True)
    shutil.rmtree(root / cache.FOLDER, ignore_errors=True)
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate()[0] for run in runs]
    assert all(out == expected.stdout for out in outputs)
    assert json.loads(expected.stdout)["ok"] is True
    after = subprocess.run(command, env=env, capture_output=True, text=True)
    assert after.stdout == expected.stdout
    assert not [p for p in (root / cache.FOLDER).rglob(".new-*")], "a temporary entry was left"


def test_status_on_an_unchanged_plan_loads_no_model(tmp_path: Path) -> None:
    """The second `status` reads the report back: neither the models nor the rules are loaded."""
    root = _bundled(tmp_path)
    env = {**os.environ, "CHAIRPLAN_ROOT": str(root)}
    command = [sys.executable, "-X", "importtime", "-m", "chairplan", "status", "--format", "json"]
    runs = [subprocess.run(command, env=env, capture_output=True, text=True) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 0
    assert runs[1].stdout == runs[0].stdout
    assert "chairplan.model" in runs[0].stderr
    assert "chairplan.model" not in runs[1].stderr and "chairplan.checks" not in runs[1].stderr
    (root / "seeds" / "000_d3d8dee123cff496.txt").write_bytes(b" date 2026-01-01 changed\n")
    changed = subprocess.run(command, env=env, capture_output=True, text=True)
    assert "chairplan.model" in changed.stderr, "an article changed: the report is made again"


def test_a_build_is_only_skipped_while_its_files_are_as_it_wrote_them(tmp_path: Path) -> None:
    root, out = _bundled(tmp_path), tmp_path / "site"
    first = _run(root, "build", "--out", str(out))
    assert first.code == 0 and "written" in first.stdout
    again = _run(root, "build", "--out", str(out))
    assert again.stdout.startswith("0 written"), again.stdout
    page = out / "index.html"
    made = page.read_bytes()
    page.write_bytes(b"edited by hand")
    mended = _run(root, "build", "--out", str(out))
    assert f"wrote {page}" in mended.stdout and page.read_bytes() == made


def test_the_cache_keeps_to_its_budget_least_recently_used_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _bundled(tmp_path)
    _run(root, "check")
    entries = _entries(root)
    size = sum(p.stat().st_size for p in entries)
    oldest = min(entries, key=lambda p: p.stat().st_mtime_ns)
    os.utime(oldest, ns=(1, 1))
    monkeypatch.setattr(cache, "MAX_BYTES", size - 1)
    cache._opened.clear()
    cache.for_root(root)
    assert not oldest.exists() and all(p.exists() for p in entries if p != oldest)


@pytest.mark.parametrize("stored", [b"", b"short", b"x" * 33])
def test_a_key_that_is_not_whole_turns_the_cache_off(tmp_path: Path, stored: bytes) -> None:
    key = tmp_path / "user-cache" / "chairplan" / "cache-key"
    key.parent.mkdir(parents=True)
    key.write_bytes(stored)
    root = _bundled(tmp_path)
    assert not cache.for_root(root).enabled
    assert _run(root, "check") == _run(root, "check", cached=False)
    assert not _entries(root)


def test_a_file_is_judged_again_when_what_its_rules_read_elsewhere_changes(
    tmp_path: Path,
) -> None:
    """holiday.member judges each file on its own but reads the members of every body: a file
    whose bytes did not change is judged again when a body's members (in another file) do."""
    root = tmp_path / "plan"
    (root / "schedules").mkdir(parents=True)
    shutil.copytree(REPO / "seeds", root / "seeds")
    bodies = root / "schedules" / "bodies.yaml"
    members = "bodies:\n  - id: cptpp\n    short: CPTPP\n    name: CPTPP\n    members:\n"
    bodies.write_text(members + "      - {country: JP}\n", encoding="utf-8")
    (root / "schedules" / "events.yaml").write_text(
        "events:\n  - {id: d, title: D, when: 2026-03-20, where: {city: Singapore, country: SG},"
        " body: cptpp}\n",
        encoding="utf-8",
    )

    def said() -> tuple[Run, Run]:
        return _run(root, "check"), _run(root, "check", cached=False)

    cached, plain = said()
    assert cached == plain and "a public holiday in Japan, a member of CPTPP" in cached.stdout
    bodies.write_text(members + "      - {country: VN}\n", encoding="utf-8")
    cached, plain = said()
    assert cached == plain and "holiday.member" not in cached.stdout, cached.stdout


def test_the_plan_is_read_again_only_where_the_file_system_says_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest of the plan's folders keeps each file's digest with its device, inode, size
    and times: an unchanged file is not read again, and an edit is seen even when it keeps the
    size and puts the modification time back (the change time moves with any write)."""
    root = _bundled(tmp_path)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were written just now: trust them
    first = cache.folders_digest(root, ("schedules", "seeds"))
    cache._seen.clear()  # as a new process: from the cache's entry
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    assert cache.folders_digest(root, ("schedules", "seeds")) == first
    assert not [name for name in reads if name.endswith((".yaml", ".txt"))], reads
    edited = root / "schedules" / "cptpp-2026.yaml"
    before = edited.stat()
    data = real(edited)
    edited.write_bytes(data.replace(b"Ninth", b"Tenth", 1))
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (
        edited.stat().st_size == before.st_size and edited.stat().st_mtime_ns == before.st_mtime_ns
    )
    changed = cache.folders_digest(root, ("schedules", "seeds"))
    assert changed != first and reads[-1] == edited.name
    edited.write_bytes(data)
    assert cache.folders_digest(root, ("schedules", "seeds")) == first


def test_an_agenda_line_is_made_again_when_what_it_shows_of_another_file_changes(
    tmp_path: Path,
) -> None:
    """An event's line in the page shows its body's short name, from bodies.yaml: renaming the
    body there makes the lines of the events in the other, unchanged files again."""
    root, out, plain = _bundled(tmp_path), tmp_path / "site", tmp_path / "plain"
    assert _run(root, "build", "--out", str(out)).code == 0
    bodies = root / "schedules" / "bodies.yaml"
    bodies.write_text(
        bodies.read_text(encoding="utf-8").replace("short: CPTPP", "short: CPTPP-11", 1), "utf-8"
    )
    (root / "chairplan.lock").unlink(missing_ok=True)
    assert _run(root, "build", "--out", str(out)).code == 0
    (root / "chairplan.lock").unlink(missing_ok=True)
    assert _run(root, "build", "--out", str(plain), cached=False).code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="body-tag">CPTPP-11' in page
    assert page == (plain / "index.html").read_text(encoding="utf-8")


def test_a_process_that_checks_again_keeps_the_articles_whose_bytes_are_the_same(
    tmp_path: Path,
) -> None:
    """`serve` checks the plan after every save: an article whose bytes did not change is the very
    object read before (its normal form and mentions made already); one edited is read anew, as
    it is now; another plan's article of the same name is its own; only the last library's
    articles are held; and nothing is kept unless keep_read() asked."""
    from chairplan.sources import articles
    from chairplan.sources.articles import Library, keep_read

    root = _bundled(tmp_path)
    other = root.parent / "other"
    shutil.copytree(root / "seeds", other / "seeds")
    names = sorted(p.name for p in (root / "seeds").iterdir())[:3]
    (other / "seeds" / names[0]).write_text("Another plan's article.\n", encoding="utf-8")
    keep_read()
    try:
        library = Library(root)  # as a check reads them: one library
        first = [library.article(name) for name in names]
        assert all(a.normal for a in first)
        edited = root / "seeds" / names[1]
        edited.write_bytes(edited.read_bytes() + b"\nOne more line.\n")
        library = Library(root)
        again = [library.article(name) for name in names[:2]]  # the third is not read this time
        elsewhere = Library(other).article(names[0])
        held = {place: set(read) for place, read in articles._KEPT.items()}
    finally:
        keep_read(False)
    assert again[0] is first[0] and again[1] is not first[1]
    assert again[1].text.endswith("One more line.\n") and "normal" not in again[1].__dict__
    assert elsewhere is not first[0] and elsewhere.text == "Another plan's article.\n"
    assert held[str(root.absolute())] == {("seeds", names[0]), ("seeds", names[1])}
    plain = Library(root).article(names[0])
    assert plain is not first[0] and plain == first[0] and not articles._KEPT


def test_a_process_that_remembers_reads_each_entry_from_disk_once(tmp_path: Path) -> None:
    """Under remember() (serve), an entry got is handed out again from memory, the same object,
    while each round asks for it; a round that does not lets it go, a put() forgets it (its
    caller may change the value it put), and a kind whose values are changed is never kept."""
    store = cache.for_root(_bundled(tmp_path))
    assert store.enabled
    store.put("render", "a", ["a value"])
    store.put("digests", "b", {"a": 1})
    store.remember()

    def drop(kind: str, key: str) -> None:
        store._path(kind, key).unlink()

    first = store.get("render", "a")
    assert first == ["a value"] and store.get("digests", "b") == {"a": 1}
    drop("render", "a")
    drop("digests", "b")
    assert store.get("render", "a") is first and store.has("render", "a")
    assert store.get("digests", "b") is None  # not a REMEMBERED kind: read from disk, gone
    store.next_round()  # the round asked for it: kept for the next
    assert store.get("render", "a") is first
    store.next_round()
    store.next_round()  # a round that did not ask: let go
    assert store.get("render", "a") is None and not store.has("render", "a")
    store.put("render", "a", ["one"])
    assert store.get("render", "a") == ["one"]
    store.put("render", "a", ["two"])  # a put forgets what was remembered: the disk says
    assert store.get("render", "a") == ["two"]
    store.remember(False)
    drop("render", "a")
    assert store.get("render", "a") is None


def test_rebuilds_that_remember_give_what_a_fresh_process_gives(tmp_path: Path) -> None:
    """serve's rebuilds, with the files, articles and cache entries of the last kept in memory,
    write byte for byte what a process of its own writes, uncached, for the plan as it is, edit
    after edit (a title in one file, then an article's words, then the first edit undone)."""
    import datetime as dt

    from chairplan import api
    from chairplan.sources import articles

    root = _bundled(tmp_path)
    stamp = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    edited = root / "schedules" / "cptpp-2026.yaml"
    title = edited.read_text(encoding="utf-8")
    renamed = title.replace("en: Ninth CPTPP", "en: Renamed", 1)
    article = root / "seeds" / "000_d3d8dee123cff496.txt"  # cptpp-2026.yaml cites it
    words = article.read_text(encoding="utf-8")
    states = [(renamed, words), (renamed, words + "\nOne more line.\n"), (title, words)]

    def put(state: tuple[str, str]) -> None:
        edited.write_text(state[0], encoding="utf-8")
        article.write_text(state[1], encoding="utf-8")

    def site() -> dict[str, bytes]:
        return {name: b"".join(chunks) for name, chunks in api.site_files(root, stamp).items()}

    store = cache.for_root(root)
    read.keep_loaded()
    articles.keep_read()
    store.remember()
    try:
        site()
        served = []
        for state in states:
            put(state)
            store.next_round()  # as serve's render() does: the last rebuild is over
            served.append(site())
        assert store._memory, "nothing was remembered"
    finally:
        store.remember(False)
        articles.keep_read(False)
        read.keep_loaded(False)
    expected = []
    cache.disable()
    try:
        for state in states:
            put(state)
            read._RECENT.clear()
            expected.append(site())
    finally:
        cache.disable(False)
    assert b"Renamed" in served[0]["all.ics"] and b"Renamed" not in served[2]["all.ics"]
    for n, (got, want) in enumerate(zip(served, expected, strict=True)):
        assert got.keys() == want.keys()
        assert [k for k in got if got[k] != want[k]] == [], n


def test_the_templates_compiled_code_is_kept_and_a_bad_entry_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process reads the page templates' compiled code back from the plan's cache rather than
    compiling them again; an entry that holds no code for this Python and template (sealed, but
    not Jinja's) is compiled again; the pages are the same either way."""
    import datetime as dt

    import jinja2

    from chairplan import api
    from chairplan.export import html

    root = _bundled(tmp_path)
    store = cache.for_root(root)
    keys: list[str] = []
    compiled: list[str] = []
    dump, parse = html._Compiled.dump_bytecode, jinja2.Environment._parse

    def dumped(self: html._Compiled, bucket: jinja2.bccache.Bucket) -> None:
        keys.append(bucket.key + bucket.checksum)
        dump(self, bucket)

    def parsed(self: jinja2.Environment, source: str, name: str | None, filename: str | None):  # type: ignore[no-untyped-def]
        compiled.append(name or "")
        return parse(self, source, name, filename)

    monkeypatch.setattr(html._Compiled, "dump_bytecode", dumped)
    monkeypatch.setattr(jinja2.Environment, "_parse", parsed)

    def pages() -> dict[str, bytes]:
        html._environment.cache_clear()  # as a process of its own starts
        made = api.site_files(root, dt.datetime(2026, 3, 10, tzinfo=dt.UTC))
        return {name: b"".join(made[name]) for name in made if name.endswith(".html")}

    first = pages()
    assert sorted(compiled) == ["index.html", "pieces.html", "timeline.html"], compiled
    assert len(keys) == 3
    compiled.clear()
    assert pages() == first and compiled == []  # read back, not compiled
    for key in keys:
        store.put("template", key, b"not a template's code")
    assert pages() == first and len(compiled) == 3  # compiled again, and kept again
    assert all(store.get("template", key) != b"not a template's code" for key in keys)
    html._environment.cache_clear()


def test_uncached_runs_share_one_template_environment(tmp_path: Path) -> None:
    """With the cache off, every run of a process (serve's rebuilds) asks for the templates'
    environment with a cache of its own that keeps nothing: they share one, compiled once."""
    from chairplan.export import html

    cache.disable()
    try:
        first, second = cache.for_root(_bundled(tmp_path)), cache.for_root(tmp_path / "plan")
    finally:
        cache.disable(False)
    assert first is not second and not first.enabled
    assert html.environment(first) is html.environment(second) is html.environment()


def test_a_process_that_reads_the_plan_once_keeps_what_it_loads_out_of_the_collector() -> None:
    """`chairplan` run as a process (cli.run) freezes what each load leaves (gc.freeze); with it
    off (the default, and `serve`) nothing is frozen."""
    from chairplan import api

    payload = cache.dumps([[n] for n in range(100)])
    try:
        before = gc.get_freeze_count()
        cache.loads(payload)
        assert gc.get_freeze_count() == before
        api.read_once()
        cache.loads(payload)
        assert gc.get_freeze_count() >= before + 101  # the list and its hundred lists, at least
    finally:
        api.read_once(False)
        gc.unfreeze()


def test_serve_collects_what_it_loads(tmp_path: Path) -> None:
    """A preview reads the plan after every save: what its rebuilds leave must be collected."""
    import datetime as dt

    from chairplan import api

    stamp = dt.datetime(2026, 3, 12, tzinfo=dt.UTC)
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    api.read_once()
    try:
        with api.preview(root, 0, lambda: stamp, interval=0.1):
            assert cache._freezing is False
    finally:
        api.read_once(False)
