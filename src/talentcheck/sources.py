"""The sources registry (data/sources.csv): one row per URL that any table cites, with its title, publisher,
dates, language and standing, and the short code (CBN, DM, ...) that evidence rows use as `source_name`.

`talentcheck validate` refuses a table citing a URL or a code the registry lacks; pages name sources by
publisher and title, never by code or bare URL.
"""
from __future__ import annotations

import re

from talentcheck import data
from talentcheck.paths import data_dir, display_path

REGISTRY = "sources"
CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
"""What a source code looks like (`MP1`, `AI-INDEX`); other source names are free text."""


def registry():
    return data.load(REGISTRY)


def split(cell) -> list[str]:
    """The URLs of one `source_url` cell (several are separated by " ; ")."""
    return [u.strip() for u in str(cell).split(" ; ") if u.strip()]


def check_cited() -> None:
    """Every URL and every source code cited by a table must be in the registry (DataError naming the first that is not)."""
    known = registry()
    urls, codes = set(known["url"]), set(known["code"].dropna())
    standing = dict(zip(known["url"], known["standing"]))  # a row has the standing of the one URL it cites
    for name in data.table_names():
        if name == REGISTRY:
            continue
        table = data.load(name)
        where = display_path(data_dir() / f"{name}.csv")
        for index, row in table.iterrows():
            cited = split(row.get("source_url", "")) if "source_url" in table.columns else []
            for url in cited:
                if url not in urls:
                    raise data.DataError(f"{where}, row {index + 2}, column source_url: {url} is not in data/sources.csv "
                                         "(add a row for it: url,code,title,publisher,...)")
            claimed = row.get("source_standing")
            if len(cited) == 1 and claimed not in (None, "derived") and claimed != standing[cited[0]]:
                raise data.DataError(f"{where}, row {index + 2}, column source_standing: {claimed!r}, but "
                                     f"data/sources.csv gives {cited[0]} the standing {standing[cited[0]]!r}")
            code = str(row.get("source_name") or "")
            if CODE.match(code) and code not in codes:
                raise data.DataError(f"{where}, row {index + 2}, column source_name: source code {code!r} is not in "
                                     "data/sources.csv (give it to the row of its URL there)")


def _by_url() -> dict[str, dict]:
    return {row["url"]: {k: ("" if v is None or v != v else v) for k, v in row.items()}
            for row in registry().astype(object).to_dict("records")}


def describe(url: str) -> dict:
    """The registry's row for `url`, plus `label`: how a page names it ("Title, Publisher, date")."""
    row = dict(_by_url().get(url) or {"url": url, "publisher": url, "title": "", "date_published": "", "standing": ""})
    row["label"] = ", ".join(p for p in (row["title"], row["publisher"], row["date_published"]) if p)
    return row


def code_names() -> dict[str, str]:
    """{code: who the reader should read it as}: the producer the code's rows share ("SemiAnalysis" for
    pages "SemiAnalysis, via ..."), else its publishers joined."""
    found: dict[str, list[str]] = {}
    for row in _by_url().values():
        if row["code"]:
            found.setdefault(row["code"], []).append(row["publisher"])
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

