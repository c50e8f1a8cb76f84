"""The report in Chromium (Debian's, driven by Playwright): no page scrolls sideways on a phone or a desktop, every
image loads, nothing leaves the folder, the index's filter and sort work, every page meets WCAG 2 AA by axe-core
(bundled by axe-playwright-python: no network); and a rerun that flips verdicts says so everywhere."""
import html
import os
import re
import shutil

import nbformat
import pytest

from helpers import MARKUP, json_ld, reader_text, set_cell
from talentcheck import claims, paths
from talentcheck.claims import findings
from talentcheck.claims.verdicts import RATINGS, from_notebook
from talentcheck.claims.words import VERDICT_LABELS as LABELS
from talentcheck.report import changes
from talentcheck.run import runner

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _chromium():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it: apt-get install chromium)")
    return chromium, pytest.importorskip("playwright.sync_api", reason="playwright is part of the test extras")


@pytest.mark.parametrize("width", [390, 1400])
def test_in_chromium_no_page_scrolls_sideways_every_image_loads_nothing_leaves_and_the_filter_works(built, width):
    chromium, sync_api = _chromium()
    shots = os.environ.get("TALENTCHECK_SCREENSHOTS")
    cards = [f"claims/{claims.claims_for(p.name)[0]}.html" for p in paths.notebooks() if claims.claims_for(p.name)]
    names = ["index.html", "sources.html", *cards, "notebooks/04_top_institutions.html", "notebooks/01_researcher_origin.html"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        for name in names:
            page.goto((built / name).as_uri(), wait_until="load")
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
            assert broken == [], name
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} is {scroll} px wide at {width} px"
            if shots:
                page.screenshot(path=f"{shots}/{width}-{name.replace('/', '-')}.png", full_page=True)
        page.goto((built / "index.html").as_uri(), wait_until="load")
        rows = "[...document.querySelectorAll('#claims tbody tr')].filter(r => !r.hidden).length"
        assert page.evaluate(rows) == len(claims.registry())
        page.uncheck("input[value='not_supported']")
        assert 0 < page.evaluate(rows) < len(claims.registry())
        if width >= 760:  # the headings' buttons sort from the keyboard too (phones show rows as cards, no headings)
            verdicts = "[...document.querySelectorAll('#claims tbody tr')].map(r => r.cells[3].innerText)"
            page.focus("#claims th:nth-child(4) button")
            page.keyboard.press("Enter")
            assert page.evaluate(verdicts) == sorted(page.evaluate(verdicts))
            assert page.get_attribute("#claims th:nth-child(4)", "aria-sort") == "ascending"
            page.keyboard.press("Enter")
            assert page.get_attribute("#claims th:nth-child(4)", "aria-sort") == "descending"
        assert "Content Security Policy" not in " ".join(errors), errors
        browser.close()
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []


def test_a_rerun_that_flips_verdicts_says_what_changed_everywhere(built, data_copy, tmp_path):
    """Notebook 01 under the most-elite cohort: its claims flip; the terminal, cards, findings, ClaimReview and
    the notebook's own recorded conclusion all change, the other notebooks' claims stay judged, and markup put
    into a source's name stays text on every page (as found: it reached the notebook pages and ran)."""
    import csv

    set_cell(data_copy / "tracker/origin_undergrad.csv", {"source_name": "DM"}, "source_name", f"DM{MARKUP}")
    lines = []
    out = tmp_path / "out"
    assert runner.run(["01_researcher_origin"], [("cohort", "most_elite")], out, 1, echo=lines.append) == 0
    with open(out / "verdicts.csv", newline="", encoding="utf-8") as handle:
        rows = {r["claim_id"]: r for r in csv.DictReader(handle)}
    assert set(rows) == set(claims.registry())  # the other notebooks' claims are still judged
    defaults = changes.committed_verdicts()
    flipped = {cid: (defaults[cid]["verdict"], r["verdict"]) for cid, r in rows.items() if defaults[cid]["verdict"] != r["verdict"]}
    assert flipped and set(flipped) <= set(claims.claims_for("01_researcher_origin.ipynb"))
    executed = nbformat.read(out / "notebooks" / "01_researcher_origin.ipynb", as_version=4)
    recorded = {r["claim_id"]: r["verdict"] for r in from_notebook(executed)}
    notebook_page = (out / "report" / "notebooks" / "01_researcher_origin.html").read_text()
    for cid, (old, new) in flipped.items():
        assert f"  {cid}: {LABELS[old]} -> {LABELS[new]}" in lines
        card = (out / "report" / "claims" / f"{cid}.html").read_text()
        assert f'class="badge v-{new}">{LABELS[new]}' in card and f'class="badge v-{old}">{LABELS[old]}' in card
        assert "changed" in reader_text(card)
        finding = re.search(r'<section class="reading-panel r0".*?<p class="finding">(.*?)</p>', card, re.S)[1]
        built_card = (built / "claims" / f"{cid}.html").read_text()
        assert finding != re.search(r'<section class="reading-panel r0".*?<p class="finding">(.*?)</p>', built_card, re.S)[1]
        assert html.unescape(finding) == rows[cid]["finding"] == json_ld(card)["reviewRating"]["ratingExplanation"]
        assert json_ld(card)["reviewRating"].get("ratingValue") == RATINGS.get(new)
        assert json_ld(built_card)["reviewRating"].get("ratingValue") == RATINGS.get(old)
        assert recorded[cid] == new and re.search(rf"{re.escape(cid)}</td>\s*<td[^>]*><strong>{re.escape(LABELS[new])}</strong>", notebook_page)
        assert "What its notebook concludes" not in reader_text(card)  # no box of the other claims' verdicts
    assert html.escape(findings.conclusion(list(from_notebook(executed)))).replace("&#x27;", "&#39;")[:60] in notebook_page.replace("&#x27;", "&#39;")
    index = (out / "report" / "index.html").read_text()
    assert index.count('<span class="flip">changed</span>') == len(flipped)
    ran_with = "read with most elite researchers (about the top 2%)"  # the run's own readings, where they are not the defaults
    assert index.count(ran_with) == len(claims.claims_for("01_researcher_origin.ipynb"))
    assert "data-verdict=\"not_run\"" not in index
    for page in [out / "report" / "index.html", *(out / "report").glob("*/*.html")]:
        assert not re.search(r"<img[^>]*onerror", page.read_text(), re.I), page.name


@pytest.mark.parametrize("width", [390, 1400])
def test_pages_meet_wcag_2_aa_by_axe_core(built, width):
    axe_script = pytest.importorskip("axe_playwright_python.base", reason="axe-playwright-python is part of the test extras").AXE_SCRIPT
    chromium, sync_api = _chromium()
    names = ["index.html", "sources.html", "claims/origin-47-18-5.html", "claims/gpt4-training-cost.html",
             "claims/china-researchers-outnumber-us.html", "claims/top25-2022-us-15-ibm-out.html",
             "claims/grok3-presenters-chinese-descent.html", "notebooks/01_researcher_origin.html"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900}).new_page()  # axe is the test's script
        found = []
        for name in names:
            page.goto((built / name).as_uri(), wait_until="load")
            page.add_script_tag(content=axe_script)
            result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
            found += [f"{name}: {v['id']} ({v['nodes'][0]['html'][:80]})" for v in result["violations"]]
        browser.close()
    assert found == []




VISIBLE = "[...document.querySelectorAll('.reading-panel')].filter(p => p.offsetParent !== null)"


@pytest.mark.parametrize("width", [390, 1400])
def test_a_card_switches_its_reading_with_no_script_and_shows_the_default_with_scripts_off(built, width):
    """A parametric claim flipped through its switch: the badge and the finding shown change with the reading picked
    (CSS only: radio buttons and :has(), no script); with JavaScript off the run's own reading shows and the table
    still lists every other reading with its verdict."""
    chromium, sync_api = _chromium()
    card = (built / "claims" / "china-researchers-outnumber-us.html").as_uri()
    shown = f"{VISIBLE}.map(p => [p.querySelector('.badge').innerText, p.querySelector('.finding').innerText])"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(card, wait_until="load")
        [(badge, finding)] = page.evaluate(shown)
        assert badge == LABELS["supported_with_caveat"] and "top-tier researchers (about the top 20%)" in finding
        labels = page.evaluate("[...document.querySelectorAll('fieldset.readings label')].map(l => l.innerText)")
        elite = next(i for i, text in enumerate(labels) if text.startswith("most elite researchers"))
        page.click(f"label[for='reading-{elite}']")
        [(badge, finding)] = page.evaluate(shown)
        assert badge == LABELS["not_supported"] and "most elite researchers (about the top 2%)" in finding
        page.click("label[for='reading-0']")
        assert page.evaluate(shown)[0][0] == LABELS["supported_with_caveat"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        quiet = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900}).new_page()
        quiet.goto(card, wait_until="load")
        assert quiet.locator(".reading-panel.r0").is_visible() and not quiet.locator(f".reading-panel.r{elite}").is_visible()
        assert quiet.locator(".reading-panel.r0 .badge").inner_text() == LABELS["supported_with_caveat"]
        rows = quiet.locator("fieldset.readings tbody tr")
        assert rows.count() == len(labels) and LABELS["not_supported"] in rows.nth(elite).inner_text()
        browser.close()
