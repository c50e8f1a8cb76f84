"""The sources registry (data/sources.csv): one row per URL that any table cites, with its title, publisher,
dates, language and standing, and the short code (CBN, DM, ...) that evidence rows use as `source_name`.

Every URL and code a table cites must be in the registry (`check_cited`, run by `data.validate_all`), and a
row citing one URL has that URL's standing; pages name sources by publisher and title, never by code or bare
URL (`expand_codes`, and the report's listings in `talentcheck.report.sources`).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

from talentcheck.data.tables import derived
from talentcheck.errors import DataError
from talentcheck.paths import IDENTIFIERS

REGISTRY = "sources"
CODE = IDENTIFIERS["source code"][0]
"""What a source code looks like (`MP1`, `AI-INDEX`); other source names are free text."""


def split(cell) -> list[str]:
    """The URLs of one `source_url` cell (several are separated by " ; "); none for an empty cell."""
    if cell is None or (not isinstance(cell, (list, tuple)) and pd.isna(cell)):  # an optional column's empty cell
        return []
    return [u.strip() for u in str(cell).split(" ; ") if u.strip()]


def check_cited(tables: dict[str, pd.DataFrame], known: pd.DataFrame, where: dict[str, str]) -> None:
    """Every URL and source code cited by `tables` ({name: table}) is in `known` (the registry);
    DataError naming the first that is not, at `where[name]` (the file as a reader knows it)."""
    urls, codes = set(known["url"]), set(known["code"].dropna())
    standing = dict(zip(known["url"], known["standing"]))  # a row has the standing of the one URL it cites
    for name, table in tables.items():
        # plain column lists, not iterrows: a row-by-row Series costs more than every check below
        column = {c: table[c].tolist() if c in table.columns else [None] * len(table)
                  for c in ("source_url", "source_standing", "source_name")}
        rows = zip(table.index, column["source_url"], column["source_standing"], column["source_name"])
        seen = set()  # a row citing what an earlier row cited passes or fails as that one did (the NeurIPS lists repeat one URL)
        for index, source_url, claimed, source_name in rows:
            if (source_url, claimed, source_name) in seen:
                continue
            seen.add((source_url, claimed, source_name))
            at = f"{where[name]}, row {index + 2}"
            cited = split(source_url) if "source_url" in table.columns else []
            for url in cited:
                if url not in urls:
                    raise DataError(f"{at}, column source_url: {url} is not in data/sources.csv "
                                    "(add a row for it: url,code,title,publisher,...)")
            if len(cited) == 1 and claimed not in (None, "derived") and claimed != standing[cited[0]]:
                raise DataError(f"{at}, column source_standing: {claimed!r}, but "
                                f"data/sources.csv gives {cited[0]} the standing {standing[cited[0]]!r}")
            code = str(source_name or "")
            if CODE.fullmatch(code) and code not in codes:
                raise DataError(f"{at}, column source_name: source code {code!r} is not in "
                                "data/sources.csv (give it to the row of its URL there)")


def _by_url() -> dict[str, dict]:
    """{url: the registry's row}, "" for an empty cell; read-only (`row` copies)."""
    return derived(REGISTRY, lambda table: {row["url"]: {k: ("" if v is None or v != v else v) for k, v in row.items()}
                                            for row in table.astype(object).to_dict("records")})


def row(url: str) -> dict:
    """The registry's row for `url` (a copy); for a URL it lacks, the web address's host as its publisher."""
    found = dict(_by_url().get(url) or {"url": url, "publisher": domain(url), "title": "", "date_published": "",
                                         "standing": "", "note": "", "form": "", "what": ""})
    for column in ("note", "form", "what"):
        found.setdefault(column, "")
    return found


def rows() -> list[dict]:
    """Every row of the registry (copies), in its order."""
    return [dict(found) for found in _by_url().values()]


def domain(url: str) -> str:
    """The web address's host without "www." ("en.people.cn")."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def code_names() -> dict[str, str]:
    """{code: who the reader should read it as}: the producer the code's rows share ("SemiAnalysis" for
    pages "SemiAnalysis, via ..."), else its publishers joined."""
    found: dict[str, list[str]] = {}
    for entry in _by_url().values():
        if entry["code"]:
            found.setdefault(entry["code"], []).append(entry["publisher"])
    names = {}
    for code, publishers in found.items():
        producers = {p.split(", via ")[0] for p in publishers}
        names[code] = producers.pop() if len(producers) == 1 else " and ".join(sorted(set(publishers)))
    return names


def expand_codes(text: str) -> str:
    """`text` with every source code replaced by the name a reader knows ("CBN" -> "China Banking News")."""
    names = code_names()
    if not names:
        return text
    pattern = r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])"
    return re.sub(pattern, lambda m: names[m[1]], text)
