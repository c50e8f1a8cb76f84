"""talentcheck: a reproducible fact-check of an article on the US-China race for AI talent.

Notebooks import this package (`import talentcheck as tc`); the names below are the few every notebook uses.
They, and the names of the `data` and `claims` subpackages, are imported when first used (`tc.load`,
`from talentcheck.data import load`), so that the command line, which needs none of them to find an
unchanged rerun, does not pay for pandas.
"""
import importlib


def lazy_names(package: str, homes: dict[str, list[str]]):
    """`__getattr__` and `__dir__` for `package`, whose names ({module below it: [names]}) are imported when first used."""
    home = {name: module for module, names in homes.items() for name in names}

    def __getattr__(name: str):
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home[name]}"), name)
        setattr(importlib.import_module(package), name, value)
        return value

    def __dir__():
        return sorted(set(vars(importlib.import_module(package))) | set(home))
    return __getattr__, __dir__


_HOMES = {
    "data": ["DataError", "load", "pick_source"],
    "claims": ["conflicting_source_verdicts", "judge", "sensitivity", "sensitivity_table", "threshold_readings",
               "verdicts_for", "year_shown"],
    "claims.recording": ["record", "record_notes"],
    "memo": ["clear_caches"],
    "parameters": ["checked_parameters", "readings"],
}
__all__ = sorted(name for names in _HOMES.values() for name in names)
__getattr__, __dir__ = lazy_names(__name__, _HOMES)
