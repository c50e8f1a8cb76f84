"""datapackage.json: generated from data/tables.yaml, and every evidence table valid under frictionless."""
from __future__ import annotations

import pytest

from helpers import set_cell
from talentcheck import clear_caches, data, paths
from talentcheck.data import datapackage

frictionless = pytest.importorskip("frictionless", reason="frictionless is a test extra: pip install -e '.[test]'")


def errors(report) -> list[str]:
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:3]]


def test_the_committed_datapackage_is_what_tables_yaml_generates():
    committed = (paths.ROOT / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.text(datapackage.build()), "run: python -m talentcheck.data.datapackage"


def test_every_table_is_valid_under_frictionless():
    report = frictionless.validate(str(paths.ROOT / "datapackage.json"))
    assert len(report.tasks) == len(data.table_names())
    assert report.valid, errors(report)


def test_frictionless_refuses_what_the_schema_forbids(data_copy):
    set_cell(data_copy / "neurips" / "coverage.csv", {"year": 2019, "tier": "oral"}, "tier", "spotlight")
    set_cell(data_copy / "neurips" / "coverage.csv", {"year": 2022, "tier": "oral"}, "unresolved_pct", "-1")
    descriptor = data_copy.parent / "datapackage.json"
    descriptor.write_text(datapackage.text(datapackage.build()), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    found = errors(report)
    assert not report.valid
    assert any("neurips-coverage" in e and "tier" in e and "spotlight" in e for e in found), found
    assert any("neurips-coverage" in e and "unresolved_pct" in e and "-1" in e for e in found), found


def test_a_rule_added_to_tables_yaml_reaches_the_package(data_copy):
    yaml_path = data_copy / "tables.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("neurips/coverage:\n", "neurips/coverage:\n  shares: {value: unresolved_pct, group: [year], category: tier}\n", 1))
    clear_caches()
    [coverage] = [r for r in datapackage.build()["resources"] if r["name"] == "neurips-coverage"]
    assert coverage["description"].endswith("checked by talentcheck).")
