"""Every bad input in tests/bad_inputs/ gets its exact message through the real CLI, and nothing else.

A case is `NAME.yaml` (copied to schedules/plan.yaml) or a folder `NAME/schedules/`, with the exact
expected output of `chairplan check` in `NAME.expected`. `check` runs as a whole process; the other
commands that read the plan run in this one (tests/clitools.py), through the same entry point.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chairplan.disk import cache
from tests.clitools import invoke
from tests.conftest import MakePlan

CASES = Path(__file__).parent / "bad_inputs"
NAMES = sorted(p.stem for p in CASES.glob("*.expected"))


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, but the empty flock file that editing commands create and the cache
    (both gitignored: chairplan's own, no file of the user's)."""
    files = (
        p
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".chairplan.lock" and cache.FOLDER not in p.parts
    )
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def run_chairplan(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHAIRPLAN_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "chairplan", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_chairplan(root, "check", *args)


# Every command that reads the plan refuses a bad one the same way, and writes nothing.
CITATION_CASES = {"quote-not-found"}  # the plan loads; only its citations are wrong
REPORTS = {"status", "sources"}  # commands that still report on such a plan
READERS = [
    ("build", "--out", "{out}"),
    ("ics",),
    ("status", "--as-of", "2026-03-12"),
    ("mark", "som1", "confirmed"),
    ("sources", "uncovered"),
]


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_gets_its_exact_message(name: str, make_plan: MakePlan) -> None:
    case = CASES / name
    if case.is_dir():
        root = make_plan()
        shutil.copytree(case / "schedules", root / "schedules", dirs_exist_ok=True)
    else:
        root = make_plan({"plan.yaml": (CASES / f"{name}.yaml").read_bytes()})
    out = root / "site"
    out.mkdir()
    (out / "all.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")  # a published feed
    before = _snapshot(root)
    expected = (CASES / f"{name}.expected").read_text(encoding="utf-8")
    result = run_check(root)
    assert result.stdout == expected
    assert (result.returncode, result.stderr) == (1, "")
    problems = expected.rsplit("\n", 2)[0] + "\n"  # without the count line
    for command in ([arg.format(out=out) for arg in command] for command in READERS):
        other = invoke(root, *command)
        assert "Traceback" not in other.stderr + other.stdout
        if command[0] in REPORTS and name in CITATION_CASES:
            # reports run on a plan whose citations are wrong: status lists them for attention
            assert other.exit_code == 0, command
            continue
        assert (other.exit_code, other.stdout, other.stderr) == (1, "", problems), command
    assert _snapshot(root) == before


def test_every_input_has_an_expected_message() -> None:
    inputs = {p.stem for p in CASES.glob("*.yaml")} | {
        p.name for p in CASES.iterdir() if p.is_dir()
    }
    assert inputs == set(NAMES)


def test_file_over_the_size_limit_is_refused_before_parsing(make_plan: MakePlan) -> None:
    root = make_plan({"big.yaml": "events:\n  - id: a\n    notes: " + "x" * 1_048_600 + "\n"})
    result = run_check(root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "schedules/big.yaml:1:1: error: schedules/big.yaml: file is larger than 1048576 bytes"
    )


def test_symlinked_and_special_articles_are_refused(make_plan: MakePlan, tmp_path: Path) -> None:
    root = make_plan()
    os.symlink("/etc/passwd", root / "seeds" / "evil.txt")
    os.symlink("/dev/zero", root / "seeds" / "zero.txt")
    os.mkfifo(root / "seeds" / "pipe.txt")
    (root / "schedules" / "plan.yaml").write_text(
        "bodies:\n  - {id: b, short: B, name: B}\nevents:\n"
        "  - id: e\n    title: E\n    when: 2026\n    body: b\n    sources:\n"
        "      - {article: evil.txt, quote: root}\n"
        "      - {article: zero.txt, quote: x}\n"
        "      - {article: pipe.txt, quote: x}\n",
        encoding="utf-8",
    )
    result = run_check(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "schedules/plan.yaml:9:19: error: events.0.sources.0.article: symlinks are not allowed (seeds/evil.txt -> /etc/passwd)",
        "schedules/plan.yaml:10:19: error: events.0.sources.1.article: symlinks are not allowed (seeds/zero.txt -> /dev/zero)",
        "schedules/plan.yaml:11:19: error: events.0.sources.2.article: seeds/pipe.txt is not a regular file",
        "3 errors found.",
    ]


def test_symlinked_schedule_is_refused(make_plan: MakePlan, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("events: []\n", encoding="utf-8")
    root = make_plan()
    os.symlink(outside, root / "schedules" / "linked.yaml")
    result = run_check(root)
    assert result.stdout.splitlines()[0] == (
        f"schedules/linked.yaml:1:1: error: symlinks are not allowed (schedules/linked.yaml -> {outside})"
    )
