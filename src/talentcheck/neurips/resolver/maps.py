"""The institution maps among the raw inputs, read into a Resolver (talentcheck.neurips.resolver.matcher).

Paper Copilot's raw-to-normalised map and its list of normalised names (data/papercopilot/), and the Hipo
list of world universities with their web domains. The third party's alias map is not read (matcher rule 3).
"""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from talentcheck.neurips.resolver.matcher import Resolver
from talentcheck.neurips.resolver.reviews import merge_key


def load_resolver(paths: dict[str, Path]) -> Resolver:
    """A Resolver over the institution maps among the raw inputs (the alias map is not read: see rule 3)."""
    raw_map: dict[str, tuple[str, str]] = {}
    with gzip.open(paths["map_raw"], "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):  # rows are sorted by frequency: keep the most common reading
            raw_map.setdefault(row["aff_raw"].strip().lower(), (row["aff_unique_norm"], row["aff_country"]))
    norm_map: dict[str, str] = {}
    counts: dict[str, int] = {}
    with gzip.open(paths["map_norm"], "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            norm_map.setdefault(row["aff_unique_norm"].strip().lower(), row["aff_country"])
            counts[row["aff_unique_norm"].strip()] = counts.get(row["aff_unique_norm"].strip(), 0) + int(row["n_author_affiliations"] or 0)
    with open(paths["map_universities"], encoding="utf-8") as handle:
        listed = json.load(handle)
    universities = {u["name"].strip().lower(): u["country"] for u in listed}
    domains = {d.lower(): (u["name"], u["country"]) for u in listed for d in u.get("domains") or []}
    return Resolver(raw_map, norm_map, universities, merge_spellings(counts), domains)


def merge_spellings(names_counts: dict[str, int]) -> dict[str, str]:
    """{merge_key: the most frequent name with that key}: one spelling per institution."""
    best: dict[str, tuple[int, str]] = {}
    for name, count in names_counts.items():
        key = merge_key(name)
        if key not in best or (count, name) > best[key]:
            best[key] = (count, name)
    return {key: name for key, (_, name) in best.items()}
