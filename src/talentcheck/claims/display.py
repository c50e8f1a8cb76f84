"""Tables as a notebook shows them: in the report's words, while the data frames keep their columns for code.

`table(frame)` is what a reader sees of a data frame or series: column headings in words (`COLUMN_WORDS`), values
in words (verdicts, readings, cohorts, standings; `CELL_WORDS`, `VALUE_WORDS`), sources by name rather than code or
address, numbers formatted (thousands separated, no trailing zeros), missing values as a dash, every text in full
(no cut notes), and no index column of row numbers. `show_tables()` makes every data frame and series a notebook
displays look so (the package's notebooks import `talentcheck.plotting`, which calls it); its HTML carries
`data-label`s so that a page can lay each row out as a card on a phone, and every text in it is escaped
(`markup.escape`) so that a "$" reads as itself, not as mathematics.
"""
from __future__ import annotations

import html
import math
import re

import pandas as pd

from talentcheck.claims.markup import escape
from talentcheck.claims.registry import registry
from talentcheck.claims.words import (CELL_WORDS, COHORTS, COLUMN_WORDS, VALUE_WORDS, VERDICT_LABELS, counting_words,
                                      spaced)
from talentcheck.data import sources

MISSING = "–"
TAG = re.compile(r"^[A-Z]{4,}: ")  # a data note's tag for the project ("CONFLICT: ..."): the table already says what it lists
STANDINGS = ("source_standing", "standing")  # columns of a source's standing: its short name, its words once in a note
SHORT_CELL = 60
"""The longest text a table may hold past its first column and still scroll sideways on a phone (a table of names
and figures) rather than lay each row out as a card (a table of sentences)."""
SNAKE = re.compile(r"(?<![\w/.:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")
YEARS = re.compile(r"year|period|decade|date")  # columns whose whole numbers are years: 2019, not 2,019


def value_word(value: str) -> str | None:
    """A value of the data as a reader reads it, if the vocabulary has words for it: a verdict, a reading, a cohort."""
    if value in VERDICT_LABELS:
        return VERDICT_LABELS[value]
    if value in CELL_WORDS:
        return CELL_WORDS[value]
    if value in COHORTS:
        return COHORTS[value]
    if value in VALUE_WORDS["counting"]:
        return counting_words(value)
    for words in VALUE_WORDS.values():
        if isinstance(words, dict) and value in words:
            return words[value]
    return None


def heading(name, levels: tuple = ()) -> str:
    """A column's heading in words: "share (%)" for share_pct; a value as a heading (a pivot's) in its words, a year
    as the NeurIPS of that year (whose papers every cohort and ranking here is drawn from); a yes or no under a named
    level as "<the level in words>: yes"."""
    if isinstance(name, tuple):
        named = zip(name, levels or [None] * len(name))
        return ", ".join(heading(part, (level,)) for part, level in named if str(part) != "")
    if isinstance(name, bool) or type(name).__name__ == "bool_":
        level = levels[0] if levels else None
        return (f"{heading(level)}: " if level else "") + ("yes" if name else "no")
    text = str(name)
    if re.fullmatch(r"(19|20)\d\d", text):
        return f"NeurIPS {text}"
    found = COLUMN_WORDS.get(text) or value_word(text) or spaced(text)
    return found[:1].upper() + found[1:]


def words_in(text: str) -> str:
    """Free text as a reader reads it: source codes as their names, snake_case values in words."""
    text = sources.expand_codes(text)
    return SNAKE.sub(lambda m: value_word(m[0]) or spaced(m[0]), text)


def source_names(cell) -> str:
    """The sources of a `source_url` cell by name: a title where one was recorded, else the publisher."""
    names = []
    for url in sources.split(cell):
        row = sources.row(url)
        names.append(row["title"] or row["publisher"])
    return "; ".join(dict.fromkeys(names))


def number(value: float, year: bool = False) -> str:
    """A number as short as it reads: no trailing zeros, at most four decimals, thousands separated (not a year's)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    decimals = next(d for d in range(5) if d == 4 or round(value, d) == round(value, 4))
    if year and decimals == 0 and 1000 <= abs(value) < 10000:
        return f"{value:.0f}"
    return f"{value:,.{decimals}f}"


def cell(value, column: str) -> str:
    """One value in words (`column`: the column's name in the data, which says how to read it)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        try:
            return number(float(value), year=bool(YEARS.search(column)))
        except (TypeError, ValueError):
            return str(value)
    text = str(value)
    if text.lower() in ("none", "nan", "<na>", ""):
        return MISSING
    if column == "source_url":
        return source_names(text)
    if column in STANDINGS:
        return spaced(text)
    if column == "note":
        text = TAG.sub("", text)
    if column in ("claim", "claim_id") and text in registry():
        return registry()[text]["claim"]
    return value_word(text) or words_in(text)


def reader_frame(frame):
    """The frame as a table of words: a series becomes two columns, a named index (or one of labels) becomes
    columns, row numbers go, headings and cells are words."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(frame.name if frame.name is not None else "value")
        if frame.index.name is None and not pd.api.types.is_integer_dtype(frame.index):
            frame.index.name = "figure"
    named = any(n is not None for n in frame.index.names) or not pd.api.types.is_integer_dtype(frame.index)
    frame = frame.reset_index() if named else frame.reset_index(drop=True)
    names = {c: "/".join(str(p) for p in c if str(p) != "") if isinstance(c, tuple) else str(c) for c in frame.columns}
    shown = pd.DataFrame({i: [cell(v, names[c]) for v in frame[c]] for i, c in enumerate(frame.columns)})
    shown.columns = [heading(c, tuple(frame.columns.names)) for c in frame.columns]
    if frame.columns.nlevels > 1:  # a pivot's columns: a group heading over its own ones ("NeurIPS 2019" over "Rank")
        shown.attrs["groups"] = [("", heading(c[0])) if all(str(p) == "" for p in c[1:]) else  # an index's column
                                 (heading(c[0], frame.columns.names[:1]), heading(c[1:], tuple(frame.columns.names[1:])))
                                 for c in frame.columns]
    standings = [v for c in frame.columns if names[c] in STANDINGS for v in frame[c].dropna().unique()]
    if standings:
        shown.attrs["note"] = "Standing: " + "; ".join(f"{spaced(v)}, {value_word(str(v)) or spaced(v)}" for v in dict.fromkeys(standings)) + "."
    return shown


def wide(shown) -> bool:
    """Whether a phone scrolls the table sideways (its first column held in place) rather than lay each row out as a
    card: a table of several columns of names and figures, no sentences past its first column."""
    rest = shown.iloc[:, 1:]
    return shown.shape[1] >= 4 and all(len(str(v)) <= SHORT_CELL for column in rest for v in rest[column])


def head_html(shown) -> str:
    """A table's heading rows: one, or for a pivot a group's heading spanning its columns above their own."""
    groups = shown.attrs.get("groups")
    if not groups:
        return "<tr>" + "".join(f'<th scope="col">{escape(h, "html")}</th>' for h in shown.columns) + "</tr>"
    top, below, n = [], [], 0
    while n < len(groups):
        span = next((k for k in range(n, len(groups)) if groups[k][0] != groups[n][0]), len(groups)) - n
        if groups[n][0] == "":  # an index's column: one heading down both rows
            top += [f'<th scope="col" rowspan="2">{escape(groups[m][1], "html")}</th>' for m in range(n, n + span)]
        else:
            top.append(f'<th scope="colgroup" colspan="{span}">{escape(groups[n][0], "html")}</th>')
            below += [f'<th scope="col">{escape(groups[m][1], "html")}</th>' for m in range(n, n + span)]
        n += span
    return f"<tr>{''.join(top)}</tr><tr>{''.join(below)}</tr>"


def table_html(shown, caption: str = "") -> str:
    """A table of words (`reader_frame`) as HTML: headings scoped (a pivot's groups over their columns), every cell
    labelled with its heading (`data-label`, for a phone's layout of a row as a card; a missing value marked so that
    a card leaves it out, a sentence marked `long` so that it takes a line of its own while short values share one), a table of names and figures marked `tc-wide` (a phone scrolls it sideways), a note under
    it where it has one (the standings' words, said once), escaped so that a `$` reads as itself (`markup.escape`:
    Lab's MathJax does not honour the class `tex2jax_ignore`)."""
    kinds = lambda v: ' class="missing"' if v == MISSING else ' class="long"' if len(str(v)) > SHORT_CELL else ""  # noqa: E731
    rows = "".join("<tr>" + "".join(f'<td data-label="{html.escape(h)}"{kinds(v)}>'
                                     f'{escape(v, "html")}</td>' for h, v in zip(shown.columns, row)) + "</tr>\n"
                   for row in shown.itertuples(index=False))
    caption = f"<caption>{escape(caption, 'html')}</caption>" if caption else ""
    note = f'<p class="tc-note">{escape(shown.attrs["note"], "html")}</p>' if shown.attrs.get("note") else ""
    kind = "tc-table tc-wide" if wide(shown) else "tc-table"
    return (f'<div class="tc-table tex2jax_ignore"><table class="{kind}">{caption}<thead>{head_html(shown)}</thead>'
            f"<tbody>\n{rows}</tbody></table>{note}</div>")


def table_text(shown) -> str:
    """A table of words as plain text (a terminal's view of it)."""
    return shown.to_string(index=False)


class Table:
    """What a notebook displays for a data frame: its table of words, as HTML and as text."""

    def __init__(self, frame, caption: str = ""):
        self.shown = frame if getattr(frame, "attrs", {}).get("words") else reader_frame(frame)
        self.caption = caption

    def _repr_html_(self) -> str:
        return table_html(self.shown, self.caption)

    def __repr__(self) -> str:
        return table_text(self.shown)


def table(frame, caption: str = "") -> Table:
    """A data frame or series as a reader sees it in a notebook (`reader_frame`)."""
    return Table(frame, caption)


def worded(frame):
    """A frame whose headings and cells are already words (a verdict table): `table` shows it as it is."""
    frame.attrs["words"] = True
    return frame


def show_tables(shell=None) -> None:
    """Have the notebook show every data frame and series as a table of words (`table`); the objects themselves
    are unchanged, so code reads their columns as before."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    for kind in (pd.DataFrame, pd.Series):
        formatters["text/html"].for_type(kind, lambda frame: table_html(reader_frame(frame)))
        formatters["text/plain"].for_type(kind, lambda frame, printer, cycle: printer.text(table_text(reader_frame(frame))))
