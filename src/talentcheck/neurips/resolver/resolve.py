"""The matcher on any strings: `talentcheck neurips resolve` prints a CSV with one row per institution each
affiliation string names (its country as ISO alpha-3, Hong Kong, Macau and Taiwan apart, and its sector)."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from talentcheck.data.countries import iso3
from talentcheck.neurips import inputs
from talentcheck.neurips.resolver.maps import load_resolver
from talentcheck.neurips.resolver.matcher import Resolver, clean_affiliation


def resolver_for(raw: Path) -> Resolver:
    """The pipeline's resolver when the raw maps are at `raw`; else one with the reviewed table only
    (a user's clone has no raw maps), saying so on stderr."""
    if raw.is_dir():
        return load_resolver(inputs.raw_paths(raw))
    print(f"talentcheck: {raw} is absent: resolving with data/neurips/institution_names.csv only", file=sys.stderr)
    return Resolver({}, {}, {})


def resolve_rows(affiliations, resolver: Resolver) -> list[dict]:
    """One row per institution each raw affiliation string names (cleaned and split as the pipeline
    does); a string naming none gets one row with empty institution, country and sector."""
    rows = []
    for raw in affiliations:
        found = list(dict.fromkeys(r for name in clean_affiliation(raw) for r in resolver(name)))
        codes = iso3([r.country for r in found])
        rows += [{"raw": raw, "institution": r.institution, "country": codes.get(r.country, r.country), "sector": r.sector}
                 for r in found] or [{"raw": raw, "institution": "", "country": "", "sector": ""}]
    return rows


def write_csv(affiliations, resolver: Resolver, out) -> None:
    writer = csv.DictWriter(out, fieldnames=["raw", "institution", "country", "sector"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(resolve_rows(affiliations, resolver))

