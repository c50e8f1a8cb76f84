"""Each executed notebook as a page of the report, one publication with the others: the report's look and the
notebook's own heading as its title, its code folded, no prompts (`In [1]`, `Out[3]`), the cells meant for
JupyterLab alone (tagged `lab-only`: how to edit and rerun, shell commands) left out, the claims it judges linked to
their cards, its charts as every page shows them (`_chart.html.j2`: a phone's own drawing, the full image one tap
away) and its outputs defanged; the charts' files; and the Content-Security-Policy every page of the report carries."""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from pathlib import Path

from talentcheck import hashing, memo
from talentcheck.paths import inside

TEMPLATES = Path(__file__).parent / "templates"
LAB_ONLY = "lab-only"
"""The tag of a notebook cell meant for JupyterLab alone (how to edit and rerun it): the report's page leaves it out."""


def csp(script: str = "") -> str:
    """The pages' Content-Security-Policy: no script but `script` (by its hash), nothing from the network."""
    scripts = f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'" if script else "'none'"
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'")


def chart_files(output) -> dict:
    """A PNG output as the report shows it (`_chart.html.j2`): its files under img/, named by their content so that a
    notebook's page and a card name the same files (the desktop's `src`, the phone's drawing `phone` or ""), the
    width to show the desktop PNG at (a 2x image's metadata halves its pixels), its text alternative, and whether
    it counts the re-derived full lists (its titles, which the code writes, say "re-derived"; the names in the data
    that the description also holds cannot set it)."""
    shown = output.get("metadata", {}).get("image/png", {})
    name = hashlib.sha256(base64.b64decode(output["data"]["image/png"])).hexdigest()[:16]
    return {"src": f"img/{name}.png", "phone": f"img/{name}-phone.png" if shown.get("phone") else "",
            "width": shown.get("width"), "alt": str(shown.get("alt") or ""),
            "rederived": any("re-derived" in str(title) for title in shown.get("titles") or [])}


def save_charts(notebook, folder: Path) -> list[dict]:
    """Write the notebook's charts (each PNG output, and its phone drawing) to `folder` (the report's img/); return
    them as `chart_files` gives them, in the notebook's order."""
    charts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("data", {}).get("image/png"):
                chart = chart_files(output)
                inside(folder, Path(chart["src"]).name).write_bytes(base64.b64decode(output["data"]["image/png"]))
                if chart["phone"]:
                    inside(folder, Path(chart["phone"]).name).write_bytes(
                        base64.b64decode(output["metadata"]["image/png"]["phone"]))
                charts.append(chart)
    return charts


OUTPUT_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "div", "span", "p",
               "br", "b", "i", "strong", "em", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
               "style", "sup", "sub", "small", "blockquote", "hr"}
OUTPUT_ATTRIBUTES = {"*": ["class", "id", "colspan", "rowspan", "border", "halign", "valign", "scope", "data-label"]}


@memo.by_content(key=lambda notebook: hashing.sha256(json.dumps(notebook, sort_keys=True).encode()))
def notebook_html(notebook) -> str:
    """The executed notebook as a page. Its outputs carry data, so they are defanged first: markup in a
    Markdown output shows as text, HTML outputs keep only table and text tags without scripts, handlers or
    images (charts come as PNG outputs). The notebook's own Markdown cells are the project's prose.
    A page is rendered once per process for each notebook content (a run's report renders the notebooks
    it did not execute; tests build many reports)."""
    from talentcheck.claims.registry import registry
    from talentcheck.claims.verdicts import MIME, NOTES_MIME, from_notebook

    judged = [row["claim_id"] for row in from_notebook(notebook, MIME)]
    noted = [cid for notes in from_notebook(notebook, NOTES_MIME) for cid in notes]
    claims = [(cid, registry()[cid]["claim"]) for cid in dict.fromkeys(judged + noted) if cid in registry()]
    resources = {"tc_csp": csp(), "tc_claims": claims, "tc_judges": bool(judged)}
    return exporter().from_notebook_node(_defanged(notebook), resources=resources)[0]


MISSING_CELL = re.compile(r"<td>(?:NaN|&lt;NA&gt;|None|NaT|nan)</td>")
WHOLE_CELL = re.compile(r"<td>(-?\d+)\.0</td>")


def tidy_cells(table: str) -> str:
    """A table as a reader reads it: a missing value (pandas' NaN, <NA>, None) as an empty cell, and a whole
    number stored as a float (a rank in a column with gaps: "1.0") as an integer."""
    return WHOLE_CELL.sub(r"<td>\1</td>", MISSING_CELL.sub('<td class="missing" title="no value"></td>', table))


def _defanged(notebook):
    import copy
    import html

    import bleach

    notebook = copy.deepcopy(notebook)
    notebook.cells = _one_toggle_per_run_of_code([c for c in notebook.cells if LAB_ONLY not in c.get("metadata", {}).get("tags", [])])
    notebook.metadata["title"] = f"{heading(notebook) or 'Notebook'} (talentcheck)"
    first = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if first is not None:
        first.metadata["tc_first"] = True  # the claims it judges are listed under it
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            found = output.get("data", {})
            if "text/markdown" in found:
                found["text/markdown"] = html.escape("".join(found["text/markdown"]), quote=False)
            if "text/html" in found:
                found["text/html"] = tidy_cells(bleach.clean("".join(found["text/html"]), tags=OUTPUT_TAGS,
                                                             attributes=OUTPUT_ATTRIBUTES, strip_comments=True))
            found.pop("image/svg+xml", None) if "image/png" in found else None
    return notebook


def _one_toggle_per_run_of_code(cells: list) -> list:
    """The cells with a code cell that shows nothing joined to the code cell after it, so that a page folds code that
    runs together under one "code" toggle rather than two in a row."""
    kept = []
    for cell in cells:
        before = kept[-1] if kept else None
        if (cell.cell_type == "code" and before is not None and before.cell_type == "code"
                and not before.get("outputs")):
            cell.source = before.source.rstrip("\n") + "\n\n" + cell.source
            kept[-1] = cell
        else:
            kept.append(cell)
    return kept


@functools.cache
def exporter():
    """One exporter per process: compiling its templates costs more than rendering a notebook. No prompts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)], exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.template_file = "notebook.html.j2"
    exporter.register_filter("tc_chart", chart_files)
    return exporter


def heading(notebook) -> str:
    """A notebook's heading: its first Markdown line starting "# " ("" if none)."""
    cell = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    return next((line[2:].strip() for line in (cell.source if cell else "").splitlines() if line.startswith("# ")), "")


def notebook_title(path: Path) -> str:
    """A notebook's heading, for naming it to a reader; its file name if none."""
    import nbformat

    return heading(nbformat.read(path, as_version=4)) or path.stem
