"""The report: every claim listed, a card per claim, sources, and nothing fetched from the network."""
import html
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from talentcheck import claims, data, paths
from talentcheck.claims import findings
from talentcheck.data import sources
from talentcheck.report import changes, claimreview, pages as notebook_pages, site as report
from talentcheck.run import runner
from talentcheck.run.publishing import collect_notes, collect_verdicts
from talentcheck.claims.verdicts import LABELS, RATINGS, VERDICTS

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A report built from the committed (executed) notebooks, as `talentcheck run` builds it."""
    out = tmp_path_factory.mktemp("run")
    (out / "notebooks").mkdir()
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in paths.notebooks()}
    report.write(out, collect_verdicts(executed), collect_notes(executed), executed)
    return out / "report"


def test_the_index_lists_every_claim_with_a_card(built):
    index = (built / "index.html").read_text()
    for cid in claims.registry():
        assert f'href="claims/{cid}.html"' in index
        assert (built / "claims" / f"{cid}.html").exists()
    assert index.count("<tr data-verdict=") == len(claims.registry())


def test_every_local_link_and_image_resolves_and_nothing_loads_from_the_network(built):
    pages = [built / "index.html", built / "sources.html", *built.glob("claims/*.html"), *built.glob("notebooks/*.html")]
    for page in pages:
        html = page.read_text()
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), page.name
        for target in re.findall(r'(?:src|href)="([^"#:]+)"', html):
            assert (page.parent / target).resolve().exists(), f"{page.name} -> {target}"


def test_cards_show_their_notebook_charts_and_sources(built):
    card = (built / "claims" / "origin-47-18-5.html").read_text()
    assert '<img src="../img/01_researcher_origin-1.png"' in card
    assert "https://www.damienma.com/work-1/aitalent" in card  # the source of China's 47%
    sources = (built / "sources.html").read_text()
    assert "rest on a primary or author-published source" in sources
    assert 'href="claims/huawei-100b-decade.html"' in sources
    assert ">China Banking News<" in sources or "China Banking News" in sources  # names, not bare URLs


def test_notebook_pages_fold_their_code(built):
    page = (built / "notebooks" / "01_researcher_origin.html").read_text()
    assert '<details class="tc-code">' in page
    # the notebook's own prose and its tables render as such; only the data in them is escaped
    assert re.search(r"<h1[^>]*>Where did", page) and "&lt;h1" not in page and "&lt;p&gt;" not in page
    assert '<table border="1" class="dataframe">' in page and "&lt;table" not in page


def test_a_claim_without_a_notebook_is_listed_as_not_yet_checked(data_copy):
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text().replace("  notebook: 06_xai_founders.ipynb\n", "  notebook: null\n", 1))
    claims.clear_caches()
    rows = {r["id"]: r for r in report.claim_rows([], {}, {}, {})}
    assert rows["grok3-presenters-chinese-descent"]["verdict"] == "not_yet_checked"
    assert rows["xai-founders-5-of-12"]["verdict"] == "not_run"


MARKUP = "<img src=x onerror=alert(1)>"


def reader_text(page: str) -> str:
    """What a reader sees of a page: its text, without markup, scripts, styles or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def json_ld(page: str) -> dict:
    """The card's ClaimReview as a search engine or a fact-check archive reads it (extruct, not a regex of ours)."""
    import extruct

    items = extruct.extract(page, base_url="file:///claims/card.html", syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert [item["@type"] for item in items] == ["ClaimReview"], "one ClaimReview per card"
    return items[0]


def test_every_card_is_a_fact_check_a_reader_can_quote(built):
    quotes = dict(zip(data.load("article")["claim_id"], data.load("article")["quote"]))
    article = claimreview.article_facts()
    codes = sources.code_names()
    defaults = changes.default_verdicts()
    for cid, entry in claims.registry().items():
        page = (built / "claims" / f"{cid}.html").read_text()
        text = reader_text(page)
        assert f"“{quotes[cid]}”" in text, cid  # the article's own words, as a quotation
        assert "quoted as published, spelling and spacing included" in text, cid  # its typos are the article's
        assert f'href="{article["url"]}"' in page and article["date_published"] in text, cid
        finding = re.search(r'<p class="finding">(.*?)</p>', page, re.S)[1]
        assert finding.startswith(("The evidence", "No source publishes this figure")) and re.search(r"\d", finding), cid  # computed: figures with units
        assert html.unescape(finding) == findings.finding(defaults[cid]), cid
        assert "How robust" in text, cid
        why = html.unescape(re.search(r"<dt>Why</dt><dd>(.*?)</dd>", page, re.S)[1])
        assert not re.search(r"\b[a-z_]+=\S", why), f"{cid}: parameter text in the reason: {why}"
        assert not [c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", why)], f"{cid}: {why}"
        named = re.findall(r'<a class="source-title" href="([^"]+)">([^<]+)</a>', page)
        assert named and all(not label.startswith("http") for _, label in named), cid
    for page in [built / "index.html", built / "sources.html", *built.glob("claims/*.html")]:
        words = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", reader_text(page.read_text())))
        assert not words & {*VERDICTS, "not_run", "not_yet_checked"}, page.name
        assert not words & {"top_tier", "most_elite", "best_standing", "as_stated"}, page.name


def test_every_card_embeds_claimreview_from_the_same_data_and_the_run_writes_them_all(built):
    reviews = {r["url"]: r for r in json.loads((built.parent / "claimreview.json").read_text())}
    quotes = dict(zip(data.load("article")["claim_id"], data.load("article")["quote"]))
    article = claimreview.article_facts()
    for cid in claims.registry():
        page = (built / "claims" / f"{cid}.html").read_text()
        review = json_ld(page)
        assert review["@context"].rstrip("/").endswith("schema.org")
        assert review["claimReviewed"] == quotes[cid]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == article["publisher"]
        assert item["appearance"]["url"] == article["url"] and item["appearance"]["datePublished"] == article["date_published"]
        rating = review["reviewRating"]
        badge = re.search(r'<dt>Verdict</dt><dd><span class="badge v-(\w+)">', page)[1]
        assert (rating["ratingValue"], rating["alternateName"]) == (RATINGS[badge], LABELS[badge])
        assert (rating["worstRating"], rating["bestRating"]) == (1, 4)
        assert review["author"]["name"] and re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
        assert review["url"] == f"{cid}.html"
        assert reviews[f"report/claims/{cid}.html"]["reviewRating"] == rating


def test_markup_in_any_free_text_is_shown_as_text_on_every_page(data_copy, tmp_path):
    """Every free-text cell of data/ and every paraphrase gets markup; no page may carry it as markup."""
    schemas = yaml.safe_load((data_copy / "tables.yaml").read_text())
    keys_read = {"code", "url", "claim_id"}  # what joins tables: markup there is refused or matches nothing
    for name, spec in schemas.items():
        free = [c for c, rule in spec["columns"].items() if not (rule or {}).get("type") and not (rule or {}).get("allowed")
                and c not in spec.get("key", []) and c not in keys_read]
        path = data_copy / f"{name}.csv"
        table = data.read_csv(path)
        for column in free:
            table[column] = [f"{v}{MARKUP}" if v and (column != "source_name" or not sources.CODE.match(v)) else v
                             for v in table[column]]
        table.to_csv(path, index=False, lineterminator="\n")
    registry = data_copy / "claims.yaml"
    entries = yaml.safe_load(registry.read_text())
    registry.write_text(yaml.safe_dump([{**e, "claim": f"{e['claim']} {MARKUP}"} for e in entries], allow_unicode=True))
    claims.clear_caches()
    data.validate_all()
    out = tmp_path / "run"
    (out / "notebooks").mkdir(parents=True)
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in paths.notebooks()}
    cell = next(c for c in executed["01_researcher_origin.ipynb"].cells if c.cell_type == "code")
    cell.outputs.append(nbformat.v4.new_output("display_data", {"text/markdown": f"| a |\n|---|\n| DM{MARKUP} |",
                                                                "text/html": f"<p>DM{MARKUP}</p>"}))
    report.write(out, collect_verdicts(executed), collect_notes(executed), executed)
    pages = [out / "report" / "index.html", out / "report" / "sources.html", *(out / "report").glob("*/*.html")]
    shown = 0
    for page in pages:
        text = page.read_text()
        assert not re.search(r"<img[^>]*onerror", text, re.I), page.name  # as markup it would run in a browser
        assert 'http-equiv="Content-Security-Policy"' in text, page.name
        shown += "&lt;img src" in text
    assert shown >= len(claims.registry()) + 2  # the markup reached the pages, as text


def test_the_index_script_is_the_only_script_the_policy_allows(built):
    index = (built / "index.html").read_text()
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', index)[1])
    assert notebook_pages.csp(report.SCRIPT) == policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    card = (built / "claims" / "origin-47-18-5.html").read_text()
    assert "script-src 'none'" in html.unescape(card)


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

    from conftest import set_cell
    from talentcheck.claims.verdicts import from_notebook

    set_cell(data_copy / "tracker/origin_undergrad.csv", {"source_name": "DM"}, "source_name", f"DM{MARKUP}")
    lines = []
    out = tmp_path / "out"
    assert runner.run(["01_researcher_origin"], [("cohort", "most_elite")], out, 1, echo=lines.append) == 0
    with open(out / "verdicts.csv", newline="", encoding="utf-8") as handle:
        rows = {r["claim_id"]: r for r in csv.DictReader(handle)}
    assert set(rows) == set(claims.registry())  # the other notebooks' claims are still judged
    defaults = changes.default_verdicts()
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
        finding = re.search(r'<p class="finding">(.*?)</p>', card, re.S)[1]
        before = re.search(r'<p class="finding">(.*?)</p>', (built / "claims" / f"{cid}.html").read_text(), re.S)[1]
        assert finding != before
        assert json_ld(card)["reviewRating"]["ratingValue"] == RATINGS[new]
        assert json_ld((built / "claims" / f"{cid}.html").read_text())["reviewRating"]["ratingValue"] == RATINGS[old]
        assert recorded[cid] == new and re.search(rf"{re.escape(cid)}</td>\s*<td[^>]*><strong>{re.escape(LABELS[new])}</strong>", notebook_page)
        conclusion = html.unescape(re.search(r'<dd class="conclusion">(.*?)</dd>', card, re.S)[1])
        built_card = (built / "claims" / f"{cid}.html").read_text()
        assert conclusion != html.unescape(re.search(r'<dd class="conclusion">(.*?)</dd>', built_card, re.S)[1])
        assert conclusion == findings.conclusion(list(from_notebook(executed)))  # the notebook's own, carried to the card
    assert html.escape(findings.conclusion(list(from_notebook(executed)))).replace("&#x27;", "&#39;")[:60] in notebook_page.replace("&#x27;", "&#39;")
    index = (out / "report" / "index.html").read_text()
    assert index.count('<span class="flip">changed</span>') == len(flipped)
    ran_with = "ran with cohort most elite (top 2%)"  # the run's own readings, where they are not the defaults
    assert index.count(ran_with) == len(claims.claims_for("01_researcher_origin.ipynb"))
    assert "data-verdict=\"not_run\"" not in index
    for page in [out / "report" / "index.html", *(out / "report").glob("*/*.html")]:
        assert not re.search(r"<img[^>]*onerror", page.read_text(), re.I), page.name


AXE = "4.14.1"


@pytest.fixture(scope="module")
def axe_script(tmp_path_factory) -> str:
    """axe-core, fetched from the npm registry into the test run (never into the report)."""
    import subprocess
    import tarfile

    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed here (.ci/run installs it with Debian's chromium)")
    folder = tmp_path_factory.mktemp("axe")
    done = subprocess.run([npm, "pack", f"axe-core@{AXE}", "--silent"], cwd=folder, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"npm could not fetch axe-core {AXE}: {done.stderr.strip()[:200]}")
    with tarfile.open(folder / done.stdout.strip().splitlines()[-1]) as archive:
        return archive.extractfile("package/axe.min.js").read().decode()


@pytest.mark.parametrize("width", [390, 1400])
def test_pages_meet_wcag_2_aa_by_axe_core(built, axe_script, width):
    chromium, sync_api = _chromium()
    names = ["index.html", "sources.html", "claims/origin-47-18-5.html", "claims/gpt4-training-cost.html",
             "notebooks/01_researcher_origin.html"]
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


def test_robustness_counts_the_readings_the_evidence_supports(data_copy):
    from conftest import set_cell

    params = claims.notebook_defaults("01_researcher_origin.ipynb")
    verdict = claims.judge("china-researchers-outnumber-us", params).verdict
    assert report.robustness("china-researchers-outnumber-us", params, verdict).startswith("Holds under 2 of 4 readings")
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "most_elite", "country": "United States"},
             "share_pct", "20")
    verdict = claims.judge("china-researchers-outnumber-us", params).verdict
    assert report.robustness("china-researchers-outnumber-us", params, verdict).startswith("Holds under 3 of 4 readings")
    # a verdict the report cannot reproduce from the data (one the notebook computed) is not re-judged
    assert report.robustness("china-researchers-outnumber-us", params, "unverifiable").startswith("Not re-judged here")


def test_a_figure_its_notebook_computes_points_to_other_readings_only_where_its_reason_gives_them():
    """'its reason gives the other readings' is said only of a reason that holds one ("With ... instead, ...")."""
    params = claims.notebook_defaults("06_xai_founders.ipynb")
    plain = report.robustness("xai-founders-education", params, "supported", "The evidence gives Greg Yang: yes.")
    assert plain == "Not re-judged here: its notebook computes this figure; the notebook can be rerun with other parameters."
    named = report.robustness("xai-founders-education", params, "supported", "Holds. With all schooling instead, it holds.")
    assert "its reason gives the other readings it was judged under" in named


def test_every_chart_on_every_page_has_its_own_text_alternative(built):
    """A screen reader hears what each chart shows (its description, computed in the kernel from the chart),
    not nbconvert's "No description has been provided" or a chart number; on a card it also hears that the
    link opens the chart full size."""
    seen = 0
    for page in built.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            alt = html.unescape(re.search(r'alt="([^"]*)"', tag).group(1))
            assert alt.startswith("Chart. ") and len(alt) > 30, f"{page.name}: {alt!r}"
            if page.parent.name == "claims":
                assert alt.endswith("(opens full size)")
            seen += 1
    assert seen > 20


def test_a_card_says_where_its_charts_come_from_and_warns_of_re_derived_counts_only_where_a_chart_has_them(built):
    ranking = (built / "claims" / "top25-2022-us-15-ibm-out.html").read_text(encoding="utf-8")
    electricity = (built / "claims" / "openai-electricity-300m.html").read_text(encoding="utf-8")
    for card in (ranking, electricity):
        assert "<h2>Chart from its notebook</h2>" in card and "a chart may show more than this claim" in card
    assert "re-derived ranking" in ranking and "counts the full NeurIPS lists, not the Tracker's sample" in ranking
    assert "re-derived" not in electricity


def test_the_re_derived_warning_follows_the_charts_text_alternative(tmp_path):
    """The warning is read off the chart's titles: a chart whose title stops saying "re-derived" loses it."""
    source = nbformat.read(paths.NOTEBOOKS / "04_top_institutions.ipynb", as_version=4)
    pngs = [o for c in source.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert all(any("re-derived" in t for t in o.metadata["image/png"]["titles"]) for o in pngs)
    assert all(c["rederived"] for c in notebook_pages.save_charts(source, "04", tmp_path))
    for output in pngs:
        output.metadata["image/png"]["titles"] = [t.replace("re-derived", "Tracker") for t in output.metadata["image/png"]["titles"]]
        output.metadata["image/png"]["alt"] += " “a re-derived institution”"  # a name in the data cannot set it
    assert not any(c["rederived"] for c in notebook_pages.save_charts(source, "04", tmp_path))


WECHAT = "https://freewechat.com/a/MjM5MjAwODM4MA==/2651005074/1"


def shown_sources(page: str) -> list[tuple[str, str]]:
    """(heading, the lines under it) of every source a page lists, as a reader sees them."""
    cells = re.findall(r'<a class="source-title" href="[^"]*">(.*?)</a>(.*?)</td>', page, re.S)
    return [(html.unescape(heading), html.unescape(re.sub(r"<[^>]+>", " ", rest))) for heading, rest in cells]


def test_no_source_on_any_page_is_named_by_an_id_hash_or_base64_token(built):
    pages = [built / "sources.html", *built.glob("claims/*.html")]
    listed = 0
    for page in pages:
        for heading, _ in shown_sources(page.read_text()):
            listed += 1
            assert not sources.opaque_words(heading), f"{page.name}: {heading!r}"
    assert listed > len(data.load("sources")) // 2
    for title in data.load("sources")["title"].dropna():
        assert not sources.opaque_words(title), title  # the registry records none either


@pytest.mark.parametrize("token", ["MjM5MjAwODM4MA==", "PjmDZE5I8E", "cef5ec0420", "125021901388_1",
                                   "QmRtMBFhXRhp5FdcQo4czzdwtNydFtkshkvK6RhjAm2jrN"])
def test_opaque_words_are_recognised_and_ordinary_words_are_not(token):
    assert sources.opaque_words(f"Huawei posts rise {token}") == [token]
    assert sources.opaque_words("Alibaba plans spend 28bn, 2026-03-14, gpt4 h100s 71717 (at commit 6913570)") == []


def test_an_untitled_source_shows_an_honest_label_on_the_index_and_its_cards(built):
    label = "Untitled page, FreeWeChat (WeChat article mirror) (freewechat.com)"
    assert sources.describe(WECHAT)["heading"] == label
    for page in (built / "sources.html", built / "claims" / "chinese-educated-foundation.html"):
        shown = dict(shown_sources(page.read_text()))
        assert label in shown, page.name
        assert "Mirror (a copy made by a third party) of a WeChat article" in " ".join(shown[label].split())
    untitled = sources.describe("https://www.sec.gov/Archives/edgar/data/1509646/000110465918026859/R60.htm")
    assert untitled["heading"] == "Untitled page, US Securities and Exchange Commission (sec.gov)"


def test_mirrors_and_code_say_what_they_are_from_the_registry(built):
    shown = {heading: " ".join(rest.split()) for heading, rest in shown_sources((built / "sources.html").read_text())}
    code = shown["c79942474-cyber/conseilprev: observatoire_ia.py (at commit 34bf4ac)"]
    assert "Program code, not a publication: a French app's Python file" in code
    assert "Code and data repository, not a publication: a third party's capture of the NeurIPS 2019" in \
        shown["dcharrezt/NeurIPS-2019-Stats (at commit ad78a71)"]
    for row in data.load("sources").astype(object).to_dict("records"):
        if isinstance(row["form"], str):
            assert isinstance(row["what"], str) and row["what"], f"{row['url']}: a {row['form']} says what it is of"


def test_a_title_or_form_changed_in_the_data_changes_the_pages(data_copy, tmp_path):
    from conftest import set_cell

    set_cell(data_copy / "sources.csv", {"url": WECHAT}, "title", "Who built Sora (a test title)")
    set_cell(data_copy / "sources.csv", {"url": "https://aait.co.jp/?p=48489"}, "form", "mirror")
    set_cell(data_copy / "sources.csv", {"url": "https://aait.co.jp/?p=48489"}, "what", "a Nikkei article (a test)")
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    report.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    index = dict(shown_sources((tmp_path / "report" / "sources.html").read_text()))
    card = dict(shown_sources((tmp_path / "report" / "claims" / "chinese-educated-foundation.html").read_text()))
    for page in (index, card):
        assert "Who built Sora (a test title)" in page
        assert not any(h.startswith("Untitled page, FreeWeChat") for h in page)
    assert "Mirror (a copy made by a third party) of a Nikkei article (a test)" in " ".join(
        index["Untitled page, AAIT (aait.co.jp)"].split())


def test_a_card_gives_each_url_its_own_standing_not_the_best_of_its_row(built):
    rows = re.findall(r'class="source-title" href="([^"]*)">.*?<td data-label="Standing">([^<]*)</td>',
                      (built / "claims" / "huawei-100b-decade.html").read_text(), re.S)
    standing = {html.unescape(url): s for url, s in rows}
    assert standing["https://www.huawei.com/en/annual-report/2022"] == "primary"
    assert standing["https://dailytimes.com.pk/1079388/huawei-releases-annual-report-generates-92-37bn-revenue-in-2022/"] == "secondary"


def test_a_card_lists_each_source_once_with_its_own_standing_and_says_where_the_project_computed_from_it(built):
    """The PBOC rate page is cited by transcribed rows and by rows the project derived from it: one row on the
    Huawei card, with the registry's standing and a note; the sources page defines every standing it may show."""
    card = (built / "claims" / "huawei-100b-decade.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td data-label="Source">(.*?)</tr>', card, re.S)
    urls = [re.search(r'href="([^"]+)"', r)[1] for r in rows]
    assert len(urls) == len(set(urls))
    [pboc] = [r for r in rows if "tmtindustry.com" in r]
    standing = sources.describe(re.search(r'href="([^"]+)"', pboc)[1])["standing"]
    assert f'data-label="Standing">{standing} (the project computed figures from it)</td>' in pboc
    ranks = [data.STANDINGS.index(re.search(r'data-label="Standing">(\w+)', r)[1]) for r in rows]
    assert ranks == sorted(ranks)  # best standing first
    page = (built / "sources.html").read_text(encoding="utf-8")
    assert all(f"<em>{s}</em>, " in page for s in data.STANDINGS)
