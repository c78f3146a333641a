"""The layers depend one way: the model knows nothing of YAML, files, calendars or the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "chairplan"


def imports(module: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "name",
    [
        "model.py",
        "dates.py",
        "errors.py",
        "geo.py",
        "sources/mentions/__init__.py",
        "sources/mentions/patterns.py",
        "sources/mentions/values.py",
        "sources/mentions/scan.py",
    ],
)
def test_core_modules_import_no_io_or_ui_library(name: str) -> None:
    assert imports(PACKAGE / name).isdisjoint(
        {"yaml", "typer", "click", "icalendar", "rich", "jinja2"}
    )


def test_only_the_cli_imports_typer() -> None:
    users = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if {"typer", "click"} & imports(p)
    }
    assert users == {"cli.py"}


def test_library_code_never_prints_or_exits() -> None:
    for module in PACKAGE.rglob("*.py"):
        if module.name in ("cli.py", "__main__.py"):
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        calls = {
            n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert calls.isdisjoint({"print", "exit", "quit"}), module.name
