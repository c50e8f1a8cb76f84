"""The claim registry (data/claims.yaml): each claim's fields checked once, looked up by id or notebook,
and its check's "{name}" templates filled with a notebook's parameters.

A parameter whose value is "as_stated" takes the claim's own `as_stated` value (the reading the
article's figure fits): `with_parameters` does that, `fill_templates` then puts the values in place.
"""
from __future__ import annotations

import math
import re

from talentcheck import data, memo
from talentcheck.claims.comparison import COMPARE
from talentcheck.claims.words import YES_NO
from talentcheck.data.files import read_yaml
from talentcheck.errors import DataError, ParameterError
from talentcheck.paths import NOTEBOOKS, data_dir, display_path, identifier_problem

REQUIRED = ("id", "paragraph", "claim", "stated", "unit", "topic")
BOUNDED = ("at_most", "approx")  # comparisons that an upper bound can settle (see `absent_below_smallest`)
TEMPLATE = re.compile(r"^\{(\w+)\}$")
ARTICLE_MONTH = "2025-02"  # when the article appeared (AsianFin, February 2025): what was published by then


@memo.until_cleared
def registry() -> dict[str, dict]:
    """All claims by id, in the article's order, checked for the contract's required fields."""
    path = data_dir() / "claims.yaml"
    where = display_path(path)
    entries = read_yaml(path)
    if not isinstance(entries, list):
        raise DataError(f"{where}: expected a list of claims")
    claims: dict[str, dict] = {}
    declarations: dict[str, dict] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise DataError(f"{where}, claim #{number}: expected a mapping of fields")
        missing = [f for f in REQUIRED if f not in entry]
        if missing:
            raise DataError(f"{where}, claim #{number}: missing field(s) {', '.join(missing)}")
        cid = entry["id"]
        problem = identifier_problem("claim id", cid)  # it names the claim's card: claims/<id>.html
        if problem:
            raise DataError(f"{where}, claim #{number}, field id: {problem}")
        if cid in claims:
            raise DataError(f"{where}, claim #{number}: duplicate claim id {cid!r}")
        _check_structure(entry, f"{where}, claim {cid!r}")
        for notebook in [entry.get("notebook"), *entry.get("see_also", [])]:
            if notebook and identifier_problem("notebook", notebook):
                raise DataError(f"{where}, claim {cid!r}: {identifier_problem('notebook', notebook)}")
            if notebook and not (NOTEBOOKS / notebook).is_file():
                raise DataError(f"{where}, claim {cid!r}: notebook {notebook!r} does not exist in notebooks/ "
                                     "(give the bare file name of a notebook there)")
        check = entry.get("check")
        for table in evidence_tables(entry):
            if table not in data.schemas():
                raise DataError(f"{where}, claim {cid!r}: evidence table {table!r} is not in data/tables.yaml")
        if entry.get("notebook") and not evidence_tables(entry):
            raise DataError(f"{where}, claim {cid!r}: a checked claim needs check.table or an evidence list")
        if check and check.get("absent_below_smallest") and check["compare"] not in BOUNDED:
            raise DataError(f"{where}, claim {cid!r}: absent_below_smallest works only with {BOUNDED}")
        if entry.get("notebook"):
            from talentcheck.parameters import declared

            if entry["notebook"] not in declarations:  # read once per notebook, not once per claim
                declarations[entry["notebook"]] = declared(NOTEBOOKS / entry["notebook"])
            names = declarations[entry["notebook"]]
            for name in entry.get("parameters") or []:
                if name not in names:
                    raise DataError(f"{where}, claim {cid!r}: parameters names {name!r}, which {entry['notebook']} does not declare")
            _check_readings(entry, names, f"{where}, claim {cid!r}")
        claims[cid] = entry
    return claims


def _check_readings(entry: dict, names: dict, where: str) -> None:
    """A claim's `as_stated` values lie in the domains its notebook declares, and each "{name}" its check's table
    filter, source or tolerances fill in is a parameter of that notebook: found here, not inside a kernel."""
    from talentcheck.parameters import check

    for name, value in (entry.get("as_stated") or {}).items():
        if name not in names:
            raise DataError(f"{where}, as_stated: {name!r} is not a parameter {entry['notebook']} declares")
        try:
            check(names[name], value, entry["notebook"])
        except ParameterError as err:
            raise DataError(f"{where}, as_stated.{name}: {err}") from None
    filled = {k: v for k, v in (entry.get("check") or {}).items() if k != "figures"}  # a figure may be a reading's,
    # which the notebook fills in
    for key, name in _templates(filled, "check"):
        if name not in names:
            raise DataError(f"{where}, {key}: {{{name}}} is not a parameter {entry['notebook']} declares "
                            f"(it declares {', '.join(names)})")


def _templates(value, key: str):
    """(where, name) of every "{name}" template in a claim's check."""
    if isinstance(value, str):
        match = TEMPLATE.match(value)
        if match:
            yield key, match[1]
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _templates(v, f"{key}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from _templates(v, key)


def cross_references() -> None:
    """What ties the registry to other files, checked by `talentcheck validate` and before a run (DataError): every
    claim has its quotation in data/article.csv, a claim's `chart` is one its committed notebook draws, and the
    reader's words name every cohort of every year the tables allow (`words.check_cohorts`)."""
    import json

    from talentcheck.claims import words

    where = display_path(data_dir() / "claims.yaml")
    quoted = set(data.load("article")["claim_id"])
    charts: dict[str, int] = {}
    for cid, entry in registry().items():
        if cid not in quoted:
            raise DataError(f"{display_path(data_dir() / 'article.csv')}: no row for claim {cid!r} of {where} "
                            "(its card quotes the article from there)")
        notebook = entry.get("notebook")
        if entry.get("chart") and notebook:
            if notebook not in charts:
                cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8")).get("cells", [])
                charts[notebook] = sum("image/png" in (output.get("data") or {}) for cell in cells
                                       for output in cell.get("outputs", []))
            if entry["chart"] > charts[notebook]:
                raise DataError(f"{where}, claim {cid!r}, chart: {entry['chart']}, but the committed {notebook} "
                                f"draws {charts[notebook]} chart(s)")
    words.check_cohorts()


def _check_structure(entry: dict, where: str) -> None:
    """Types of a claim's fields and of its check, so that a run never trips over them (DataError)."""
    def number(value) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

    for name, kinds in (("paragraph", int), ("claim", str), ("unit", str), ("topic", str), ("notebook", str),
                        ("see_also", list), ("evidence", list), ("check", dict), ("as_stated", dict), ("modelled", bool),
                        ("parameters", list), ("chart", int)):
        if name in entry and entry[name] is not None and not isinstance(entry[name], kinds):
            raise DataError(f"{where}: field {name} must be a {kinds.__name__.replace('str', 'text')}")
    if not (number(entry["stated"]) or isinstance(entry["stated"], (str, list))):
        raise DataError(f"{where}: field stated must be a finite number, a text or a list")
    if "chart" in entry and not entry["chart"] >= 1:
        raise DataError(f"{where}: field chart must be the number (from 1) of a chart of its notebook")
    if "open_if_samples_give_pct" in entry and not (number(entry["open_if_samples_give_pct"]) and 0 <= entry["open_if_samples_give_pct"] <= 100):
        raise DataError(f"{where}: field open_if_samples_give_pct must be a number from 0 to 100")
    check = entry.get("check")
    if not check:
        return
    if check.get("compare") not in COMPARE:
        raise DataError(f"{where}: check.compare must be one of {tuple(COMPARE)}")
    if "figures" not in check or not check["figures"]:
        raise DataError(f"{where}: check.figures is missing or empty")
    figures = check["figures"]
    if not isinstance(figures, (dict, list)):
        raise DataError(f"{where}: check.figures must be a mapping (or a list for greater)")
    for name in ("tolerance", "caveat_tolerance", "factor"):
        value = check.get(name, 1)
        if not (number(value) and value >= (1 if name == "factor" else 0) or isinstance(value, str) and TEMPLATE.match(value)):
            raise DataError(f"{where}: check.{name} must be a finite number >= {1 if name == 'factor' else 0} "
                                 "or a parameter's {name}")
    table = check.get("table")
    numeric = True
    if table:
        spec = data.schemas().get(table) if isinstance(table, str) else None
        if spec is None:
            raise DataError(f"{where}: evidence table {table!r} is not in data/tables.yaml")
        for name in ("value", "by"):
            if check.get(name) not in spec["columns"]:
                raise DataError(f"{where}: check.{name} {check.get(name)!r} is not a column of {table}")
        numeric = (spec["columns"][check["value"]] or {}).get("type") in ("int", "float")
    values = figures.values() if isinstance(figures, dict) else []
    for value in values:
        for item in (value if isinstance(value, list) and check.get("compare") == "between" else [value]):
            if not (number(item) or (isinstance(item, str) and TEMPLATE.match(item))
                    or (not (table and numeric) and item in YES_NO)):
                raise DataError(f"{where}: figure {item!r} " + (_yaml_text_number(item) or "must be a finite number"
                                + ("" if table and numeric else " or yes/no")))
            if number(item) and table and numeric:
                rule = spec["columns"][check["value"]] or {}
                if item < rule.get("min", -math.inf) or item > rule.get("max", math.inf):
                    raise DataError(f"{where}: figure {item!r} is outside {rule.get('min', '-inf')}..{rule.get('max', 'inf')}, "
                                    f"the range of column {check['value']} of {table}")
        if isinstance(value, list) and check.get("compare") == "between" and all(map(number, value)):
            if len(value) != 2 or value[0] > value[1]:
                raise DataError(f"{where}: figure {value!r} must be a range [low, high] with low <= high")


def _yaml_text_number(item) -> str | None:
    """Why a figure that reads as a number is text: YAML 1.1 reads `1e308` (no dot, no sign) as text."""
    if not isinstance(item, str) or not item.strip().isascii():
        return None
    try:
        value = float(item)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return (f"is text to YAML, which reads an exponent only with a dot and a sign (write {value:.1e}); "
            "a figure must be a finite number")


SETTLE_IF_UNDECLARED = 5


def settle_pct() -> float:
    """The one sampling rule's threshold: a full count settles a figure the Tracker drew from its sample and never
    published only if at least this share (%) of Tracker-sized samples give the same outcome; 100 minus the
    `open_if_samples_give_pct` data/claims.yaml declares (one value for every claim)."""
    declared = {entry["open_if_samples_give_pct"] for entry in registry().values() if "open_if_samples_give_pct" in entry}
    if len(declared) > 1:
        raise DataError(f"data/claims.yaml: open_if_samples_give_pct is one threshold for every claim, not {sorted(declared)}")
    return 100 - (declared.pop() if declared else SETTLE_IF_UNDECLARED)


def evidence_tables(entry: dict) -> list[str]:
    """The tables a claim's verdict rests on: its `evidence` list, else its check's table."""
    table = (entry.get("check") or {}).get("table")
    return list(entry.get("evidence") or ([table] if table else []))


def claim(claim_id: str) -> dict:
    try:
        return registry()[claim_id]
    except KeyError:
        raise DataError(f"no claim {claim_id!r} in data/claims.yaml") from None


def with_parameters(claim_id: str, params: dict) -> dict:
    """Parameters as they apply to one claim: "as_stated" replaced by the claim's own reading."""
    as_stated = claim(claim_id).get("as_stated", {})
    resolved = {}
    for name, value in params.items():
        if value == "as_stated" and name in as_stated:
            value = as_stated[name]
        resolved[name] = value
    return resolved


def fill_templates(value, params: dict):
    """Replace "{name}" templates (recursively) by parameter values, keeping their types."""
    if isinstance(value, str):
        match = TEMPLATE.match(value)
        if match:
            if match[1] not in params:
                raise ParameterError(f"the claim's check needs parameter {match[1]!r}, which the notebook does not pass")
            return params[match[1]]
        return value
    if isinstance(value, dict):
        return {fill_templates(k, params): fill_templates(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_templates(v, params) for v in value]
    return value


def allowed_values(claim_id: str, parameter: str) -> list:
    """The values a parameter may take for a table-based claim: the allowed list of the column it filters."""
    check = claim(claim_id)["check"]
    for column, value in check.get("where", {}).items():
        if value == "{" + parameter + "}":
            return list(data.schemas()[check["table"]]["columns"][column]["allowed"])
    raise ParameterError(f"claim {claim_id} does not filter on parameter {parameter!r}")


def claims_for(notebook: str) -> list[str]:
    """Ids of the claims a notebook judges, in the article's order."""
    return [cid for cid, entry in registry().items() if entry.get("notebook") == notebook]


def stated_figures(claim_id: str) -> dict:
    """The article's figures as the claim's check states them ({category: number}), for marking charts."""
    figures = claim(claim_id).get("check", {}).get("figures", {})
    return {k: v for k, v in figures.items() if isinstance(v, (int, float))} if isinstance(figures, dict) else {}
