"""The sources registry (data/sources.csv): one row per URL that any table cites, with its title, publisher,
dates, language and standing, and the short code (CBN, DM, ...) that evidence rows use as `source_name`.

`talentcheck validate` refuses a table citing a URL or a code the registry lacks; pages name sources by
publisher and title, never by code or bare URL.
"""
from __future__ import annotations

import re

from talentcheck import data
from talentcheck.citations import CODE, REGISTRY, split  # noqa: F401 (the registry's names; data.validate_all checks citations)


def registry():
    return data.load(REGISTRY)


_HELD: list = [None, {}]
"""[the loaded registry table, its rows by URL]: built once per table `data` loads, not once per lookup."""


def _by_url() -> dict[str, dict]:
    """{url: the registry's row}; read-only (`describe` copies), rebuilt whenever `data` loads the registry anew."""
    table = data.cached_table(REGISTRY)
    if _HELD[0] is not table:
        _HELD[:] = [table, {row["url"]: {k: ("" if v is None or v != v else v) for k, v in row.items()}
                            for row in table.astype(object).to_dict("records")}]
    return _HELD[1]


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

