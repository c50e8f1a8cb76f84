"""Text that reads as itself in a notebook's displayed outputs: the one escaping function every display helper of
the package uses for words and figures it puts into HTML or Markdown (`recording`, the sentences of the topics).

JupyterLab typesets as mathematics whatever lies between two `$` in an HTML or Markdown output ("$100 million,
which neither reaches nor rules out at least $200 million" became an italic formula that swallowed a table row),
and Markdown reads `*`, `_`, `[`, `|` and a line's first `#` or `-` as syntax.

- In HTML (`escape(text, "html")`) `&`, `<` and `>` become character references, and each `$` and `\\` stands in an
  element of its own: MathJax looks for `$...$` and `\\(...\\)` within the text of one element, so it finds none,
  and every renderer (Lab, nbconvert, GitHub) shows the characters as they are.
- In Markdown (`escape(text, "markdown")`) every character that could be inline syntax is backslash-escaped, as
  CommonMark says, and so is a line's first character where it could start a heading, quote, list or rule.
  `&`, `<` and `>` are left as they are: the report's notebook pages escape them before they read the Markdown
  (`report.pages`). Markdown has no escape for `$` that JupyterLab honours (`\\$` is still typeset: jupyterlab
  issue 8645), so a display whose text may hold `$` goes out as HTML too, which Lab and nbconvert prefer to Markdown.
"""
from __future__ import annotations

import html
import re

MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~$])")
"""What Markdown may read as syntax anywhere in a line: escapes, code, emphasis, links, table cells, strikes, maths."""
MARKDOWN_BLOCK = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))", re.M)
"""What it reads as syntax at a line's start: a heading, list item or rule; "2019." starts a numbered list (a quote's `>`
is left, as `<` is)."""


def escape(text: str, language: str) -> str:
    """`text` as HTML or Markdown (`language`) that a reader sees as exactly `text`."""
    text = str(text)
    if language == "html":
        return re.sub(r"([$\\])", r"<span>\1</span>", html.escape(text, quote=False))
    if language == "markdown":
        return MARKDOWN_BLOCK.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"),
                                  MARKDOWN_INLINE.sub(r"\\\1", text))
    raise ValueError(f"cannot escape for {language!r}: html or markdown")


def table(headings: list[str], rows: list[list], strong: int | None = None) -> dict[str, str]:
    """A table as HTML (left-aligned: Lab right-aligns an HTML table's cells) and as Markdown, every heading and
    cell escaped; the cells of column `strong` in bold."""
    def html_cell(tag: str, value, column: int) -> str:
        text = escape(value, "html")
        return f'<{tag} style="text-align: left">{f"<strong>{text}</strong>" if column == strong else text}</{tag}>'

    def markdown_cell(value, column: int) -> str:
        return f"**{escape(value, 'markdown')}**" if column == strong else escape(value, "markdown")

    head = "".join(html_cell("th", h, None) for h in headings)
    body = "".join("<tr>" + "".join(html_cell("td", v, i) for i, v in enumerate(row)) + "</tr>" for row in rows)
    lines = ["| " + " | ".join(escape(h, "markdown") for h in headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(markdown_cell(v, i) for i, v in enumerate(row)) + " |" for row in rows]
    return {"text/html": f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
            "text/markdown": "\n".join(lines)}


def paragraph(lead: str, text: str) -> dict[str, str]:
    """A paragraph led by a few words in bold, as HTML and as Markdown, both escaped."""
    return {"text/html": f"<p><strong>{escape(lead, 'html')}</strong> {escape(text, 'html')}</p>",
            "text/markdown": f"**{escape(lead, 'markdown')}** {escape(text, 'markdown')}"}
