"""What a reader sees on the pages besides findings: tables without NaN or "1.0", readings in words, and
sources whose title the project never recorded marked as such and counted."""
import html
import re

import nbformat
import pandas as pd

from talentcheck import parameters
from talentcheck.report import cards, pages, site


def test_notebook_pages_show_missing_values_as_empty_cells_and_whole_ranks_as_integers():
    frame = pd.DataFrame({"institution": ["Tsinghua", "Peking", None], "rank": [1.0, None, 3.0],
                          "share": pd.array([12, pd.NA, 7], dtype="Int64"), "value": [2.5, 4.0, float("nan")]})
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("frame", outputs=[nbformat.v4.new_output(
        "execute_result", data={"text/html": frame._repr_html_(), "text/plain": repr(frame)}, execution_count=1)])])
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", pages.notebook_html(notebook))
    assert cells == ["Tsinghua", "1", "12", "2.5", "Peking", "", "", "4", "", "3", "7", ""]


def test_readings_used_are_the_vocabularys_words_for_each_parameter_that_bears():
    params = parameters.defaults("07_compute_costs.ipynb")
    assert cards.readings_used("gpt4-training-cost", {**params, "hundreds_reading_musd": 150.0}) == [
        "“hundreds of millions” read as at least $150 million"]
    used = cards.readings_used("china-researchers-outnumber-us", parameters.defaults("01_researcher_origin.ipynb"))
    assert used == ["top-tier researchers (about the top 20%)", "Tracker 2.0 (NeurIPS 2022 papers, published in March 2024)"]
    assert not [u for u in used if re.search(r"\b\w+_\w+\b", u)]


def test_untitled_sources_say_so_and_the_sources_page_counts_them(data_copy, tmp_path):
    import csv

    from helpers import set_cell
    from talentcheck.run.results import collect_notes, collect_verdicts
    from talentcheck import paths

    with open(data_copy / "sources.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    shown = next(r for r in rows if r["url"] == "https://www.damienma.com/work-1/aitalent")
    untitled = sum(not r["title"] for r in rows)
    set_cell(data_copy / "sources.csv", {"url": shown["url"]}, "title", "")
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    page = (tmp_path / "report" / "sources.html").read_text()
    counted = int(re.search(r"for (\d+) of them the project recorded no title", page)[1])
    marked = len(re.findall(r'<a class="source-title" href="[^"]*">[^<]* \(title not recorded\)</a>', page))
    assert counted == marked and 0 < counted <= untitled + 1  # the headline counts the rows the table marks
    card = (tmp_path / "report" / "claims" / "origin-47-18-5.html").read_text()
    assert re.search(r'href="https://www.damienma.com/work-1/aitalent">Damien Ma [^<]+ \(title not recorded\)</a>', card)


def test_a_card_names_the_notebooks_it_also_draws_on_by_their_headings(tmp_path):
    import shutil

    from talentcheck import paths
    from talentcheck.run.results import collect_notes, collect_verdicts

    folder = tmp_path / "notebooks"
    folder.mkdir()
    executed = {p.name: nbformat.read(shutil.copy(p, folder), as_version=4) for p in paths.notebooks()}
    rows = {r["id"]: r for r in cards.claim_rows(collect_verdicts(executed), {n: f"notebooks/{n}.html" for n in executed},
                                                   {}, collect_notes(executed), {})}
    row = next(r for r in rows.values() if r["see_also"])
    for name, _ in row["see_also"]:
        heading = next(line for line in executed[name].cells[0].source.splitlines() if line.startswith("# "))
        assert row["titles"][name] == heading[2:] and not row["titles"][name].endswith(".ipynb")


def _reader_view(page: str) -> str:
    """A page as a reader sees it: its code folded away (a notebook page's code is there for who unfolds it)."""
    from helpers import reader_text

    return reader_text(re.sub(r'<details class="tc-code">.*?</details>', " ", page, flags=re.S))


def test_no_page_and_no_notebook_output_shows_a_source_code_a_column_name_or_a_verdict_value(built):
    """The index, the sources page, every card and every notebook page, and what every committed notebook displays,
    say sources by name, headings and values in words (the check itself finds each kind of name)."""
    from helpers import displayed_text, internal_names
    from talentcheck import paths

    assert internal_names("DM gives share_pct 47: supported_with_caveat (GIGAZINE)") == ["DM", "share_pct", "supported_with_caveat"]
    pages = [built / "index.html", built / "sources.html", *built.glob("claims/*.html"), *built.glob("notebooks/*.html")]
    assert len(pages) > 30
    found = {page.name: internal_names(_reader_view(page.read_text(encoding="utf-8"))) for page in pages}
    assert {name: names for name, names in found.items() if names} == {}
    shown = 0
    for path in paths.notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                shown += 1
                assert internal_names(displayed_text(output)) == [], path.name
            if cell.cell_type == "markdown" and "lab-only" not in cell.metadata.get("tags", []):
                assert internal_names(cell.source) == [], f"{path.name}: {cell.source[:80]}"
    assert shown > 60


def url_words(url: str) -> list[str]:
    """The words of a web address's path and query, as a title rebuilt from its slug would have them."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    return re.findall(r"[a-z0-9]+", unquote(parts.path + " " + parts.query).lower())


def built_from_url(title: str, url: str) -> bool:
    """Whether a title's words (three or more) run, in order, through the words of its address's slug."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = url_words(url)
    return len(words) >= 3 and any(slug[i:i + len(words)] == words for i in range(len(slug)))


def test_no_source_is_titled_by_its_web_address(built, data_copy, tmp_path):
    """A source's heading is its title as published (the registry's, whose note says where the title was seen), or
    its publisher, site and date marked "(title not recorded)": never words read off its address as a title (as
    "Think tank nearly 40 of artificial" once was), whatever the address says; an address's words appear only
    quoted as such, to tell apart one publisher's pages of one date."""
    from helpers import set_cell
    from talentcheck import data, paths
    from talentcheck.run.results import collect_notes, collect_verdicts

    assert built_from_url("Think tank nearly 40 of artificial", "https://example.com/news/think-tank-nearly-40-of-artificial.html")
    registry = data.load("sources")
    titled = registry[registry["title"].notna()]
    assert [u for u, n in zip(titled["url"], titled["note"]) if not str(n).startswith("title")] == []  # says where it was seen
    page = (built / "sources.html").read_text(encoding="utf-8")
    headings = [(html.unescape(u), html.unescape(h)) for u, h in re.findall(r'<a class="source-title" href="([^"]+)"[^>]*>([^<]+)</a>', page)]
    assert len(headings) >= len(registry) - 5
    untitled = set(registry[registry["title"].isna()]["url"])
    assert [h for u, h in headings if u in untitled and not h.endswith(" (title not recorded)")] == []
    assert not [h for u, h in headings if u in untitled and built_from_url(h.split(" (")[0].split("“")[0], u)]
    slug = "https://en.people.cn/n3/2025/0224/think-tank-nearly-40-of-artificial-intelligence.html"
    set_cell(data_copy / "sources.csv", {"url": "http://en.people.cn/n3/2025/0224/c90000-20280703.html"}, "url", slug)
    cited = data_copy / "money/alibaba_capex.csv"  # the one table citing it
    cited.write_text(cited.read_text(encoding="utf-8").replace("http://en.people.cn/n3/2025/0224/c90000-20280703.html", slug),
                     encoding="utf-8")
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    shown = dict((html.unescape(u), html.unescape(h)) for u, h in re.findall(
        r'<a class="source-title" href="([^"]+)"[^>]*>([^<]+)</a>', (tmp_path / "report" / "sources.html").read_text(encoding="utf-8")))
    assert shown[slug] == "Xinhua, via People's Daily Online, en.people.cn, 24 February 2025 (title not recorded)"


def test_a_foreign_title_carries_its_language_and_every_page_has_a_main_landmark(built, data_copy, tmp_path):
    from helpers import set_cell
    from talentcheck import data, paths
    from talentcheck.run.results import collect_notes, collect_verdicts

    page = (built / "sources.html").read_text(encoding="utf-8")
    registry = data.load("sources")
    foreign = registry[registry["title"].notna() & (registry["language"] != "en")]
    for url, language in zip(foreign["url"], foreign["language"]):
        assert f'href="{html.escape(url)}" lang="{language}">' in page, url
    for name in ("index.html", "sources.html", "claims/origin-47-18-5.html", "notebooks/01_researcher_origin.html"):
        assert (built / name).read_text(encoding="utf-8").count("<main>") == 1, name
    english = registry[registry["title"].notna() & (registry["language"] == "en")]["url"].iloc[0]
    assert f'href="{html.escape(english)}">' in page
    set_cell(data_copy / "sources.csv", {"url": english}, "language", "fr")
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    changed = (tmp_path / "report" / "sources.html").read_text(encoding="utf-8")
    assert f'href="{html.escape(english)}" lang="fr">' in changed and "in French" in changed
