"""The README is the manual: its example plan is valid and every command is documented."""

from __future__ import annotations

import re

import typer.main

from chairplan import api
from chairplan.cli import app
from tests.conftest import REPO, MakePlan

README = (REPO / "README.md").read_text(encoding="utf-8")


def command_names(group: typer.main.TyperGroup, prefix: str = "") -> list[str]:  # type: ignore[name-defined]
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix}{name}")
        if hasattr(command, "commands"):
            names.extend(command_names(command, f"{prefix}{name} "))
    return names


def test_readme_example_plan_passes_check(make_plan: MakePlan) -> None:
    example = re.search(r"```yaml\n(.*?)```", README, re.DOTALL)
    assert example
    loaded = api.check(make_plan({"example.yaml": example.group(1)}))
    assert [e.id for e in loaded.plan.events] == ["cptpp-som1-2026"]


def test_every_command_is_in_the_readme() -> None:
    for name in command_names(typer.main.get_command(app)):  # type: ignore[arg-type]
        assert f"chairplan {name}" in README, name


def test_readme_shows_the_two_commands() -> None:
    assert (
        "python3 -m venv .venv && .venv/bin/python -m pip install -e . && .venv/bin/chairplan status"
        in README
    )
    assert (
        "python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]' && npm ci --prefix tests/js && .venv/bin/python -m pytest"
        in README
    )
    assert (
        "python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]' && npm ci --prefix tests/js && .venv/bin/python -m pytest"
        in (REPO / ".ci" / "run").read_text()
    )
