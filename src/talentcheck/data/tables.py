"""Load the evidence tables in data/ by name, validated against data/tables.yaml.

A table is named by its path under data/ without `.csv` (e.g. "tracker/origin_undergrad").
Every problem is raised as a DataError that names the file, and where it can the row and column,
so that a user who edited a CSV by hand knows where to look.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pandas as pd

from talentcheck import hashing, memo
from talentcheck.data.columns import STANDINGS, typed_column
from talentcheck.data.files import file_digest, read_csv, read_yaml, shown
from talentcheck.errors import DataError
from talentcheck.paths import data_dir, display_path

KINDS = ("str", "int", "float", "date", "url", "standing", "country", "label", "code", "mirror_path", "pattern")
RULES = ("type", "required", "allowed", "min", "max", "required_with")
YEARS = (2019, 2022)
"""The years of the Tracker's two editions (NeurIPS 2019 and 2022), and so of the accepted-paper lists the suite
re-derives them from."""

_VALIDATED = memo.Memo()
"""{(SHA-256 of a file's bytes, its schema): the table validated from them}, and {SHA-256 of tables.yaml: the schemas
read from it}: a file that is unchanged is not parsed and checked again in this process (tests load many copies of
data/), whatever `clear_caches` forgets. Only what passed is kept; a file that fails is checked anew each time."""


@memo.until_cleared
def schemas() -> dict:
    path = data_dir() / "tables.yaml"

    def read() -> dict:
        found = read_yaml(path)
        _check_schemas(found, display_path(path))
        return found
    return _VALIDATED.get(file_digest(path), read)


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


@memo.until_cleared
def cached_table(name: str) -> pd.DataFrame:
    """The loaded table itself, the same object until the caches are cleared: never change it (`load` gives a copy)."""
    return _loaded(name)[0]


@memo.until_cleared
def table_digest(name: str) -> str:
    """The SHA-256 of the bytes the table `name` was loaded from (what answers derived from it are keyed by)."""
    return _loaded(name)[1]


@memo.until_cleared
def _loaded(name: str) -> tuple[pd.DataFrame, str]:
    spec = schemas().get(name)
    if spec is None:
        raise DataError(f"no table named {name!r} in data/tables.yaml (known: {', '.join(table_names())})")
    path = data_dir() / f"{name}.csv"
    digest = file_digest(path)
    table = _VALIDATED.get((digest, json.dumps(spec, sort_keys=True, default=str)),
                           lambda: validate(read_csv(path), spec, path),  # bad content raises here, every time it is read
                           keep=lambda table: file_digest(path) == digest)  # changed while being read: not filed under the old bytes
    return table, digest


_DERIVED = memo.Memo()


def derived(name: str, build):
    """`build(load(name))`: what is computed from a table (a filtered copy, a lookup), remembered by the table's
    bytes and the builder (a lambda by where it is written), so that it is computed again only for other bytes."""
    return _DERIVED.get((name, build.__module__, build.__qualname__, table_digest(name)), lambda: build(load(name)))


def validate(raw: pd.DataFrame, spec: dict, path: Path) -> pd.DataFrame:
    """Check `raw` (all strings) against `spec` and return it with typed columns."""
    where = shown(path)  # a file that is a link named by the link, the file the user replaced
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


@memo.until_cleared
def _picked(name: str, key: tuple, prefer: str) -> pd.DataFrame:
    return pick_source(cached_table(name), list(key), prefer)


@memo.until_cleared
def fingerprint() -> str:
    """SHA-256 of every file in the data folder, names and bytes: the data as loaded until `clear_caches`."""
    digest = hashlib.sha256()
    hashing.add_files(digest, data_dir())
    return digest.hexdigest()


def conflicting_sources(table: pd.DataFrame, key: list[str] | None = None) -> list[str]:
    """Names of the sources that give a value where another source gives a different one."""
    key = key or [c for c in ("year", "cohort", "population", "country", "destination") if c in table.columns]
    clashing = table[table.duplicated(key, keep=False)]
    return sorted(set(clashing["source_name"]) - set(pick_source(clashing, key)["source_name"])) if len(clashing) else []
