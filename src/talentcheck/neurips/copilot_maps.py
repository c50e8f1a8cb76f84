"""Paper Copilot's affiliation maps: affiliation string -> normalised institution -> country, derived from the venue
files of papercopilot/paperlists that carry `aff_unique_norm` and `aff_country_unique` (`derive_maps`). Too large
to fetch on every build: `talentcheck neurips maps` re-derives them (`rederive_maps`), and the result is published
in data/papercopilot/ with its sources (provenance.json), where the build reads it (`inputs.published_maps`).
"""
from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from pathlib import Path

from talentcheck import hashing
from talentcheck.data.files import write_csv, written_whole
from talentcheck.neurips import fetch
from talentcheck.paths import data_dir

def affiliation_readings(record: dict) -> list[tuple[str, str, str]]:
    """(raw affiliation, normalised institution, country) for each author-affiliation of one Paper Copilot
    record. An author's `aff` may join several affiliations with "+", matched by position to the parts of
    `aff_unique_index` and `aff_country_unique_index`; an author whose three counts disagree is skipped
    (upstream sometimes drops an empty country's index, which would shift every country after it)."""
    norms = (record.get("aff_unique_norm") or "").split(";")
    countries = (record.get("aff_country_unique") or "").split(";")
    affs = (record.get("aff") or "").split(";")
    index = (record.get("aff_unique_index") or "").split(";")
    country_index = (record.get("aff_country_unique_index") or "").split(";")
    if not record.get("aff_unique_norm"):
        return []
    readings = []
    for i, parts in enumerate(index):
        parts = parts.split("+")
        cparts = country_index[i].split("+") if i < len(country_index) else []
        aff = affs[i].strip() if i < len(affs) else ""
        raws = [aff] if len(parts) == 1 else [r.strip() for r in aff.split("+")]
        if len(raws) != len(parts):  # the raw string cannot be split as the index is: keep the norm only
            raws = [""] * len(parts)
        if len(cparts) != len(parts):
            continue
        for k, (p, c) in enumerate(zip(parts, cparts)):
            try:
                norm, country = norms[int(p)].strip(), countries[int(c)].strip()
            except (ValueError, IndexError):
                continue
            if norm and country:
                readings.append((raws[k], norm, country))
    return readings


def derive_maps(records) -> tuple[list[tuple], list[tuple]]:
    """From Paper Copilot records: rows (aff_raw, aff_unique_norm, aff_country, n) and
    (aff_unique_norm, aff_country, n_author_affiliations), most frequent first, then by name."""
    raw, norm = Counter(), Counter()
    for record in records:
        for aff_raw, name, country in affiliation_readings(record):
            norm[(name, country)] += 1
            if aff_raw:
                raw[(aff_raw, name, country)] += 1
    order = lambda item: (-item[1], item[0])  # noqa: E731
    return ([(*key, n) for key, n in sorted(raw.items(), key=order)],
            [(*key, n) for key, n in sorted(norm.items(), key=order)])


MAP_FILES = {"map_raw": ("affiliation_country.csv.gz", ["aff_raw", "aff_unique_norm", "aff_country", "n"]),
             "map_norm": ("institution_country.csv.gz", ["aff_unique_norm", "aff_country", "n_author_affiliations"])}


def write_maps(venue_files: list[Path], out_dir: Path) -> dict[str, Path]:
    """Derive both maps from the venue files and write them as gzip CSVs (no timestamp: same input, same bytes)."""
    records = []
    for path in venue_files:
        with open(path, encoding="utf-8") as handle:
            records.extend(json.load(handle))
    tables = dict(zip(MAP_FILES, derive_maps(records)))
    written = {}
    for role, (name, header) in MAP_FILES.items():
        text = io.StringIO()
        write_csv(text, header, tables[role], safe=False)  # the resolver reads these back: values kept exact
        target = out_dir / name
        with written_whole(target) as part, open(part, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
            handle.write(text.getvalue().encode("utf-8"))
        written[role] = target
    return written


def rederive_maps(to: Path, mirror: str | None, out: Path) -> list[Path]:
    """`talentcheck neurips maps`: fetch the venue files data/papercopilot/provenance.json lists (pinned by
    their commit), derive both maps into `out` and write their provenance.json beside them."""
    provenance = json.loads((data_dir() / "papercopilot" / "provenance.json").read_text(encoding="utf-8"))
    files = [fetch.PREFIX + url[len(fetch.RAW_GITHUB):] for url in provenance["sources"]]
    venue_files = fetch.fetch([(path, None) for path in files], to, mirror)
    out.mkdir(parents=True, exist_ok=True)
    written = write_maps(venue_files, out)
    provenance["outputs"] = {path.name: hashing.file_sha256(path) for path in written.values()}
    with written_whole(out / "provenance.json") as part:
        part.write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    return [*written.values(), out / "provenance.json"]
