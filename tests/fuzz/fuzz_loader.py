"""Coverage-guided fuzzing of the loader's entry point with atheris (libFuzzer).

    python3 tests/fuzz/fuzz_loader.py -max_total_time=60

Any input that makes the loader raise something other than PlanError is a bug: libFuzzer writes it
to tests/fuzz/regressions/, and tests/test_fuzz_regressions.py replays every file there forever.
The seed corpus is the bundled plan.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

with atheris.instrument_imports():
    from chairplan.errors import PlanError
    from chairplan.plan.load import load_bytes


def one_input(data: bytes) -> None:
    with contextlib.suppress(PlanError):  # located problems are the right answer; all else is a bug
        load_bytes(data, "schedules/fuzz.yaml")


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="chairplan-fuzz-"))
    for path in sorted((REPO / "schedules").glob("*.yaml")):
        (corpus / path.name).write_bytes(path.read_bytes())
    argv = [
        sys.argv[0],
        *sys.argv[1:],
        f"-artifact_prefix={HERE / 'regressions'}/",
        "-max_len=4096",
        str(corpus),
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
