"""Time and peak memory of `chairplan check` on every catalogue input (tests/bad_inputs/).

    python bench/catalogue.py

Issue 8 asks that no bad input take more than a second or 200 MB; this prints the worst cases
(whole processes, so interpreter start-up is included) instead of asserting on time in a test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "bad_inputs"


def measure(root: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `chairplan check`."""
    env = {**os.environ, "CHAIRPLAN_ROOT": str(root)}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "chairplan", "check"], env=env, stdout=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - began, usage.ru_maxrss / 1024


def plan_for(case: Path, scratch: Path) -> Path:
    root = scratch / case.stem
    shutil.copytree(REPO / "seeds", root / "seeds")
    if case.is_dir():
        shutil.copytree(case / "schedules", root / "schedules")
    else:
        (root / "schedules").mkdir()
        shutil.copy(case, root / "schedules" / "plan.yaml")
    return root


def main() -> None:
    # As bench/run.py does: with PYTHONDONTWRITEBYTECODE set, each run would compile every module.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "chairplan")], check=True)
    cases = sorted([*CASES.glob("*.yaml"), *(p for p in CASES.iterdir() if p.is_dir())])
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "too-large.yaml"
        big.write_text("events:\n  - id: a\n    notes: " + "x" * 1_048_600 + "\n", encoding="utf-8")
        rows = [(case.stem, *measure(plan_for(case, Path(tmp)))) for case in [*cases, big]]
    rows.sort(key=lambda row: -row[1])
    print(f"{'input':32} {'seconds':>8} {'peak MB':>8}")
    for name, seconds, mb in rows[:10]:
        print(f"{name:32} {seconds:8.3f} {mb:8.1f}")
    worst_time, worst_mb = max(r[1] for r in rows), max(r[2] for r in rows)
    print(
        f"{len(rows)} inputs; slowest {worst_time:.3f} s, largest {worst_mb:.1f} MB (limits: 1 s, 200 MB)"
    )


if __name__ == "__main__":
    main()
