"""The editable rules file: the packaged defaults are valid and complete; errors name the rule."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing import (
    DEFAULT_RULES_FILE,
    RoutingRules,
    RulesError,
    load_rules,
    parse_rules,
)

from tests.fixtures.cli import hotline_argv, run_hotline

# A hang guard, not a speed claim: each `hotline route` here trains the classifiers on a cold
# cache (a fresh working directory), 40 s on a loaded two-core machine and past 120 s once
# while seven other jobs shared it.
ROUTE_TIMEOUT = 400


def _packaged() -> dict:
    return yaml.safe_load(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))


def test_every_unit_has_phrase_rules_and_every_area_names(
    routing_rules: RoutingRules, routing_catalog: Catalog
) -> None:
    for unit in routing_catalog.units:
        if not unit.is_area:
            assert len(routing_rules.units[unit.id].phrases) >= 20, unit.id
    for area in routing_catalog.areas:
        names = routing_rules.gazetteer.area_names[area.id]
        assert area.name in names
        assert any(len(n) == 2 for n in names), f"{area.id} needs its short form"
    assert routing_rules.gazetteer.places, "examples of compounds/villages → area"
    assert routing_rules.area_matters.phrases.phrases


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["units"].update({"no_such_unit": {"x": 1}}), "units.no_such_unit"),
        (lambda d: d["units"]["heating"].update({"暖气": "lots"}), "'暖气' weight"),
        (lambda d: d["units"]["heating"].update({"暖气": 99}), "outside"),
        (lambda d: d["units"]["water"].update({"停 水": 2}), "contains a space"),
        (lambda d: d["units"]["water"].update({"停…": 2}), "empty part"),
        (lambda d: d["gazetteer"]["places"].append({"name": "某村", "area": "mars"}), "某村"),
        (lambda d: d["gazetteer"]["areas"].update({"mars": ["火星"]}), "gazetteer.areas.mars"),
        (lambda d: d["categories"]["cues"].update({"praise": {"表扬": 3}}), "praise"),
        (lambda d: d.update({"unitz": {}}), "unknown section 'unitz'"),
        (lambda d: d["classifier"].update({"weight": 2}), "classifier.weight"),
        (lambda d: d["epidemic"].update({"strong": "疫情"}), "epidemic.strong"),
        (lambda d: d["epidemic"].update({"bitten": ["被…"]}), "epidemic.bitten"),
        (lambda d: d["epidemic"].update({"rabies": "狂犬"}), "epidemic.rabies"),
        (lambda d: d["epidemic"].update({"fuzzy": "诺如"}), "epidemic.fuzzy"),
    ],
)
def test_invalid_rules_name_the_rule(
    routing_catalog: Catalog,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    data = _packaged()
    change(data)
    with pytest.raises(RulesError, match=message.replace("(", r"\(")):
        parse_rules(data, routing_catalog)


def test_unreadable_or_broken_file_names_the_file(tmp_path: Path, routing_catalog: Catalog) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RulesError, match="nope.yaml"):
        load_rules(routing_catalog, missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("units: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match="broken.yaml: not valid YAML"):
        load_rules(routing_catalog, broken)


def test_gapped_phrase(routing_catalog: Catalog) -> None:
    data = _packaged()
    data["units"] = {"human_resources": {"不给…工资": 4}}
    rules = parse_rules(data, routing_catalog)
    phrase = rules.units["human_resources"].phrases[0]
    assert phrase.found_in("老板不给我们发工资")
    assert not phrase.found_in("老板不给钱，后来说起了别的很多很多事情，工资")


def test_an_edited_rules_file_changes_routing(tmp_path: Path) -> None:
    data = _packaged()
    data["units"]["market_supervision"]["电梯"] = 10  # this centre: lifts are 特种设备
    edited = tmp_path / "routing.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    line = "我们小区电梯又坏了\n".encode()
    default = subprocess.run(
        hotline_argv("route"), input=line, capture_output=True, cwd=tmp_path, timeout=ROUTE_TIMEOUT
    )
    custom = subprocess.run(
        hotline_argv("route", "--rules", str(edited)),
        input=line,
        capture_output=True,
        cwd=tmp_path,
        timeout=ROUTE_TIMEOUT,
    )
    assert b'"department": "housing"' in default.stdout
    assert b'"department": "market_supervision"' in custom.stdout
    # The same file named by the setting routing_rules_path (./hotline.yaml).
    (tmp_path / "hotline.yaml").write_text(f"routing_rules_path: {edited}\n", encoding="utf-8")
    by_setting = subprocess.run(
        hotline_argv("route"), input=line, capture_output=True, cwd=tmp_path, timeout=ROUTE_TIMEOUT
    )
    assert b'"department": "market_supervision"' in by_setting.stdout, by_setting.stderr


def test_check_command_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "routing.yaml"
    bad.write_text("units:\n  heating:\n    暖气: many\n", encoding="utf-8")
    result = run_hotline(tmp_path, "routing", "check", "--rules", str(bad), timeout=ROUTE_TIMEOUT)
    assert result.returncode == 2
    assert "routing.yaml" in result.stderr and "'暖气' weight" in result.stderr
    ok = run_hotline(tmp_path, "routing", "check", timeout=ROUTE_TIMEOUT)
    assert ok.returncode == 0 and ok.stdout.startswith("ok:")
