"""Institutions ranked from the NeurIPS aggregates (data/neurips/institutions.csv): how an institution is counted,
the rule that merges DeepMind into Google, and the cut at the top N with its ties."""
from __future__ import annotations

import pandas as pd

from talentcheck import data, memo
from talentcheck.data.countries import DEFAULT_SCOPE, in_scope
from talentcheck.errors import ParameterError

COUNTINGS = ("authors", "author_papers", "fractional_papers")
NOT_INSTITUTIONS = {"(smaller institutions)", "unresolved"}
TIE_RULES = ("include", "exclude")  # institutions tied across the cut: all in (the list may run longer), or all out
PAIR = ("Tsinghua University", "Peking University")
"""The two Chinese universities the article names: in the 2019 top 25, and in the 2022 top five."""
BEHIND_THE_PAIR = ("Carnegie Mellon University", "Massachusetts Institute of Technology")
PICTURE = "the article's picture"  # both of PAIR in the top 5, no university but Stanford ahead of either, both ahead of BEHIND_THE_PAIR


def merge_deepmind_into_google(table: pd.DataFrame) -> pd.DataFrame:
    """DeepMind's rows counted as Google's, at Google's headquarters in the United States (Google DeepMind since
    2023). Distinct authors are then an upper bound: someone listed under both counts twice."""
    deepmind = table["institution"] == "DeepMind"
    return table.assign(institution=table["institution"].where(~deepmind, "Google"),
                        country=table["country"].where(~deepmind, "United States"))


@memo.by_content(key=lambda *args, **kwargs: (args, tuple(sorted(kwargs.items())), data.table_digest("neurips/institutions")),
                 copy_answers=True)
def institution_ranking(year: int, tier: str = "all_accepted", counting: str = "authors",
                        merge_google_deepmind: bool = False, china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """Institutions ranked by `counting`, with country and sector; `rank` is the best rank an institution
    shares with those tied with it, `rank_last` the worst. `china_scope` says whether Hong Kong, Macau and
    Taiwan count under China. Remembered by its arguments and the table's bytes (a report re-judges every
    claim under each reading)."""
    if counting not in COUNTINGS:
        raise ParameterError(f"counting={counting!r} must be one of {COUNTINGS}")
    table = data.load("neurips/institutions")
    table = table[(table["year"] == year) & (table["tier"] == tier) & ~table["institution"].isin(NOT_INSTITUTIONS)]
    if table.empty:
        raise ParameterError(f"no NeurIPS aggregates for year={year}, tier={tier!r}")
    table = table.assign(country=table["country"].map(lambda c: in_scope(c, china_scope)))
    if merge_google_deepmind:
        table = merge_deepmind_into_google(table)
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


def top_institutions(top_n: int, counting: str = "authors", merge_google_deepmind: bool = False,
                     tier: str = "all_accepted", ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """Tidy: one row per year and institution in that year's top `top_n` (year, rank, institution,
    country, sector, value)."""
    return pd.concat([top(institution_ranking(year, tier, counting, merge_google_deepmind, china_scope), top_n, ties)
                      .assign(year=year)[["year", "rank", "institution", "country", "sector", "value"]]
                      for year in data.YEARS], ignore_index=True)


def side_by_side(tops: pd.DataFrame) -> pd.DataFrame:
    """The years' top lists side by side, one column group per year."""
    return pd.concat({year: rows.drop(columns="year").reset_index(drop=True) for year, rows in tops.groupby("year")}, axis=1)
