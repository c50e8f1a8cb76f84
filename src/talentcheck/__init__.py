"""talentcheck: a reproducible fact-check of an article on the US-China race for AI talent.

Notebooks import this package; everything two notebooks need lives here. The names below are imported
when first used (`tc.load`, `from talentcheck import record`), so that the command line, which needs
none of them to find an unchanged rerun, does not pay for pandas.
"""
import importlib

_HOMES = {
    "data": ["DataError", "conflicting_sources", "load", "pick_source"],
    "claims": ["ParameterError", "claim", "claims_for", "clear_caches", "conflicting_source_verdicts", "judge", "registry",
               "sensitivity", "sensitivity_table", "stated_figures", "threshold_readings", "verdicts_for", "year_shown"],
    "parameters": ["readings"],
    "claims.recording": ["record"],
    "claims.verdicts": ["Verdict", "record_notes"],
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"talentcheck.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_HOME))
