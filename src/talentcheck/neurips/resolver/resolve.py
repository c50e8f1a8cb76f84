"""Institutions as the claims count them, and the matcher on any strings (`talentcheck neurips resolve`).

Hong Kong, Macau and Taiwan are kept apart by the matcher (talentcheck.neurips.resolver.matcher); whether they count under
China is decided here, where shares and rankings are computed (`china_scope`).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from talentcheck import data
from talentcheck.neurips import inputs as upstream
from talentcheck.errors import ParameterError
from talentcheck.neurips.resolver.maps import load_resolver
from talentcheck.neurips.resolver.matcher import Resolver, clean_affiliation

TERRITORIES = ("Hong Kong", "Macau", "Taiwan")
CHINA_SCOPES = ("mainland_and_territories", "mainland")  # what "China" counts; the first is the default


def iso3(countries) -> dict[str, str]:
    """{country name: ISO alpha-3} (Hong Kong HKG, Macau MAC, Taiwan TWN kept apart)."""
    return data.convert_countries(countries, "ISO3")


def in_scope(country: str, china_scope: str) -> str:
    """The country a share or ranking counts: the territories under China unless china_scope is "mainland"."""
    if china_scope not in CHINA_SCOPES:
        raise ParameterError(f"china_scope={china_scope!r} must be one of {CHINA_SCOPES}")
    return "China" if china_scope == "mainland_and_territories" and country in TERRITORIES else country


def resolver_for(raw: Path) -> Resolver:
    """The pipeline's resolver when the raw maps are at `raw`; else one with the reviewed table only
    (a user's clone has no raw maps), saying so on stderr."""
    if raw.is_dir():
        return load_resolver(upstream.raw_paths(raw))
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


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion: how the resolver's accuracy on a
    hand-checked sample is reported."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * ((p * (1 - p) / trials + z * z / (4 * trials * trials)) ** 0.5) / (1 + z * z / trials)
    return centre - half, centre + half
