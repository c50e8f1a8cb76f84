"""NeurIPS 2021-2025, from a third party's tables (prakashkagitha/neurips-us-vs-china, `SOURCE_URLS["trends"]`
in inputs.py): the step of `talentcheck neurips build` that aggregates them into data/neurips/trends_*.csv.
The notebook's side of these tables is talentcheck.topics.since_2022.

Their counting rules differ from ours: a paper counts once in every region (or affiliation string) any
of its authors is listed under, so regions' "shares" are shares of paper-region pairs, and an
institution listed under two spellings counts in both before we merge the spellings.
"""
from __future__ import annotations

import csv
import functools
from collections import Counter
from pathlib import Path

import pandas as pd

from talentcheck.data.countries import DEFAULT_SCOPE, in_scope

TOP = 150  # affiliations kept per year, by papers


def _read(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


BAND_REGIONS = ("United States", "China")


def _our_region(country: str) -> str:
    country = in_scope(country, DEFAULT_SCOPE)
    return country if country in BAND_REGIONS else "elsewhere"


def build(paths: dict[str, Path], resolver=None) -> dict[str, pd.DataFrame]:
    """The trend tables from the raw files (already checked against their sha256): the source's regions
    and collaboration as published; its affiliation strings re-resolved with the project's resolver into
    institutions; and, per year and region, how many of its papers the re-resolution places elsewhere."""
    from talentcheck.neurips.resolver.matcher import clean_affiliation  # here: notebook 09 reads TOP, not the resolver

    regions = _read(paths["trends_regions"]).astype({"year": int, "paper_count": int, "share": float})
    regions = regions.assign(share_pct=(100 * regions["share"]).round(2)).drop(columns="share")
    collaboration = _read(paths["trends_collaboration"]).astype({"year": int, "paper_count": int, "share": float})
    collaboration = collaboration.assign(share_pct=(100 * collaboration["share"]).round(2)).drop(columns="share")
    affiliations = _read(paths["trends_affiliations"]).astype({"year": int, "paper_count": int})
    raws: dict[str, set[str]] = {}  # the source counts its canonical names; the raw strings behind each
    for row in _read(paths["map_alias"]).itertuples(index=False):
        raws.setdefault(row.canonical_affiliation, set()).add(row.raw_affiliation)

    def resolve(name: str) -> list:
        return list(dict.fromkeys(r for part in clean_affiliation(name) for r in resolver(part))) if resolver else []

    @functools.cache
    def common(canonical: str) -> list:
        """The institution more than half of the resolvable raw strings behind a canonical name name,
        unless the canonical name itself reads as another; [] then, or if none does (the source merged
        different institutions under one name: its count cannot be split, so it goes to the band)."""
        readings = [set(found) for found in (resolve(raw) for raw in sorted(raws.get(canonical, {canonical}))) if found]
        votes = Counter(r for reading in readings for r in reading)
        major = [r for r, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0].institution)) if 2 * n > len(readings)][:1]
        own = resolve(canonical)
        return [] if own and major and major[0] not in own else major

    rows = []
    for row in affiliations.itertuples(index=False):
        found = common(row.affiliation)
        theirs = row.region if row.region in BAND_REGIONS else "unknown" if row.region == "Other/Unknown" else "elsewhere"
        if not found:
            rows.append((row.year, row.affiliation, row.paper_count, theirs, None, None, None, "unresolved"))
        for r in found:  # a string naming two institutions counts for both, as the source counts strings
            rows.append((row.year, row.affiliation, row.paper_count, theirs, r.institution, r.country, r.sector, _our_region(r.country)))
    table = pd.DataFrame(rows, columns=["year", "affiliation", "paper_count", "theirs", "institution", "country", "sector", "ours"])
    resolved = table[table["institution"].notna()]
    merged = (resolved.groupby(["year", "institution"], as_index=False)
              .agg(paper_count=("paper_count", "sum"), country=("country", "first"), sector=("sector", "first"),
                   spellings=("affiliation", "nunique")))
    merged["rank"] = merged.groupby("year")["paper_count"].rank(method="min", ascending=False).astype(int)
    merged = merged[merged["rank"] <= TOP].sort_values(["year", "rank", "institution"])
    return {
        "trends_regions": regions[["year", "region", "paper_count", "share_pct"]],
        "trends_collaboration": collaboration[["year", "category", "paper_count", "share_pct"]],
        "trends_institutions": merged[["year", "rank", "institution", "country", "sector", "paper_count", "spellings"]],
        "trends_bands": bands(table, regions),
    }


def bands(table: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Per year and region (US, China), the source's paper count and the affiliation-string papers that
    the re-resolution moves: out of the region, into it, and those it cannot resolve (in the region by the
    source, or nowhere by either). String counts are converted to papers at the region's own ratio of
    papers to affiliation-string papers, so the band is an estimate, stated as such."""
    table = table.drop_duplicates(["year", "affiliation", "ours"])  # one string placed once per region
    out = []
    for (year, region), group in regions[regions["region"].isin(BAND_REGIONS)].groupby(["year", "region"]):
        rows = table[table["year"] == year]
        theirs = rows.drop_duplicates("affiliation")
        strings = int(theirs.loc[theirs["theirs"] == region, "paper_count"].sum())
        per_affiliation = rows.groupby("affiliation")["ours"].agg(set)
        counts = theirs.set_index("affiliation")["paper_count"]
        labels = theirs.set_index("affiliation")["theirs"]
        moved_out = sum(int(counts[a]) for a, ours in per_affiliation.items() if labels[a] == region and region not in ours and ours != {"unresolved"})
        moved_in = sum(int(counts[a]) for a, ours in per_affiliation.items() if labels[a] != region and region in ours)
        doubtful = sum(int(counts[a]) for a, ours in per_affiliation.items() if labels[a] == region and ours == {"unresolved"})
        unknown = sum(int(counts[a]) for a, ours in per_affiliation.items() if labels[a] == "unknown" and ours == {"unresolved"})
        out.append({"year": year, "region": region, "paper_count": int(group["paper_count"].iloc[0]), "affiliation_papers": strings,
                    "moved_out": moved_out, "moved_in": moved_in, "unresolved_theirs": doubtful, "unresolved_neither": unknown})
    return pd.DataFrame(out)
