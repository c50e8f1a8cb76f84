"""The report: every claim listed, a card per claim, sources, and nothing fetched from the network."""
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from talentcheck import claims, report, runner

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A report built from the committed (executed) notebooks, as `talentcheck run` builds it."""
    out = tmp_path_factory.mktemp("run")
    (out / "notebooks").mkdir()
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in runner.all_notebooks()}
    report.write(out, runner.collect_verdicts(executed), runner.collect_notes(executed), executed)
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


def test_notebook_pages_fold_their_code(built):
    page = (built / "notebooks" / "01_researcher_origin.html").read_text()
    assert '<details class="tc-code">' in page


def test_the_report_renders_in_headless_chromium_with_no_broken_image_and_no_request_out(built):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is part of the test extras")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for name in ["index.html", "sources.html", "claims/top25-2022-us-15-ibm-out.html", "notebooks/04_top_institutions.html"]:
            page.goto((built / name).as_uri(), wait_until="load")
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
            assert broken == [], name
        page.goto((built / "index.html").as_uri(), wait_until="load")
        text = page.inner_text("body")
        assert all(cid in text for cid in claims.registry())
        page.uncheck("input[value='not_supported']")
        visible = page.evaluate("[...document.querySelectorAll('#claims tbody tr')].filter(r => !r.hidden).length")
        assert 0 < visible < len(claims.registry())
        browser.close()
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []


def test_a_claim_without_a_notebook_is_listed_as_not_yet_checked(data_copy):
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text().replace("  notebook: 06_xai_founders.ipynb\n", "  notebook: null\n", 1))
    claims.registry.cache_clear()
    rows = {r["id"]: r for r in report.claim_rows([], {}, {}, {})}
    assert rows["grok3-presenters-chinese-descent"]["verdict"] == "not_yet_checked"
    assert rows["xai-founders-5-of-12"]["verdict"] == "not_run"
