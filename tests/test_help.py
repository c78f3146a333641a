"""Every command has help with an example that is printed whole and that the command accepts.

After sqlite-utils' tests/test_docs.py: the list of commands comes from the CLI itself, so a new
command without help or example fails here.
"""

from __future__ import annotations

import shlex
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from chairplan.cli import app

ROOT = typer.main.get_command(app)


def leaves(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found.extend(leaves(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


def groups(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found.extend(groups(command, (*prefix, name)))
    return found


COMMANDS = leaves(ROOT)  # type: ignore[arg-type]


def command_at(path: tuple[str, ...]) -> Any:
    command: Any = ROOT
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


def help_text(path: tuple[str, ...], width: int = 60) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_cli_has_the_commands_the_readme_documents() -> None:
    assert [" ".join(c) for c in COMMANDS] == [
        "add deliverable",
        "add event",
        "build",
        "check",
        "diff",
        "explain",
        "ics",
        "mark",
        "serve",
        "set",
        "sources scan",
        "sources suggest",
        "sources uncovered",
        "status",
    ]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_shows_an_example_whole_however_narrow_the_terminal(path: tuple[str, ...]) -> None:
    written = (command_at(path).help or "").splitlines()
    assert "Example:" in [line.strip() for line in written], path
    example = next(
        written[i + 1].strip() for i, line in enumerate(written) if line.strip() == "Example:"
    )
    assert f"chairplan {' '.join(path)} " in f"{example} "
    lines = [line.strip() for line in help_text(path, width=40).splitlines()]
    assert lines[lines.index("Example:") + 1] == example  # printed unwrapped


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_the_example_is_accepted_by_its_command(path: tuple[str, ...]) -> None:
    lines = help_text(path).splitlines()
    words = shlex.split(lines[lines.index("  Example:") + 1].split(" > ")[0])
    args = words[words.index("chairplan") + 1 + len(path) :]
    command = command_at(path)
    with command.make_context(" ".join(path), args) as ctx:  # raises on an unknown option
        assert ctx.params


@pytest.mark.parametrize("path", groups(ROOT), ids=lambda p: " ".join(p) or "chairplan")  # type: ignore[arg-type]
def test_every_group_lists_its_commands(path: tuple[str, ...]) -> None:
    text = help_text(path, width=100)
    group = command_at(path)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"  {name} " in text, name
