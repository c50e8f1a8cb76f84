"""The HTML report: an index of every claim, a card per claim (`cards`), a page of all sources (`sources`), each
executed notebook as a page (`pages`), and every card's schema.org ClaimReview markup in one file (`claimreview`).

Nothing from data/, parameters or notebooks is ever markup: templates escape it, notebook pages are
sanitised, and every page carries a Content-Security-Policy that runs no script but the report's own.
It loads nothing from the network (no CDN), so the folder can be zipped and read offline.
"""
from __future__ import annotations

import collections
import json
from pathlib import Path

import jinja2

from talentcheck.claims.verdicts import VERDICT_COLOURS
from talentcheck.claims.words import STANDING_WORDS, VERDICT_LABELS
from talentcheck.paths import inside
from talentcheck.report import changes, pages
from talentcheck.report.cards import claim_rows
from talentcheck.report.claimreview import article_facts, card_url, checked_site_url, claim_review, date_published, jsonld
from talentcheck.report.sources import source_index, standing_summary

ORDER = [*VERDICT_COLOURS, "not_run", "not_yet_checked"]
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
          defaults: dict[str, dict] | None = None, page=pages.notebook_html, readings: dict | None = None,
          site_url: str | None = None, date: str | None = None) -> Path:
    """Write `out_dir/report/` and `out_dir/claimreview.json` from the executed notebooks ({file name:
    notebook}), their verdicts, the notes they recorded on claims, and the default verdicts ({claim id: row},
    the committed notebooks' verdicts unless given). A notebook's page not yet written is rendered by `page`
    (the runner's renders through its cache). `readings` ({claim id: [reading]}, `topics.readings.for_rows`) feeds
    each card's reading switch; `site_url` (the report folder's public address) makes each review's `url`
    absolute, else it is left out; `date` is the reviews' date (`claimreview.date_published`)."""
    site_url, published = checked_site_url(site_url), date_published(date)
    report = out_dir / "report"
    for folder in ("notebooks", "claims", "img"):
        (report / folder).mkdir(parents=True, exist_ok=True)
    shown, charts = {}, {}
    for name, notebook in sorted(executed.items()):
        stem = Path(name).stem
        target = inside(report / "notebooks", f"{stem}.html")
        if not target.exists():  # the runner renders pages as it executes notebooks
            target.write_text(page(notebook), encoding="utf-8")
        shown[name] = f"notebooks/{stem}.html"
        charts[name] = pages.save_charts(notebook, stem, report / "img")
    defaults = changes.committed_verdicts() if defaults is None else defaults
    rows = claim_rows(verdict_rows, shown, charts, notes or {}, defaults, readings)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(pages.TEMPLATES), autoescape=True)
    env.filters["label"] = lambda verdict: VERDICT_LABELS.get(verdict, verdict)
    counts = collections.Counter(row["verdict"] for row in rows)
    article = article_facts()
    common = {"colours": VERDICT_COLOURS, "counts": [(k, counts[k]) for k in ORDER if counts[k]], "article": article,
              "csp": pages.csp()}
    render = lambda name, target, **context: target.write_text(  # noqa: E731
        env.get_template(name).render(**{**common, **context}), encoding="utf-8")
    from talentcheck.claims.sampling_error import method_text

    render("index.html.j2", report / "index.html", rows=rows, method=method_text(), topics=sorted({(r["topic"], r["topic_label"]) for r in rows}),
           flips=sum(r["flipped"] for r in rows), script=SCRIPT, csp=pages.csp(SCRIPT))
    reviews = []
    for row in rows:
        review = claim_review(row, article, card_url(site_url, row["id"]), published)
        render("claim.html.j2", inside(report / "claims", f"{row['id']}.html"), row=row, jsonld=jsonld(review) if review else "")
        if review:
            reviews.append(review)
    cited = source_index()
    render("sources.html.j2", report / "sources.html", sources=cited, summary=standing_summary(rows), standing_words=STANDING_WORDS,
           untitled=sum(not s["title"] for s in cited))
    (out_dir / "claimreview.json").write_text(json.dumps(reviews, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return report / "index.html"


