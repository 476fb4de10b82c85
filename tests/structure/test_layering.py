"""The package's shape, checked from the source: one import name, parts that do not reach
up into the composition root, no import cycles (imports inside functions count), and
modules small enough to read."""

from __future__ import annotations

import ast
import importlib.metadata
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Import name → folder in the repository (pyproject's package-dir).
PACKAGES = {
    "hotline": ROOT / "hotline",
    "hotline.telephony": ROOT / "telephony",
    "hotline.asr": ROOT / "asr",
    "hotline.ticketing": ROOT / "ticketing",
    "hotline.config": ROOT / "config",
}
# The composition root: the `hotline` command and the modules that wire the parts.
# hotline.settings, hotline.catalog_loader and hotline.plumbing are leaves any part may read.
SHARED_LEAVES = {"hotline", "hotline.settings", "hotline.catalog_loader", "hotline.plumbing"}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            if name == "hotline" and parts and parts[0] in {"telephony", "asr", "ticketing"}:
                continue
            found[".".join([name, *parts])] = path
    return found


MODULES = _modules()


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _imports(module: str, path: Path) -> Iterator[str]:
    """Every project module that `module` imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path).split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from a.b import c`: the module a.b.c if there is one, else a name from a.b.
            names = [
                f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in MODULES else prefix
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name != "hotline":
                yield name


GRAPH = {m: set(_imports(m, p)) for m, p in MODULES.items()}


def test_the_distribution_installs_one_top_level_name() -> None:
    dist = importlib.metadata.distribution("hotline")
    top_level = (dist.read_text("top_level.txt") or "").split()
    assert top_level == ["hotline"]


@pytest.mark.parametrize("part", ["hotline.telephony", "hotline.asr", "hotline.ticketing"])
def test_parts_do_not_import_the_composition_root(part: str) -> None:
    upward = {
        (m, dep)
        for m, deps in GRAPH.items()
        if m.startswith(part + ".") or m == part
        for dep in deps
        if dep.startswith("hotline.")
        and dep.split(".")[1] not in {"telephony", "asr", "ticketing", "config"}
        and dep not in SHARED_LEAVES
    }
    assert upward == set()


def test_the_plumbing_leaf_imports_nothing_of_the_project() -> None:
    # Every part imports it; one project import here could close a cycle or reach upward.
    assert GRAPH["hotline.plumbing"] == set()


@pytest.mark.parametrize("part", ["hotline.telephony", "hotline.asr"])
def test_telephony_and_asr_know_nothing_of_tickets(part: str) -> None:
    edges = {
        (m, dep)
        for m, deps in GRAPH.items()
        if m.startswith(part)
        for dep in deps
        if dep.startswith("hotline.ticketing")
    }
    assert edges == set()


def test_no_import_cycles() -> None:
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(GRAPH.get(node, ())):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert cycles == []


def test_no_production_module_is_over_500_lines() -> None:
    long = {
        m: n
        for m, p in MODULES.items()
        if ".migrations." not in m
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_package_folder_is_packaged() -> None:
    # pyproject lists packages explicitly (package-dir mapping): a new sub-package left out
    # would work in an editable checkout and be missing from a built wheel.
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    folders = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    assert folders - listed == set()


def test_config_folder_holds_only_configuration_files() -> None:
    code = [p.name for p in (ROOT / "config").glob("*.py") if p.name != "__init__.py"]
    assert code == []
    init = (ROOT / "config" / "__init__.py").read_text(encoding="utf-8")
    assert ast.parse(init).body and all(
        isinstance(stmt, ast.Expr) for stmt in ast.parse(init).body
    ), "config/__init__.py is a docstring only"
