"""The sources registry (data/sources.csv): one row per URL that any table cites, with its title, publisher,
dates, language and standing, and the short code (CBN, DM, ...) that evidence rows use as `source_name`.

`talentcheck validate` refuses a table citing a URL or a code the registry lacks; pages name sources by
publisher and title, never by code or bare URL.
"""
from __future__ import annotations

import collections
import re
from urllib.parse import urlsplit

from talentcheck import claims, data
from talentcheck.data.citations import CODE, REGISTRY, split  # noqa: F401 (the registry's names; data.validate_all checks citations)


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


# ---- the sources a report lists: behind each claim, all of them, and their standings ----------------------

TRUSTED = ("primary", "author")
STANDING_WORDS = {  # what each standing of data/README.md means, as the sources page defines it
    "primary": "the producer's own page or document", "author": "a page by one of its authors",
    "secondary": "press or blogs that quote a figure, or a third party's copy of a page",
    "derived": "figures this project computed itself (from the NeurIPS paper lists, or from two published numbers)",
    "tertiary": "summaries of such coverage", "github_only": "found only in a public code file (third-hand)",
}


@data.by_content
def claim_sources(claim_id: str, parameters: dict) -> list[dict]:
    """The sources behind a claim's verdict: the rows its check read, or every row of its evidence tables."""
    entry = claims.claim(claim_id)
    check = entry.get("check") or {}
    frames = []
    if check.get("table") and not entry.get("evidence"):
        rows = claims.evidence(claim_id, parameters)
        read = rows[rows[check["by"]].isin(list(check["figures"]))]
        # a figure absent from a published list rests on the whole list (see `absent_below_smallest`)
        frames.append((read if len(read) else rows).assign(table=check["table"]))
    else:
        frames += [data.load(t).assign(table=t) for t in claims.evidence_tables(entry)]
    found = {}
    for frame in frames:
        for row in frame.itertuples():
            for url in split(row.source_url):
                found.setdefault((url, row.source_standing), set()).add(row.table)
    # one row per URL with its own standing from the registry (a press copy cited beside a primary report is
    # secondary, though the row it shares is primary); a URL the project computed figures from says so too
    shown = {}
    for (url, standing), tables in sorted(found.items()):
        item = shown.setdefault(url, {**describe(url), "url": url, "tables": set(), "computed": False})
        item["standing"] = item["standing"] or standing
        item["computed"] |= standing == "derived"
        item["tables"] |= tables
    return [{**item, "tables": ", ".join(sorted(item["tables"]))} for item in best_first(shown.values())]


def best_first(items) -> list[dict]:
    """Sources in the order every list shows them: best standing first, then by their label."""
    rank = {standing: n for n, standing in enumerate(data.STANDINGS)}
    return sorted(items, key=lambda i: (rank.get(i["standing"], len(rank)), i["label"].lower()))


def source_index() -> list[dict]:
    """Every source in the registry, with its standing, the rows citing it, and the claims resting on it."""
    resting = collections.defaultdict(set)
    for cid, entry in claims.registry().items():
        for table in claims.evidence_tables(entry):
            resting[table].add(cid)
    found: dict[str, dict] = {}
    for name in data.table_names():
        table = data.load(name)
        if "source_url" not in table.columns or name == "article":
            continue
        for cell, rows in table["source_url"].value_counts(sort=False).items():  # tables of 20,000 rows cite a handful of URLs
            for url in split(cell):
                if url not in found:
                    found[url] = {**describe(url), "rows": 0, "claims": set()}
                found[url]["rows"] += int(rows)
                found[url]["claims"] |= resting[name]
    registry = claims.registry()
    return [{**item, "claims": [(cid, registry[cid]["claim"]) for cid in registry if cid in item["claims"]]}
            for item in best_first(found.values())]


def standing_summary(rows: list[dict]) -> dict:
    """Shares of primary or author-published sources: over the transcribed evidence rows, apart from the
    rows the project derived itself; and per judged claim."""
    standings = [s for name in data.table_names() if name not in ("article", "sources")
                 for s in data.load(name).get("source_standing", [])]
    transcribed = [s for s in standings if s != "derived"]
    per_claim = [(r, round(100 * sum(s["standing"] in TRUSTED for s in r["sources"]) / len(r["sources"])))
                 for r in rows if r["sources"]]
    counts = collections.Counter(standings)
    return {"rows": len(standings), "transcribed": len(transcribed), "derived": counts["derived"],
            "trusted": sum(s in TRUSTED for s in transcribed),
            "trusted_pct": round(100 * sum(s in TRUSTED for s in transcribed) / max(1, len(transcribed)), 1),
            "by_standing": {s: counts[s] for s in data.STANDINGS}, "per_claim": per_claim}


