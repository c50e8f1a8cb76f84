"""Institutions ranked from the NeurIPS aggregates (data/neurips/institutions.csv), the cut at the top N
with its ties, and the same for samples of the Tracker's size (talentcheck.topics.top_institutions.samples)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from talentcheck import data
from talentcheck.topics.top_institutions import samples as sampling
from talentcheck.claims.registry import claim
from talentcheck.errors import ParameterError
from talentcheck.neurips.resolver.resolve import in_scope
from talentcheck.topics.work_rederived import DEFAULT_SCOPE

COUNTINGS = ("authors", "author_papers", "fractional_papers")
NOT_INSTITUTIONS = {"(smaller institutions)", "unresolved"}
TIE_RULES = ("include", "exclude")  # institutions tied across the cut: all in (the list may run longer), or all out
YEARS = (2019, 2022)  # the two editions of the Tracker's ranking
PAIR = ("Tsinghua University", "Peking University")
BEHIND_THE_PAIR = ("Carnegie Mellon University", "Massachusetts Institute of Technology")
PICTURE = "the article's picture"  # both of PAIR in the top 5, no university but Stanford ahead of either, both ahead of BEHIND_THE_PAIR


def institution_ranking(year: int, tier: str = "all_accepted", counting: str = "authors",
            merge_google_deepmind: bool = False, china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """Institutions ranked by `counting`, with country and sector; `rank` is the best rank an institution
    shares with those tied with it, `rank_last` the worst.

    Merging Google and DeepMind adds DeepMind's counts to Google's (distinct authors are then an upper
    bound: someone listed under both counts twice). `china_scope` says whether Hong Kong, Macau and
    Taiwan count under China.
    """
    if counting not in COUNTINGS:
        raise ParameterError(f"counting={counting!r} must be one of {COUNTINGS}")
    table = data.load("neurips/institutions")
    table = table[(table["year"] == year) & (table["tier"] == tier) & ~table["institution"].isin(NOT_INSTITUTIONS)]
    if table.empty:
        raise ParameterError(f"no NeurIPS aggregates for year={year}, tier={tier!r}")
    table = table.assign(country=table["country"].map(lambda c: in_scope(c, china_scope)))
    if merge_google_deepmind:
        table = table.assign(
            country=table["country"].where(table["institution"] != "DeepMind", "United States"),
            institution=table["institution"].replace({"DeepMind": "Google"}))
    grouped = table.groupby(["institution", "country", "sector"], as_index=False)[list(COUNTINGS)].sum()
    grouped = grouped.sort_values([counting, "institution"], ascending=[False, True]).reset_index(drop=True)
    grouped.insert(0, "rank", grouped[counting].rank(method="min", ascending=False).astype(int))
    grouped.insert(1, "rank_last", grouped[counting].rank(method="max", ascending=False).astype(int))
    return grouped[["rank", "rank_last", "institution", "country", "sector", counting]].rename(columns={counting: "value"})


def top(ranked: pd.DataFrame, top_n: int, ties: str = "include") -> pd.DataFrame:
    """The top `top_n`; institutions tied across the cut all in ("include") or all out ("exclude")."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    return ranked[(ranked["rank"] if ties == "include" else ranked["rank_last"]) <= top_n]


def tie_note(ranked: pd.DataFrame, top_n: int, country: str | None = None) -> str:
    """A sentence on institutions tied across the cut, and what they do to `country`'s count; "" if none
    is tied, or none of `country`'s (its count is then the same under every tie rule)."""
    tied = ranked[(ranked["rank"] <= top_n) & (ranked["rank_last"] > top_n)]
    if tied.empty or (country and not (tied["country"] == country).any()):
        return ""
    inside = top(ranked, top_n, "exclude")
    text = (f"{len(tied)} institutions tie at rank {int(tied['rank'].iloc[0])} across the cut at {top_n} "
            f"({', '.join(tied['institution'])}), so the top {top_n} holds {len(inside) + len(tied)} with the ties "
            f"and {len(inside)} without")
    if country:
        base, extra = int((inside["country"] == country).sum()), int((tied["country"] == country).sum())
        free = top_n - len(inside)  # seats left for the tied institutions when the list has exactly top_n
        low, high = base + max(0, free - (len(tied) - extra)), base + min(extra, free)
        text += (f"; {country} institutions: {base + extra} with the ties, {base} without, "
                 f"{low if low == high else f'{low} to {high}'} with exactly {top_n}")
    return text


def rank_of(ranked: pd.DataFrame, institution: str):
    rows = ranked[ranked["institution"] == institution]
    return int(rows["rank"].iloc[0]) if len(rows) else None


def sampled(year: int, top_n: int, counting: str, merge_google_deepmind: bool, ties: str, china_scope: str) -> pd.DataFrame:
    """One row per Tracker-sized sample of the year's list (talentcheck.topics.top_institutions.samples): its top `top_n`'s
    US institutions (and of them universities and companies) and Chinese institutions, whether Tsinghua,
    Peking, IBM and the 2022 entrants are in it (each, and all of them), and whether it gives the article's 2022 picture of
    Tsinghua and Peking (`PICTURE`)."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    institutions, counts = sampling.draws(year, china_scope, counting, merge_google_deepmind)
    rank, last = sampling.ranks(counts)
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

    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    pair = [rank_in(name) for name in PAIR]
    worst = np.maximum(*pair)
    rivals = (sector == "university") & ~np.isin(names, [*PAIR, "Stanford University"])
    picture = ((pair[0] <= 5) & (pair[1] <= 5) & ~(rivals[None, :] & (rank < worst[:, None])).any(axis=1)
               & np.all([p < rank_in(other) for p in pair for other in BEHIND_THE_PAIR], axis=0))
    return pd.DataFrame({
        "US institutions": us.sum(axis=1),
        "US universities": (us & (sector == "university")).sum(axis=1),
        "US companies": (us & (sector == "company")).sum(axis=1),
        "Chinese institutions": (inside & (country == "China")).sum(axis=1),
        "IBM in": in_top("IBM"),
        "Tsinghua top 5": in_top(PAIR[0], 5),
        "Peking top 5": in_top(PAIR[1], 5),
        PICTURE: picture,
        **{f"{name} in": in_top(name) for name in entrants},
        "entrants in": np.all([in_top(name) for name in entrants], axis=0)})


def top_institutions(top_n: int, counting: str = "authors", merge_google_deepmind: bool = False,
                     tier: str = "all_accepted", ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """Tidy: one row per year and institution in that year's top `top_n` (year, rank, institution,
    country, sector, value)."""
    return pd.concat([top(institution_ranking(year, tier, counting, merge_google_deepmind, china_scope), top_n, ties)
                      .assign(year=year)[["year", "rank", "institution", "country", "sector", "value"]]
                      for year in YEARS], ignore_index=True)


def side_by_side(tops: pd.DataFrame) -> pd.DataFrame:
    """The years' top lists side by side, one column group per year."""
    return pd.concat({year: rows.drop(columns="year").reset_index(drop=True) for year, rows in tops.groupby("year")}, axis=1)
