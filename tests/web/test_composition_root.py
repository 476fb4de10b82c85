"""The parts never reach up into the composition root: wiring lives in hotline/, and the
web app gets what it needs as arguments of create_web_app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# hotline/ modules other than the settings schema and the catalogue loader.
ALLOWED_FROM_ROOT = ("hotline.settings", "hotline.catalog_loader", "hotline.config")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _upward(name: str) -> bool:
    if not name.startswith("hotline.") or name.startswith(ALLOWED_FROM_ROOT):
        return False
    return not name.startswith(("hotline.ticketing", "hotline.telephony", "hotline.asr"))


@pytest.mark.parametrize("part", ["ticketing", "telephony", "asr"])
def test_parts_do_not_import_the_composition_root(part: str) -> None:
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / part).rglob("*.py")
        for name in _imports(path)
        if _upward(name)
    }
    assert not found
