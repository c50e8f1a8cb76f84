"""The HTML report: one page listing every claim of the registry, and each executed notebook as HTML.

It loads nothing from the network (no CDN), so the folder can be zipped and read offline.
"""
from __future__ import annotations

import collections
from pathlib import Path

import jinja2

from talentcheck import claims
from talentcheck.plotting import VERDICT_COLOURS

TEMPLATES = Path(__file__).parent / "templates"
ORDER = [*VERDICT_COLOURS, "not_run", "not_yet_checked"]


def write(out_dir: Path, verdict_rows: list[dict]) -> Path:
    """Write `out_dir/report/` from the executed notebooks in `out_dir/notebooks/` and their verdicts."""
    report = out_dir / "report"
    (report / "notebooks").mkdir(parents=True, exist_ok=True)
    html_names = {}
    for executed in sorted((out_dir / "notebooks").glob("*.ipynb")):
        target = report / "notebooks" / f"{executed.stem}.html"
        target.write_text(notebook_html(executed), encoding="utf-8")
        html_names[executed.name] = f"notebooks/{target.name}"
    rows = claim_rows(verdict_rows, html_names)
    counts = collections.Counter(row["verdict"] for row in rows)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    page = env.get_template("index.html.j2").render(
        rows=rows, colours=VERDICT_COLOURS, counts=[(k, counts[k]) for k in ORDER if counts[k]])
    (report / "index.html").write_text(page, encoding="utf-8")
    return report / "index.html"


def claim_rows(verdict_rows: list[dict], html_names: dict[str, str]) -> list[dict]:
    """Every claim of the registry, with its verdict where this run produced one."""
    by_id = {row["claim_id"]: row for row in verdict_rows}
    rows = []
    for cid, entry in claims.registry().items():
        verdict = by_id.get(cid)
        notebook = entry.get("notebook")
        status = "not_yet_checked" if not notebook else "not_run"
        rows.append({
            "id": cid, "paragraph": entry["paragraph"], "topic": entry["topic"], "claim": entry["claim"],
            "stated": entry["stated"], "notebook": notebook, "html": html_names.get(notebook or ""),
            "verdict": verdict["verdict"] if verdict else status,
            "observed": verdict["observed"] if verdict else "",
            "reason": verdict["reason"] if verdict else (
                "No notebook judges this claim yet." if not notebook else "Its notebook was not part of this run."),
            "parameters": verdict["parameters"] if verdict else "",
        })
    return rows


def notebook_html(path: Path) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    exporter.template_file = "notebook.html.j2"
    body, _ = exporter.from_filename(str(path))
    return body
