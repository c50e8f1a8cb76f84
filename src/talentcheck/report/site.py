"""The HTML report: an index of every claim, a card per claim (`cards`), a page of all sources (`sources`), each
executed notebook as a page (`pages`), and every card's schema.org ClaimReview markup in one file (`claimreview`).

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

from talentcheck.claims.verdicts import VERDICT_COLOURS
from talentcheck.claims.words import CELL_WORDS, STANDING_WORDS, VERDICT_LABELS
from talentcheck.paths import inside
from talentcheck.report import changes, pages
from talentcheck.report.cards import claim_rows
from talentcheck.report.claimreview import article_facts, card_url, checked_site_url, claim_review, date_published, jsonld
from talentcheck.report.sources import sources_page, standing_summary

ORDER = [*VERDICT_COLOURS, "not_run", "not_yet_checked"]
HEADINGS = ["Paragraph", "What the article says", "Verdict", "Finding", "Topic"]  # the index's columns, which sort
ORDERS = {"Paragraph": ("first to last", "last to first"), "Verdict": ("best first", "worst first")}
"""How the sort menu names a column's two orders (A to Z and Z to A unless listed)."""
SEVERITY = ["not_yet_checked", "not_run", "supported", "supported_with_caveat", "unverifiable", "not_supported"]
"""Verdicts from best to worst, as the index sorts them: a claim contradicted is worse than one left open."""
SCRIPT = """// Filter by verdict and topic, sort by a column: no library, so the report works offline from one folder.
const table = document.querySelector('#claims'), body = table.tBodies[0];
function applyFilters() {
  const shown = {};
  for (const box of document.querySelectorAll('.filter')) {
    shown[box.dataset.key] = shown[box.dataset.key] || new Set();
    if (box.checked) shown[box.dataset.key].add(box.value);
  }
  let count = 0;
  for (const tr of body.rows) {
    tr.hidden = !(shown.verdict.has(tr.dataset.verdict) && shown.topic.has(tr.dataset.topic));
    count += !tr.hidden;
  }
  document.querySelector('#shown').textContent = count + ' of ' + body.rows.length + ' claims shown';
}
function sortBy(col, dir) {
  table.querySelectorAll('th').forEach((th, n) => th.setAttribute('aria-sort', n === col ? (dir === 1 ? 'ascending' : 'descending') : 'none'));
  [...body.rows].sort((a, b) => dir * a.cells[col].dataset.sort.localeCompare(b.cells[col].dataset.sort, undefined, {numeric: true}))
    .forEach(r => body.appendChild(r));
  document.querySelector('#sort').value = col + ':' + dir;
}
document.querySelectorAll('.filter').forEach(box => box.addEventListener('change', applyFilters));
table.querySelectorAll('th button').forEach((button, col) => button.addEventListener('click', () =>
  sortBy(col, button.parentElement.getAttribute('aria-sort') === 'ascending' ? -1 : 1)));
document.querySelector('#sort').addEventListener('change', event => {
  const [col, dir] = event.target.value.split(':').map(Number);
  sortBy(col, dir);
});
const filters = document.querySelector('.filters');
filters.hidden = false;  // without a script the filters would do nothing, so the page is written with them hidden
filters.open = matchMedia('(min-width: 761px)').matches;  // folded on a phone, where the claims come first
applyFilters();
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
        charts[name] = pages.save_charts(notebook, report / "img")
    defaults = changes.committed_verdicts() if defaults is None else defaults
    rows = claim_rows(verdict_rows, shown, charts, notes or {}, defaults, readings)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(pages.TEMPLATES), autoescape=True)
    env.filters["label"] = lambda verdict: VERDICT_LABELS.get(verdict, verdict)
    env.filters["standing"] = lambda standing: CELL_WORDS.get(standing, standing)
    env.filters["slug"] = lambda text: re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    counts = collections.Counter(row["verdict"] for row in rows)
    article = article_facts()
    common = {"colours": VERDICT_COLOURS, "counts": [(k, counts[k]) for k in ORDER if counts[k]], "article": article,
              "csp": pages.csp()}
    render = lambda name, target, **context: target.write_text(  # noqa: E731
        env.get_template(name).render(**{**common, **context}), encoding="utf-8")
    from talentcheck.claims.sampling_error import method_text

    render("index.html.j2", report / "index.html", rows=rows, method=method_text(), topics=sorted({(r["topic"], r["topic_label"]) for r in rows}),
           flips=sum(r["flipped"] for r in rows), script=SCRIPT, csp=pages.csp(SCRIPT), headings=HEADINGS,
           orders={h: ORDERS.get(h, ("A to Z", "Z to A")) for h in HEADINGS}, verdict_rank={v: n for n, v in enumerate(SEVERITY)})
    reviews = []
    for row in rows:
        review = claim_review(row, article, card_url(site_url, row["id"]), published)
        render("claim.html.j2", inside(report / "claims", f"{row['id']}.html"), row=row, jsonld=jsonld(review) if review else "")
        if review:
            reviews.append(review)
    render("sources.html.j2", report / "sources.html", page=sources_page(rows), summary=standing_summary(rows),
           standing_words=STANDING_WORDS)
    (out_dir / "claimreview.json").write_text(json.dumps(reviews, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return report / "index.html"
