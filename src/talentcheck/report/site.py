"""The HTML report: an index of every claim, a card per claim (the article's words, a computed finding, the
verdict beside the default one, how robust it is, charts, named sources and schema.org ClaimReview markup),
a page of all sources, and each executed notebook rendered with its code folded.

Nothing from data/, parameters or notebooks is ever markup: templates escape it, notebook pages are
sanitised, and every page carries a Content-Security-Policy that runs no script but the report's own.
It loads nothing from the network (no CDN), so the folder can be zipped and read offline.
"""
from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import jinja2

from talentcheck import claims, data
from talentcheck.data import sources
from talentcheck.run import cache
from talentcheck import parameters as declarations
from talentcheck.report.claimreview import article_facts, claim_review, jsonld
from talentcheck.claims.comparison import LABELS as PARAMETER_LABELS
from talentcheck.claims.comparison import WORDS, fmt
from talentcheck.claims.findings import conclusion, finding, stated_words
from talentcheck.report.pages import TEMPLATES, csp, notebook_title, save_charts
from talentcheck.paths import NOTEBOOKS, inside
from talentcheck.data.sources import claim_sources, source_index, standing_summary
from talentcheck.claims.verdicts import LABELS, VERDICT_COLOURS

ORDER = [*VERDICT_COLOURS, "not_run", "not_yet_checked"]
TOPICS = {
    "xai": "xAI and OpenAI researchers", "tracker-work": "Where top researchers work",
    "tracker-origin": "Where top researchers studied", "tracker-us-institutions": "Researchers at US institutions",
    "top-institutions": "Top 25 institutions", "compute": "Costs of computing", "money": "Money for research",
}
VALUES = {"as_stated": "the reading the article's figure fits", "top_tier": "top-tier (top 20%)",
          "most_elite": "most elite (top 2%)", "best_standing": "the best-standing source", True: "yes", False: "no",
          None: "not set (the notebook's estimate)"}
SCRIPT = """// Filter by verdict and topic, sort by a column: no library, so the report works offline from one folder.
function applyFilters() {
  const shown = {};
  for (const box of document.querySelectorAll('.filter')) {
    shown[box.dataset.key] = shown[box.dataset.key] || new Set();
    if (box.checked) shown[box.dataset.key].add(box.value);
  }
  for (const tr of document.querySelectorAll('#claims tbody tr'))
    tr.hidden = !(shown.verdict.has(tr.dataset.verdict) && shown.topic.has(tr.dataset.topic));
}
document.querySelectorAll('.filter').forEach(box => box.addEventListener('change', applyFilters));
document.querySelectorAll('#claims th button').forEach((button, col) => button.addEventListener('click', () => {
  const body = document.querySelector('#claims tbody'), th = button.parentElement;
  const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
  document.querySelectorAll('#claims th').forEach(other => other.setAttribute('aria-sort', 'none'));
  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  [...body.rows].sort((a, b) => dir * a.cells[col].innerText.localeCompare(b.cells[col].innerText, undefined, {numeric: true}))
    .forEach(r => body.appendChild(r));
}));
"""


def write(out_dir: Path, verdict_rows: list[dict], notes: dict[str, str], executed: dict[str, object],
          defaults: dict[str, dict] | None = None) -> Path:
    """Write `out_dir/report/` and `out_dir/claimreview.json` from the executed notebooks ({file name:
    notebook}), their verdicts, the notes they recorded on claims, and the default verdicts ({claim id: row},
    the committed notebooks' verdicts unless given)."""
    from talentcheck.report import changes

    report = out_dir / "report"
    for folder in ("notebooks", "claims", "img"):
        (report / folder).mkdir(parents=True, exist_ok=True)
    pages, charts = {}, {}
    for name, notebook in sorted(executed.items()):
        stem = Path(name).stem
        page = inside(report / "notebooks", f"{stem}.html")
        if not page.exists():  # the runner renders pages as it executes notebooks
            page.write_text(cache.page(notebook), encoding="utf-8")
        pages[name] = f"notebooks/{stem}.html"
        charts[name] = save_charts(notebook, stem, report / "img")
    defaults = changes.default_verdicts() if defaults is None else defaults
    rows = claim_rows(verdict_rows, pages, charts, notes or {}, defaults)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["label"] = lambda verdict: LABELS.get(verdict, verdict)
    counts = collections.Counter(row["verdict"] for row in rows)
    article = article_facts()
    common = {"colours": VERDICT_COLOURS, "counts": [(k, counts[k]) for k in ORDER if counts[k]], "article": article,
              "csp": csp()}
    render = lambda name, target, **context: target.write_text(  # noqa: E731
        env.get_template(name).render(**{**common, **context}), encoding="utf-8")
    render("index.html.j2", report / "index.html", rows=rows, topics=sorted({(r["topic"], r["topic_label"]) for r in rows}),
           flips=sum(r["flipped"] for r in rows), script=SCRIPT, csp=csp(SCRIPT))
    reviews = []
    for row in rows:
        review = claim_review(row, article, f"{row['id']}.html")
        render("claim.html.j2", inside(report / "claims", f"{row['id']}.html"), row=row, jsonld=jsonld(review) if review else "")
        if review:
            reviews.append({**review, "url": f"report/claims/{row['id']}.html"})
    cited = source_index()
    render("sources.html.j2", report / "sources.html", sources=cited, summary=standing_summary(rows), standing_words=sources.STANDING_WORDS,
           untitled=sum(not s["title"] for s in cited))
    (out_dir / "claimreview.json").write_text(json.dumps(reviews, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return report / "index.html"


def claim_rows(verdict_rows: list[dict], pages: dict[str, str], charts: dict[str, list[str]],
               notes: dict[str, str], defaults: dict[str, dict] | None = None) -> list[dict]:
    """Every claim of the registry, with its verdict where this run produced one, the default verdict,
    the article's words, a computed finding, its robustness, readings, charts and sources."""
    by_id = {row["claim_id"]: row for row in verdict_rows}
    concluded = {nb: conclusion([r for r in verdict_rows if r.get("notebook") == nb])
                 for nb in {r.get("notebook") for r in verdict_rows}}
    defaults = defaults or {}
    quotes = quotations()
    rows = []
    for cid, entry in claims.registry().items():
        verdict = by_id.get(cid)
        notebook = entry.get("notebook")
        status = "not_yet_checked" if not notebook else "not_run"
        parameters = json.loads(verdict["parameters"]) if verdict else {}
        see_also = [(nb, pages[nb]) for nb in entry.get("see_also", []) if nb in pages]
        titles = {nb: notebook_title(NOTEBOOKS / nb) for nb, _ in see_also}
        default = (defaults.get(cid) or {}).get("verdict", "")
        row = {
            "id": cid, "paragraph": entry["paragraph"], "topic": entry["topic"],
            "topic_label": TOPICS.get(entry["topic"], entry["topic"].replace("-", " ").capitalize()),
            "claim": entry["claim"], "quote": quotes.get(cid, ""),
            "stated": entry["stated"], "unit": entry["unit"], "notebook": notebook, "html": pages.get(notebook or ""),
            "verdict": verdict["verdict"] if verdict else status,
            "default": default,
            "flipped": bool(verdict and default and default != verdict["verdict"]),
            "observed": verdict["observed"] if verdict else "",
            "figures": verdict.get("figures", "") if verdict else "", "against": verdict.get("against", "") if verdict else "",
            "claim_id": cid,
            "conclusion": concluded.get(notebook, "") if verdict else "",
            "reason": readable(verdict["reason"]) if verdict else (
                "No notebook judges this claim yet." if not notebook else "Its notebook was not part of this run."),
            "parameters": verdict["parameters"] if verdict else "",
            "readings": readings(cid, parameters) if verdict else [],
            "charts": charts.get(notebook or "", []) + [c for nb, _ in see_also for c in charts.get(nb, [])],
            "see_also": see_also, "titles": titles,
            "sources": claim_sources(cid, parameters) if verdict else [],
            "note": readable(notes.get(cid, "")),
        }
        default_parameters = json.loads((defaults.get(cid) or {}).get("parameters") or "{}")
        row["not_default"] = [(human(n), human(v, n)) for n, v in sorted(parameters.items())
                              if default_parameters and n in default_parameters and default_parameters[n] != v]
        row["finding"] = finding(row)
        row["stated_words"] = stated_words(entry["stated"], entry["unit"])
        row["robustness"] = robustness(cid, parameters, row["verdict"], verdict["reason"]) if verdict else ""
        rows.append(row)
    return rows


def quotations() -> dict[str, str]:
    """{claim id: the article's sentence, verbatim} from data/article.csv."""
    table = data.load("article")
    return dict(zip(table["claim_id"], table["quote"]))


PARAMETER_TEXT = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)*)=([^,;()\s]*?(?=[,;()\s]|\.(?:\s|$)|$))")


VALUE = r"[^,;()\s]*?(?=[,;()\s]|\.(?:\s|$)|$)"  # a parameter's value, without the sentence's full stop
UNDER_PARAMETERS = re.compile(rf"\s+under (?:[a-z][a-z0-9_]*={VALUE}(?:, )?)+")


def readable(text: str) -> str:
    """Reader's words: source codes expanded to names; the list of every parameter a verdict ran under
    dropped (the card lists the readings that apply); any other `name=value` written as "name value"."""
    text = UNDER_PARAMETERS.sub("", text)
    text = sources.expand_codes(PARAMETER_TEXT.sub(lambda m: f"{human(m[1])} {human(_literal(m[2]))}", text))
    return text[:1].upper() + text[1:]


def _literal(text: str):
    try:
        return json.loads(text.replace("'", '"'))
    except ValueError:
        return text


def human(value, name: str | None = None) -> str:
    """A parameter's value as a reader reads it (in the words of `compare.WORDS` where its name is given), or
    with no value given, a parameter's name ("hundreds_reading_musd" -> "“hundreds of millions” read as ...")."""
    if isinstance(value, str) and value in VALUES:
        return VALUES[value]
    if name is not None and isinstance(value, (str, bool)) and value in WORDS.get(name, {}):
        return WORDS[name][value]
    if isinstance(value, (bool, type(None))):
        return VALUES.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(human(v, name) for v in value)
    if isinstance(value, float):
        return fmt(value)
    return PARAMETER_LABELS.get(value, str(value).replace("_", " ")) if name is None else str(value).replace("_", " ")


def applies(claim_id: str) -> list[str] | None:
    """The parameters a claim's check reads (None: the notebook computes its figures from any of them)."""
    check = claims.claim(claim_id).get("check") or {}
    if not check.get("table"):
        return None
    return sorted(set(re.findall(r"\{(\w+)\}", json.dumps(check))))


def readings(claim_id: str, parameters: dict) -> list[tuple[str, str]]:
    """(name, value) in words for the parameters behind a verdict: those its check reads, or all of them."""
    names = applies(claim_id)
    resolved = claims.with_parameters(claim_id, parameters)
    shown = [n for n in parameters if names is None or n in names]
    return [(human(n), human(resolved[n], n) + (" (as the article's figure fits)" if parameters[n] == "as_stated" else ""))
            for n in sorted(shown)]


def robustness(claim_id: str, parameters: dict, verdict: str, reason: str = "") -> str:
    """How many of the declared readings (every allowed value of the parameters the check reads) the verdict holds
    under; for a figure its notebook computes, where its reason ("With ... instead, ...") says so."""
    names = [n for n in applies(claim_id) or [] if n != "source"]
    entry = claims.claim(claim_id)
    vary = declarations.readings(entry["notebook"], names) if entry.get("notebook") else {}
    if not vary:
        return ("Not re-judged here: its notebook computes this figure"
                + (", and its reason gives the other readings it was judged under (“With ... instead”)" if " instead, " in reason
                   else "") + "; the notebook can be rerun with other parameters.")
    return _rejudged(claim_id, parameters, verdict, vary)


@data.by_content
def _rejudged(claim_id: str, parameters: dict, verdict: str, vary: dict[str, list]) -> str:
    try:
        again = claims.judge(claim_id, parameters).verdict
        table = claims.sensitivity(claim_id, claims.with_parameters(claim_id, parameters), vary)
    except (claims.ParameterError, data.DataError):
        again, table = None, None
    if again != verdict or table is None:
        return ("Not re-judged here: its notebook judged this claim with figures it computed, so other readings "
                "take a rerun of the notebook with other parameters.")
    holds = table["verdict"].isin(["supported", "supported_with_caveat"])
    which = "; ".join(", ".join(f"{human(n)} {human(r[n])}" for n in vary) for _, r in table[holds].iterrows())
    return (f"Holds under {int(holds.sum())} of {len(table)} readings ({' × '.join(human(n) for n in vary)})"
            + (f": {which}." if which else "."))
