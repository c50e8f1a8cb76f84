"""The NeurIPS pipeline: accepted-paper lists with author affiliations -> small aggregate tables.

`talentcheck neurips build --raw DIR` reads the upstream files under DIR (each checked against the sha256
recorded in data/neurips/inputs.csv; `talentcheck neurips fetch` downloads them, and papers.py derives
the 2019 and 2022 lists from them) and the Paper Copilot maps in data/papercopilot/, and writes data/neurips/:

- institutions.csv: per year, tier, institution (with its country and sector) the distinct authors,
  author-paper pairs, papers and fractional papers (each paper 1, split equally among its authors and
  each author's share among their institutions). Institutions with fewer than MIN_PAIRS pairs in
  the all-accepted tier are summed into one "(smaller institutions)" row per country and sector.
- countries.csv: the same measures per year, tier, country and sector (nothing dropped).
- coverage.csv: per year and tier, papers, pairs, pairs with an affiliation, and the share of those
  whose country could not be resolved.
- pairs.csv: one row per author-paper pair and institution, authors as numbers (what the Tracker-sized samples of notebook 04 are drawn from).
- trends_*.csv: NeurIPS 2021-2025 from a third party's tables (talentcheck.neurips.trends).

The raw files are never copied into the repository: only these aggregates and the inputs' checksums.
Steps, each a function that tests call on small inputs: read papers (papers.py), attach status, clean
affiliation strings and resolve each to a canonical institution, country and sector (matcher.py), aggregate.
"""
from __future__ import annotations

import difflib
import html
import json
import re
from collections import defaultdict
from pathlib import Path

import pandas as pd

from talentcheck import data
from talentcheck.data.countries import convert_countries
from talentcheck.data.files import written_whole
from talentcheck.neurips import inputs, papers, trends
from talentcheck.neurips.resolver.maps import load_resolver
from talentcheck.neurips.resolver.matcher import Resolver, clean_affiliation

MIN_PAIRS = 5
SMALLER = "(smaller institutions)"
UNRESOLVED = "unresolved"  # institution, country and sector of a pair whose affiliation matched no map
TIERS = ("all_accepted", "oral")
ORAL_STATUS = {2019: "Oral", 2022: "Highlighted"}  # Paper Copilot calls NeurIPS 2022's orals "Highlighted"

# ---------------------------------------------------------------- papers and status

def normal_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", html.unescape(title).lower())


def last_names(authors) -> set[str]:
    return {a.strip().split()[-1].lower() for a in authors if a.strip()}


def papers_to_pairs(listed: list[dict]) -> pd.DataFrame:
    """One row per author of each paper: paper, title, author, n_authors, raw affiliation."""
    rows = []
    for number, paper in enumerate(listed):
        authors = paper["authors"]
        for author in authors:
            rows.append((number, paper["title"], author["name"].strip(), len(authors), author.get("institution") or ""))
    return pd.DataFrame(rows, columns=["paper", "title", "author", "n_authors", "raw_affiliation"])


def match_status(titles: dict[int, tuple[str, set[str]]], records: list[dict]) -> dict[int, dict]:
    """{paper: status record}, by normalised title, else by author last names and a similar title.

    A fuzzy match needs a Jaccard overlap of last names of at least 0.6 and a title similarity of at
    least 0.5 (difflib): loose enough for titles reworded between submission and the final list, tight enough
    that no two papers of one list match each other.
    """
    by_title = {normal_title(r["title"]): r for r in records}
    by_name = defaultdict(list)
    for record in records:
        for name in last_names(_record_authors(record)):
            by_name[name].append(record)
    matched = {}
    for paper, (title, names) in titles.items():
        exact = by_title.get(normal_title(title))
        if exact is not None:
            matched[paper] = exact
            continue
        best, best_score = None, 0.0
        for record in {id(r): r for name in sorted(names) for r in by_name.get(name, [])}.values():
            theirs = last_names(_record_authors(record))
            jaccard = len(names & theirs) / len(names | theirs) if names | theirs else 0
            if jaccard < 0.6:
                continue
            similarity = difflib.SequenceMatcher(None, normal_title(title), normal_title(record["title"])).ratio()
            if similarity >= 0.5 and jaccard + similarity > best_score:
                best, best_score = record, jaccard + similarity
        if best is not None:
            matched[paper] = best
    return matched


def _record_authors(record: dict) -> list[str]:
    return (record.get("authors") or record.get("author") or "").split(",")


def attach_status(pairs: pd.DataFrame, records: list[dict], year: int) -> tuple[pd.DataFrame, int]:
    """Pairs of main-track accepted papers with an `oral` flag; and the number of papers left unmatched.

    2019's list is the official list of accepted papers, so an unmatched paper stays (as not oral).
    2022's crawl also holds other tracks, so only papers matched to an accepted main-track record stay.
    """
    papers = pairs.groupby("paper").agg(title=("title", "first"), authors=("author", list))
    titles = {p: (row.title, last_names(row.authors)) for p, row in papers.iterrows()}
    accepted = [r for r in records if r.get("track", "main") == "main" and r.get("status") != "Reject"]
    matched = match_status(titles, accepted)
    unmatched = len(papers) - len(matched)
    keep = set(papers.index) if year == 2019 else set(matched)
    oral = {p for p, r in matched.items() if r["status"] == ORAL_STATUS[year]}
    out = pairs[pairs["paper"].isin(keep)].copy()
    out["oral"] = out["paper"].isin(oral)
    return out, unmatched


# ---------------------------------------------------------------- aggregation

def resolve_pairs(pairs: pd.DataFrame, resolver: Resolver) -> pd.DataFrame:
    """One row per (author-paper pair, institution); a pair with no resolvable institution keeps one row
    with institution and country "unresolved" (or missing, when it had no affiliation at all)."""
    rows = []
    for pair in pairs.itertuples(index=False):
        names = clean_affiliation(pair.raw_affiliation)
        found = list(dict.fromkeys(r for n in names for r in resolver(n)))
        base = (pair.paper, pair.author, pair.n_authors, pair.oral, bool(names))
        if not found:
            rows.append((*base, UNRESOLVED if names else "", UNRESOLVED if names else "", UNRESOLVED if names else "", 1))
        for r in found:
            rows.append((*base, r.institution, r.country, r.sector, len(found)))
    table = pd.DataFrame(rows, columns=["paper", "author", "n_authors", "oral", "has_affiliation",
                                        "institution", "country", "sector", "n_institutions"])
    countries = convert_countries(table.loc[~table["country"].isin(["", UNRESOLVED]), "country"], "name_short")
    table["country"] = table["country"].map(lambda c: countries.get(c, c))
    table["fractional"] = 1 / table["n_authors"] / table["n_institutions"]
    return table


def tiers(resolved: pd.DataFrame):
    yield "all_accepted", resolved
    yield "oral", resolved[resolved["oral"]]


def aggregate(resolved: pd.DataFrame, year: int, by: list[str]) -> pd.DataFrame:
    frames = []
    for tier, rows in tiers(resolved[resolved["has_affiliation"]]):
        grouped = rows.groupby(by, dropna=False).agg(
            authors=("author", "nunique"),
            author_papers=("author", "size"),
            papers=("paper", "nunique"),
            fractional_papers=("fractional", "sum"),
        ).reset_index()
        frames.append(grouped.assign(year=year, tier=tier))
    table = pd.concat(frames)
    return table[["year", "tier", *by, "authors", "author_papers", "papers", "fractional_papers"]]


def coverage(resolved: pd.DataFrame, year: int, unmatched: int) -> pd.DataFrame:
    rows = []
    for tier, subset in tiers(resolved):
        per_pair = subset.groupby(["paper", "author"]).agg(has=("has_affiliation", "first"),
                                                            resolved=("country", lambda c: (c != UNRESOLVED).any()))
        with_aff = int(per_pair["has"].sum())
        unresolved = int((per_pair["has"] & ~per_pair["resolved"]).sum())
        rows.append({"year": year, "tier": tier, "papers": subset["paper"].nunique(), "pairs": len(per_pair),
                     "pairs_with_affiliation": with_aff, "pairs_unresolved": unresolved,
                     "unresolved_pct": round(100 * unresolved / with_aff, 2) if with_aff else 0.0,
                     "papers_unmatched_to_status": unmatched})
    return pd.DataFrame(rows)


def build_year(year: int, paths: dict[str, Path], resolver: Resolver) -> dict[str, pd.DataFrame]:
    listed = papers.read_papers(year, paths)
    with open(paths[f"status_{year}"], encoding="utf-8") as handle:
        records = json.load(handle)
    pairs, unmatched = attach_status(papers_to_pairs(listed), records, year)
    resolved = resolve_pairs(pairs, resolver)
    return {
        "institutions": aggregate(resolved, year, ["institution", "country", "sector"]),
        "countries": aggregate(resolved, year, ["country", "sector"]),
        "coverage": coverage(resolved, year, unmatched),
        "pairs": pair_table(resolved, year),
    }


def pair_table(resolved: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per author-paper pair and institution, authors as numbers (no names): what the sampling
    of the Tracker's cohorts (talentcheck.topics.top_institutions.samples) draws from."""
    rows = resolved[resolved["has_affiliation"]].copy()
    rows["author"] = pd.factorize(rows["author"], sort=True)[0]
    rows["fractional"] = rows["fractional"].round(6)
    return rows.assign(year=year)[["year", "paper", "author", "oral", "institution", "country", "sector", "fractional"]]


def fold_small(institutions: pd.DataFrame) -> pd.DataFrame:
    """Keep institutions with at least MIN_PAIRS pairs in a year's all-accepted tier; sum the rest."""
    big = institutions[(institutions["tier"] == "all_accepted") & (institutions["author_papers"] >= MIN_PAIRS)]
    keep = set(zip(big["year"], big["institution"]))
    is_kept = [(y, i) in keep for y, i in zip(institutions["year"], institutions["institution"])]
    kept = institutions[is_kept]
    small = institutions[[not k for k in is_kept]]
    folded = small.groupby(["year", "tier", "country", "sector"], dropna=False)[
        ["authors", "author_papers", "papers", "fractional_papers"]].sum().reset_index().assign(institution=SMALLER)
    return pd.concat([kept, folded[kept.columns]])


def build(raw: Path, out_dir: Path) -> dict[str, Path]:
    """Run the pipeline on the raw files under `raw`; write the aggregate CSVs into `out_dir`."""
    paths = inputs.raw_paths(raw)
    resolver = load_resolver(paths)
    parts = [build_year(year, paths, resolver) for year in data.YEARS]
    tables = {name: pd.concat([p[name] for p in parts]) for name in parts[0]}
    tables["institutions"] = fold_small(tables["institutions"])
    third_party = trends.build(paths, resolver)
    written = {}
    for name, table in tables.items():
        keys = ([c for c in ("year", "tier", "institution", "country", "sector") if c in table.columns]
                if name != "pairs" else ["year", "paper", "author", "institution"])
        table = table.sort_values(keys, kind="stable").reset_index(drop=True)
        if "fractional_papers" in table.columns:
            table["fractional_papers"] = table["fractional_papers"].round(4)
        target = out_dir / f"{name}.csv"
        with written_whole(target) as tmp:
            table.assign(source_standing="derived", source_url=table["year"].map(inputs.SOURCE_URLS)).to_csv(
                tmp, index=False, lineterminator="\n")
        written[name] = target
    for name, table in third_party.items():  # a third party's derivation: secondary evidence
        target = out_dir / f"{name}.csv"
        with written_whole(target) as tmp:
            table.assign(source_standing="secondary", source_url=inputs.SOURCE_URLS["trends"]).to_csv(tmp, index=False, lineterminator="\n")
        written[name] = target
    return written

