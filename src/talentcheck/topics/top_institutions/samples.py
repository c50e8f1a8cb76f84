"""What samples of the Tracker's size give: the Tracker coded a random sample of each year's accepted
papers (data/tracker/samples.csv: researchers in 2019, papers in 2022), while the
re-derivation counts every author of every accepted paper. Drawing many samples of the Tracker's size
from the full lists (data/neurips/pairs.csv) gives the range the Tracker's own figure could fall in by
chance alone. The draws are seeded, so the same inputs give the same range.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from talentcheck import data
from talentcheck.neurips.resolver.resolve import in_scope
from talentcheck.neurips.resolver.reviews import from_table

DRAWS = 1000
SEED = 2019
LEVEL = 95  # % of draws inside the stated range


def _pairs(year: int, china_scope: str) -> pd.DataFrame:
    table = from_table("neurips/pairs", lambda t: t[t["institution"] != "unresolved"])
    table = table[table["year"] == year].copy()
    table["country"] = table["country"].map(lambda c: in_scope(c, china_scope))
    return table.reset_index(drop=True)


def sample_size(year: int) -> tuple[str, int]:
    """(unit, size) of the Tracker's top-tier sample that year: its papers where the Tracker published
    them, else its researchers."""
    row = data.load("tracker/samples").set_index(["year", "cohort"]).loc[(year, "top_tier")]
    return ("papers", int(row["papers"])) if pd.notna(row["papers"]) else ("researchers", int(row["researchers"]))


def draws(year: int, china_scope: str, counting: str, merge_google_deepmind: bool = False,
          n: int = DRAWS, seed: int = SEED) -> tuple[pd.DataFrame, np.ndarray]:
    """Institutions (institution, country) and an (n, institutions) array of their counts by `counting`
    in `n` random samples of the Tracker's size (researchers or papers, without replacement) from the
    year's full list of author-paper pairs."""
    table = _pairs(year, china_scope)
    if merge_google_deepmind:
        deepmind = table["institution"] == "DeepMind"
        table = table.assign(institution=table["institution"].where(~deepmind, "Google"),
                             country=table["country"].where(~deepmind, "United States"))
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
    return institutions, counts


def ranks(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def describe(year: int, values, what: str, unit_of_value: str = "") -> str:
    """One sentence: the range that Tracker-sized samples give for `what`."""
    unit, size = sample_size(year)
    low, high = interval(values)
    fmt = (lambda v: f"{v:.0f}") if all(float(v).is_integer() for v in values) else (lambda v: f"{v:.1f}")
    return (f"Samples of the Tracker's size ({size} {unit} drawn at random from the {year} list, {len(values)} draws) "
            f"give {what} of {fmt(low)} to {fmt(high)}{unit_of_value} in {LEVEL}% of draws.")
