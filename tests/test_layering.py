"""The layers depend one way, as the README's architecture section says, and nothing imports in a circle.

Every import inside the package counts: relative or absolute, at the top, inside a function or
under `TYPE_CHECKING`. The allowed arrows are read from the README, so the two cannot drift.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "chairplan"
README = (REPO / "README.md").read_text(encoding="utf-8")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> Iterator[str]:
    """The package's modules that `name` imports, wherever in the file the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # `from . import x` imports the module x; `from .m import y` the module m
            targets = [f"{origin}.{a.name}" for a in node.names if f"{origin}.{a.name}" in MODULES]
            targets = targets or [origin]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


GRAPH = {name: set(imported(name, path)) for name, path in MODULES.items()}


def unit(module: str) -> str:
    """The layer a module belongs to: its top-level module or folder (chairplan.plan.load: plan)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "chairplan"


def allowed_arrows() -> dict[str, set[str]]:
    """The architecture section's `unit → unit, unit` lines."""
    section = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block, "the README's architecture section has a ```text block of arrows"
    arrows: dict[str, set[str]] = {}
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        left, right = (side.strip() for side in line.split("→"))
        targets = set() if right == "nothing" else {t.strip() for t in right.split(",")}
        for name in left.split(","):
            arrows[name.strip()] = targets
    return arrows


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first walk (one per back edge)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_every_import_follows_an_arrow_of_the_readme() -> None:
    arrows = allowed_arrows()
    against = sorted(
        f"{source} imports {target}"
        for source, targets in GRAPH.items()
        for target in targets
        if unit(source) != unit(target) and unit(target) not in arrows.get(unit(source), set())
    )
    assert against == []


def test_the_readme_names_every_layer_and_only_those() -> None:
    units = {unit(m) for m in MODULES} - {"chairplan"}
    arrows = allowed_arrows()
    assert set(arrows) == units
    assert set().union(*arrows.values()) <= units


def test_the_arrows_run_one_way() -> None:
    assert cycles(allowed_arrows()) == []


def test_no_module_imports_itself_in_a_circle() -> None:
    assert cycles(GRAPH) == []


def test_a_planted_cycle_is_found() -> None:
    planted = {**GRAPH, "chairplan.model": GRAPH["chairplan.model"] | {"chairplan.cli"}}
    assert any(c[0] == c[-1] and "chairplan.model" in c for c in cycles(planted))


def test_relative_lazy_and_typing_only_imports_all_count(tmp_path: Path) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text(
        "from typing import TYPE_CHECKING\n"
        "from ..cli import app\n"
        "if TYPE_CHECKING:\n"
        "    from ..plan.load import LoadedPlan\n"
        "def f():\n"
        "    from . import ics\n"
        "    import chairplan.status\n",
        encoding="utf-8",
    )
    found = set(imported("chairplan.export.fake", fake))
    assert found == {
        "chairplan.cli",
        "chairplan.plan.load",
        "chairplan.export.ics",
        "chairplan.status",
    }
    assert "cli" not in allowed_arrows()["export"]  # so this import would be refused


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
    assert libraries_of(PACKAGE / name).isdisjoint(
        {"yaml", "typer", "click", "icalendar", "rich", "jinja2"}
    )


def libraries_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_cli_imports_typer() -> None:
    users = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if {"typer", "click"} & libraries_of(p)
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


@pytest.mark.parametrize(
    "name", [m for m, p in MODULES.items() if p.name not in ("__init__.py", "__main__.py")]
)
def test_every_module_says_what_it_offers(name: str) -> None:
    """`__all__` lists the module's public names, and each of them is really there."""
    module = importlib.import_module(name)
    offered = getattr(module, "__all__", None)
    assert offered, f"{name} has no __all__"
    assert [n for n in offered if not hasattr(module, n)] == []
