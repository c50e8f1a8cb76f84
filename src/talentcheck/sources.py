"""The sources registry (data/sources.csv): one row per URL that any table cites, with its title, publisher,
dates, language and standing, and the short code (CBN, DM, ...) that evidence rows use as `source_name`.

`talentcheck validate` refuses a table citing a URL or a code the registry lacks; pages name sources by
publisher and title, never by code or bare URL.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

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


OPAQUE = re.compile(r"[A-Za-z0-9+/_-]*=+|(?=[A-Za-z_-]*\d)(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}|(?!\d{4}-\d\d-\d\d$)(?=(?:[_-]*\d){6})[\d_-]+")
"""A word no reader can read: base64 (`MjM5MjAwODM4MA==`), a hash or id mixing letters and digits over eight
characters (`PjmDZE5I8E`, `cef5ec0420`, an IPFS hash), or six digits or more (an article number). A commit named as
such ("at commit 6913570") is a reference a reader can follow, not an opaque word."""

FORMS = {"mirror": "Mirror (a copy made by a third party) of {what}",
         "code": "Program code, not a publication: {what}",
         "repository": "Code and data repository, not a publication: {what}"}
"""How a page says what a source is when it is not a publication of its publisher (`form` in the registry,
completed by its `what`)."""


def opaque_words(title: str) -> list[str]:
    """The words of `title` that are ids, hashes or base64 tokens rather than words (see OPAQUE)."""
    title = re.sub(r"\bcommit [0-9a-f]{7,40}\b", "", title)
    return [w for w in re.split(r"[\s,:;()]+", title) if w and OPAQUE.fullmatch(w)]


def domain(url: str) -> str:
    """The web address's host without "www." ("en.people.cn")."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def untitled_label(row: dict) -> str:
    """How a page names a source with no recorded title: never a title made from the address's ids, but
    "Untitled page, <publisher> (<domain>)" (the domain left out where the publisher already names it)."""
    host = domain(row["url"])
    site = ".".join(host.split(".")[-2:])  # "163.com" of "m.163.com"
    shown = "" if host in row["publisher"] or site in row["publisher"] else f" ({host})"
    return f"Untitled page, {row['publisher']}{shown}"


def describe(url: str) -> dict:
    """The registry's row for `url`, plus what a page shows of it: `heading` (its title, or for an untitled
    source the honest `untitled_label`), `byline` (the publisher, where the heading does not already name it),
    `title_note` (where the title was read from the web address, not the page), `form_text` (what a mirror or
    code source is) and `label`: "Heading, publisher, date", how lists sort and name it."""
    row = dict(_by_url().get(url) or {"url": url, "publisher": domain(url), "title": "", "date_published": "",
                                      "standing": "", "note": "", "form": "", "what": ""})
    for column in ("note", "form", "what"):
        row.setdefault(column, "")
    row["heading"] = row["title"] or untitled_label(row)
    row["byline"] = row["publisher"] if row["title"] else ""
    note = row["note"].split(";")[0].strip()
    row["title_note"] = note if row["title"] and note.startswith("title from the") else ""
    row["form_text"] = FORMS[row["form"]].format(what=row["what"]) if row["form"] else ""
    row["label"] = ", ".join(p for p in (row["heading"], row["byline"], row["date_published"]) if p)
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

