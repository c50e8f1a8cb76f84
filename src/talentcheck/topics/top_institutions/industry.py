"""Industry's part in AI research: sector shares of NeurIPS affiliations (data/neurips/countries.csv)
and the published indicators of data/industry/indicators.csv, for `industry-driven-research` (notebook 04)."""
from __future__ import annotations

import pandas as pd

from talentcheck import data, memo
from talentcheck.claims.words import spaced

SECTORS = ("company", "university", "government", "nonprofit", "other")
TIERS = ("all_accepted", "oral")


def sector_share(year: int, tier: str, counting: str, sector: str) -> float:
    """Share (%) of a year's resolved affiliations that belong to `sector`."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["sector"] != "unresolved")]
    return float(100 * rows.loc[rows["sector"] == sector, counting].sum() / rows[counting].sum())


def sector_table(counting: str) -> pd.DataFrame:
    """Each sector's share (%) of resolved affiliations per year and tier."""
    return pd.DataFrame([{"year": y, "tier": t, **{s: round(sector_share(y, t, counting, s), 1) for s in SECTORS}}
                         for y in data.YEARS for t in TIERS])


@memo.by_content(key=lambda tier, counting: (tier, counting, data.table_digest("neurips/countries"),
                                              data.table_digest("industry/indicators")), copy_answers=True)
def industry_indicators(tier: str, counting: str) -> list[dict]:
    """Each indicator of industry's part in AI research, whether it shows industry's share rising, and a
    sentence saying what it shows: companies' share of NeurIPS affiliations (2019, 2022) and the published
    indicators of data/industry/indicators.csv (a share series rises if its last year is above its first;
    an indicator that only names a leader shows no trend). Each has a `trend`: rising, falling or none."""
    before, after = (round(sector_share(y, tier, counting, "company"), 1) for y in data.YEARS)
    out = [{"name": "NeurIPS", "rising": after > before, "trend": trend(before, after),
            "text": f"companies' share of NeurIPS affiliations ({spaced(tier)}, {spaced(counting)}) "
                    f"{'rose' if after > before else 'fell' if after < before else 'held'} from {before:g}% (2019) to {after:g}% (2022)"}]
    table = data.load("industry/indicators").sort_values(["indicator", "year"])
    for indicator, rows in table.groupby("indicator", sort=False):
        source = rows["source_name"].iloc[-1]
        shares = rows.dropna(subset=["industry_share_pct"])
        if len(shares) >= 2:
            first, last = shares.iloc[0], shares.iloc[-1]
            direction = trend(first["industry_share_pct"], last["industry_share_pct"])
            moved = {"rising": "rose", "falling": "fell", "none": "held"}[direction]
            text = (f"industry's share of {spaced(indicator)} ({source}) {moved} from "
                    f"{share_words(first)} ({first['year']}) to {share_words(last)} ({last['year']})")
        else:
            direction = "none"
            text = f"{spaced(indicator).replace('top100', 'top-100')} ({source}, {rows['year'].iloc[-1]}): {rows['leader'].iloc[-1]} leads, no trend published"
        out.append({"name": indicator, "rising": direction == "rising", "trend": direction, "text": text})
    return out


def share_words(row) -> str:
    """A published share with the source's own qualifier ("nearly 90%")."""
    qualifier = row.get("share_qualifier")
    return f"{qualifier + ' ' if isinstance(qualifier, str) and qualifier else ''}{row['industry_share_pct']:g}%"


def trend(first: float, last: float) -> str:
    return "rising" if last > first else "falling" if last < first else "none"


def indicator_table(tier: str, counting: str) -> pd.DataFrame:
    """The indicators as a table: name, whether it shows industry's share rising, what it shows."""
    return pd.DataFrame([{"indicator": i["name"], "shows industry's share rising": i["rising"], "what it shows": i["text"]}
                         for i in industry_indicators(tier, counting)])
