"""The report in Chromium (Debian's, driven by Playwright): no page scrolls sideways on a phone or a desktop, every
image loads, nothing leaves the folder, the index's filter and sort work, every page meets WCAG 2 AA by axe-core
(bundled by axe-playwright-python: no network); and a rerun that flips verdicts says so everywhere."""
import html
import os
import re
import shutil

import nbformat
import pytest

from helpers import MARKUP, engine_words, json_ld, reader_text, set_cell
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


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for this module's tests (a launch takes most of a second); each test opens its own pages."""
    path, sync_api = _chromium()
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium):
    """The module's Chromium; the pages and contexts a test opened are closed after it (nothing carries over)."""
    yield chromium
    for context in chromium.contexts:
        context.close()


SOURCES_HEIGHT_ON_MAIN = 49_651
"""The sources page's height at 390 px on main before issue 26 (measured in this Chromium): about 59 screens."""


def _pages(built) -> list[str]:
    """Every page of the report, relative to its folder."""
    return ["index.html", "sources.html", *sorted(str(p.relative_to(built)) for p in built.glob("*/*.html"))]


@pytest.mark.parametrize("width", [390, 1400])
def test_in_chromium_no_page_scrolls_sideways_every_image_loads_and_is_drawn_for_the_width_and_nothing_leaves(browser, built, width):
    """On every page: no sideways scroll; every image loads; each chart image the browser picks has at most three
    times its displayed width in pixels (a phone gets the phone's drawing, not a desktop image shrunk sevenfold),
    or is SVG; at 1400 px the desktop drawing; no request leaves the folder."""
    shots = os.environ.get("TALENTCHECK_SCREENSHOTS")
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests, errors, charts = [], [], 0
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for name in _pages(built):
        page.goto((built / name).as_uri(), wait_until="load")
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], name
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} is {scroll} px wide at {width} px"
        shown = page.evaluate("[...document.images].filter(i => i.offsetWidth > 0)"
                              ".map(i => [i.currentSrc, i.naturalWidth, i.offsetWidth])")
        for source, natural, displayed in shown:
            assert source.endswith(".svg") or natural <= 3 * displayed, f"{name}: {source} is {natural} px shown at {displayed}"
            assert source.endswith("-phone.png") == (width < 760), f"{name} at {width} px picked {source}"
        charts += len(shown)
        if shots:
            page.screenshot(path=f"{shots}/{width}-{name.replace('/', '-')}.png", full_page=True)
    assert charts > 25  # the cards' and the notebook pages' charts
    assert "Content Security Policy" not in " ".join(errors), errors
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []


@pytest.mark.parametrize("width", [390, 1400])
def test_the_index_filters_and_sorts_at_every_width(browser, built, width):
    """A click on a verdict or a topic hides the rows it should, as the browser lays them out (the `hidden` attribute
    once lost to a phone's display: block, and the test read the attribute); sorting works from the headings on a
    desktop and from the menu on a phone, where the headings are not shown."""
    index = (built / "index.html").read_text(encoding="utf-8")
    verdicts = re.findall(r'<tr data-verdict="(\w+)" data-topic="([\w-]+)">', index)
    shown = "[...document.querySelectorAll('#claims tbody tr')].filter(r => getComputedStyle(r).display !== 'none' && r.offsetHeight > 0)"
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((built / "index.html").as_uri(), wait_until="load")
    assert page.evaluate(f"{shown}.length") == len(verdicts) == len(claims.registry())
    if width < 760:  # folded on a phone, under its summary
        assert not page.is_visible("input[value='money']")
        page.click(".filters summary")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.click("input[value='supported_with_caveat']")
    left = [v for v, _ in verdicts if v != "supported_with_caveat"]
    assert page.evaluate(f"{shown}.map(r => r.dataset.verdict)") == left and 0 < len(left) < len(verdicts)
    assert page.evaluate("document.documentElement.scrollHeight") < height
    assert page.inner_text("#shown") == f"{len(left)} of {len(verdicts)} claims shown"
    page.click("input[value='money']")
    assert page.evaluate(f"{shown}.map(r => r.dataset.verdict + ' ' + r.dataset.topic)") == [
        f"{v} {t}" for v, t in verdicts if v != "supported_with_caveat" and t != "money"]
    page.click("input[value='supported_with_caveat']")
    page.click("input[value='money']")
    assert page.evaluate(f"{shown}.length") == len(verdicts)
    rank = "[...document.querySelectorAll('#claims tbody tr')].map(r => Number(r.cells[2].dataset.sort))"
    if width < 760:  # the menu (the headings are hidden on a phone)
        assert page.is_visible("#sort") and not page.is_visible("#claims thead")
        page.select_option("#sort", label="Verdict (worst first)")
        assert page.evaluate(rank) == sorted(page.evaluate(rank), reverse=True)
        page.select_option("#sort", label="Verdict (best first)")
    else:  # the headings' buttons, from the keyboard too
        page.focus("#claims th:nth-child(3) button")
        page.keyboard.press("Enter")
        assert page.get_attribute("#claims th:nth-child(3)", "aria-sort") == "ascending"
    assert page.evaluate(rank) == sorted(page.evaluate(rank))
    first = page.evaluate("document.querySelector('#claims tbody tr td').innerText")
    assert page.evaluate(f"{shown}.length") == len(verdicts) and first


def test_the_sources_page_on_a_phone_is_a_third_of_its_former_height_and_opens_with_the_sources_of_each_claim(browser, built):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto((built / "sources.html").as_uri(), wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= SOURCES_HEIGHT_ON_MAIN / 3, f"{height} px"
    first = page.evaluate("[document.querySelector('main h2').innerText, document.querySelector('main table').id]")
    assert first == ["Sources by claim", "claim-sources"]
    rows = page.evaluate("[...document.querySelectorAll('#claim-sources tbody tr')].map(r => r.querySelector('a').innerText)")
    assert rows == [entry["claim"] for entry in claims.registry().values()]
    jumps = page.evaluate("[...document.querySelectorAll('main nav a')].map(a => a.getAttribute('href'))")
    assert jumps[0] == "#by-claim" and all(page.evaluate(f"!!document.getElementById('{j[1:]}')") for j in jumps)
    targets = page.evaluate("[...document.querySelectorAll('.claim-sources a')].map(a => a.getAttribute('href'))")
    assert targets and all(page.evaluate(f"!!document.getElementById('{t[1:]}')") for t in set(targets))  # each to its entry


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
        at = lines.index(f"  {claims.claim(cid)['claim']}")  # the terminal names it as a reader knows it, with its card
        assert lines[at + 1] == f"    {LABELS[old]} -> {LABELS[new]}; its card: {out}/report/claims/{cid}.html"
        card = (out / "report" / "claims" / f"{cid}.html").read_text()
        assert f'class="badge v-{new}">{LABELS[new]}' in card and f'class="badge v-{old}">{LABELS[old]}' in card
        assert "changed" in reader_text(card)
        finding = re.search(r'<section class="reading-panel r0".*?<p class="finding">(.*?)</p>', card, re.S)[1]
        built_card = (built / "claims" / f"{cid}.html").read_text()
        assert finding != re.search(r'<section class="reading-panel r0".*?<p class="finding">(.*?)</p>', built_card, re.S)[1]
        assert html.unescape(finding) == rows[cid]["finding"] == json_ld(card)["reviewRating"]["ratingExplanation"]
        assert json_ld(card)["reviewRating"].get("ratingValue") == RATINGS.get(new)
        assert json_ld(built_card)["reviewRating"].get("ratingValue") == RATINGS.get(old)
        said = re.escape(html.escape(claims.claim(cid)["claim"], quote=False))
        assert recorded[cid] == new and re.search(rf">{said}</td>\s*<td[^>]*>{re.escape(LABELS[new])}</td>", notebook_page)
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
def test_pages_meet_wcag_2_aa_and_best_practices_by_axe_core(browser, built, width):
    axe_script = pytest.importorskip("axe_playwright_python.base", reason="axe-playwright-python is part of the test extras").AXE_SCRIPT
    names = ["index.html", "sources.html", "claims/origin-47-18-5.html", "claims/gpt4-training-cost.html",
             "claims/china-researchers-outnumber-us.html", "claims/top25-2022-us-15-ibm-out.html",
             "claims/grok3-presenters-chinese-descent.html", "notebooks/01_researcher_origin.html",
             "notebooks/04_top_institutions.html", "notebooks/07_compute_costs.html"]
    page = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900}).new_page()  # axe is the test's script
    found = []
    for name in names:
        page.goto((built / name).as_uri(), wait_until="load")
        page.add_script_tag(content=axe_script)
        result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']}, "
                               "resultTypes: ['violations']})")  # every violation still; passes not listed node by node
        found += [f"{name}: {v['id']} ({v['nodes'][0]['html'][:80]})" for v in result["violations"]]
    assert found == []




VISIBLE = "[...document.querySelectorAll('.reading-panel')].filter(p => p.offsetParent !== null)"


@pytest.mark.parametrize("width", [390, 1400])
def test_a_card_switches_its_reading_with_no_script_and_shows_the_default_with_scripts_off(browser, built, width):
    """A parametric claim flipped through its switch: the badge and the finding shown change with the reading picked
    (CSS only: radio buttons and :has(), no script); with JavaScript off the run's own reading shows and the table
    still lists every other reading with its verdict."""
    card = (built / "claims" / "china-researchers-outnumber-us.html").as_uri()
    shown = f"{VISIBLE}.map(p => [p.querySelector('.badge').innerText, p.querySelector('.finding').innerText])"
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


PHONE = {"width": 390, "height": 844}
IN_VIEW = "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.top < innerHeight; }"


def test_a_cards_first_phone_screen_shows_the_claim_labelled_its_verdict_and_the_start_of_its_finding(browser, built):
    """On a phone, the card's first screen says the headline is the article's claim and shows the verdict and the
    start of the finding (once the claim filled the screen, the verdict only in the tab's title): every card, the
    longest claims included."""
    page = browser.new_page(viewport=PHONE)
    cards = sorted(built.glob("claims/*.html"))
    first_screen = (f"() => {{ const inView = {IN_VIEW}; return [document.querySelector('h1 .kicker').innerText,"
                    " inView(document.querySelector('.reading-panel.r0 .badge, p.verdict .badge')),"
                    " inView(document.querySelector('p.finding'))]; }")  # one call a card: a locator's costs three
    for card in cards:
        page.goto(card.as_uri(), wait_until="load")
        kicker, badge, finding = page.evaluate(first_screen)
        assert kicker.lower() == "the article's claim", card.name
        assert badge and finding, f"{card.name}: verdict or finding below the first screen"
    assert len(cards) == len(claims.registry())


def test_the_index_on_a_phone_shows_a_claim_on_its_first_screen_and_no_filters_without_a_script(browser, built):
    page = browser.new_page(viewport=PHONE)
    page.goto((built / "index.html").as_uri(), wait_until="load")
    assert page.locator("#claims tbody tr a").first.evaluate(IN_VIEW)  # a claim within the first screen
    assert page.is_visible(".filters summary") and not page.is_visible(".filter")  # folded, one tap away
    quiet = browser.new_context(java_script_enabled=False, viewport=PHONE).new_page()
    quiet.goto((built / "index.html").as_uri(), wait_until="load")
    controls = "[...document.querySelectorAll('.filters, .filter, #sort, #shown')].filter(e => e.offsetParent !== null)"
    assert quiet.evaluate(f"{controls}.length") == 0 and quiet.locator("#claims tbody tr").count() == len(claims.registry())
    assert page.evaluate(f"{controls}.length") > 0  # the script is what shows them


def test_worst_first_puts_the_claims_not_supported_before_those_left_open(browser, built):
    """Sorting by verdict, worst first: Not supported, then Unverifiable, then the supported ones (Unverifiable once
    came first); the order follows the verdicts the rows carry."""
    order = ["not_supported", "unverifiable", "supported_with_caveat", "supported"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((built / "index.html").as_uri(), wait_until="load")
    page.select_option("#sort", label="Verdict (worst first)")
    verdicts = page.evaluate("[...document.querySelectorAll('#claims tbody tr')].map(r => r.dataset.verdict)")
    assert {"not_supported", "unverifiable"} <= set(verdicts)
    assert verdicts == sorted(verdicts, key=order.index)


NOTEBOOK_SCREENS = {"04_top_institutions": 15, "01_researcher_origin": 7}
"""The most phone screens (390 x 844) a notebook's page may take: notebook 04's was 34 when each row of its ranking
became a card repeating ten long column headings, 01's was 10."""


@pytest.mark.parametrize("width", [390, 1400])
def test_notebook_pages_fit_in_a_few_phone_screens_their_wide_tables_scroll_in_their_own_box(browser, built, width):
    """Notebook 04's ranking (26 rows, 10 columns) scrolls sideways in its own box on a phone, its first column held,
    rather than becoming 26 cards of ten labels; no page scrolls sideways; no page a reader sees names the project's
    files or the engine's own parts."""
    page = browser.new_page(viewport={"width": width, "height": 844})
    for name, screens in NOTEBOOK_SCREENS.items():
        page.goto((built / "notebooks" / f"{name}.html").as_uri(), wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= screens * 844, f"{name}: {height / 844:.1f} screens at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto((built / "notebooks" / "04_top_institutions.html").as_uri(), wait_until="load")
    ranking = page.locator("table.tc-wide", has_text="Re-derived, NeurIPS").first
    assert ranking.locator("thead th[scope=colgroup]").count() == 2  # one heading per year over its columns
    if width < 760:
        box = ranking.evaluate("t => { const b = t.closest('.tc-scroll'); return [b.scrollWidth, b.clientWidth]; }")
        assert box[0] > box[1]  # it scrolls in its own box
        assert ranking.evaluate("t => getComputedStyle(t.tBodies[0].rows[0].cells[0]).position") == "sticky"
        assert ranking.locator("tbody tr").first.evaluate("r => r.offsetHeight") < 60  # a row, not a card
    pages = [built / "index.html", *built.glob("claims/*.html"), *built.glob("notebooks/*.html")]
    # a source is named as published, a GitHub file by its path ("conseilprev: observatoire_ia.py"): not the project's
    shown = {p.name: re.sub(r'<details class="tc-code">.*?</details>|<h2>Sources behind this verdict</h2>.*?</table>', " ",
                            p.read_text(), flags=re.S) for p in pages}
    found = {name: engine_words(reader_text(text)) for name, text in shown.items()}
    assert {name: words for name, words in found.items() if words} == {}


@pytest.mark.parametrize("width", [390, 1400])
def test_a_card_shows_the_reading_picked_where_the_thumb_is(browser, built, width):
    """The reading switch sits right under the verdict and finding it changes, so picking a reading changes what is
    on the screen (on a phone it once changed a panel a screen above)."""
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto((built / "claims" / "origin-47-18-5.html").as_uri(), wait_until="load")
    page.locator("label[for='reading-1']").scroll_into_view_if_needed()
    before = page.evaluate(f"{VISIBLE}[0].innerText")
    page.click("label[for='reading-1']")
    panel = page.evaluate_handle(f"{VISIBLE}[0]")
    assert panel.evaluate("p => p.innerText") != before
    assert panel.evaluate("p => { const r = p.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }")
