"""Load the evidence tables in data/ by name, validated against data/tables.yaml.

A table is named by its path under data/ without `.csv` (e.g. "tracker/origin_undergrad").
Every problem is raised as a DataError that names the file, and where it can the row and column,
so that a user who edited a CSV by hand knows where to look.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import math
from pathlib import Path

import pandas as pd

from talentcheck.data import citations
from talentcheck.data.columns import STANDINGS, typed_column  # noqa: F401 (STANDINGS: other modules read it here)
from talentcheck.errors import DataError  # noqa: F401 (raised here; defined with the suite's other errors)
from talentcheck.data.files import file_digest, read_csv, read_parameters_file, read_yaml, yaml_text  # noqa: F401 (read here; cli and parameters read through data)
from talentcheck.data.countries import convert_countries  # noqa: F401 (neurips, ranking and institutions convert through data)
from talentcheck.paths import data_dir, display_path, files_under, hash_files


KINDS = ("str", "int", "float", "url", "standing", "country", "label", "code", "mirror_path")
RULES = ("type", "required", "allowed", "min", "max", "required_with")


_VALIDATED: dict = {}
"""{(SHA-256 of a CSV's bytes, its schema): the table validated from them, and SHA-256 of tables.yaml: the
schemas read from it}, kept across `clear_cache`: a file that is unchanged is not parsed and checked again
in this process (tests load many copies of data/). Only what passed is kept; a file that fails is checked
anew each time it is read."""


@functools.cache
def schemas() -> dict:
    path = data_dir() / "tables.yaml"
    digest = file_digest(path)
    if digest not in _VALIDATED:
        found = read_yaml(path)
        _check_schemas(found, display_path(path))
        _VALIDATED[digest] = found
    return _VALIDATED[digest]


def _check_schemas(found, where: str) -> None:
    """tables.yaml itself: each table's columns with known types, rules and finite numeric bounds."""
    if not isinstance(found, dict) or not found:
        raise DataError(f"{where}: expected a mapping of table names to their schemas")
    for name, spec in found.items():
        at = f"{where}, table {name!r}"
        if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict) or not spec["columns"]:
            raise DataError(f"{at}: needs `columns`, a mapping of column names to rules")
        columns = spec["columns"]
        for column, rule in columns.items():
            rule = {} if rule is None else rule
            if not isinstance(rule, dict):
                raise DataError(f"{at}, column {column}: the rule must be a mapping")
            unknown = [k for k in rule if k not in RULES]
            if unknown:
                raise DataError(f"{at}, column {column}: unknown rule(s) {unknown} (known: {', '.join(RULES)})")
            kind = rule.get("type", "str")
            if kind not in KINDS:
                raise DataError(f"{at}, column {column}: unknown type {kind!r} (known: {', '.join(KINDS)})")
            for bound in ("min", "max"):
                value = rule.get(bound, 0)
                if kind not in ("int", "float") and bound in rule or isinstance(value, bool) \
                        or not isinstance(value, (int, float)) or not math.isfinite(value):
                    raise DataError(f"{at}, column {column}: {bound} must be a finite number on an int or float column")
            if "allowed" in rule and not isinstance(rule["allowed"], list):
                raise DataError(f"{at}, column {column}: allowed must be a list")
            if not isinstance(rule.get("required", True), bool):
                raise DataError(f"{at}, column {column}: required must be true or false")
            if "required_with" in rule and rule["required_with"] not in columns:
                raise DataError(f"{at}, column {column}: required_with names no column of the table")
        key = spec.get("key", [])
        if not isinstance(key, list) or any(k not in columns for k in key):
            raise DataError(f"{at}: key must list columns of the table")
        shares = spec.get("shares")
        if shares is not None:
            names = [shares.get("value"), shares.get("category"), *shares.get("group", [])] if isinstance(shares, dict) else [None]
            if any(n not in columns for n in names):
                raise DataError(f"{at}: shares must name value, group and category columns of the table")


def table_names() -> list[str]:
    return sorted(schemas())


def load(name: str) -> pd.DataFrame:
    """The table `name`, checked against its schema; a fresh copy each call."""
    return cached_table(name).copy()


@functools.cache
def cached_table(name: str) -> pd.DataFrame:
    """The loaded table itself, the same object until the caches are cleared: never change it (`load` gives a copy)."""
    spec = schemas().get(name)
    if spec is None:
        raise DataError(f"no table named {name!r} in data/tables.yaml (known: {', '.join(table_names())})")
    path = data_dir() / f"{name}.csv"
    memo = (file_digest(path), json.dumps(spec, sort_keys=True, default=str))
    if memo not in _VALIDATED:
        table = validate(read_csv(path), spec, path)  # bad content raises here, every time it is read
        if file_digest(path) != memo[0]:  # changed while being read: do not file it under the old bytes
            return table
        if len(_VALIDATED) > 500:
            _VALIDATED.clear()
        _VALIDATED[memo] = table
    return _VALIDATED[memo]



def validate(raw: pd.DataFrame, spec: dict, path: Path) -> pd.DataFrame:
    """Check `raw` (all strings) against `spec` and return it with typed columns."""
    where = display_path(path)
    columns: dict = spec["columns"]
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise DataError(f"{where}: missing column(s) {', '.join(missing)}")
    unknown = [c for c in raw.columns if c not in columns]
    if unknown:
        raise DataError(f"{where}: unexpected column(s) {', '.join(unknown)} (declare them in data/tables.yaml)")
    out = pd.DataFrame(index=raw.index)
    for column, rule in columns.items():
        out[column] = typed_column(raw[column], column, rule or {}, where)
    for column, rule in columns.items():  # a value required wherever another column has one (`required_with`)
        other = (rule or {}).get("required_with")
        if other and (gap := out[other].notna() & out[column].isna()).any():
            raise DataError(f"{where}, row {int(gap.idxmax()) + 2}, column {column}: empty, but a value is required "
                            f"where {other} is given")
    key = spec.get("key")
    if key:
        dup = out.duplicated(subset=key, keep="first")
        if dup.any():
            row = int(dup.idxmax()) + 2
            values = ", ".join(f"{k}={out.at[dup.idxmax(), k]}" for k in key)
            raise DataError(f"{where}, row {row}: duplicate key ({values})")
    shares = spec.get("shares")
    if shares:
        _check_share_sums(out, shares, where)
    return out


def _check_share_sums(table: pd.DataFrame, shares: dict, where: str) -> None:
    """Shares of one breakdown (after picking one source per category) may not exceed 100 + tolerance."""
    value, group, category = shares["value"], shares["group"], shares["category"]
    tolerance = shares.get("tolerance", 1)
    best = pick_source(table, [*group, category]) if "source_name" in table.columns else table
    totals = best.groupby(group)[value].sum()
    over = totals[totals > 100 + tolerance]
    if len(over):
        keys = over.index[0] if isinstance(over.index[0], tuple) else (over.index[0],)
        label = ", ".join(f"{g}={k}" for g, k in zip(group, keys))
        raise DataError(f"{where}: shares for {label} sum to {over.iloc[0]:g}, over 100 + {tolerance}")


def pick_source(table: pd.DataFrame, key: list[str], prefer: str = "best_standing") -> pd.DataFrame:
    """One row per `key`: the preferred source where several disagree.

    `prefer` is "best_standing" (primary first, see STANDINGS; ties go to the row listed first)
    or a `source_name`, which wins wherever it has a value and falls back to the best standing elsewhere.
    """
    if prefer != "best_standing" and prefer not in set(table["source_name"]):
        raise DataError(f"source {prefer!r} does not appear in this table (known: {sorted(set(table['source_name']))})")
    ranked = table.assign(
        _preferred=(table["source_name"] != prefer).astype(int),
        _standing=table["source_standing"].map(STANDINGS.index),
        _order=range(len(table)),
    )
    ranked = ranked.sort_values(["_preferred", "_standing", "_order"], kind="stable")
    best = ranked.drop_duplicates(subset=key, keep="first").sort_values("_order")
    return best.drop(columns=["_preferred", "_standing", "_order"]).reset_index(drop=True)


def picked(name: str, key: list[str], prefer: str = "best_standing") -> pd.DataFrame:
    """`pick_source(load(name), key, prefer)`, worked out once per table until the caches are cleared (a
    claim's evidence is picked again for every reading it is judged under); a fresh copy each call."""
    return _picked(name, tuple(key), prefer).copy()


@functools.cache
def _picked(name: str, key: tuple, prefer: str) -> pd.DataFrame:
    return pick_source(cached_table(name), list(key), prefer)


def validate_all() -> list[str]:
    """Load every table in data/tables.yaml; return the names checked. Raises DataError on the first problem,
    and on a CSV in data/ that the schema does not declare (it would be evidence nobody checks)."""
    declared = set(table_names())
    for path in (p for p in files_under(data_dir()) if p.suffix == ".csv"):
        name = path.relative_to(data_dir()).with_suffix("").as_posix()
        if name not in declared:
            raise DataError(f"{display_path(path)}: not declared in data/tables.yaml")
    loaded = {name: cached_table(name) for name in table_names()}
    cited = {name: table for name, table in loaded.items() if name != citations.REGISTRY}
    citations.check_cited(cited, loaded[citations.REGISTRY],  # every cited URL and code is in data/sources.csv
                          {name: display_path(data_dir() / f"{name}.csv") for name in cited})
    return table_names()


def clear_cache() -> None:
    """Forget loaded tables (tests point TALENTCHECK_DATA elsewhere)."""
    schemas.cache_clear()
    cached_table.cache_clear()
    _picked.cache_clear()
    fingerprint.cache_clear()


@functools.cache
def fingerprint() -> str:
    """SHA-256 of every file in the data folder, names and bytes: the data as loaded until `clear_cache`."""
    digest = hashlib.sha256()
    hash_files(digest, data_dir())
    return digest.hexdigest()


def by_content(function):
    """`function` remembered in this process by its arguments (JSON) and the data's `fingerprint`, for what is
    judged from the data alone and costly (a report judges every claim again under each reading); each caller
    gets its own copy of the answer."""
    answers: dict = {}

    @functools.wraps(function)
    def remembered(*args):
        key = (json.dumps(args, sort_keys=True, default=repr), fingerprint())
        if key not in answers:
            if len(answers) > 5000:
                answers.clear()
            answers[key] = function(*args)
        return copy.deepcopy(answers[key])
    return remembered


def conflicting_sources(table: pd.DataFrame, key: list[str] | None = None) -> list[str]:
    """Names of the sources that give a value where another source gives a different one."""
    key = key or [c for c in ("year", "cohort", "population", "country", "destination") if c in table.columns]
    clashing = table[table.duplicated(key, keep=False)]
    return sorted(set(clashing["source_name"]) - set(pick_source(clashing, key)["source_name"])) if len(clashing) else []
