"""Upstream files -> the inputs the NeurIPS pipeline reads. Every step that was once done by hand is here.

- 2019: the HTML capture of the NeurIPS 2019 "Initial List of Accepted Papers"
  (dcharrezt/NeurIPS-2019-Stats, `raw_data_090819.txt`): one `<p><b>title</b><br><i>author (institution)
  &middot; ...</i></p>` per paper.
- 2022: the poster crawl of dongkwan-kim/neurips2022_analysis, two Python pickles of string lists
  (`pp_names.txt`: titles; `pp_authors.txt`: per paper, "author (institution)"). They are read with an
  unpickler that refuses every global, so a pickle can build lists and strings and nothing else.
- Paper Copilot maps: affiliation string -> normalised institution -> country, derived from the venue files
  of papercopilot/paperlists that carry `aff_unique_norm` and `aff_country_unique` (`derive_maps`). Too
  large to fetch on every build: `talentcheck neurips maps` re-derives them, and the result is published
  in data/papercopilot/ with its sources (provenance.json), where the build reads it.

Both lists come out as [{"title": ..., "authors": [{"name": ..., "institution": ...}]}], the shape
`neurips.papers_to_pairs` takes.

Every upstream file is listed with its sha256 in data/neurips/inputs.csv: `raw_paths` finds and checks
them, `published_maps` checks the maps, and `SOURCE_URLS` names the source of each table the build writes.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
import pickle
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from talentcheck import data
from talentcheck.neurips import fetch
from talentcheck.errors import DataError
from talentcheck.paths import data_dir, display_path

PAPER_2019 = re.compile(r"<p><b>(.*?)</b><br><i>(.*?)</i></p>", re.S)


def author(text: str) -> dict:
    """"Name (Institution (Lab))" -> {"name", "institution"}: the name ends at the first " (", the
    institution is the rest without its closing parenthesis; no parenthesis, no institution."""
    text = text.strip()
    cut = text.find(" (")
    if cut < 0 or not text.endswith(")"):
        return {"name": text, "institution": ""}
    return {"name": text[:cut].strip(), "institution": text[cut + 2:-1].strip()}


def parse_2019_html(text: str) -> list[dict]:
    """The papers of the 2019 accepted-papers page, HTML entities decoded."""
    return [{"title": html.unescape(title).strip(),
             "authors": [author(html.unescape(a)) for a in authors.split("&middot;")]}
            for title, authors in PAPER_2019.findall(text)]


class ListsOnly(pickle.Unpickler):
    """An unpickler that builds only built-in containers and strings: any global (a class, a function)
    is refused, so loading a pickle cannot run code."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused: the pickle asks for the global {module}.{name}")


def load_pickle(raw: bytes, what: str):
    try:
        return ListsOnly(io.BytesIO(raw)).load()
    except (pickle.UnpicklingError, EOFError, ValueError) as err:
        raise ValueError(f"{what}: not a pickle of plain lists ({err})") from None


def convert_2022_pickles(names: bytes, authors: bytes) -> list[dict]:
    """The 2022 posters from the two pickles: titles and, per title, "author (institution)" strings."""
    titles, people = load_pickle(names, "pp_names.txt"), load_pickle(authors, "pp_authors.txt")
    if not (isinstance(titles, list) and isinstance(people, list) and len(titles) == len(people)):
        raise ValueError("pp_names.txt and pp_authors.txt: expected two lists of the same length")
    papers = []
    for i, (title, names_) in enumerate(zip(titles, people)):
        if not isinstance(title, str) or not isinstance(names_, list) or not all(isinstance(n, str) for n in names_):
            raise ValueError(f"pp_names.txt/pp_authors.txt item {i}: expected a title and a list of strings")
        papers.append({"title": title.strip(), "authors": [author(n) for n in names_]})
    return papers


def read_papers(year: int, paths: dict[str, Path]) -> list[dict]:
    """The accepted-paper list of `year` with authors and institutions, derived from the upstream files."""
    if year == 2019:
        return parse_2019_html(paths["affiliations_2019"].read_text(encoding="utf-8"))
    if year == 2022:
        return convert_2022_pickles(paths["titles_2022"].read_bytes(), paths["affiliations_2022"].read_bytes())
    raise ValueError(f"no accepted-paper list for {year}")


# ---------------------------------------------------------------- Paper Copilot maps

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
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(tables[role])
        target = out_dir / name
        with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
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
    provenance["outputs"] = {path.name: sha256(path) for path in written.values()}
    (out / "provenance.json").write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    return [*written.values(), out / "provenance.json"]


# ---------------------------------------------------------------- inputs and checksums

SOURCE_URLS = {  # where each table of data/neurips/ comes from (its source_url; every file: data/neurips/inputs.csv)
    2019: "https://github.com/dcharrezt/NeurIPS-2019-Stats",  # the 2019 accepted-paper list
    2022: "https://github.com/dongkwan-kim/neurips2022_analysis",  # the 2022 list
    "trends": "https://github.com/prakashkagitha/neurips-us-vs-china/tree/e682d47f68b9d6d130b9783379ea08d80a6fb57f",
}



def inputs_manifest() -> pd.DataFrame:
    """data/neurips/inputs.csv: each raw file the pipeline reads, with its role and sha256."""
    return data.load("neurips/inputs")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def raw_paths(raw: Path) -> dict[str, Path]:
    """{role: path} for every input, each checked against its recorded sha256.

    An upstream file is looked for at DIR/<mirror path> (a folder `talentcheck neurips fetch` filled, or a
    mirror) and at DIR/upstream/<mirror path> (../shared/raw, which holds the mirror in upstream/). The
    Paper Copilot maps are the project's own derived files in data/papercopilot/ (see `published_maps`)."""
    paths = {}
    for row in inputs_manifest().itertuples():
        found = [p for p in (raw / row.path, raw / "upstream" / row.path) if p.is_file()]
        if not found:
            url = fetch.url_of(row.path) if row.path.startswith(fetch.PREFIX) else row.source_url
            raise DataError(f"raw input {row.path} is missing under {raw}: it is {url}; "
                                 f"fetch every input with `talentcheck neurips fetch --to {raw}`")
        path = found[0]
        actual = sha256(path)
        if actual != row.sha256:
            raise DataError(f"raw input {row.path}: sha256 {actual} does not match data/neurips/inputs.csv ({row.sha256}); "
                                 f"fetch it again with `talentcheck neurips fetch --to {raw}`")
        paths[row.role] = path
    return paths | published_maps()


def published_maps() -> dict[str, Path]:
    """{map_raw, map_norm}: the Paper Copilot maps in data/papercopilot/, checked against provenance.json."""
    folder = data_dir() / "papercopilot"
    try:
        provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(f"{display_path(folder / 'provenance.json')}: cannot be read ({err})") from None
    paths = {}
    for role, (name, _) in MAP_FILES.items():
        path = folder / name
        if not path.is_file():
            raise DataError(f"{display_path(path)} is missing (re-derive it with `talentcheck neurips maps`)")
        if sha256(path) != provenance["outputs"][name]:
            raise DataError(f"{display_path(path)}: sha256 {sha256(path)} does not match "
                                 f"data/papercopilot/provenance.json ({provenance['outputs'][name]})")
        paths[role] = path
    return paths
