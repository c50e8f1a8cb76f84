"""What samples of the Tracker's size give: the Tracker coded a random sample of each year's accepted
papers (data/tracker/samples.csv: researchers in 2019, papers in 2022), while the
re-derivation counts every author of every accepted paper. Drawing many samples of the Tracker's size
from the full lists (data/neurips/pairs.csv) gives the range the Tracker's own figure could fall in by
chance alone. The draws are seeded, so the same inputs give the same range.

Under the oral-papers reading the draws come from the oral papers alone; where they hold fewer researchers (or papers)
than the Tracker sampled, no sample of its size can be drawn (`population` says how many there are), so there are
no draws and no sampling claim: the count of all of them decides.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from talentcheck import claims, data, memo
from talentcheck.claims import sampling_error
from talentcheck.data.countries import in_scope
from talentcheck.errors import ParameterError
from talentcheck.topics.top_institutions.ranking import (BEHIND_THE_PAIR, COUNTINGS, PAIR, PICTURE, TIE_RULES,
                                                         institution_ranking, merge_deepmind_into_google)

DRAWS = sampling_error.SAMPLE_DRAWS
FOUR_COMPANIES = ("Google", "Microsoft", "Meta (Facebook)", "IBM")
"""The four US companies the article names in the 2019 top 25."""
SEED = 2019
LEVEL = 95  # % of draws inside the stated range


TIERS = ("all_accepted", "oral")


def _pairs(year: int, tier: str = "all_accepted") -> pd.DataFrame:
    if tier not in TIERS:
        raise ParameterError(f"tier={tier!r} must be one of {TIERS}")
    table = data.derived("neurips/pairs", lambda t: t[t["institution"] != "unresolved"])
    oral = table["oral"].astype(str).str.lower() == "true"  # the table holds the words True and False
    return table[(table["year"] == year) & (oral if tier == "oral" else True)].reset_index(drop=True)


@memo.by_content(key=lambda year: (year, data.table_digest("tracker/samples")))
def sample_size(year: int) -> tuple[str, int]:
    """(unit, size) of the Tracker's top-tier sample that year: its papers where the Tracker published
    them, else its researchers."""
    row = data.load("tracker/samples").set_index(["year", "cohort"]).loc[(year, "top_tier")]
    return ("papers", int(row["papers"])) if pd.notna(row["papers"]) else ("researchers", int(row["researchers"]))


@memo.by_content(key=lambda year, tier: (year, tier, data.table_digest("tracker/samples"), data.table_digest("neurips/pairs")))
def population(year: int, tier: str) -> int:
    """How many of the units the Tracker sampled that year (`sample_size`) the tier's papers hold: the draws' population."""
    unit, _ = sample_size(year)
    return int(_pairs(year, tier)["author" if unit == "researchers" else "paper"].nunique())


def drawable(year: int, tier: str) -> bool:
    """Whether a sample of the Tracker's size can be drawn from the tier's papers of `year` (fewer units than there are)."""
    return sample_size(year)[1] < population(year, tier)


def draws(year: int, china_scope: str, counting: str, merge_google_deepmind: bool = False,
          n: int = DRAWS, seed: int = SEED, tier: str = "all_accepted") -> tuple[pd.DataFrame, np.ndarray]:
    """Institutions (institution, country) and an (n, institutions) array of their counts by `counting`
    in `n` random samples of the Tracker's size (researchers or papers, without replacement) from the
    year's full list of author-paper pairs (of the `tier`'s papers); read-only (see `_all_countings`). No institution is
    listed under two countries, so what counts as China only relabels the countries."""
    if not drawable(year, tier):
        raise ParameterError(f"tier={tier!r}: {year}'s papers hold {population(year, tier)} {sample_size(year)[0]}, "
                             f"too few for a sample of the Tracker's {sample_size(year)[1]}")
    institutions, counts = _all_countings(year, merge_google_deepmind, n, seed, tier)
    return institutions.assign(country=institutions["country"].map(lambda c: in_scope(c, china_scope))), counts[counting]


@memo.by_content(key=lambda *args: (args, data.table_digest("neurips/pairs"), data.table_digest("tracker/samples")))
def _all_countings(year: int, merge_google_deepmind: bool, n: int, seed: int, tier: str = "all_accepted"):
    """The draws of `draws`, counted every way at once (the same samples whatever is counted: the draws are seeded
    by the year alone); remembered by these and the tables' bytes (a report re-judges every claim under each
    reading, and the tests draw the same samples many times)."""
    table = _pairs(year, tier)
    if merge_google_deepmind:
        table = merge_deepmind_into_google(table)
    keys = table["institution"] + "\x1f" + table["country"]
    codes, names = pd.factorize(keys, sort=True)
    institutions = pd.DataFrame([n.split("\x1f") for n in names], columns=["institution", "country"])
    unit, size = sample_size(year)
    units = table["author" if unit == "researchers" else "paper"].to_numpy()
    ids = np.unique(units)
    order = np.argsort(units, kind="stable")  # the rows, unit by unit
    unit_of = np.searchsorted(ids, units[order])  # which unit each of those rows is
    author, weight = table["author"].to_numpy(), table["fractional"].to_numpy()
    width = len(institutions)
    rng = np.random.default_rng([seed, year])
    counts = {how: np.zeros((n, width)) for how in COUNTINGS}
    for k in range(n):
        chosen = np.zeros(len(ids), dtype=bool)
        chosen[rng.choice(len(ids), size=min(size, len(ids)), replace=False)] = True
        rows = order[chosen[unit_of]]  # the chosen units' rows, unit by unit (the order sums the weights in)
        pairs = np.unique(author[rows].astype(np.int64) * width + codes[rows])  # each author once per institution
        counts["authors"][k] = np.bincount(pairs % width, minlength=width)
        counts["author_papers"][k] = np.bincount(codes[rows], minlength=width)
        counts["fractional_papers"][k] = np.bincount(codes[rows], weights=weight[rows], minlength=width)
    for array in counts.values():
        array.setflags(write=False)
    return institutions, counts


def _inside(counts: np.ndarray, top_n: int, ties: str) -> np.ndarray:
    """Which institutions each draw puts in its top `top_n`: with the institutions tied across the cut all in (an
    institution's best shared rank within the cut: its count at least the `top_n`-th largest) or all out (its worst
    shared rank within it: its count above the next one's). An institution absent from a draw is never in."""
    m = counts.shape[1]
    present = counts > 0
    if top_n >= m:
        return present
    largest = -np.partition(-counts, [top_n - 1, top_n], axis=1)
    if ties == "include":
        return present & (counts >= largest[:, top_n - 1][:, None])
    return present & (counts > largest[:, top_n][:, None])


def interval(values) -> tuple[float, float]:
    """The central LEVEL% range of the draws."""
    tail = (100 - LEVEL) / 2
    low, high = np.percentile(np.asarray(values, dtype=float), [tail, 100 - tail])
    return float(low), float(high)


@memo.by_arguments(lambda: data.fingerprint())
def sampled(year: int, top_n: int, counting: str, merge_google_deepmind: bool, ties: str, china_scope: str,
            tier: str = "all_accepted") -> pd.DataFrame | None:
    """One row per Tracker-sized sample of the year's list of the `tier`'s papers (`draws`): its top `top_n`'s
    US institutions (and of them universities and companies) and Chinese institutions, whether Tsinghua,
    Peking, IBM and the 2022 entrants are in it (each, and all of them), and whether it gives the article's 2022 picture of
    Tsinghua and Peking (`PICTURE`). None where no sample of the Tracker's size can be drawn from them (`drawable`)."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    if not drawable(year, tier):
        return None
    institutions, counts = draws(year, china_scope, counting, merge_google_deepmind, tier=tier)
    inside = _inside(counts, top_n, ties)
    names = institutions["institution"].to_numpy()
    country = institutions["country"].to_numpy()
    full = institution_ranking(year, tier, counting, merge_google_deepmind, china_scope)
    sector = institutions["institution"].map(dict(zip(full["institution"][::-1], full["sector"][::-1]))).to_numpy()
    us = inside & (country == "United States")

    def column(name):
        where = np.flatnonzero(names == name)
        return where[0] if len(where) else None

    def rank_in(name):  # the best rank it shares; absent from the list or the draw: after every institution
        i = column(name)
        if i is None:
            return np.full(len(counts), len(names) + 1)
        own = counts[:, i]
        return np.where(own > 0, 1 + (counts > own[:, None]).sum(axis=1), len(names) + 1)

    def in_top(name, cut=None):
        i = column(name)
        if i is None:
            return np.zeros(len(counts), dtype=bool)
        return rank_in(name) <= cut if cut else inside[:, i]

    entrants = claims.claim("top25-2022-new-chinese-entrants")["entrants"]
    pair = [rank_in(name) for name in PAIR]
    worst = np.maximum(*pair)
    rivals = (sector == "university") & ~np.isin(names, [*PAIR, "Stanford University"])
    weakest = np.where(pair[0] >= pair[1], counts[:, column(PAIR[0])] if column(PAIR[0]) is not None else 0,
                       counts[:, column(PAIR[1])] if column(PAIR[1]) is not None else 0)
    no_rival = ~(rivals[None, :] & (counts > weakest[:, None])).any(axis=1)  # ranked ahead of the lower of the pair
    ahead = np.all([p < rank_in(other) for p in pair for other in BEHIND_THE_PAIR], axis=0)
    chinese_universities = inside & (country == "China") & (sector == "university")
    is_pair = np.isin(names, PAIR)
    return pd.DataFrame({
        "US institutions": us.sum(axis=1),
        "US universities": (us & (sector == "university")).sum(axis=1),
        "US companies": (us & (sector == "company")).sum(axis=1),
        "four companies in": np.all([in_top(name) for name in FOUR_COMPANIES], axis=0),
        "Chinese institutions": (inside & (country == "China")).sum(axis=1),
        "only the pair": ~(chinese_universities & ~is_pair[None, :]).any(axis=1)
                         & ((chinese_universities & is_pair[None, :]).sum(axis=1) == len(PAIR)),
        "Chinese company in": (inside & (country == "China") & (sector == "company")).any(axis=1),
        "Tsinghua rank": pair[0], "Peking rank": pair[1],
        "IBM in": in_top("IBM"),
        "Tsinghua top 5": in_top(PAIR[0], 5),
        "Peking top 5": in_top(PAIR[1], 5),
        "no university but Stanford ahead": no_rival, "both ahead": ahead,
        PICTURE: (pair[0] <= 5) & (pair[1] <= 5) & no_rival & ahead,
        **{f"{name} in": in_top(name) for name in entrants},
        "entrants in": np.all([in_top(name) for name in entrants], axis=0),
        "any entrant in": np.any([in_top(name) for name in entrants], axis=0)})
