"""The report: every claim listed, a card per claim, sources, and nothing fetched from the network."""
import html
import json
import re
import shutil

import nbformat
import yaml

from helpers import MARKUP, json_ld, opaque_words, reader_text
from talentcheck import claims, clear_caches, data, parameters, paths
from talentcheck.claims.verdicts import RATINGS, VERDICTS
from talentcheck.claims.words import CELL_WORDS, VERDICT_LABELS as LABELS
from talentcheck.data import sources
from talentcheck.data.files import read_csv
from talentcheck.report import cards, changes, claimreview, pages, site
from talentcheck.report.sources import named
from talentcheck.run.results import collect_notes, collect_verdicts
from talentcheck.topics import readings

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
    phone, desktop = re.search(r'<picture><source media="\(max-width: 760px\)" srcset="../(img/\w+-phone.png)"><img src="../(img/\w+.png)"', card).groups()
    assert (built / phone).exists() and (built / desktop).exists()
    notebook = nbformat.read(paths.NOTEBOOKS / "01_researcher_origin.ipynb", as_version=4)
    assert [c["src"] for c in pages.save_charts(notebook, built / "img")] == [desktop]  # the notebook's one chart
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
    assert re.search(r'<table class="tc-table[^"]*"><thead><tr><th scope="col">Cohort</th>', page) and "&lt;table" not in page
    # code that runs together (the parameters, then the imports) folds under one toggle, not two in a row
    assert not re.search(r"</details>\s*(</div>\s*)*(<div[^>]*>\s*)*<details class=\"tc-code\">", page)
    assert page.count('<details class="tc-code">') < sum(c.cell_type == "code" for c in nbformat.read(
        next(p for p in paths.notebooks() if p.stem == "01_researcher_origin"), as_version=4).cells)
    assert not re.search(r"(In|Out)\s*\[\d*\]", reader_text(page)) and "<title>Where did" in page  # no prompts; its own title


def test_a_claim_without_a_notebook_is_listed_as_not_yet_checked(data_copy):
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text().replace("  notebook: 06_xai_founders.ipynb\n", "  notebook: null\n", 1))
    clear_caches()
    rows = {r["id"]: r for r in cards.claim_rows([], {}, {}, {})}
    assert rows["grok3-presenters-chinese-descent"]["verdict"] == "not_yet_checked"
    assert rows["xai-founders-5-of-12"]["verdict"] == "not_run"


def test_every_card_is_a_fact_check_a_reader_can_quote(built):
    quotes = dict(zip(data.load("article")["claim_id"], data.load("article")["quote"]))
    article = claimreview.article_facts()
    codes = sources.code_names()
    defaults = changes.committed_verdicts()
    for cid, entry in claims.registry().items():
        page = (built / "claims" / f"{cid}.html").read_text()
        text = reader_text(page)
        assert f"“{quotes[cid]}”" in text, cid  # the article's own words, as a quotation
        assert "quoted as published, spelling and spacing included" in text, cid  # its typos are the article's
        assert f'href="{article["url"]}"' in page and article["date_published"] in text, cid
        finding = re.search(r'<section class="reading-panel r0"[^>]*>.*?<p class="finding">(.*?)</p>', page, re.S)[1]
        assert html.unescape(finding) == defaults[cid]["finding"] and re.search(r"\d|\b(?:two|five|six)\b", finding), cid
        why = html.unescape(re.search(r'<p class="why">(.*?)</p>', page, re.S)[1])
        assert why == defaults[cid]["reason"] and not re.search(r"\b[a-z_]+=\S", why), f"{cid}: {why}"
        assert not [c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", why)], f"{cid}: {why}"
        named_ = re.findall(r'<a class="source-title" href="([^"]+)">([^<]+)</a>', page)
        assert named_ and all(not label.startswith("http") for _, label in named_), cid
        for gone in ("How robust", "What its notebook concludes", "a chart may show more than this claim", "The article states"):
            assert gone not in text, f"{cid}: {gone}"
    for page in [built / "index.html", built / "sources.html", *built.glob("claims/*.html")]:
        words = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", reader_text(page.read_text())))
        assert not words & {*VERDICTS, "not_run", "not_yet_checked"}, page.name
        assert not words & {"top_tier", "most_elite", "best_standing", "as_stated"}, page.name
    assert "Every verdict in this run is the default verdict" not in (built / "index.html").read_text()


def test_every_card_embeds_claimreview_from_the_same_data_and_the_run_writes_them_all(built):
    reviews = json.loads((built.parent / "claimreview.json").read_text())
    assert len(reviews) == len(claims.registry())
    quotes = dict(zip(data.load("article")["claim_id"], data.load("article")["quote"]))
    article = claimreview.article_facts()
    defaults = changes.committed_verdicts()
    for cid, review in zip(claims.registry(), reviews):
        page = (built / "claims" / f"{cid}.html").read_text()
        assert json_ld(page) == review
        assert review["@context"].rstrip("/").endswith("schema.org")
        assert review["claimReviewed"] == quotes[cid]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == article["publisher"]
        assert item["appearance"]["url"] == article["url"] and item["appearance"]["datePublished"] == article["date_published"]
        rating, verdict = review["reviewRating"], defaults[cid]["verdict"]
        assert rating["alternateName"] == LABELS[verdict] and rating["ratingExplanation"] == defaults[cid]["finding"]
        if verdict == "unverifiable":  # a textual rating only: no degree of truth
            assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
        else:
            assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (RATINGS[verdict], 1, 3)
        assert review["author"]["name"] and re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
        assert "url" not in review  # no public address given: no url rather than a relative one


def test_markup_in_any_free_text_is_shown_as_text_on_every_page(data_copy, tmp_path):
    """Every free-text cell of data/ and every paraphrase gets markup; no page may carry it as markup."""
    schemas = yaml.safe_load((data_copy / "tables.yaml").read_text())
    keys_read = {"code", "url", "claim_id"}  # what joins tables: markup there is refused or matches nothing
    for name, spec in schemas.items():
        free = [c for c, rule in spec["columns"].items() if not (rule or {}).get("type") and not (rule or {}).get("allowed")
                and c not in spec.get("key", []) and c not in keys_read]
        path = data_copy / f"{name}.csv"
        table = read_csv(path)
        for column in free:
            table[column] = [f"{v}{MARKUP}" if v and (column != "source_name" or not sources.CODE.match(v)) else v
                             for v in table[column]]
        table.to_csv(path, index=False, lineterminator="\n")
    registry = data_copy / "claims.yaml"
    entries = yaml.safe_load(registry.read_text())
    registry.write_text(yaml.safe_dump([{**e, "claim": f"{e['claim']} {MARKUP}"} for e in entries], allow_unicode=True))
    clear_caches()
    data.validate_all()
    out = tmp_path / "run"
    (out / "notebooks").mkdir(parents=True)
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in paths.notebooks()}
    cell = next(c for c in executed["01_researcher_origin.ipynb"].cells if c.cell_type == "code")
    cell.outputs.append(nbformat.v4.new_output("display_data", {"text/markdown": f"| a |\n|---|\n| DM{MARKUP} |",
                                                                "text/html": f"<p>DM{MARKUP}</p>"}))
    site.write(out, collect_verdicts(executed), collect_notes(executed), executed)
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
    assert pages.csp(site.SCRIPT) == policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    card = (built / "claims" / "origin-47-18-5.html").read_text()
    assert "script-src 'none'" in html.unescape(card)


def test_robustness_counts_the_readings_and_a_supported_verdict_that_fails_under_one_says_so_once_in_its_switch(built):
    card = (built / "claims" / "china-researchers-outnumber-us.html").read_text()
    said = "Holds under 1 of 2 readings; not under most elite researchers (about the top 2%)."
    assert f'<p class="meta robust warn">{said}</p>' in card and card.count(said) == 1
    assert card.index(said) > card.index('<fieldset class="readings">')  # in the switch, not beside the badge
    assert "the first Tracker (NeurIPS 2019 papers, published in June 2020): another year than the claim speaks of" in card
    assert cards.robustness([{"verdict": "unverifiable", "label": "a"}, {"verdict": "unverifiable", "label": "b"}])["text"] == \
        "Holds under neither reading: none settles it."
    open_card = (built / "claims" / "top25-2022-tsinghua-peking-top5.html").read_text()
    assert "Holds under none of its" in open_card and "robust warn" not in open_card


def test_robustness_counts_only_readings_of_the_claim_and_names_failing_and_unsettled_ones():
    """A reading of another year is shown but not counted; failing readings read "not under A nor under B", and
    unsettled ones are named too."""
    row = lambda verdict, label, other="": {"verdict": verdict, "label": label, "other": other}  # noqa: E731
    shown = [row("supported", "this"), row("not_supported", "A"), row("not_supported", "B"), row("unverifiable", "C"),
             row("supported", "D")]
    said = cards.robustness(shown)
    assert said["text"] == "Holds under 2 of 5 readings; not under A nor under B; unsettled under C." and said["warn"]
    with_year = cards.robustness([*shown[:1], row("not_supported", "2022", "another year than the claim speaks of")])
    assert with_year["text"] == "Holds under its one reading." and not with_year["warn"]
    assert readings.speaks_of_another("china-barely-registered-2019", "year", {"year": 2022})
    assert not readings.speaks_of_another("china-barely-registered-2019", "year", {"year": 2019})
    assert not readings.speaks_of_another("china-barely-registered-2019", "cohort", {"cohort": "top_tier"})


def test_a_claim_no_reading_bears_on_shows_no_switch_and_its_one_verdict(built):
    card = (built / "claims" / "grok3-presenters-chinese-descent.html").read_text()
    assert 'type="radio"' not in card and "Readings used" not in card
    switched = (built / "claims" / "alibaba-52b-3yr.html").read_text()
    assert switched.count('type="radio"') == 2 and "official rate" in switched


def test_every_chart_on_every_page_has_its_own_text_alternative(built):
    """A screen reader hears what each chart shows (its description, computed in the kernel from the chart),
    not nbconvert's "No description has been provided" or a chart number; on a card it also hears that the
    link opens the chart full size."""
    seen = 0
    for page in built.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            alt = html.unescape(re.search(r'alt="([^"]*)"', tag).group(1))
            assert alt.startswith("Chart. ") and len(alt) > 30 and re.search(r"\d", alt), f"{page.name}: {alt!r}"
            seen += 1
        text = page.read_text(encoding="utf-8")
        desktop = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', text)
        phone = re.findall(r'<source\b[^>]*\bsrcset="([^"]+)"', text)
        opened = re.findall(r'<a (?:class="(phone-only|wide-only)" )?href="([^"]+)">Open the chart full size</a>', text)
        # a phone opens the phone's drawing, a wider screen the desktop's: one link for each width, to the image it shows
        assert [href for kind, href in opened if kind != "phone-only"] == desktop
        assert [href for kind, href in opened if kind == "phone-only"] == phone
    assert seen > 20


def test_a_card_shows_only_the_chart_that_bears_on_its_claim_and_warns_of_re_derived_counts(built):
    ranking = (built / "claims" / "top25-2022-us-15-ibm-out.html").read_text(encoding="utf-8")
    electricity = (built / "claims" / "openai-electricity-300m.html").read_text(encoding="utf-8")
    for card in (ranking, electricity):
        assert card.count("<h2>Chart</h2>") == 1
    assert "counts the full NeurIPS lists, not the Tracker's sample" in ranking and "re-derived" not in electricity
    for cid in ("alibaba-52b-3yr", "chinese-companies-billions", "gpt4-training-cost", "grok3-presenters-chinese-descent"):
        assert "<h2>Chart</h2>" not in (built / "claims" / f"{cid}.html").read_text(encoding="utf-8"), cid  # no other claim's chart
    huawei = (built / "claims" / "huawei-100b-decade.html").read_text(encoding="utf-8")
    assert huawei.count("<h2>Chart</h2>") == 1 and "alt=\"Chart. Huawei&#39;s R&amp;D" in huawei  # 08's first chart, its own


def test_the_re_derived_warning_follows_the_charts_text_alternative(tmp_path):
    """The warning is read off the chart's titles: a chart whose title stops saying "re-derived" loses it."""
    source = nbformat.read(paths.NOTEBOOKS / "04_top_institutions.ipynb", as_version=4)
    pngs = [o for c in source.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert all(any("re-derived" in t for t in o.metadata["image/png"]["titles"]) for o in pngs)
    assert all(c["rederived"] for c in pages.save_charts(source, tmp_path))
    for output in pngs:
        output.metadata["image/png"]["titles"] = [t.replace("re-derived", "Tracker") for t in output.metadata["image/png"]["titles"]]
        output.metadata["image/png"]["alt"] += " “a re-derived institution”"  # a name in the data cannot set it
    assert not any(c["rederived"] for c in pages.save_charts(source, tmp_path))


WECHAT = "https://freewechat.com/a/MjM5MjAwODM4MA==/2651005074/1"


def shown_sources(page: str) -> list[tuple[str, str]]:
    """(heading, the lines under it) of every source a page lists, as a reader sees them."""
    cells = re.findall(r'<a class="source-title" href="[^"]*"[^>]*>(.*?)</a>(.*?)(?=</td>|</li>)', page, re.S)
    return [(html.unescape(heading), html.unescape(re.sub(r"<[^>]+>", " ", rest))) for heading, rest in cells]


def test_no_source_on_any_page_is_named_by_an_id_hash_or_base64_token(built):
    pages = [built / "sources.html", *built.glob("claims/*.html")]
    listed = 0
    for page in pages:
        for heading, _ in shown_sources(page.read_text()):
            listed += 1
            assert not opaque_words(heading), f"{page.name}: {heading!r}"
    assert listed > len(data.load("sources")) // 2
    for title in data.load("sources")["title"].dropna():
        assert not opaque_words(title), title  # the registry records none either


def test_an_untitled_source_shows_an_honest_label_and_only_on_the_cards_it_bears_on(built):
    label = "FreeWeChat (WeChat article mirror), freewechat.com (title not recorded)"
    assert named(WECHAT)["heading"] == label
    shown = dict(shown_sources((built / "sources.html").read_text()))
    assert label in shown and "Mirror (a copy made by a third party) of a WeChat article" in " ".join(shown[label].split())
    # it backs two Sora authors of other descent, so it bears on no claim about Chinese-descent researchers
    assert label not in dict(shown_sources((built / "claims" / "chinese-educated-foundation.html").read_text()))
    untitled = named("https://www.sec.gov/Archives/edgar/data/1509646/000110465918026859/R60.htm")
    assert untitled["heading"] == "US Securities and Exchange Commission, sec.gov (title not recorded)"


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
    from helpers import set_cell

    set_cell(data_copy / "sources.csv", {"url": WECHAT}, "title", "Who built Sora (a test title)")
    set_cell(data_copy / "sources.csv", {"url": "https://www.damienma.com/work-1/aitalent"}, "title", "Tracker 2.0 (a test title)")
    set_cell(data_copy / "sources.csv", {"url": "https://aait.co.jp/?p=48489"}, "form", "mirror")
    set_cell(data_copy / "sources.csv", {"url": "https://aait.co.jp/?p=48489"}, "what", "a Nikkei article (a test)")
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    index = dict(shown_sources((tmp_path / "report" / "sources.html").read_text()))
    card = dict(shown_sources((tmp_path / "report" / "claims" / "origin-47-18-5.html").read_text()))
    assert "Who built Sora (a test title)" in index and not any(h.startswith("FreeWeChat") for h in index)
    assert "Tracker 2.0 (a test title)" in card and "Tracker 2.0 (a test title)" in index
    assert "Mirror (a copy made by a third party) of a Nikkei article (a test)" in " ".join(
        index["AAIT (aait.co.jp) (title not recorded)"].split())


def test_a_card_gives_each_url_its_own_standing_not_the_best_of_its_row(built):
    rows = re.findall(r'class="source-title" href="([^"]*)">.*?<td data-label="Standing">([^<]*)</td>',
                      (built / "claims" / "huawei-100b-decade.html").read_text(), re.S)
    standing = {html.unescape(url): s for url, s in rows}
    assert standing["https://www.huawei.com/en/annual-report/2022"] == "primary"
    assert standing["https://dailytimes.com.pk/1079388/huawei-releases-annual-report-generates-92-37bn-revenue-in-2022/"] == "secondary"


def test_a_card_lists_each_source_once_with_its_own_standing_and_says_where_the_project_computed_from_it(built):
    """The NeurIPS 2022 crawl is a third party's repository (secondary) that the project computed its counts from: the
    top-25 card says so once; the sources page defines every standing it may show."""
    card = (built / "claims" / "top25-2022-us-15-ibm-out.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td data-label="Source">(.*?)</tr>', card, re.S)
    urls = [re.search(r'href="([^"]+)"', r)[1] for r in rows]
    assert len(urls) == len(set(urls))
    [crawl] = [r for r in rows if "dongkwan-kim/neurips2022_analysis" in r]
    assert 'data-label="Standing">secondary (the project computed figures from it)</td>' in crawl
    ranks = [data.STANDINGS.index(re.search(r'data-label="Standing">(\w+)', r)[1]) for r in rows]
    assert ranks == sorted(ranks)  # best standing first
    page = (built / "sources.html").read_text(encoding="utf-8")
    assert all(f"<em>{CELL_WORDS.get(s, s)}</em>: " in page for s in data.STANDINGS)


def test_the_terminal_names_a_flipped_claim_by_its_paraphrase_and_the_path_of_its_card(data_copy):
    lines = changes.flip_lines([("origin-47-18-5", "supported", "not_supported")], "elsewhere/out")
    assert lines == ["1 verdict(s) differ from the default (the committed notebooks'):",
                     f"  {claims.claim('origin-47-18-5')['claim']}",
                     "    Supported -> Not supported; its card: elsewhere/out/report/claims/origin-47-18-5.html"]
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Worldwide, 47% of top AI", "Worldwide (a test), 47% of top AI"),
                    encoding="utf-8")
    assert changes.flip_lines([("origin-47-18-5", "supported", "not_supported")])[1].startswith("  Worldwide (a test), 47%")
    assert changes.flip_lines([]) == ["every verdict is its default (the committed notebooks')"]


def report_in_process(out, notebook: str):
    """The report of every notebook's verdicts judged in process (what a run would record), with the readings of
    `notebook`'s claims (the other cards' switches are not what the test looks at)."""
    from talentcheck.topics import readings

    rows = [v.as_row() for nb in readings.MODULES for v in readings.verdict_function(nb)(parameters.defaults(nb))]
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(out, rows, collect_notes(executed), executed, readings=readings.for_rows([r for r in rows if r["notebook"] == notebook]))
    return out / "report"


def card_text(report, cid: str, part: str = "finding") -> str:
    page = (report / "claims" / f"{cid}.html").read_text(encoding="utf-8")
    return html.unescape(re.search(rf'<section class="reading-panel r0".*?<p class="{part}">(.*?)</p>', page, re.S)[1])


def test_one_evidence_row_two_cards_use_changes_both(data_copy, tmp_path):
    """China's 2022 top-tier share by first degree backs "nearly half" and "47%, 18% and 5%": one cell moves both cards."""
    from helpers import set_cell

    before = report_in_process(tmp_path / "before", "01_researcher_origin.ipynb")
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "44")
    after = report_in_process(tmp_path / "after", "01_researcher_origin.ipynb")
    for cid in ("nearly-half-undergrad-china", "origin-47-18-5"):
        assert "47%" in card_text(before, cid) and "44%" in card_text(after, cid), cid
    assert "within a point of" not in card_text(after, "origin-47-18-5") and "against the article's" in card_text(after, "origin-47-18-5")


def test_claimreview_takes_its_address_and_date_from_the_run(tmp_path, monkeypatch):
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    rows = collect_verdicts(executed)
    site.write(tmp_path / "a", rows, collect_notes(executed), executed, site_url="https://example.org/checks/report/", date="2025-03-01")
    reviews = json.loads((tmp_path / "a" / "claimreview.json").read_text())
    first = claims.claims_for("01_researcher_origin.ipynb")[0]
    assert [r["url"] for r in reviews][:1] == [f"https://example.org/checks/report/claims/{next(iter(claims.registry()))}.html"]
    assert {r["datePublished"] for r in reviews} == {"2025-03-01"}
    assert json_ld((tmp_path / "a" / "report" / "claims" / f"{first}.html").read_text())["url"].endswith(f"/claims/{first}.html")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: reproducible builds pin the date
    site.write(tmp_path / "b", rows, collect_notes(executed), executed)
    reviews = json.loads((tmp_path / "b" / "claimreview.json").read_text())
    assert {r["datePublished"] for r in reviews} == {"2026-01-01"} and not any("url" in r for r in reviews)
