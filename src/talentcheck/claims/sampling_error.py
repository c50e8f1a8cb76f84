"""Sampling error of the Tracker's shares: how many researchers stand behind a figure, and whether a difference
between two shares is larger than the sample can show (95% normal interval of the gap), for the claims whose
registry entry names a `sample` pair.

The Tracker drew its 2019 sample researcher by researcher, but its 2022 sample as whole papers (data/tracker/
samples.csv: 186 papers, 867 authors). Authors of one paper often share an employer and a country, so 867 authors
drawn as 186 papers vary more than 867 drawn one by one: the 2022 variance is multiplied by the design effect,
measured on the full 2022 accepted-paper list (`design_effect`). It is measured on where authors work and
borrowed for where they studied (co-authors share an employer more often than an origin, so the intervals of
origin shares are, if anything, too wide).
"""
from __future__ import annotations

import math

from talentcheck import data, memo

Z95 = 1.96
DRAWS, SEED = 2000, 2022  # the draws that measure a design effect
SAMPLE_DRAWS = 1000
"""How many samples of the Tracker's size are drawn from a full list to see how its own sample could have gone
(`talentcheck.topics.top_institutions.samples`), as the method text states."""


def size(year: int, cohort: str) -> int | None:
    """Researchers in a randomly sampled cohort (tracker/samples); None if unpublished or not a sample."""
    rows = _sample(year, cohort)
    return int(rows["researchers"]) if rows is not None else None


@memo.until_cleared
def _sample(year: int, cohort: str):
    """The tracker/samples row of a randomly sampled cohort (None if unpublished or not a sample)."""
    rows = data.load("tracker/samples")
    rows = rows[(rows["year"] == year) & (rows["cohort"] == cohort) & (rows["sampled"] == "yes")]
    return rows.iloc[0] if len(rows) else None


@memo.by_content(key=lambda year, cohort="top_tier", with_design=True: (
    year, cohort, with_design, data.table_digest("tracker/samples"), data.table_digest("neurips/pairs")), copy_answers=True)
def sample_urls(year: int, cohort: str = "top_tier", with_design: bool = True) -> list[str]:
    """The sources of the Tracker's sample size that year (tracker/samples: a sample or a census of the cohort), and
    for a sample drawn as whole papers (`with_design`), those of the paper lists its design effect is computed from
    (neurips/pairs)."""
    from talentcheck.data import sources

    rows = data.load("tracker/samples")
    rows = rows[(rows["year"] == year) & (rows["cohort"] == cohort)]
    found = [u for cell in rows["source_url"] for u in sources.split(cell)]
    if with_design and papers(year, cohort):
        pairs = data.load("neurips/pairs")
        found += sorted({u for cell in pairs.loc[pairs["year"] == year, "source_url"].unique() for u in sources.split(cell)})
    return found


def papers(year: int, cohort: str) -> int | None:
    """Papers the sample was drawn as (None where it was drawn researcher by researcher, or not published)."""
    row = _sample(year, cohort)
    import pandas as pd

    return int(row["papers"]) if row is not None and not pd.isna(row["papers"]) else None


@memo.by_content(key=lambda year, n_papers: (year, n_papers, data.table_digest("neurips/pairs")))
def _design_effect(year: int, n_papers: int) -> float:
    import numpy as np
    import pandas as pd

    from talentcheck.data.countries import DEFAULT_SCOPE, in_scope

    pairs = data.derived("neurips/pairs", lambda t: t[t["institution"] != "unresolved"])
    pairs = pairs[(pairs["year"] == year)]
    country = pairs["country"].map(lambda c: in_scope(c, DEFAULT_SCOPE)).to_numpy()
    gap = (country == "China").astype(float) - (country == "United States").astype(float)
    codes, _ = pd.factorize(pairs["paper"])
    per_paper_gap, per_paper_n = np.bincount(codes, weights=gap), np.bincount(codes)
    rng = np.random.default_rng([SEED, year])  # drawn with replacement: both fractions are about 7% of the list
    chosen = rng.integers(0, len(per_paper_n), size=(DRAWS, n_papers))
    clustered = per_paper_gap[chosen].sum(axis=1) / per_paper_n[chosen].sum(axis=1)
    m = max(1, round(per_paper_n.mean() * n_papers))  # as many authors as the papers hold, drawn one by one
    single = gap[rng.integers(0, len(gap), size=(DRAWS, m))].mean(axis=1)
    return float(max(1.0, clustered.var() / single.var()))


def design_effect(year: int, cohort: str) -> float:
    """How much more a share of a sample drawn as whole papers varies than one of as many authors drawn one by one
    (the ratio of the variances of the China-minus-US gap in seeded draws from the full list); 1 for a sample
    drawn researcher by researcher."""
    n_papers, n_authors = papers(year, cohort), size(year, cohort)
    if n_papers is None or n_authors is None:
        return 1.0
    return _design_effect(year, n_papers)


def sample_words(year: int, cohort: str = "top_tier") -> str:
    """The Tracker's sample of a cohort that year in words: "675 researchers", "186 papers with 867 authors"."""
    researchers, drawn = size(year, cohort), papers(year, cohort)
    return f"{drawn} papers with {researchers} authors" if drawn else f"{researchers} researchers"


def method_text() -> str:
    """The one sampling rule as the method states it (data/claim_texts.yaml `method.sampling_rule`), filled."""
    from talentcheck.claims import texts
    from talentcheck.claims.registry import settle_pct
    from talentcheck.claims.words import pct

    return texts.method("sampling_rule", {"sample_2019": sample_words(2019), "sample_2022": sample_words(2022),
                                          "draws": f"{SAMPLE_DRAWS:,}", "settle_pct": pct(settle_pct())})


def gap_interval(a_pct: float, b_pct: float, n_a: float, n_b: float | None = None,
                 deff_a: float = 1.0, deff_b: float = 1.0) -> tuple[float, float]:
    """95% interval (points) of a - b: two shares of one sample of n_a (n_b None), or of two independent samples;
    each variance multiplied by its sample's design effect."""
    a, b = a_pct / 100, b_pct / 100
    if n_b is None:  # one multinomial sample: Var(a - b) = (a + b - (a - b)^2) / n
        variance = deff_a * (a + b - (a - b) ** 2) / n_a
    else:
        variance = deff_a * a * (1 - a) / n_a + deff_b * b * (1 - b) / n_b
    half = Z95 * math.sqrt(variance) * 100
    return a_pct - b_pct - half, a_pct - b_pct + half
