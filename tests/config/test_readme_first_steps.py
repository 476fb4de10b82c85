"""README's first steps work as written: the accounts it creates name units of the packaged
catalogue, an admin is among them, and its demo call is routed (`hotline route`) to the unit
of the liaison it creates."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hotline.catalog_loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]


def _first_steps() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## First steps after start", 1)[1].split("\n## ", 1)[0]
    return "\n".join(re.findall(r"```sh\n(.*?)```", section, flags=re.S))


def test_accounts_name_catalogue_units_and_include_an_admin() -> None:
    commands = _first_steps()
    roles = re.findall(r"hotline user add \S+ --role (\w+)", commands)
    assert {"admin", "operator", "liaison"} <= set(roles)
    units = re.findall(r"--unit (\w+)", commands)
    assert units
    catalog = load_catalog()
    for unit in units:
        assert catalog.unit(unit) is not None, unit


def test_demo_call_routes_to_the_liaisons_unit(routing_workdir: Path) -> None:
    commands = _first_steps()
    sentence = re.search(r'espeak-ng -v cmn-latn-pinyin -w \S+ "([^"]+)"', commands)
    assert sentence is not None
    (liaison_unit,) = re.findall(r"--role liaison --unit (\w+)", commands)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    routed = subprocess.run(
        [sys.executable, "-m", "hotline", "route"],
        input=sentence.group(1) + "\n",
        capture_output=True,
        text=True,
        cwd=routing_workdir,
        env=env,
        timeout=600,
    )
    assert routed.returncode == 0, routed.stderr
    suggestion = json.loads(routed.stdout.splitlines()[0])
    assert suggestion["department"] == liaison_unit == "heating"
