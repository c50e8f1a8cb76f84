"""The evidence: tables loaded by name and checked against data/tables.yaml (`tables`), read strictly (`files`),
each cell as its column's type (`columns`), country names (`countries`), the sources registry (`sources`) and
the tables as a Frictionless Data Package (`datapackage`).

The rest of the package reads the tables through the names below (imported when first used: see
`talentcheck.lazy_names`), and checks them all with `validate_all`.
"""
from talentcheck import lazy_names

_HOMES = {
    "columns": ["STANDINGS"],
    "tables": ["YEARS", "cached_table", "conflicting_sources", "derived", "fingerprint", "load", "pick_source", "picked",
               "schemas", "table_digest", "table_names"],
}
__all__ = ["DataError", "validate_all", *(name for names in _HOMES.values() for name in names)]
__getattr__, __dir__ = lazy_names(__name__, _HOMES)

from talentcheck import memo  # noqa: E402 (after the lazy names: importing these loads nothing more)
from talentcheck.errors import DataError  # noqa: E402

_CITED = memo.Memo()
"""Tables whose citations passed `sources.check_cited`, by their bytes and the registry's."""


def validate_all() -> list[str]:
    """Load every table in data/tables.yaml and check what each cites against the sources registry; return the
    names checked. Raises DataError on the first problem, and on a CSV in data/ that the schema does not declare
    (it would be evidence nobody checks)."""
    import json

    from talentcheck.data import sources, tables
    from talentcheck.paths import data_dir, display_path, files_under

    declared = set(tables.table_names())
    for path in (p for p in files_under(data_dir()) if p.suffix == ".csv"):
        name = path.relative_to(data_dir()).with_suffix("").as_posix()
        if name not in declared:
            raise DataError(f"{display_path(path)}: not declared in data/tables.yaml")
    loaded = {name: tables.cached_table(name) for name in tables.table_names()}
    registry = loaded[sources.REGISTRY]
    for name, table in loaded.items():
        if name != sources.REGISTRY:  # checked once per table's bytes and schema and the registry's
            where = display_path(data_dir() / f"{name}.csv")
            schema = json.dumps(tables.schemas()[name], sort_keys=True, default=str)  # how its cells were typed
            _CITED.get((name, schema, tables.table_digest(name), tables.table_digest(sources.REGISTRY)),
                       lambda: sources.check_cited({name: table}, registry, {name: where}) or True)
    return tables.table_names()
