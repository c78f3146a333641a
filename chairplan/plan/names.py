"""Which files under a plan folder are its schedules (no model, no YAML: cheap to import)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SCHEDULES_FOLDER", "is_schedule_name", "schedule_names"]

SCHEDULES_FOLDER = "schedules"


def is_schedule_name(rel: str) -> bool:
    """Whether a path under the schedules folder is a schedule file (not a hidden one)."""
    name = rel.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def schedule_names(root: Path) -> list[str]:
    """The plan's YAML files, relative to the schedules folder, in a stable order."""
    folder = root / SCHEDULES_FOLDER
    found = [p for pattern in ("*.yaml", "*.yml") for p in folder.rglob(pattern)]
    names = [p.relative_to(folder).as_posix() for p in found]
    return sorted(name for name in names if is_schedule_name(name))
