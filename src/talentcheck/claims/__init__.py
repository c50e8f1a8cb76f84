"""Claims and their verdicts: the registry (data/claims.yaml: `registry`), the comparisons (`comparison`), judging
a claim under a reading (`judging`), the verdict rows (`verdicts`), what a verdict says in plain words
(`findings`), the texts written for each claim (`texts`) and the relations they put in words (`relations`), what a
notebook's verdict cell shows (`recording`), the sampling error of a gap between two shares
(`sampling_error`), and the one vocabulary every reader-facing label comes from (`words`).

The topics, the charts and the report use the names below (imported when first used: see `talentcheck.lazy_names`).
"""
from talentcheck import lazy_names

_HOMES = {
    "judging": ["conflicting_source_verdicts", "decide", "evidence", "holds_each", "interval", "judge", "outcome", "sensitivity",
                "sensitivity_table", "threshold_readings", "verdicts_for", "year_shown"],
    "registry": ["ARTICLE_MONTH", "allowed_values", "claim", "claims_for", "cross_references", "evidence_tables", "settle_pct",
                 "stated_figures", "with_parameters"],
    "verdicts": ["Verdict"],
}
__all__ = ["ParameterError", "registry", *(name for names in _HOMES.values() for name in names)]
__getattr__, __dir__ = lazy_names(__name__, _HOMES)

from talentcheck.claims.registry import registry  # noqa: E402 (here, not lazily: the function shares its module's name)
from talentcheck.errors import ParameterError  # noqa: E402 (after the lazy names: importing it loads nothing)
