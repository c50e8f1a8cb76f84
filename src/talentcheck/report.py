"""The HTML report: an index of every claim, a card per claim with its chart and sources, a page of all
sources, and each executed notebook rendered with its code folded.

It loads nothing from the network (no CDN), so the folder can be zipped and read offline.
"""
from __future__ import annotations

import base64
import collections
import functools
import json
from pathlib import Path

import jinja2
import pandas as pd

from talentcheck import claims, data
from talentcheck.verdicts import VERDICT_COLOURS

TEMPLATES = Path(__file__).parent / "templates"
ORDER = [*VERDICT_COLOURS, "not_run", "not_yet_checked"]
TRUSTED = ("primary", "author")


def write(out_dir: Path, verdict_rows: list[dict], notes: dict[str, str], executed: dict[str, object]) -> Path:
    """Write `out_dir/report/` from the executed notebooks ({file name: notebook}), their verdicts and the
    notes they recorded on claims."""
    report = out_dir / "report"
    for folder in ("notebooks", "claims", "img"):
        (report / folder).mkdir(parents=True, exist_ok=True)
    pages, charts = {}, {}
    for name, notebook in sorted(executed.items()):
        stem = Path(name).stem
        page = report / "notebooks" / f"{stem}.html"
        if not page.exists():  # the runner renders pages as it executes notebooks
            page.write_text(notebook_html(notebook), encoding="utf-8")
        pages[name] = f"notebooks/{stem}.html"
        charts[name] = save_charts(notebook, stem, report / "img")
    rows = claim_rows(verdict_rows, pages, charts, notes or {})
    sources = source_index()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    counts = collections.Counter(row["verdict"] for row in rows)
    common = {"colours": VERDICT_COLOURS, "counts": [(k, counts[k]) for k in ORDER if counts[k]]}
    render = lambda name, target, **context: target.write_text(  # noqa: E731
        env.get_template(name).render(**common, **context), encoding="utf-8")
    render("index.html.j2", report / "index.html", rows=rows, topics=sorted({r["topic"] for r in rows}))
    for row in rows:
        render("claim.html.j2", report / "claims" / f"{row['id']}.html", row=row)
    render("sources.html.j2", report / "sources.html", sources=sources, summary=standing_summary(rows))
    return report / "index.html"


def claim_rows(verdict_rows: list[dict], pages: dict[str, str], charts: dict[str, list[str]],
               notes: dict[str, str]) -> list[dict]:
    """Every claim of the registry, with its verdict where this run produced one, its charts and sources."""
    by_id = {row["claim_id"]: row for row in verdict_rows}
    rows = []
    for cid, entry in claims.registry().items():
        verdict = by_id.get(cid)
        notebook = entry.get("notebook")
        status = "not_yet_checked" if not notebook else "not_run"
        parameters = json.loads(verdict["parameters"]) if verdict else {}
        see_also = [(nb, pages[nb]) for nb in entry.get("see_also", []) if nb in pages]
        rows.append({
            "id": cid, "paragraph": entry["paragraph"], "topic": entry["topic"], "claim": entry["claim"],
            "stated": entry["stated"], "unit": entry["unit"], "notebook": notebook, "html": pages.get(notebook or ""),
            "verdict": verdict["verdict"] if verdict else status,
            "observed": verdict["observed"] if verdict else "",
            "reason": verdict["reason"] if verdict else (
                "No notebook judges this claim yet." if not notebook else "Its notebook was not part of this run."),
            "parameters": verdict["parameters"] if verdict else "",
            "charts": charts.get(notebook or "", []) + [c for nb, _ in see_also for c in charts.get(nb, [])],
            "see_also": see_also,
            "sources": claim_sources(cid, parameters) if verdict else [],
            "note": notes.get(cid, ""),
        })
    return rows


def claim_sources(claim_id: str, parameters: dict) -> list[dict]:
    """The sources behind a claim's verdict: the rows its check read, or every row of its evidence tables."""
    entry = claims.claim(claim_id)
    check = entry.get("check") or {}
    frames = []
    if check.get("table") and not entry.get("evidence"):
        rows = claims.evidence(claim_id, parameters)
        frames.append(rows[rows[check["by"]].isin(list(check["figures"]))].assign(table=check["table"]))
    else:
        frames += [data.load(t).assign(table=t) for t in claims.evidence_tables(entry)]
    found = {}
    for frame in frames:
        for row in frame.itertuples():
            for url in str(row.source_url).split(" ; "):
                found.setdefault((url, row.source_standing), set()).add(row.table)
    return [{"url": url, "standing": standing, "tables": ", ".join(sorted(tables))}
            for (url, standing), tables in sorted(found.items())]


def source_index() -> list[dict]:
    """Every source URL in data/, with its standing, the tables and rows citing it, and the claims resting on it."""
    resting = collections.defaultdict(set)
    for cid, entry in claims.registry().items():
        for table in claims.evidence_tables(entry):
            resting[table].add(cid)
    found: dict[str, dict] = {}
    for name in data.table_names():
        table = data.load(name)
        if "source_url" not in table.columns:
            continue
        for row in table.itertuples():
            for url in str(row.source_url).split(" ; "):
                item = found.setdefault(url, {"url": url, "standings": set(), "tables": set(), "rows": 0, "claims": set()})
                item["standings"].add(row.source_standing)
                item["tables"].add(name)
                item["rows"] += 1
                item["claims"] |= resting[name]
    return [{**item, "standings": ", ".join(sorted(item["standings"], key=data.STANDINGS.index)),
             "tables": ", ".join(sorted(item["tables"])), "claims": sorted(item["claims"])}
            for item in sorted(found.values(), key=lambda i: i["url"])]


def standing_summary(rows: list[dict]) -> dict:
    """Share of evidence rows (all tables) and of each judged claim's sources that are primary or author-published."""
    standings = pd.concat([data.load(n)["source_standing"] for n in data.table_names()
                           if "source_standing" in data.load(n).columns])
    per_claim = {r["id"]: round(100 * sum(s["standing"] in TRUSTED for s in r["sources"]) / len(r["sources"]))
                 for r in rows if r["sources"]}
    return {"rows": len(standings), "trusted_pct": round(100 * standings.isin(TRUSTED).mean(), 1),
            "by_standing": standings.value_counts().reindex(data.STANDINGS, fill_value=0).to_dict(),
            "per_claim": per_claim}


def save_charts(notebook, stem: str, folder: Path) -> list[str]:
    """Write the notebook's PNG outputs to `folder`; return their paths relative to the report."""
    names = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                name = f"{stem}-{len(names) + 1}.png"
                (folder / name).write_bytes(base64.b64decode(png))
                names.append(f"img/{name}")
    return names


def notebook_html(notebook) -> str:
    body, _ = _exporter().from_notebook_node(notebook)
    return body


@functools.cache
def _exporter():
    """One exporter per process: compiling its templates costs more than rendering a notebook."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    exporter.template_file = "notebook.html.j2"
    return exporter
