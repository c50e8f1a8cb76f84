"""The README's "Reading the report", statement by statement, against the pages a run writes."""
import re

from talentcheck import paths


def test_what_the_readme_says_of_the_report_is_what_the_report_shows(built):
    """"Reading the report" in the README, statement by statement, against the pages the run writes."""
    from helpers import internal_names, reader_text

    said = (paths.ROOT / "README.md").read_text(encoding="utf-8").split("## Reading the report")[1].split("\n## ")[0]
    said = " ".join(said.split())
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "filter it by verdict or topic and sort it by any column" in said and "“Sort by” menu" in said
    assert 'data-key="verdict"' in index and 'data-key="topic"' in index and "Sort by <select" in index
    assert "under “Filter and sort” (folded on a phone; shown only where scripts run)" in said
    assert '<details class="filters" hidden><summary>Filter and sort</summary>' in index and "filters.hidden = false" in index
    assert "labelled as such" in said and "The article's claim" in reader_text((built / "claims" / "origin-47-18-5.html").read_text())
    assert index.count('<button type="button" class="sort">') == len(re.findall(r"<th scope=\"col\"", index))
    card = reader_text((built / "claims" / "origin-47-18-5.html").read_text(encoding="utf-8"))
    assert "the claim under each of its readings" in said and "holds under" in said
    for part in ("Why", "The claim under each of its readings", "Readings used", "Sources behind this verdict"):
        assert part in card
    assert "“Open the chart full size”" in said and "Open the chart full size" in card
    assert "(panels one above the other, larger type)" in said and "-phone.png" in (built / "claims" / "origin-47-18-5.html").read_text()
    sources = reader_text((built / "sources.html").read_text(encoding="utf-8"))
    assert "opens with “Sources by claim”" in said and sources.split("Sources by claim")[0].count("(title not recorded)") == 0
    assert "by its publisher, site and date marked “(title not recorded)”" in said and " (title not recorded)" in sources
    assert "institutions' own pages" in said and "Institutions' own pages" in sources
    notebook = (built / "notebooks" / "01_researcher_origin.html").read_text(encoding="utf-8")
    assert "its code folded, the claims it judges linked to their cards" in said
    assert '<details class="tc-code">' in notebook and 'href="../claims/origin-47-18-5.html"' in notebook
    assert "how to rerun it are left out" in said and "talentcheck run" not in reader_text(notebook).replace("talentcheck)", "")
    assert "No page shows a source's code, a column's name from the data or a verdict's internal value" in said
    for page in (index, (built / "sources.html").read_text(encoding="utf-8"), notebook):
        assert internal_names(reader_text(re.sub(r'<details class="tc-code">.*?</details>', "", page, flags=re.S))) == []
