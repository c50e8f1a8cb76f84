"""The sources a report lists, named by title and publisher, never by code or bare URL: behind each claim (its
card), all of them (the sources page), and the share of evidence resting on primary or author-published sources.
The registry itself is `talentcheck.data.sources`."""
from __future__ import annotations

import collections

from talentcheck import claims, data, memo
from talentcheck.claims.words import SOURCE_FORMS
from talentcheck.data import sources

TRUSTED = ("primary", "author")


def untitled_label(row: dict) -> str:
    """How a page names a source with no recorded title: never a title made from the address's ids, but
    "Untitled page, <publisher> (<domain>)" (the domain left out where the publisher already names it)."""
    host = sources.domain(row["url"])
    site = ".".join(host.split(".")[-2:])  # "163.com" of "m.163.com"
    shown = "" if host in row["publisher"] or site in row["publisher"] else f" ({host})"
    return f"Untitled page, {row['publisher']}{shown}"


def named(url: str) -> dict:
    """The registry's row for `url`, plus what a page shows of it: `heading` (its title, or for an untitled
    source the honest `untitled_label`), `byline` (the publisher, where the heading does not already name it),
    `title_note` (where the title was read from the web address, not the page), `form_text` (what a mirror or
    code source is) and `label`: "Heading, publisher, date", how lists sort and name it."""
    row = sources.row(url)
    row["heading"] = row["title"] or untitled_label(row)
    row["byline"] = row["publisher"] if row["title"] else ""
    note = row["note"].split(";")[0].strip()
    row["title_note"] = note if row["title"] and note.startswith("title from the") else ""
    row["form_text"] = SOURCE_FORMS[row["form"]].format(what=row["what"]) if row["form"] else ""
    row["label"] = ", ".join(p for p in (row["heading"], row["byline"], row["date_published"]) if p)
    return row


@memo.by_arguments(lambda: data.fingerprint())
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
            for url in sources.split(row.source_url):
                found.setdefault((url, row.source_standing), set()).add(row.table)
    # one row per URL with its own standing from the registry (a press copy cited beside a primary report is
    # secondary, though the row it shares is primary); a URL the project computed figures from says so too
    shown = {}
    for (url, standing), tables in sorted(found.items()):
        item = shown.setdefault(url, {**named(url), "url": url, "tables": set(), "computed": False})
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
            for url in sources.split(cell):
                if url not in found:
                    found[url] = {**named(url), "rows": 0, "claims": set()}
                found[url]["rows"] += int(rows)
                found[url]["claims"] |= resting[name]
    registry = claims.registry()
    return [{**item, "claims": [(cid, registry[cid]["claim"]) for cid in registry if cid in item["claims"]]}
            for item in best_first(found.values())]


def standing_summary(rows: list[dict]) -> dict:
    """Shares of primary or author-published sources: over the transcribed evidence rows, apart from the
    rows the project derived itself; and per judged claim."""
    standings = [s for name in data.table_names() if name not in ("article", sources.REGISTRY)
                 for s in data.load(name).get("source_standing", [])]
    transcribed = [s for s in standings if s != "derived"]
    per_claim = [(r, round(100 * sum(s["standing"] in TRUSTED for s in r["sources"]) / len(r["sources"])))
                 for r in rows if r["sources"]]
    counts = collections.Counter(standings)
    return {"rows": len(standings), "transcribed": len(transcribed), "derived": counts["derived"],
            "trusted": sum(s in TRUSTED for s in transcribed),
            "trusted_pct": round(100 * sum(s in TRUSTED for s in transcribed) / max(1, len(transcribed)), 1),
            "by_standing": {s: counts[s] for s in data.STANDINGS}, "per_claim": per_claim}
