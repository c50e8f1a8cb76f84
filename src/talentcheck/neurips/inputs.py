"""The upstream files the NeurIPS pipeline reads, each pinned in data/neurips/inputs.csv by its path at a commit and
its sha256: finding and checking them (`raw_paths`), fetching them (`fetch_inputs`), checking the published Paper
Copilot maps (`published_maps`), and the source each table the build writes names (`SOURCE_URLS`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from talentcheck import data, hashing
from talentcheck.errors import DataError
from talentcheck.neurips import fetch
from talentcheck.neurips.copilot_maps import MAP_FILES
from talentcheck.paths import data_dir, display_path

SOURCE_URLS = {  # where each table of data/neurips/ comes from (its source_url; every file: data/neurips/inputs.csv)
    2019: "https://github.com/dcharrezt/NeurIPS-2019-Stats",  # the 2019 accepted-paper list
    2022: "https://github.com/dongkwan-kim/neurips2022_analysis",  # the 2022 list
    "trends": "https://github.com/prakashkagitha/neurips-us-vs-china/tree/e682d47f68b9d6d130b9783379ea08d80a6fb57f",
}


def fetch_inputs(to: Path, mirror: str | None = None) -> list[Path]:
    """`talentcheck neurips fetch`: every file of data/neurips/inputs.csv into `to`, checked by sha256."""
    manifest = inputs_manifest()
    return fetch.fetch(list(zip(manifest["path"], manifest["sha256"])), to, mirror)


def inputs_manifest() -> pd.DataFrame:
    """data/neurips/inputs.csv: each raw file the pipeline reads, with its role and sha256."""
    return data.load("neurips/inputs")


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
        actual = hashing.file_sha256(path)
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
        actual = hashing.file_sha256(path)
        if actual != provenance["outputs"][name]:
            raise DataError(f"{display_path(path)}: sha256 {actual} does not match "
                                 f"data/papercopilot/provenance.json ({provenance['outputs'][name]})")
        paths[role] = path
    return paths
