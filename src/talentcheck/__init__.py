"""talentcheck: a reproducible fact-check of an article on the US-China race for AI talent.

Notebooks import this package; everything two notebooks need lives here.
"""
from talentcheck.data import DataError, conflicting_sources, load, pick_source
from talentcheck.claims import (
    ParameterError, claim, claims_for, clear_caches, conflicting_source_verdicts, judge, registry, sensitivity,
    sensitivity_table, stated_figures, threshold_readings, verdicts_for, year_shown,
)
from talentcheck.parameters import readings
from talentcheck.recording import record
from talentcheck.verdicts import Verdict, record_notes

__all__ = [
    "DataError", "ParameterError", "Verdict", "clear_caches", "conflicting_source_verdicts", "conflicting_sources",
    "claim", "claims_for", "judge", "stated_figures", "load", "pick_source", "record", "record_notes", "registry",
    "readings", "sensitivity", "sensitivity_table", "threshold_readings", "verdicts_for", "year_shown",
]
