"""What a table cites must be in the sources registry (data/sources.csv): every URL, every source code,
and the standing of a row that cites one URL. Checked on tables given to it, so that `data` can check
them while loading without importing `sources` (which reads through `data`)."""
from __future__ import annotations

import pandas as pd

from talentcheck.errors import DataError
from talentcheck.paths import IDENTIFIERS

REGISTRY = "sources"
CODE = IDENTIFIERS["source code"][0]
"""What a source code looks like (`MP1`, `AI-INDEX`); other source names are free text."""


def split(cell) -> list[str]:
    """The URLs of one `source_url` cell (several are separated by " ; ")."""
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
        for index, source_url, claimed, source_name in rows:
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
