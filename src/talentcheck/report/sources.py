"""The sources a report lists, named by title and publisher, never by code or bare URL: behind each claim (its card,
and the first table of the sources page, with what each source gives), all of them (the sources page: those that
back figures, by topic; institutions' own pages folded under one heading; the other inputs), and the share of
evidence resting on primary or author-published sources. The registry itself is `talentcheck.data.sources`."""
from __future__ import annotations

import collections
import hashlib
import re
from urllib.parse import unquote, urlsplit

from talentcheck import claims, data, memo
from talentcheck.claims.display import cell, heading
from talentcheck.claims.words import LANGUAGES, SOURCE_FORMS, TOPICS, listing
from talentcheck.data import sources

TRUSTED = ("primary", "author")
INSTITUTIONS = "neurips/institution_names"
"""The table that cites institutions' own pages (an institution's country and sector): folded under one heading."""
SOURCE_COLUMNS = {"source_name", "source_url", "source_standing", "source_quote", "source_date", "note", "also_in"}


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
NOT_WORDS = {"www", "http", "https", "html", "htm", "shtml", "php", "asp", "aspx", "amp", "raw", "index", "embed",
             "share", "pub", "view", "content", "article", "articles", "news", "post", "posts", "page", "p", "a", "n",
             "en", "us", "de", "wiki", "story", "blog", "detail", "details", "document", "doc", "dy", "m", "id",
             "hant", "zixunpost", "detials", "releases", "default"}
"""Address parts that say nothing of a page (file endings, a site's section names)."""


def date_words(date: str) -> str:
    """A registry date in words: "27 March 2024", "March 2024" or "2024" ("" for none)."""
    parts = [int(p) for p in str(date or "").split("-") if p.isdigit()]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else (str(parts[0]) if parts else "")


def address_words(url: str) -> str:
    """The words of the part of a web address that says most about the page ("christian szegedy" of
    ".../wiki/christian_szegedy/raw"): never its ids (article numbers, hashes, base64), nor its section names; ""
    where the address holds no words. What a page's address says, marked as such where shown: never a title."""
    parts = urlsplit(url)
    segments = unquote(parts.path).split("/") + [unquote(v) for v in re.split(r"[&=]", parts.query)]
    segments = [s for v in segments for s in (urlsplit(v).path.split("/") if "://" in v else [v])]
    best: list[str] = []
    for segment in segments:
        segment = re.sub(r"\.(s?html?|php|aspx?|pdf)$", "", segment)
        words = [w for w in re.split(r"[-_+.\s]+", segment) if w and w.lower() not in NOT_WORDS
                 and re.fullmatch(r"[^\W\d_]+|\d{1,4}|(?=\w{0,7}$)\w*[^\W\d_]\w*", w)]
        if len(words) >= max(1, len(best)):
            best = words
    return " ".join(best)


def untitled_label(row: dict) -> str:
    """How a page names a source with no recorded title, never as if it were one: its publisher, its site (where
    the publisher does not already name it) and its date in words, then "(title not recorded)": "Huawei,
    huawei.com, March 2022 (title not recorded)"."""
    host = sources.domain(row["url"])
    site = ".".join(host.split(".")[-2:])  # "163.com" of "m.163.com"
    named_site = site.lower() in row["publisher"].lower() or host.lower() in row["publisher"].lower()
    parts = [row["publisher"], "" if named_site else host, date_words(row.get("date_published"))]
    return ", ".join(p for p in parts if p) + " (title not recorded)"


@memo.by_arguments(lambda: data.fingerprint())
def untitled_names() -> dict[str, str]:
    """{url: name} of every untitled source in the registry, no two alike: where `untitled_label` gives two pages
    the same name (one publisher's pages of one date), each adds the words of its address ("AI Wiki (aiwiki.ai),
    “christian szegedy” in its address (title not recorded)"), and pages whose addresses hold no telling words
    are counted ("page 1 of 2")."""
    groups = collections.defaultdict(list)
    for entry in sources.rows():
        if not entry["title"]:
            groups[untitled_label(entry)].append(entry["url"])
    names = {}
    for label, urls in groups.items():
        if len(urls) == 1:
            names[urls[0]] = label
            continue
        stem = label.removesuffix(" (title not recorded)")
        worded = {url: f"{stem}, “{words}” in its address (title not recorded)" if (words := address_words(url))
                  else label for url in urls}
        clashes = collections.Counter(worded.values())
        for url in urls:
            same = sorted(u for u in urls if worded[u] == worded[url])
            names[url] = worded[url] if clashes[worded[url]] == 1 else \
                worded[url].replace(" (title not recorded)", f", page {same.index(url) + 1} of {len(same)} (title not recorded)")
    return names


def named(url: str) -> dict:
    """The registry's row for `url`, plus what a page shows of it: `heading` (its title, or for an untitled
    source its name from `untitled_names`, which says the title was not recorded), `byline` (the publisher,
    where the heading does not already name it), `form_text` (what a mirror, a repository or a code file is, and
    why it counts), `label`: "Heading, publisher, date", how lists sort and name it, its `anchor` on the sources
    page and its language in words."""
    row = sources.row(url)
    row["heading"] = row["title"] or untitled_names().get(url) or untitled_label(row)
    row["byline"] = row["publisher"] if row["title"] else ""
    row["form_text"] = SOURCE_FORMS[row["form"]].format(what=row["what"]) if row["form"] else ""
    row["label"] = ", ".join(p for p in (row["heading"], row["byline"], row["title"] and row["date_published"]) if p)
    row["anchor"] = anchor(url)
    row["language_name"] = LANGUAGES.get(row.get("language") or "en", row.get("language") or "")
    row["unread"] = unread(row.get("note") or "")
    return row


def unread(note: str) -> str:
    """The clause of a registry note that says the page itself was not read, and why its figures are cited anyway
    ("page not read: its values were read from ..."), for a card to show beside the source; "" for a page read."""
    return next((clause.strip() for clause in note.split(";") if "not read" in clause), "")


def anchor(url: str) -> str:
    """The id of a source's entry on the sources page (the same for the same address, whatever the run)."""
    return "s-" + hashlib.sha256(url.encode()).hexdigest()[:10]


def gives(frame, check: dict, most: int = 4) -> str:
    """What the rows of `frame` give, in a few words: the figures a claim's check reads ("China 47%"), or the rows'
    keys in the table's own order ("Greg Yang, Zihang Dai"; a longer list ends "and 3 more"; a table's many rows are
    counted: "5,552 rows, by year, tier, country and sector")."""
    if check.get("table") and check.get("by") in frame.columns:
        unit = "%" if str(check.get("value", "")).endswith("_pct") else ""
        columns, form = [check["by"], check["value"]], lambda by, value: f"{by} {value}{unit}"
    else:
        table = frame["table"].iloc[0] if "table" in frame.columns and len(frame) else ""
        columns = [k for k in data.schemas().get(table, {}).get("key", []) if k not in SOURCE_COLUMNS and k in frame.columns]
        form = lambda *values: " ".join(values)  # noqa: E731
    if not columns:
        return ""
    distinct = frame[columns].drop_duplicates()
    if len(distinct) > 2 * most and not check.get("table"):  # a table's many rows: how many, and what they are by
        return f"{len(distinct):,} rows, by " + listing([heading(c).lower() for c in columns])
    said = [form(*(cell(v, c) for v, c in zip(values, columns))) for values in distinct.head(most).itertuples(index=False)]
    return ", ".join(said) + (f" and {len(distinct) - most:,} more" if len(distinct) > most else "")


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
    found, rows_of = {}, collections.defaultdict(list)
    for frame in frames:
        for position, row in enumerate(frame.itertuples()):
            for url in sources.split(row.source_url):
                found.setdefault((url, row.source_standing), set()).add(row.table)
                rows_of[url].append((id(frame), position))
    by_id = {id(frame): frame for frame in frames}
    # one row per URL with its own standing from the registry (a press copy cited beside a primary report is
    # secondary, though the row it shares is primary); a URL the project computed figures from says so too
    shown = {}
    for (url, standing), tables in sorted(found.items()):
        item = shown.setdefault(url, {**named(url), "url": url, "tables": set(), "computed": False})
        item["standing"] = item["standing"] or standing
        item["computed"] |= standing == "derived"
        item["tables"] |= tables
    for url, item in shown.items():
        first = rows_of[url][0][0]  # a source's rows, from the first table that cites it
        rows = by_id[first].iloc[[position for frame, position in rows_of[url] if frame == first]]
        item["gives"] = gives(rows, check if check.get("table") and not entry.get("evidence") else {})
    return [{**item, "tables": ", ".join(sorted(item["tables"]))} for item in best_first(shown.values())]


@memo.by_arguments(lambda: data.fingerprint())
def computed_for(claim_id: str) -> set[str]:
    """The URLs a claim's card says the project computed figures from: those that a row of the claim's own
    evidence tables, in the project's derivation (standing "derived"), cites; and, of the URLs those tables do not
    cite (the inputs of a re-derivation), those most of whose rows anywhere are the project's derivation. A page
    the project transcribed the claim's figures from is not one, though elsewhere a row adds two of its figures."""
    read = set(claims.evidence_tables(claims.claim(claim_id)))
    derived, cited, counts = set(), set(), collections.defaultdict(collections.Counter)
    for name, citing in _citations().items():
        for url, is_derived, rows in citing:
            counts[url][is_derived] += rows
            if name in read:
                cited.add(url)
                if is_derived:
                    derived.add(url)
    return derived | {url for url, n in counts.items() if url not in cited and n[True] > n[False]}


@memo.by_arguments(lambda: data.fingerprint())
def _citations() -> dict[str, list]:
    """{table: [(url, whether the rows are the project's derivation, how many rows)]} for every table that cites
    sources with their standing: counted once for all the cards (`computed_for`)."""
    found = {}
    for name in data.table_names():
        table = data.cached_table(name)
        if "source_url" not in table.columns or "source_standing" not in table.columns or name == sources.REGISTRY:
            continue
        found[name] = [(url, standing == "derived", int(rows))
                       for (cell, standing), rows in table.groupby(["source_url", "source_standing"]).size().items()
                       for url in sources.split(cell)]
    return found


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
        for urls, rows in table["source_url"].value_counts(sort=False).items():  # tables of 20,000 rows cite a handful of URLs
            for url in sources.split(urls):
                if url not in found:
                    found[url] = {**named(url), "rows": 0, "claims": set(), "tables": set()}
                found[url]["rows"] += int(rows)
                found[url]["claims"] |= resting[name]
                found[url]["tables"].add(name)
    registry = claims.registry()
    return [{**item, "claims": [(cid, registry[cid]["claim"]) for cid in registry if cid in item["claims"]]}
            for item in best_first(found.values())]


def sources_page(rows: list[dict]) -> dict:
    """What the sources page shows, in its order: each claim with the sources behind its verdict (`rows`: the
    report's claim rows) and what each gives; the sources that back figures, grouped by the topic of the first
    claim resting on them; institutions' own pages (folded under one heading); the other inputs (the NeurIPS
    re-derivation's upstream files, sources of figures no claim rests on directly); and the counts."""
    cited = source_index()
    topic_of = {cid: entry["topic"] for cid, entry in claims.registry().items()}
    backing, institutions, others = collections.defaultdict(list), [], []
    for source in cited:
        if source["claims"]:
            topic = topic_of[source["claims"][0][0]]
            backing[TOPICS.get(topic, topic.replace("-", " ").capitalize())].append(source)
        elif source["tables"] == {INSTITUTIONS}:
            institutions.append(source)
        else:
            others.append(source)
    per_claim = [{"row": r, "sources": r["sources"],
                  "trusted": sum(s["standing"] in TRUSTED for s in r["sources"]),
                  "trusted_pct": round(100 * sum(s["standing"] in TRUSTED for s in r["sources"]) / len(r["sources"]))
                  if r["sources"] else None} for r in rows]
    return {"per_claim": per_claim, "backing": sorted(backing.items(), key=lambda kv: list(TOPICS.values()).index(kv[0])
                                                        if kv[0] in TOPICS.values() else len(TOPICS)),
            "institutions": institutions, "others": others, "count": len(cited),
            "backing_count": sum(len(v) for v in backing.values()), "untitled": sum(not s["title"] for s in cited)}


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
