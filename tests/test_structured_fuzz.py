"""The structured fuzzer's generator at every run: whole plans, every command, no internal error.

tests/fuzz/fuzz_plans.py (run by .ci/run for 30 s) makes plans from the models and runs check,
status, build, ics and explain on them; here the same generator runs a few dozen plans, every
finding it ever saved (tests/fuzz/regressions/plan-*.yaml) is replayed through every command, and
each bug it found that is not fixed yet is a strict xfail, which passes the day it is fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz import fuzz_plans
from tests.fuzz.fuzz_plans import (
    FIXED_BUGS,
    KNOWN_BUGS,
    Options,
    exercise,
    known_bug,
    plans,
    read_finding,
)

FINDINGS = sorted(fuzz_plans.REGRESSIONS.glob("plan-*.yaml"))


@given(plans())
@settings(
    max_examples=30,
    deadline=None,
    # No shrinking: each step runs every command, and a failing plan took minutes to shrink. The
    # failing plan is shown whole; the fuzzer saves one to replay (tests/fuzz/regressions/).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_generated_plans_never_break_a_command(generated: tuple[dict[str, bytes], Options]) -> None:
    files, options = generated
    try:
        exercise(files, options)
    except Exception as exc:
        if known_bug(exc) is None:  # a known one has its own xfail below
            raise


@pytest.mark.parametrize("path", FINDINGS or [None], ids=[p.stem for p in FINDINGS] or ["none"])
def test_saved_finding_stays_fixed(path: Path | None) -> None:
    if path is None:  # no finding saved: nothing to replay
        return
    files, options = read_finding(path.read_bytes())
    assert files, f"{path.name} holds no '# file:' section"
    exercise(files, options)


def test_a_finding_reads_back_as_it_was_saved() -> None:
    files = {"plan.yaml": b"events: []\n", "nested/extra.yml": "bodies: [{id: é}]".encode()}
    options = Options("vi", 3)
    saved = fuzz_plans.dump_finding(files, options, KeyError("x"))
    assert read_finding(saved) == (
        {**files, "nested/extra.yml": files["nested/extra.yml"] + b"\n"},
        options,
    )
    single = fuzz_plans.dump_finding({"plan.yaml": b"events: []\n"}, options, KeyError("x"))
    assert single.endswith(b"# file: plan.yaml\nevents: []\n")  # comments, then the file itself


def test_the_pipeline_passes_the_bundled_plan() -> None:
    from tests.conftest import REPO

    bundled = {p.name: p.read_bytes() for p in sorted((REPO / "schedules").glob("*.yaml"))}
    exercise(bundled, Options())
    exercise(bundled, Options("vi", 1))


KNOWN = [(bug, i, plan) for bug in KNOWN_BUGS for i, plan in enumerate(bug.reproductions)]


class StillBroken(Exception):
    """A known bug's plan still raises it (anything else it raises fails the test)."""


FIXED = [(bug, i, plan) for bug in FIXED_BUGS for i, plan in enumerate(bug.reproductions)]


@pytest.mark.parametrize(
    ("bug", "plan"),
    [(bug, plan) for bug, _, plan in FIXED],
    ids=[f"{b.name}-{i}" for b, i, _ in FIXED],
)
def test_a_fixed_bug_stays_fixed(bug: fuzz_plans.KnownBug, plan: str) -> None:
    """The plans of bugs the fuzzers found, now refused with located messages like any other."""
    exercise({"plan.yaml": plan.encode("utf-8")}, Options())


if KNOWN:  # an open bug: a strict xfail, which fails the suite the day it is fixed

    @pytest.mark.parametrize(
        ("bug", "plan"),
        [
            pytest.param(
                bug,
                plan,
                marks=pytest.mark.xfail(strict=True, raises=StillBroken, reason=bug.summary),
            )
            for bug, _, plan in KNOWN
        ],
        ids=[f"{bug.name}-{i}" for bug, i, _ in KNOWN],
    )
    def test_known_bug_is_fixed(bug: fuzz_plans.KnownBug, plan: str) -> None:
        try:
            exercise({"plan.yaml": plan.encode("utf-8")}, Options())
        except Exception as exc:
            if bug.matches(exc):
                raise StillBroken(f"{bug.name}: {exc!r}") from exc
            raise
