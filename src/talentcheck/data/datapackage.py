"""datapackage.json: the evidence tables as a Frictionless Data Package, so they load in other tools.

Generated from data/tables.yaml, which stays the authority (`python -m talentcheck.data.datapackage` rewrites
it; a test fails while the two disagree and validates every table with frictionless). What the Table
Schema can say is said: types, required, allowed values, ranges, the key, URLs and source standings.
What it cannot (country names as country_converter spells them, shares summing to at most 100) only
talentcheck's own loader checks; the descriptions say so.
"""
from __future__ import annotations

import json
from pathlib import Path

from talentcheck.data.columns import DATE, IDENTIFIER_TYPES, LABEL_LENGTH, STANDINGS
from talentcheck.data.tables import schemas
from talentcheck.paths import IDENTIFIERS

TYPES = {"int": "integer", "float": "number"}
URLS = r"https?://\S+( ; https?://\S+)*"


def field(name: str, rule: dict | None) -> dict:
    rule = rule or {}
    kind = rule.get("type", "str")
    out = {"name": name, "type": TYPES.get(kind, "string")}
    constraints = {}
    if rule.get("required", True):
        constraints["required"] = True
    if "allowed" in rule:
        constraints["enum"] = list(rule["allowed"])
    if kind == "standing":
        constraints["enum"] = list(STANDINGS)
        out["description"] = "standing of the source, best first: " + ", ".join(STANDINGS)
    if kind == "url":
        constraints["pattern"] = URLS
        out["description"] = "one URL, or several separated by ' ; '"
    if kind == "date":
        constraints["pattern"] = DATE.pattern
        out["description"] = "a date: YYYY-MM-DD, or YYYY-MM or YYYY where only the month or year is known (a day that exists)"
    if kind == "label":
        constraints["pattern"] = f"[^$]{{1,{LABEL_LENGTH}}}"
        out["description"] = f"a name a chart draws: at most {LABEL_LENGTH} characters, no '$'"
    if kind in IDENTIFIER_TYPES:
        pattern, longest, words = IDENTIFIERS[IDENTIFIER_TYPES[kind]]
        constraints["pattern"] = pattern.pattern
        constraints["maxLength"] = longest
        out["description"] = f"a {IDENTIFIER_TYPES[kind]}: {words}"
    if kind == "country":
        out["description"] = "a country's short name as country_converter spells it, or a region (checked by talentcheck)"
    if "min" in rule:
        constraints["minimum"] = rule["min"]
    if "max" in rule:
        constraints["maximum"] = rule["max"]
    if constraints:
        out["constraints"] = constraints
    return out


def resource(name: str, spec: dict, base: str) -> dict:
    description = spec.get("description", "")
    if spec.get("shares"):
        description += " Shares of one breakdown sum to at most 100 (checked by talentcheck)."
    out = {"name": name.replace("/", "-").replace("_", "-").lower(), "path": f"{base}/{name}.csv",
           "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
           "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "header": True},
           "description": description.strip(),
           "schema": {"fields": [field(column, rule) for column, rule in spec["columns"].items()]}}
    if spec.get("key"):
        out["schema"]["primaryKey"] = list(spec["key"])
    return out


def build(base: str = "data") -> dict:
    """The package descriptor for every table of tables.yaml, paths relative to the folder above `base`."""
    return {
        "profile": "tabular-data-package",
        "name": "talentcheck-evidence",
        "title": "talentcheck evidence tables",
        "description": "Evidence tables of talentcheck, each row naming its source. Generated from data/tables.yaml "
                       "by `python -m talentcheck.data.datapackage`; tables.yaml is the authority.",
        "licenses": [{"name": "MIT", "path": "LICENSE", "title": "MIT License (code and table structure; each "
                      "figure remains its publisher's, see source_url)"}],
        "resources": [resource(name, spec, base) for name, spec in sorted(schemas().items())],
    }


def text(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n"


def write(target: Path) -> bool:
    """Write datapackage.json at `target`; True if it changed."""
    new = text(build())
    if target.is_file() and target.read_text(encoding="utf-8") == new:
        return False
    target.write_text(new, encoding="utf-8")
    return True


if __name__ == "__main__":
    from talentcheck import paths

    print("datapackage.json updated" if write(paths.ROOT / "datapackage.json") else "datapackage.json is current")
