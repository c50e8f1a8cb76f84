"""What samples of the Tracker's size give: the Tracker coded a random sample of each year's accepted
papers (data/tracker/samples.csv: researchers in 2019, papers in 2022), while the
re-derivation counts every author of every accepted paper. Drawing many samples of the Tracker's size
from the full lists (data/neurips/pairs.csv) gives the range the Tracker's own figure could fall in by
chance alone. The draws are seeded, so the same inputs give the same range.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from talentcheck import claims, data, memo
from talentcheck.data.countries import in_scope
from talentcheck.errors import ParameterError
from talentcheck.topics.top_institutions.ranking import (BEHIND_THE_PAIR, PAIR, PICTURE, TIE_RULES, institution_ranking,
                                                         merge_deepmind_into_google)

DRAWS = 1000
FOUR_COMPANIES = ("Google", "Microsoft", "Meta (Facebook)", "IBM")
"""The four US companies the article names in the 2019 top 25."""
SEED = 2019
LEVEL = 95  # % of draws inside the stated range


def _pairs(year: int, china_scope: str) -> pd.DataFrame:
    table = data.derived("neurips/pairs", lambda t: t[t["institution"] != "unresolved"])
    table = table[table["year"] == year].copy()
    table["country"] = table["country"].map(lambda c: in_scope(c, china_scope))
    return table.reset_index(drop=True)


def sample_size(year: int) -> tuple[str, int]:
    """(unit, size) of the Tracker's top-tier sample that year: its papers where the Tracker published
    them, else its researchers."""
    row = data.load("tracker/samples").set_index(["year", "cohort"]).loc[(year, "top_tier")]
    return ("papers", int(row["papers"])) if pd.notna(row["papers"]) else ("researchers", int(row["researchers"]))


@memo.by_content(key=lambda *args, **kwargs: (args, tuple(sorted(kwargs.items())), data.table_digest("neurips/pairs"),
                                               data.table_digest("tracker/samples")))
def draws(year: int, china_scope: str, counting: str, merge_google_deepmind: bool = False,
          n: int = DRAWS, seed: int = SEED) -> tuple[pd.DataFrame, np.ndarray]:
    """Institutions (institution, country) and an (n, institutions) array of their counts by `counting`
    in `n` random samples of the Tracker's size (researchers or papers, without replacement) from the
    year's full list of author-paper pairs; remembered by these and the tables' bytes (a report and the tests
    draw the same samples many times), read-only."""
    table = _pairs(year, china_scope)
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
    rng = np.random.default_rng([seed, year])
    counts = np.zeros((n, len(institutions)))
    for k in range(n):
        chosen = np.zeros(len(ids), dtype=bool)
        chosen[rng.choice(len(ids), size=min(size, len(ids)), replace=False)] = True
        rows = order[chosen[unit_of]]  # the chosen units' rows, unit by unit (the order sums the weights in)
        if counting == "authors":  # each author once per institution
            pairs = np.unique(author[rows].astype(np.int64) * len(institutions) + codes[rows])
            counts[k] = np.bincount(pairs % len(institutions), minlength=len(institutions))
        elif counting == "author_papers":
            counts[k] = np.bincount(codes[rows], minlength=len(institutions))
        else:
            counts[k] = np.bincount(codes[rows], weights=weight[rows], minlength=len(institutions))
    counts.setflags(write=False)
    return institutions, counts


def draw_ranks(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rank, rank_last) of each institution in each draw: ties share the better rank, or the worse;
    an institution absent from a draw ranks after every present one."""
    ordered = -np.sort(-counts, axis=1)
    rank = np.empty_like(counts)
    last = np.empty_like(counts)
    for k in range(len(counts)):
        descending = -ordered[k]
        rank[k] = np.searchsorted(descending, -counts[k], side="left") + 1
        last[k] = np.searchsorted(descending, -counts[k], side="right")
    absent = counts == 0
    rank[absent], last[absent] = counts.shape[1] + 1, counts.shape[1] + 1
    return rank, last


def interval(values) -> tuple[float, float]:
    """The central LEVEL% range of the draws."""
    tail = (100 - LEVEL) / 2
    low, high = np.percentile(np.asarray(values, dtype=float), [tail, 100 - tail])
    return float(low), float(high)


def range_sentence(year: int, values, what: str, unit_of_value: str = "") -> str:
    """One sentence: the range that Tracker-sized samples give for `what`."""
    unit, size = sample_size(year)
    low, high = interval(values)
    fmt = (lambda v: f"{v:.0f}") if all(float(v).is_integer() for v in values) else (lambda v: f"{v:.1f}")
    return (f"Samples of the Tracker's size ({size} {unit} drawn at random from the {year} list, {len(values)} draws) "
            f"give {what} of {fmt(low)} to {fmt(high)}{unit_of_value} in {LEVEL}% of draws.")


def sampled(year: int, top_n: int, counting: str, merge_google_deepmind: bool, ties: str, china_scope: str) -> pd.DataFrame:
    """One row per Tracker-sized sample of the year's list (`draws`): its top `top_n`'s
    US institutions (and of them universities and companies) and Chinese institutions, whether Tsinghua,
    Peking, IBM and the 2022 entrants are in it (each, and all of them), and whether it gives the article's 2022 picture of
    Tsinghua and Peking (`PICTURE`)."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    institutions, counts = draws(year, china_scope, counting, merge_google_deepmind)
    rank, last = draw_ranks(counts)
    inside = (rank if ties == "include" else last) <= top_n
    names = institutions["institution"].to_numpy()
    country = institutions["country"].to_numpy()
    full = institution_ranking(year, "all_accepted", counting, merge_google_deepmind, china_scope)
    sector = institutions["institution"].map(dict(zip(full["institution"][::-1], full["sector"][::-1]))).to_numpy()
    us = inside & (country == "United States")

    def column(name):
        where = np.flatnonzero(names == name)
        return where[0] if len(where) else None

    def rank_in(name):  # absent from the year's list: after every institution
        i = column(name)
        return rank[:, i] if i is not None else np.full(len(counts), len(names) + 1)

    def in_top(name, cut=None):
        i = column(name)
        if i is None:
            return np.zeros(len(counts), dtype=bool)
        return rank[:, i] <= cut if cut else inside[:, i]

    entrants = claims.claim("top25-2022-new-chinese-entrants")["entrants"]
    pair = [rank_in(name) for name in PAIR]
    worst = np.maximum(*pair)
    rivals = (sector == "university") & ~np.isin(names, [*PAIR, "Stanford University"])
    no_rival = ~(rivals[None, :] & (rank < worst[:, None])).any(axis=1)
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
