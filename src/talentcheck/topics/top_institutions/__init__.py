"""Notebook 04, the top institutions of 2019 and 2022: the re-derived rankings (`ranking`), samples of the
Tracker's size drawn from the full lists (`samples`), industry's part in research (`industry`), the computed
figures its texts put in words (`slots`) and the observations and verdicts (`observations`). The notebook reads its tables through the
names below."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.topics.top_institutions.industry import indicator_table, sector_table
from talentcheck.topics.top_institutions.ranking import side_by_side, top_institutions
from talentcheck.topics.top_institutions.observations import NOTEBOOK, verdict_grid, verdicts

__all__ = ["NOTEBOOK", "coverage", "indicator_table", "published_counts", "published_ranks", "sector_table",
           "side_by_side", "tops", "verdict_grid", "verdicts"]


def coverage() -> pd.DataFrame:
    """How much of each year's list the pipeline could use: papers, author-paper pairs, and the share of those
    with an affiliation no institution map knows."""
    return data.load("neurips/coverage")[["year", "tier", "papers", "pairs", "pairs_with_affiliation", "unresolved_pct",
                                          "papers_unmatched_to_status"]]


def tops(params: dict) -> pd.DataFrame:
    """Each year's top `top_n` institutions by the chosen count, with ties at the cut as `ties` says."""
    return top_institutions(params["top_n"], params["counting"], params["merge_google_deepmind"], params["tier"],
                            params["ties"], params["china_scope"])


def published_ranks() -> pd.DataFrame:
    """The institutions the Tracker named in its ranking, with the ranks its coverage gave."""
    return data.load("tracker/top_institutions")[["year", "institution", "rank_best", "rank_worst", "source_name", "note"]]


def published_counts() -> pd.DataFrame:
    """The Tracker's count of institutions by country in its ranking."""
    return data.load("tracker/top25_composition")[["year", "country", "institutions", "source_name", "source_standing"]]
