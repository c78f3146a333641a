"""Real git repositories in temporary folders, committed at fixed times, for the diff tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitPlan:
    """A plan folder that is a git repository; `commit` writes schedule files and commits them."""

    def __init__(self, root: Path):
        self.root = root
        (root / "schedules").mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    @classmethod
    def existing(cls, root: Path) -> GitPlan:
        """The repository a GitPlan made at `root` earlier (a fixture's)."""
        found = cls.__new__(cls)
        found.root = root
        return found

    def git(self, *args: str, when: str = "2026-11-01T09:00:00Z") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Planner",
            "GIT_AUTHOR_EMAIL": "planner@example.org",
            "GIT_COMMITTER_NAME": "Planner",
            "GIT_COMMITTER_EMAIL": "planner@example.org",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def write(self, files: dict[str, str | None]) -> None:
        """Write (or, for None, delete) schedule files, by name under schedules/."""
        for name, text in files.items():
            path = self.root / "schedules" / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    def commit(self, when: str, message: str = "plan", **files: str | None) -> str:
        """Write the files, commit everything at `when`; the new commit's short sha."""
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "--short=7", "HEAD")
