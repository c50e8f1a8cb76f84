"""Text renders as text: what the package puts into a notebook's HTML or Markdown output reads as itself
(talentcheck.claims.markup), and no committed notebook shows a `$` pair that JupyterLab would typeset as
mathematics. tests/integration/test_lab.py looks at notebook 07's verdicts in Lab itself."""
import html
import json
import re

import mistune
import pytest
from hypothesis import given, strategies as st

from talentcheck import parameters, paths
from talentcheck.claims import markup, recording
from talentcheck.topics import compute

# The MIME types JupyterLab shows, in its order of preference: an output is shown as the first it carries.
LAB_ORDER = ["application/javascript", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png",
             "image/jpeg", "image/gif", "text/plain"]
TAGS = re.compile(r"<[^>]*>")


def shown(output: dict) -> tuple[str, str]:
    """The MIME type and text JupyterLab shows of an output (a stream or an error is plain text)."""
    data = output.get("data") or {"text/plain": output.get("text", "")}
    mime = next(m for m in LAB_ORDER + list(data) if m in data)
    return mime, "".join(data[mime]) if isinstance(data[mime], list) else str(data[mime])


def typeset(mime: str, text: str) -> list[str]:
    """What JupyterLab would typeset as mathematics in an output: in Markdown, whatever lies between two `$` (Lab
    takes them out of the source before it reads the Markdown, escaped or not), in HTML whatever lies between two
    `$` in the text of one element (MathJax reads one element's text at a time)."""
    if mime == "text/markdown":
        chunks = [text]
    elif mime == "text/html":
        chunks = [html.unescape(chunk) for chunk in TAGS.split(text)]
    else:
        return []
    return [found.group() for chunk in chunks for found in re.finditer(r"\$[^$]+\$", chunk)]


@pytest.mark.parametrize("notebook", [p.name for p in paths.notebooks()])
def test_no_committed_notebook_shows_a_dollar_pair_lab_would_typeset(notebook):
    cells = json.loads((paths.NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    found = [(i, stretch) for i, cell in enumerate(cells) for output in cell.get("outputs", [])
             for stretch in typeset(*shown(output))]
    assert not found, f"{notebook}: cell {found[0][0]} shows {found[0][1][:80]!r}… as mathematics in JupyterLab"


def test_the_scan_finds_the_pairs_lab_typesets_and_not_the_escaped_ones():
    """The verdict table as notebook 07 showed it (Markdown with bare `$`, and `\\$`, which Lab typesets too) is
    caught; a table cell with one `$` each is not; the escaped forms are not."""
    assert typeset("text/markdown", "| a | more than $100 million |\n| b | at least $200 million |")
    assert typeset("text/markdown", "more than \\$100 million, at least \\$200 million")
    assert typeset("text/html", "<td>more than $100 million, at least &#36;200 million</td>")
    assert not typeset("text/html", "<td>$78 million</td><td>about $63 million</td>")
    said = "more than $100 million, which neither reaches nor rules out at least $200 million"
    assert not typeset("text/html", markup.escape(said, "html"))


ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from(list("$\\`*_[]|~#>+-=.()!1 "))


def rendered_markdown(text: str) -> str:
    """What a reader sees of Markdown (CommonMark as nbconvert reads it, the report's notebook pages too)."""
    return html.unescape(TAGS.sub("", mistune.html(text))).strip()


@given(st.text(ALPHABET, max_size=60))
def test_escaped_text_reads_as_itself_in_html_and_markdown(text):
    as_html = markup.escape(text, "html")
    assert html.unescape(TAGS.sub("", as_html)) == text and not typeset("text/html", as_html)
    line = " ".join(text.split())  # one line of text, as the package's sentences and table cells are
    if not set(line) & set("<>&"):  # left as they are: the report's pages escape them before reading the Markdown
        assert rendered_markdown(markup.escape(line, "markdown")) == line


def test_the_verdicts_show_their_dollars_as_written_in_a_table_of_one_row_each(monkeypatch):
    """Notebook 07's verdicts, whose reasons hold several `$` amounts, through `record`: the HTML Lab shows has no
    pair it would typeset and one row per verdict, its plain view holds the same reasons, and the conclusion's
    Markdown reads as its HTML."""
    shown_bundles = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown_bundles.append(bundle))
    verdicts = compute.verdicts(parameters.defaults("07_compute_costs.ipynb"))
    recording.record(*verdicts)
    table, conclusion = shown_bundles
    assert sum(v.reason.count("$") for v in verdicts) >= 2
    for bundle in (table, conclusion):
        assert not typeset("text/html", bundle["text/html"])
    assert table["text/html"].count("<tr>") == len(verdicts) + 1
    assert all(v.reason in html.unescape(TAGS.sub("", table["text/html"])) for v in verdicts)
    assert all(v.reason in table["text/plain"] for v in verdicts)  # the plain view, for a front end without HTML
    assert rendered_markdown(conclusion["text/markdown"]) == html.unescape(TAGS.sub("", conclusion["text/html"]))
