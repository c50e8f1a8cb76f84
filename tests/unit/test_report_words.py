"""What a reader sees on the pages besides findings: tables without NaN or "1.0", readings in words, and
sources whose title the project never recorded marked as such and counted."""
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
    marked = len(re.findall(r'<a class="source-title" href="[^"]*">Untitled page, ', page))
    assert counted == marked and 0 < counted <= untitled + 1  # the headline counts the rows the table marks
    card = (tmp_path / "report" / "claims" / "origin-47-18-5.html").read_text()
    assert re.search(r'href="https://www.damienma.com/work-1/aitalent">Untitled page, [^<]+</a>', card)


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
