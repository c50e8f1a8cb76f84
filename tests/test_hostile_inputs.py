"""The hostile-input catalogue: what a user can hand `talentcheck run` by mistake or on purpose.

Every case is refused before any notebook executes, with exit code 2 and one line on stderr that names the
file, row, column, parameter or folder at fault; the previous output stays byte for byte as it was, and
nothing else in the test's folder (the user's files beside the output among them) is touched."""
import os
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import set_cell
from helpers import small_notebook
from talentcheck import cli, paths
from talentcheck.run.publishing import MARK, MARKER

ORIGIN = "01_researcher_origin"
ORIGIN_CSV = "tracker/origin_undergrad.csv"
ROW = {"year": 2019, "cohort": "top_tier", "country": "China", "source_name": "MP1"}


def snapshot(folder: Path) -> dict:
    """Every file, folder and link under `folder` with its bytes (or link target)."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = ("link", os.readlink(path))
        elif path.is_file():
            state[key] = path.read_bytes()
        elif path.is_dir():
            state[key] = "dir"
        else:
            state[key] = "other"
    return state


@pytest.fixture
def world(tmp_path, data_copy):
    """A previous output of talentcheck's (marked), a user's folder and file beside it, and a data copy."""
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "verdicts.csv").write_text("claim_id,verdict\nearlier,supported\n")
    (out / "report" / "index.html").write_text("<p>earlier</p>")
    (out / MARKER).write_text(MARK)
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "thesis.txt").write_text("my thesis")
    (tmp_path / "notes.txt").write_text("my notes")
    return tmp_path


def text(path: Path, old: str, new: str, count: int = 1) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path.name}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


# Each case: (id, set-up(world, data) -> the arguments after `talentcheck`, what the one line must contain).
# Arguments may use {out} (the previous output) and {w} (the test's folder).

def output_case(target):
    return lambda w, d: ["run", ORIGIN, "--jobs", "1", "--output", str(target(w) if callable(target) else target)]


def marker_symlink(w, d):
    mine = w / "mine"
    mine.mkdir()
    (w / "real-marker").write_text(MARK)
    (mine / MARKER).symlink_to(w / "real-marker")
    (mine / "keep.txt").write_text("keep")
    return ["run", ORIGIN, "--output", str(mine)]


def forged_marker(w, d):
    mine = w / "mine"
    mine.mkdir()
    (mine / MARKER).write_text("talentcheck output? perhaps\n")
    (mine / "keep.txt").write_text("keep")
    return ["run", ORIGIN, "--output", str(mine)]


def marker_folder(w, d):
    mine = w / "mine"
    (mine / MARKER).mkdir(parents=True)
    return ["run", ORIGIN, "--output", str(mine)]


def failed_is_users(w, d):
    (w / "out.failed").mkdir()
    (w / "out.failed" / "draft.md").write_text("draft")
    return ["run", ORIGIN, "--output", str(w / "out")]


def failed_is_file(w, d):
    (w / "out.failed").write_text("a file")
    return ["run", ORIGIN, "--output", str(w / "out")]


def output_symlink(w, d):
    (w / "link").symlink_to(w / "user")
    return ["run", ORIGIN, "--output", str(w / "link")]


OUTPUTS = [
    ("output-repo", output_case(paths.ROOT), "--output the repository: it holds the repository"),
    ("output-repo-parent", output_case(paths.ROOT.parent), f"--output {paths.ROOT.parent}: it holds the repository"),
    ("output-root", output_case(Path("/")), "--output /: it holds the repository"),
    ("output-notebooks", output_case(paths.NOTEBOOKS), "--output notebooks: it is, holds or lies in the repository's notebooks/"),
    ("output-in-notebooks", output_case(paths.NOTEBOOKS / "out"), "--output notebooks/out: it is, holds or lies in the repository's notebooks/"),
    ("output-src", output_case(paths.ROOT / "src"), "--output src: it is, holds or lies in the repository's src/"),
    ("output-tests", output_case(paths.ROOT / "tests"), "--output tests: it is, holds or lies in the repository's tests/"),
    ("output-git", output_case(paths.ROOT / ".git"), "--output .git: it is, holds or lies in the repository's .git/"),
    ("output-data", output_case(lambda w: w / "data"), "it is, holds or lies in the data folder (TALENTCHECK_DATA) /"),
    ("output-in-data", output_case(lambda w: w / "data" / "tracker"), "it is, holds or lies in the data folder (TALENTCHECK_DATA) /"),
    ("output-users-folder", output_case(lambda w: w / "user"), "/user: a folder talentcheck did not make (it has no .talentcheck-output)"),
    ("output-a-file", output_case(lambda w: w / "notes.txt"), "/notes.txt: exists and is not a folder"),
    ("output-below-a-file", output_case(lambda w: w / "notes.txt" / "out"), "/notes.txt/out: cannot write beside it"),
    ("output-symlink-to-users", output_symlink, "/user: a folder talentcheck did not make"),
    ("output-marker-symlink", marker_symlink, "/mine: a folder talentcheck did not make"),
    ("output-forged-marker", forged_marker, "/mine: a folder talentcheck did not make"),
    ("output-marker-folder", marker_folder, "/mine: a folder talentcheck did not make"),
    ("failed-is-users", failed_is_users, "the folder for a failed run's notebooks /out.failed: a folder talentcheck did not make"),
    ("failed-is-file", failed_is_file, "/out.failed: exists and is not a folder"),
]


def p(*pairs, notebook=ORIGIN):
    def args(w, d):
        flat = [x for pair in pairs for x in ("-p", *pair)]
        return ["run", notebook, *flat, "--jobs", "1", "--output", str(w / "out")]
    return args


def params_file(content: str, *more, notebook=ORIGIN):
    def args(w, d):
        (w / "params.yaml").write_text(content)
        return ["run", notebook, "-f", str(w / "params.yaml"), *more, "--jobs", "1", "--output", str(w / "out")]
    return args


def bad_default(w, d):
    small_notebook(w / "97_defaults.ipynb", "n: int = 0  # range: >= 1. How many")
    return ["run", str(w / "97_defaults.ipynb"), "--output", str(w / "out")]


def broken_parameters_cell(w, d):
    small_notebook(w / "96_syntax.ipynb", "n: int = (  # range: >= 1. How many")
    return ["run", str(w / "96_syntax.ipynb"), "-p", "n", "2", "--output", str(w / "out")]


def corrupt_notebook(w, d):
    (w / "95_corrupt.ipynb").write_text('{"cells": [')
    return ["run", str(w / "95_corrupt.ipynb"), "-p", "n", "2", "--output", str(w / "out")]


def bad_range(w, d):
    small_notebook(w / "94_range.ipynb", "n: int = 2  # range: big. How many")
    return ["run", str(w / "94_range.ipynb"), "--output", str(w / "out")]


PARAMETERS = [
    ("p-unknown", p(("no_such", "1")), "unknown parameter 'no_such'"),
    ("p-twice", p(("year", "2019"), ("year", "2022")), "parameter 'year' given twice"),
    ("p-file-and-flag", params_file("year: 2019\n", "-p", "year", "2022"), "parameter 'year' given twice"),
    ("p-year-2021", p(("year", "2021")), "parameter 'year' (01_researcher_origin.ipynb) must be one of as_stated, 2019, 2022, got '2021'"),
    ("p-year-float", p(("year", "2019.0")), "parameter 'year' (01_researcher_origin.ipynb) must be one of"),
    ("p-cohort-elite", p(("cohort", "elite")), "parameter 'cohort' (01_researcher_origin.ipynb) must be one of as_stated, top_tier, most_elite"),
    ("p-cohort-none", p(("cohort", "None")), "parameter 'cohort' (01_researcher_origin.ipynb) must be one of"),
    ("p-top_n-0", p(("top_n", "0"), notebook="04_top_institutions"), "parameter 'top_n' (04_top_institutions.ipynb) must be >= 1, got '0'"),
    ("p-top_n-float", p(("top_n", "2.5"), notebook="04_top_institutions"), "parameter 'top_n' (04_top_institutions.ipynb) must be of type int"),
    ("p-top_n-bool", p(("top_n", "True"), notebook="04_top_institutions"), "parameter 'top_n' (04_top_institutions.ipynb) must be of type int"),
    ("p-counting", p(("counting", "votes"), notebook="04_top_institutions"), "parameter 'counting' (04_top_institutions.ipynb) must be one of authors"),
    ("p-counting-05", p(("counting", "votes"), notebook="05_work_rederived"), "parameter 'counting' (05_work_rederived.ipynb) must be one of"),
    ("p-merge-yes", p(("merge_google_deepmind", "yes"), notebook="04_top_institutions"), "parameter 'merge_google_deepmind' (04_top_institutions.ipynb) must be of type bool"),
    ("p-tolerance-0", p(("tolerance_factor", "0"), notebook="07_compute_costs"), "parameter 'tolerance_factor' (07_compute_costs.ipynb) must be >= 1"),
    ("p-gpus-negative", p(("gpus", "-5"), notebook="07_compute_costs"), "parameter 'gpus' (07_compute_costs.ipynb) must be > 0, got '-5'"),
    ("p-gpus-zero", p(("gpus", "0"), notebook="07_compute_costs"), "parameter 'gpus' (07_compute_costs.ipynb) must be > 0"),
    ("p-utilisation-1.5", p(("utilisation", "1.5"), notebook="07_compute_costs"), "parameter 'utilisation' (07_compute_costs.ipynb) must be >= 0 and <= 1"),
    ("p-utilisation-nan", p(("utilisation", "nan"), notebook="07_compute_costs"), "parameter 'utilisation' (07_compute_costs.ipynb) must be a finite number"),
    ("p-hundreds-inf", p(("hundreds_reading_musd", "inf"), notebook="07_compute_costs"), "parameter 'hundreds_reading_musd' (07_compute_costs.ipynb) must be a finite number"),
    ("p-price-text", p(("price_usd_per_kwh", "cheap"), notebook="07_compute_costs"), "parameter 'price_usd_per_kwh' (07_compute_costs.ipynb) must be of type float"),
    ("p-fx-source", p(("fx_source", "ECB"), notebook="08_money"), "parameter 'fx_source' (08_money.ipynb) must be one of"),
    ("p-vintage", p(("vintage", "2030"), notebook="08_money"), "parameter 'vintage' (08_money.ipynb) must be one of article, latest"),
    ("p-barely-101", p(("barely_threshold", "101"), notebook="02_work_location"), "parameter 'barely_threshold' (02_work_location.ipynb) must be >= 0 and <= 100"),
    ("p-timeout-0", lambda w, d: ["run", ORIGIN, "--timeout", "-1", "--output", str(w / "out")], "argument --timeout: must be a positive number, got -1"),
    ("p-file-missing", lambda w, d: ["run", ORIGIN, "-f", str(w / "nope.yaml"), "--output", str(w / "out")], "/nope.yaml: file not found"),
    ("p-file-list", params_file("- year\n- 2019\n"), "/params.yaml: expected a mapping of parameter names to values"),
    ("p-file-duplicate", params_file("year: 2019\nyear: 2022\n"), "/params.yaml, line 2: invalid YAML: duplicate key 'year'"),
    ("p-file-alias", params_file("year: &y 2019\ncohort: *y\n"), "/params.yaml, line 2: invalid YAML: alias *y is not allowed"),
    ("p-file-flow-alias", params_file("year: &y 2019\nextra: {cohort: [1,*y]}\n"), "/params.yaml, line 2: invalid YAML: alias *y is not allowed"),
    ("p-file-syntax", params_file("year: [2019\n"), "/params.yaml, line 2: invalid YAML"),
    ("p-file-bad-value", params_file("cohort: elite\n"), "parameter 'cohort' (01_researcher_origin.ipynb) must be one of"),
    ("p-file-unknown", params_file("colour: red\n"), "unknown parameter 'colour'"),
    ("p-saved-default", bad_default, "parameter 'n' (97_defaults.ipynb, its saved default) must be >= 1, got 0"),
    ("p-cell-syntax", broken_parameters_cell, "96_syntax.ipynb: the parameters cell is not valid Python"),
    ("p-corrupt-notebook", corrupt_notebook, "95_corrupt.ipynb: cannot read the notebook"),
    ("p-unreadable-range", bad_range, "94_range.ipynb, parameter 'n': cannot read range 'big'"),
]


def data_case(edit):
    def args(w, d):
        edit(d)
        return ["run", ORIGIN, "--jobs", "1", "--output", str(w / "out")]
    return args


def fifo(d):
    path = d / "money" / "huawei_rd.csv"
    path.unlink()
    os.mkfifo(path)


def loop(d):
    path = d / "money" / "huawei_rd.csv"
    path.unlink()
    path.symlink_to(path)


def link_outside(d):
    path = d / "money" / "huawei_rd.csv"
    outside = d.parent / "elsewhere.csv"
    outside.write_text(path.read_text())
    path.unlink()
    path.symlink_to(outside)


def header_only(d):
    path = d / "money" / "huawei_rd.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")


def cell(column, value, csv=ORIGIN_CSV, row=ROW):
    return lambda d: set_cell(d / csv, row, column, value)


def extra_column(d):
    path = d / ORIGIN_CSV
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",extra", *(line + "," for line in lines[1:])]) + "\n")


def first_row(csv: str, column: str, value: str):
    """Set `column` of the first data row (row 2) of `csv`."""
    def edit(d):
        import csv as csvlib

        with open(d / csv, newline="", encoding="utf-8") as handle:
            rows = list(csvlib.reader(handle))
        rows[1][rows[0].index(column)] = value
        with open(d / csv, "w", newline="", encoding="utf-8") as handle:
            csvlib.writer(handle, lineterminator="\n").writerows(rows)
    return edit


COST = "compute/gpt4_cost_estimates.csv"

DATA = [
    ("data-nan-share", data_case(cell("share_pct", "NaN")), "origin_undergrad.csv, row 2, column share_pct: 'NaN' is not a finite number"),
    ("data-inf-cost", data_case(first_row(COST, "value_musd", "1e309")), "gpt4_cost_estimates.csv, row 2, column value_musd: '1e309' is not a finite number"),
    ("data-minus-inf", data_case(first_row(COST, "value_musd", "-inf")), "gpt4_cost_estimates.csv, row 2, column value_musd: '-inf' is not a finite number"),
    ("data-words", data_case(cell("share_pct", "forty")), "origin_undergrad.csv, row 2, column share_pct: 'forty' is not a number"),
    ("data-header-only", data_case(header_only), "data/money/huawei_rd.csv: no rows, only a header"),
    ("data-empty", data_case(lambda d: (d / "money" / "huawei_rd.csv").write_text("")), "data/money/huawei_rd.csv: file is empty"),
    ("data-fifo", data_case(fifo), "data/money/huawei_rd.csv: not a regular file"),
    ("data-symlink-loop", data_case(loop), "data/money/huawei_rd.csv: a symbolic link loop"),
    ("data-symlink-outside", data_case(link_outside), "data/money/huawei_rd.csv: a symbolic link to"),
    ("data-bad-url", data_case(cell("source_url", "javascript:alert(1)")), "row 2, column source_url: 'javascript:alert(1)' is not a URL"),
    ("data-bad-standing", data_case(cell("source_standing", "gospel")), "row 2, column source_standing: 'gospel' is not a source standing"),
    ("data-bad-country", data_case(cell("country", "USA")), "row 2, column country: 'USA' is not a country's standard short name"),
    ("data-duplicate-row", data_case(lambda d: text(d / ORIGIN_CSV, "\n", "\n" + (d / ORIGIN_CSV).read_text().splitlines()[1] + "\n")),
     "origin_undergrad.csv, row 3: duplicate key"),
    ("data-extra-column", data_case(extra_column), "data/tracker/origin_undergrad.csv: unexpected column(s) extra"),
    ("data-quote", data_case(lambda d: text(d / "money" / "huawei_rd.csv", "\n2014,", '\n2014,"40')), "data/money/huawei_rd.csv"),
]


def append(name, addition):
    """Add text at the end of a YAML file (where other branches' edits do not move it)."""
    return data_case(lambda d: (d / name).write_text((d / name).read_text(encoding="utf-8") + addition, encoding="utf-8"))


def yaml_edit(name, change):
    """Load a YAML file of the data copy, change the structure, and write it back."""
    def edit(d):
        content = yaml.safe_load((d / name).read_text(encoding="utf-8"))
        change(content)
        (d / name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data_case(edit)


SHARES = ("tracker/origin_undergrad", "share_pct")


def share_rule(**rule):
    def change(tables):
        tables[SHARES[0]]["columns"][SHARES[1]] = rule
    return change


def first_with_table(claims: list) -> dict:
    """The first claim judged from a table with a numeric value column: its figures must be numbers."""
    return next(c for c in claims if (c.get("check") or {}).get("table") and isinstance(c["check"].get("figures"), dict))


TABLE_CLAIM = first_with_table(yaml.safe_load((paths.ROOT / "data" / "claims.yaml").read_text(encoding="utf-8")))["id"]
CHECKED_CLAIM = next(c for c in yaml.safe_load((paths.ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"))
                     if c.get("notebook"))["id"]


def claim_edit(change, pick=first_with_table):
    return yaml_edit("claims.yaml", lambda claims: change(pick(claims)))


def checked(claims: list) -> dict:
    return next(c for c in claims if c.get("notebook"))


def set_first_figure(value):
    def change(claim):
        figures = claim["check"]["figures"]
        figures[next(iter(figures))] = value
    return change


TABLES = [
    ("tables-duplicate-table", append("tables.yaml", "\ntracker/origin_undergrad:\n  columns: {year: }\n"),
     ("data/tables.yaml, line ", ": invalid YAML: duplicate key 'tracker/origin_undergrad'")),
    ("tables-duplicate-column", append("tables.yaml", "\nextra/table:\n  columns:\n    year:\n    year:\n"),
     ("data/tables.yaml, line ", ": invalid YAML: duplicate key 'year'")),
    ("tables-alias", append("tables.yaml", "\nextra/table:\n  columns: &c {year: }\nother/table:\n  columns: *c\n"),
     ("data/tables.yaml, line ", ": invalid YAML: alias *c is not allowed")),
    ("tables-billion-laughs", append("tables.yaml", "\nlol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"),
     ("data/tables.yaml, line ", ": invalid YAML: alias *a is not allowed")),
    ("tables-unknown-type", yaml_edit("tables.yaml", share_rule(type="percent")),
     "data/tables.yaml, table 'tracker/origin_undergrad', column share_pct: unknown type 'percent'"),
    ("tables-bound-text", yaml_edit("tables.yaml", share_rule(type="float", max="lots")),
     "data/tables.yaml, table 'tracker/origin_undergrad', column share_pct: max must be a finite number"),
    ("tables-bound-inf", yaml_edit("tables.yaml", share_rule(type="float", max=float("inf"))),
     "column share_pct: max must be a finite number"),
    ("tables-bound-on-text", yaml_edit("tables.yaml", share_rule(min=0)), "column share_pct: min must be a finite number on an int or float column"),
    ("tables-unknown-rule", yaml_edit("tables.yaml", share_rule(type="float", minimum=0)),
     "column share_pct: unknown rule(s) ['minimum']"),
    ("tables-no-columns", yaml_edit("tables.yaml", lambda t: t[SHARES[0]].update(columns=[])),
     "data/tables.yaml, table 'tracker/origin_undergrad': needs `columns`, a mapping of column names to rules"),
    ("tables-key-unknown", yaml_edit("tables.yaml", lambda t: t[SHARES[0]].update(key=["nation"])),
     "data/tables.yaml, table 'tracker/origin_undergrad': key must list columns of the table"),
    ("tables-syntax", append("tables.yaml", "\nextra/table: [unclosed\n"), ("data/tables.yaml, line ", ": invalid YAML")),
    ("tables-not-mapping", data_case(lambda d: (d / "tables.yaml").write_text("- a\n- b\n")), "data/tables.yaml: expected a mapping of table names"),
]

CLAIMS = [
    ("claims-no-figures", claim_edit(lambda c: c["check"].pop("figures")),
     f"data/claims.yaml, claim '{TABLE_CLAIM}': check.figures is missing or empty"),
    ("claims-figure-words", claim_edit(set_first_figure("forty-seven")),
     f"data/claims.yaml, claim '{TABLE_CLAIM}': figure 'forty-seven' must be a finite number"),
    ("claims-figure-nan", claim_edit(set_first_figure(float("nan"))),
     f"data/claims.yaml, claim '{TABLE_CLAIM}': figure nan must be a finite number"),
    ("claims-duplicate-key", append("claims.yaml", "\n- id: extra\n  paragraph: 1\n  paragraph: 2\n"),
     ("data/claims.yaml, line ", ": invalid YAML: duplicate key 'paragraph'")),
    ("claims-alias", append("claims.yaml", "\n- id: extra\n  claim: &c text\n  stated: *c\n"),
     ("data/claims.yaml, line ", ": invalid YAML: alias *c is not allowed")),
    ("claims-notebook-outside", claim_edit(lambda c: c.update(notebook="../../etc/passwd.ipynb"), checked),
     f"data/claims.yaml, claim '{CHECKED_CLAIM}': '../../etc/passwd.ipynb' is not a valid notebook"),
    ("claims-notebook-path", claim_edit(lambda c: c.update(notebook="notebooks/" + c["notebook"]), checked),
     f"data/claims.yaml, claim '{CHECKED_CLAIM}': 'notebooks/"),
    ("claims-compare", claim_edit(lambda c: c["check"].update(compare="roughly")),
     f"claim '{TABLE_CLAIM}': check.compare must be one of"),
    ("claims-tolerance", claim_edit(lambda c: c["check"].update(tolerance=-3)),
     f"claim '{TABLE_CLAIM}': check.tolerance must be a finite number >= 0"),
    ("claims-value-column", claim_edit(lambda c: c["check"].update(value="percent")),
     f"claim '{TABLE_CLAIM}': check.value 'percent' is not a column of"),
    ("claims-paragraph-text", claim_edit(lambda c: c.update(paragraph="six")),
     f"claim '{TABLE_CLAIM}': field paragraph must be a int"),
    ("claims-entry-text", yaml_edit("claims.yaml", lambda claims: claims.insert(3, "just a sentence")),
     "data/claims.yaml, claim #4: expected a mapping of fields"),
    ("claims-not-list", data_case(lambda d: (d / "claims.yaml").write_text("id: x\n")), "data/claims.yaml: expected a list of claims"),
    ("claims-unknown-table", claim_edit(lambda c: c["check"].update(table="tracker/nowhere")),
     f"claim '{TABLE_CLAIM}': evidence table 'tracker/nowhere' is not in data/tables.yaml"),
    ("claims-not-utf8", data_case(lambda d: (d / "claims.yaml").write_bytes(b"- id: \xff\n")), "data/claims.yaml: not UTF-8 text (byte 6)"),
]

def set_id(value):
    return claim_edit(lambda c: c.update(id=value), checked)


def named_notebook(name):
    def args(w, d):
        small_notebook(w / name, "n: int = 1  # range: >= 1. How many")
        return ["run", str(w / name), "--output", str(w / "out")]
    return args


INPUT_ROW = {"role": "affiliations_2019"}
BAD_ID = "is not a valid claim id (lower-case letters and digits in words joined by '-')"

# Identifiers from data become file names and links: each is held to its pattern before any path is built.
IDENTIFIERS = [
    ("id-climbs-into-notebooks", set_id("../../../notebooks/INJECTED"), f"data/claims.yaml, claim #1, field id: '../../../notebooks/INJECTED' {BAD_ID}"),
    ("id-climbs-out-of-output", set_id("../../../ESCAPED"), f"field id: '../../../ESCAPED' {BAD_ID}"),
    ("id-folder", set_id("a/b"), f"field id: 'a/b' {BAD_ID}"),
    ("id-link-parts", set_id("q#frag?x=1"), f"field id: 'q#frag?x=1' {BAD_ID}"),
    ("id-300-characters", set_id("x" * 300), "field id: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... is not a valid claim id (at most 80 characters)"),
    ("id-empty", set_id(""), f"field id: '' {BAD_ID}"),
    ("id-number", set_id(7), f"field id: 7 {BAD_ID}"),
    ("id-capitals-and-space", set_id("Top 25"), f"field id: 'Top 25' {BAD_ID}"),
    ("id-backslash", set_id("..\\..\\x"), f"field id: '..\\\\..\\\\x' {BAD_ID}"),
    ("id-dot-html", set_id("index.html"), f"field id: 'index.html' {BAD_ID}"),
    ("id-trailing-newline", set_id("top25\n"), f"field id: 'top25\\n' {BAD_ID}"),
    ("notebook-name-spaces", claim_edit(lambda c: c.update(notebook="01 researcher origin.ipynb"), checked),
     f"claim '{CHECKED_CLAIM}': '01 researcher origin.ipynb' is not a valid notebook"),
    ("run-notebook-named-with-hash", named_notebook("90_q#x.ipynb"), "notebook "),
    ("run-notebook-named-in-capitals", named_notebook("90_Tiny.ipynb"), "'90_Tiny.ipynb' is not a valid notebook"),
    ("run-notebook-twice", lambda w, d: ["run", ORIGIN, f"{ORIGIN}.ipynb", "--output", str(w / "out")], f"notebook '{ORIGIN}.ipynb' is named twice"),
    ("source-code-climbs", data_case(first_row("sources.csv", "code", "../X")),
     "data/sources.csv, row 2, column code: '../X' is not a valid source code"),
    ("source-code-lower", data_case(first_row("sources.csv", "code", "mp1")), "data/sources.csv, row 2, column code: 'mp1' is not a valid source code"),
    ("input-path-climbs", data_case(cell("path", "github/../../../x", csv="neurips/inputs.csv", row=INPUT_ROW)),
     "data/neurips/inputs.csv, row 2, column path: 'github/../../../x' is not a valid mirror path"),
    ("input-path-dot-segment", data_case(cell("path", "github/a/b/" + "0" * 40 + "/../../x", csv="neurips/inputs.csv", row=INPUT_ROW)),
     "column path: 'github/a/b/0000000000000000000000000000000000000000/../../x' is not a valid mirror path"),
    ("input-path-absolute", data_case(cell("path", "/etc/passwd", csv="neurips/inputs.csv", row=INPUT_ROW)),
     "column path: '/etc/passwd' is not a valid mirror path"),
    ("input-path-other-host", data_case(cell("path", "https://evil.example/x", csv="neurips/inputs.csv", row=INPUT_ROW)),
     "column path: 'https://evil.example/x' is not a valid mirror path"),
]

CATALOGUE = OUTPUTS + PARAMETERS + DATA + TABLES + CLAIMS + IDENTIFIERS


def test_the_catalogue_holds_at_least_sixty_cases_of_every_class():
    assert len(CATALOGUE) >= 60
    assert all(len(group) >= 10 for group in (OUTPUTS, PARAMETERS, DATA, TABLES, CLAIMS, IDENTIFIERS))


@pytest.mark.parametrize("setup, message", [c[1:] for c in CATALOGUE], ids=[c[0] for c in CATALOGUE])
def test_hostile_input_is_refused_in_one_line_and_nothing_is_touched(world, capsys, setup, message):
    args = setup(world, world / "data")
    before = snapshot(world)
    repo_before = {p.name for p in paths.ROOT.iterdir()}
    code = cli.main(args)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert captured.err.startswith("talentcheck: error: ") and captured.err.count("\n") == 1, captured.err
    shown = captured.err.replace(str(world), "")
    for part in (message if isinstance(message, tuple) else (message,)):
        assert part in shown, captured.err
    assert snapshot(world) == before
    assert {p.name for p in paths.ROOT.iterdir()} == repo_before


def test_a_bom_in_a_csv_is_accepted(data_copy):
    from talentcheck import data

    path = data_copy / ORIGIN_CSV
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    data.clear_cache()
    assert data.load("tracker/origin_undergrad")["year"].iloc[0] in (2019, 2022)


def test_every_catalogue_message_names_what_is_at_fault():
    """A message names a file (data/..., a notebook, a path), a parameter, or a folder: never only a kind of error."""
    for case, _, message in CATALOGUE:
        message = "".join(message)
        assert any(mark in message for mark in ("data/", ".csv", ".ipynb", "parameter '", "--output", "/", "--timeout", "claim '", "table '", "row ", "column ", "notebook ", "field id")), case
