"""`chairplan check` through the real command line: exact output, exit codes, finding the plan."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan import api
from chairplan.cli import app
from tests.conftest import REPO, TEST_AS_OF, MakePlan

runner = CliRunner()
GOOD = "bodies:\n  - {id: b, short: B, name: B}\nevents:\n  - {id: e, title: E, when: 2026-Q2, body: b}\n"


def test_check_on_the_bundled_plan() -> None:
    result = runner.invoke(app, ["--root", str(REPO), "check"])
    assert (result.exit_code, result.output) == (
        0,
        "ok: 5 files, 15 events, 5 priorities, 7 deliverables, 63 quotes checked.\n",
    )


def test_check_json_when_clean(make_plan: MakePlan) -> None:
    result = runner.invoke(
        app, ["--root", str(make_plan({"a.yaml": GOOD})), "check", "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "ok": True,
        "as_of": TEST_AS_OF,
        "holidays": version("holidays"),  # the holiday data the rules judged by
        "problems": [],
        "waived": [],
    }


def test_check_json_lists_every_problem(make_plan: MakePlan) -> None:
    root = make_plan({"a.yaml": GOOD.replace("2026-Q2", "2026-Q5"), "b.yaml": "events: [x]\n"})
    result = runner.invoke(app, ["--root", str(root), "check", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "ok": False,
        "as_of": TEST_AS_OF,
        "holidays": version("holidays"),
        "waived": [],
        "problems": [
            {
                "file": "schedules/a.yaml",
                "line": 4,
                "column": 29,
                "code": "invalid-value",
                "message": "events.0.when: quarter 5 does not exist; quarters run from 1 to 4",
                "severity": "error",
                "entry": None,  # the file does not load, so no entry is known yet
            },
            {
                "file": "schedules/b.yaml",
                "line": 1,
                "column": 10,
                "code": "wrong-type",
                "message": "events.0: expected a mapping of keys and values",
                "severity": "error",
                "entry": None,
            },
        ],
    }


def test_check_json_names_the_rule_the_severity_and_the_entry(make_plan: MakePlan) -> None:
    root = make_plan({"a.yaml": GOOD.replace("body: b}", "body: bb}")})
    result = runner.invoke(app, ["--root", str(root), "check", "--format", "json"])
    assert result.exit_code == 1
    [problem] = json.loads(result.output)["problems"]
    assert {k: problem[k] for k in ("code", "severity", "entry")} == {
        "code": "unknown-reference",
        "severity": "error",
        "entry": "e",
    }
    assert problem["message"] == "events.0.body: no body 'bb' in the plan — did you mean 'b'?"


def test_root_from_environment_then_from_folders_above(
    make_plan: MakePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_plan({"a.yaml": GOOD})
    result = runner.invoke(app, ["check"], env={"CHAIRPLAN_ROOT": str(root)})
    assert result.output == "ok: 1 file, 1 event, 0 priorities, 0 deliverables, 0 quotes checked.\n"
    nested = root / "schedules" / "deep" / "er"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = runner.invoke(app, ["check"], env={"CHAIRPLAN_ROOT": None})
    assert result.output == "ok: 1 file, 1 event, 0 priorities, 0 deliverables, 0 quotes checked.\n"


def test_no_plan_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check"], env={"CHAIRPLAN_ROOT": None})
    assert result.exit_code == 1
    assert result.output == (
        f"no plan found: neither {tmp_path} nor a folder above it has a schedules/ folder; "
        "pass --root DIR or set CHAIRPLAN_ROOT\n"
    )


def test_root_without_schedules(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--root", str(tmp_path), "check"])
    assert (result.exit_code, result.output) == (
        1,
        f"{tmp_path}: no 'schedules/' folder; run chairplan in a plan folder or pass --root\n",
    )


def test_an_internal_error_is_one_line_with_a_debug_hint(
    make_plan: MakePlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(root: Path, *args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(api, "check", broken)
    result = runner.invoke(app, ["--root", str(make_plan({"a.yaml": GOOD})), "check"])
    assert (result.exit_code, result.output) == (
        1,
        (
            "chairplan: internal error: RuntimeError: simulated bug "
            "(run again with --debug for the traceback, and please report it)\n"
        ),
    )
    debug = runner.invoke(app, ["--root", str(make_plan({"a.yaml": GOOD})), "--debug", "check"])
    assert isinstance(debug.exception, RuntimeError)


def test_python_dash_m_and_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chairplan", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "check" in result.stdout
    for command in ("check",):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output, command


def test_a_process_ends_with_its_exit_code_and_all_its_output(make_plan: MakePlan) -> None:
    """`python -m chairplan` (and the `chairplan` script) end the process without tearing the
    plan's objects down one by one: what the command printed still arrives whole through a pipe,
    and the exit code is the command's: 0, 1 for a plan error, 2 for a usage error."""

    def process(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "chairplan", *args]
        return subprocess.run(command, capture_output=True, check=False, cwd=REPO)

    feed = process("--root", str(REPO), "ics")
    assert feed.returncode == 0 and feed.stderr == b""
    assert len(feed.stdout) > io.DEFAULT_BUFFER_SIZE  # more than one buffer of stdout
    assert feed.stdout == runner.invoke(app, ["--root", str(REPO), "ics"]).stdout_bytes
    bad = make_plan({"plan.yaml": GOOD.replace("body: b}", "body: nobody}")})
    wrong = process("--root", str(bad), "check")
    assert wrong.returncode == 1 and b"no body 'nobody' in the plan" in wrong.stdout
    assert wrong.stdout == runner.invoke(app, ["--root", str(bad), "check"]).stdout_bytes
    usage = process("check", "--no-such-option")
    assert usage.returncode == 2 and b"No such option: --no-such-option" in usage.stderr


@pytest.mark.parametrize(
    ("main", "stdout", "stderr", "code"),
    [
        # written and not flushed by the command: the process flushes it before it ends
        ("lambda: sys.stdout.write('x' * 100)", "x" * 100, "", 0),
        ("lambda: sys.exit(3)", "", "", 3),
        ("lambda: sys.exit('a message')", "", "a message\n", 1),  # as Python prints it
    ],
)
def test_the_process_flushes_what_was_written_and_keeps_the_exit_code(
    main: str, stdout: str, stderr: str, code: int
) -> None:
    program = f"import sys\nimport chairplan.cli as cli\ncli.main = {main}\ncli.run()\n"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=buffered
    )
    assert (done.stdout, done.stderr, done.returncode) == (stdout, stderr, code)


def test_a_process_started_without_stdout_still_ends_well() -> None:
    """Started with its output closed (`chairplan --version >&-`), it is not an error."""
    done = subprocess.run(
        [sys.executable, "-m", "chairplan", "--version"], stdout=subprocess.DEVNULL, check=False
    )
    closed = subprocess.run(
        [sys.executable, "-c", "import os, runpy, sys\nos.close(1)\nsys.stdout = None\n"
         "sys.argv = ['chairplan', '--version']\nrunpy.run_module('chairplan', run_name='__main__')"],
        capture_output=False, stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and (closed.returncode, closed.stderr) == (0, b"")


def test_a_run_raises_the_collector_s_thresholds() -> None:
    """A command runs with the cyclic collector's thresholds raised (cli.GC_THRESHOLD): a large
    plan's models are too many long-lived objects for the default ones."""
    program = (
        "import gc\nimport chairplan.cli as cli\n"
        "cli.app = lambda **_: print(gc.get_threshold(), gc.get_threshold() == cli.GC_THRESHOLD)\n"
        "cli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.stdout.strip() == "(200000, 30, 30) True", done.stderr
