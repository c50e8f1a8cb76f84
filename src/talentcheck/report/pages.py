"""Each executed notebook as a page of the report (its code folded, its outputs defanged), the charts
taken out of it, and the Content-Security-Policy every page of the report carries."""
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


def csp(script: str = "") -> str:
    """The pages' Content-Security-Policy: no script but `script` (by its hash), nothing from the network."""
    scripts = f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'" if script else "'none'"
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'")


def save_charts(notebook, stem: str, folder: Path) -> list[dict]:
    """Write the notebook's PNG outputs to `folder`; return their paths relative to the report, the width to
    show them at (a 2x image's metadata halves its pixels), their text alternatives ("" if none), and whether
    they count the re-derived full lists (their titles, which the code writes, say "re-derived"; the names in the
    data that the description also holds cannot set it)."""
    charts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                name = f"{stem}-{len(charts) + 1}.png"
                inside(folder, name).write_bytes(base64.b64decode(png))
                shown = output.get("metadata", {}).get("image/png", {})
                alt = str(shown.get("alt") or "")
                rederived = any("re-derived" in str(title) for title in shown.get("titles") or [])
                charts.append({"src": f"img/{name}", "width": shown.get("width"), "alt": alt, "rederived": rederived})
    return charts


OUTPUT_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "div", "span", "p",
               "br", "b", "i", "strong", "em", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
               "style", "sup", "sub", "small", "blockquote", "hr"}
OUTPUT_ATTRIBUTES = {"*": ["class", "id", "colspan", "rowspan", "border", "halign", "valign"]}


@memo.by_content(key=lambda notebook: hashing.sha256(json.dumps(notebook, sort_keys=True).encode()))
def notebook_html(notebook) -> str:
    """The executed notebook as a page. Its outputs carry data, so they are defanged first: markup in a
    Markdown output shows as text, HTML outputs keep only table and text tags without scripts, handlers or
    images (charts come as PNG outputs). The notebook's own Markdown cells are the project's prose.
    A page is rendered once per process for each notebook content (a run's report renders the notebooks
    it did not execute; tests build many reports)."""
    return exporter().from_notebook_node(_defanged(notebook), resources={"tc_csp": csp()})[0]


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


@functools.cache
def exporter():
    """One exporter per process: compiling its templates costs more than rendering a notebook."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    exporter.template_file = "notebook.html.j2"
    return exporter


def notebook_title(path: Path) -> str:
    """A notebook's heading (its first Markdown line starting "# "), for naming it to a reader; its file name if none."""
    import nbformat

    cell = next((c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"), None)
    heading = next((line[2:].strip() for line in (cell.source if cell else "").splitlines() if line.startswith("# ")), "")
    return heading or path.stem
