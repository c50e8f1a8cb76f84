"""The hostile-input catalogue: what a user can hand `talentcheck run` by mistake or on purpose.

Every case is refused before any notebook executes, with exit code 2 and one line on stderr that names the
file, row, column, parameter or folder at fault; the previous output stays byte for byte as it was, and
nothing else in the test's folder (the user's files beside the output among them) is touched."""
import os
from pathlib import Path

import nbformat
import pytest

from conftest import set_cell
from talentcheck import cli, paths, runner

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
    (out / runner.MARKER).write_text(runner.MARK)
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "thesis.txt").write_text("my thesis")
    (tmp_path / "notes.txt").write_text("my notes")
    return tmp_path


def text(path: Path, old: str, new: str, count: int = 1) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path.name}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def small_notebook(path: Path, parameters: str, body: str = "x = 1") -> Path:
    cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(body)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                        "language": "python"}})
    nbformat.write(nb, path)
    return path


# Each case: (id, set-up(world, data) -> the arguments after `talentcheck`, what the one line must contain).
# Arguments may use {out} (the previous output) and {w} (the test's folder).

def output_case(target):
    return lambda w, d: ["run", ORIGIN, "--jobs", "1", "--output", str(target(w) if callable(target) else target)]


def marker_symlink(w, d):
    mine = w / "mine"
    mine.mkdir()
    (w / "real-marker").write_text(runner.MARK)
    (mine / runner.MARKER).symlink_to(w / "real-marker")
    (mine / "keep.txt").write_text("keep")
    return ["run", ORIGIN, "--output", str(mine)]


def forged_marker(w, d):
    mine = w / "mine"
    mine.mkdir()
    (mine / runner.MARKER).write_text("talentcheck output? perhaps\n")
    (mine / "keep.txt").write_text("keep")
    return ["run", ORIGIN, "--output", str(mine)]


def marker_folder(w, d):
    mine = w / "mine"
    (mine / runner.MARKER).mkdir(parents=True)
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
    ("output-data", output_case(lambda w: w / "data"), "it is, holds or lies in the repository's data/"),
    ("output-in-data", output_case(lambda w: w / "data" / "tracker"), "it is, holds or lies in the repository's data/"),
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
    ("p-decade-end", p(("decade_end", "2030"), notebook="08_money"), "parameter 'decade_end' (08_money.ipynb) must be one of 2022, 2023, 2024"),
    ("p-barely-101", p(("barely_threshold", "101"), notebook="02_work_location"), "parameter 'barely_threshold' (02_work_location.ipynb) must be >= 0 and <= 100"),
    ("p-timeout-0", lambda w, d: ["run", ORIGIN, "--timeout", "-1", "--output", str(w / "out")], "--timeout must be a positive number"),
    ("p-file-missing", lambda w, d: ["run", ORIGIN, "-f", str(w / "nope.yaml"), "--output", str(w / "out")], "/nope.yaml: file not found"),
    ("p-file-list", params_file("- year\n- 2019\n"), "/params.yaml: expected a mapping of parameter names to values"),
    ("p-file-duplicate", params_file("year: 2019\nyear: 2022\n"), "/params.yaml, line 2: invalid YAML: duplicate key 'year'"),
    ("p-file-alias", params_file("year: &y 2019\ncohort: *y\n"), "/params.yaml, line 2: invalid YAML: alias *y is not allowed"),
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


def header_only(d):
    path = d / "money" / "huawei_rd.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")


def cell(column, value, csv=ORIGIN_CSV, row=ROW):
    return lambda d: set_cell(d / csv, row, column, value)


def extra_column(d):
    path = d / ORIGIN_CSV
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",extra", *(line + "," for line in lines[1:])]) + "\n")


COST = ("compute/gpt4_cost_estimates.csv", {"estimate": "AI Index 2024 (with Epoch AI)"})

DATA = [
    ("data-nan-share", data_case(cell("share_pct", "NaN")), "origin_undergrad.csv, row 2, column share_pct: 'NaN' is not a finite number"),
    ("data-inf-cost", data_case(cell("value_musd", "1e309", *COST)), "gpt4_cost_estimates.csv, row 3, column value_musd: '1e309' is not a finite number"),
    ("data-minus-inf", data_case(cell("value_musd", "-inf", *COST)), "gpt4_cost_estimates.csv, row 3, column value_musd: '-inf' is not a finite number"),
    ("data-words", data_case(cell("share_pct", "forty")), "origin_undergrad.csv, row 2, column share_pct: 'forty' is not a number"),
    ("data-header-only", data_case(header_only), "data/money/huawei_rd.csv: no rows, only a header"),
    ("data-empty", data_case(lambda d: (d / "money" / "huawei_rd.csv").write_text("")), "data/money/huawei_rd.csv: file is empty"),
    ("data-fifo", data_case(fifo), "data/money/huawei_rd.csv: not a regular file"),
    ("data-symlink-loop", data_case(loop), "data/money/huawei_rd.csv: a symbolic link loop"),
    ("data-bad-url", data_case(cell("source_url", "javascript:alert(1)")), "row 2, column source_url: 'javascript:alert(1)' is not a URL"),
    ("data-bad-standing", data_case(cell("source_standing", "gospel")), "row 2, column source_standing: 'gospel' is not a source standing"),
    ("data-bad-country", data_case(cell("country", "USA")), "row 2, column country: 'USA' is not a country's standard short name"),
    ("data-duplicate-row", data_case(lambda d: text(d / ORIGIN_CSV, "\n", "\n" + (d / ORIGIN_CSV).read_text().splitlines()[1] + "\n")),
     "origin_undergrad.csv, row 3: duplicate key"),
    ("data-extra-column", data_case(extra_column), "data/tracker/origin_undergrad.csv: unexpected column(s) extra"),
    ("data-quote", data_case(lambda d: text(d / "money" / "huawei_rd.csv", "\n2014,", '\n2014,"40')), "data/money/huawei_rd.csv"),
]


def yaml_case(name, old, new):
    return data_case(lambda d: text(d / name, old, new))


TRACKER_COLUMNS = "tracker/flows:\n  description"

TABLES = [
    ("tables-duplicate-table", yaml_case("tables.yaml", "tracker/work_country:", "tracker/origin_undergrad:"),
     "data/tables.yaml, line 21: invalid YAML: duplicate key 'tracker/origin_undergrad'"),
    ("tables-duplicate-column", yaml_case("tables.yaml", "    cohort: {allowed: [top_tier, most_elite]}\n", "    cohort: {allowed: [top_tier, most_elite]}\n    cohort:\n"),
     "data/tables.yaml, line 13: invalid YAML: duplicate key 'cohort'"),
    ("tables-alias", yaml_case("tables.yaml", "  shares: {value: share_pct, group: [year, cohort], category: country}\n  columns:",
                               "  shares: &s {value: share_pct, group: [year, cohort], category: country}\n  extra: [*s, *s]\n  columns:"),
     "data/tables.yaml, line 10: invalid YAML: alias *s is not allowed"),
    ("tables-unknown-type", yaml_case("tables.yaml", "share_pct: {type: float, min: 0, max: 100}", "share_pct: {type: percent, min: 0, max: 100}"),
     "data/tables.yaml, table 'tracker/origin_undergrad', column share_pct: unknown type 'percent'"),
    ("tables-bound-text", yaml_case("tables.yaml", "share_pct: {type: float, min: 0, max: 100}", "share_pct: {type: float, min: 0, max: lots}"),
     "column share_pct: max must be a finite number"),
    ("tables-bound-inf", yaml_case("tables.yaml", "share_pct: {type: float, min: 0, max: 100}", "share_pct: {type: float, min: 0, max: .inf}"),
     "column share_pct: max must be a finite number"),
    ("tables-unknown-rule", yaml_case("tables.yaml", "share_pct: {type: float, min: 0, max: 100}", "share_pct: {type: float, minimum: 0}"),
     "column share_pct: unknown rule(s) ['minimum']"),
    ("tables-no-columns", yaml_case("tables.yaml", TRACKER_COLUMNS, "tracker/flows:\n  columns: []\n  description"),
     "data/tables.yaml, line 55: invalid YAML: duplicate key 'columns'"),
    ("tables-key-unknown", yaml_case("tables.yaml", "key: [year, cohort, country, source_name]", "key: [year, cohort, nation, source_name]"),
     "table 'tracker/origin_undergrad': key must list columns of the table"),
    ("tables-syntax", yaml_case("tables.yaml", "key: [year, cohort, country, source_name]", "key: [year, cohort"),
     "data/tables.yaml, line"),
    ("tables-not-mapping", data_case(lambda d: (d / "tables.yaml").write_text("- a\n- b\n")), "data/tables.yaml: expected a mapping of table names"),
]

CLAIM = "- id: origin-47-18-5\n"

CLAIMS = [
    ("claims-no-figures", yaml_case("claims.yaml", "    figures: {China: 47, United States: 18, India: 5}\n", ""),
     "data/claims.yaml, claim 'origin-47-18-5': check.figures is missing or empty"),
    ("claims-figure-words", yaml_case("claims.yaml", "figures: {China: 47, United States: 18", "figures: {China: forty-seven, United States: 18"),
     "data/claims.yaml, claim 'origin-47-18-5': figure 'forty-seven' must be a finite number"),
    ("claims-figure-nan", yaml_case("claims.yaml", "figures: {China: 47, United States: 18", "figures: {China: .nan, United States: 18"),
     "data/claims.yaml, claim 'origin-47-18-5': figure nan must be a finite number"),
    ("claims-duplicate-key", yaml_case("claims.yaml", "  paragraph: 6\n  claim: Worldwide, 47%", "  paragraph: 6\n  paragraph: 7\n  claim: Worldwide, 47%"),
     "data/claims.yaml, line 207: invalid YAML: duplicate key 'paragraph'"),
    ("claims-alias", yaml_case("claims.yaml", "    figures: {China: 47, United States: 18, India: 5}", "    figures: *f"),
     "data/claims.yaml, line 222: invalid YAML: alias *f is not allowed"),
    ("claims-notebook-outside", yaml_case("claims.yaml", "notebook: 01_researcher_origin.ipynb\n  as_stated: {year: 2022",
                                          "notebook: ../../etc/passwd.ipynb\n  as_stated: {year: 2022"),
     "data/claims.yaml, claim 'nearly-half-undergrad-china': notebook '../../etc/passwd.ipynb' does not exist in notebooks/"),
    ("claims-notebook-path", yaml_case("claims.yaml", "notebook: 01_researcher_origin.ipynb\n  as_stated: {year: 2022",
                                       "notebook: notebooks/01_researcher_origin.ipynb\n  as_stated: {year: 2022"),
     "notebook 'notebooks/01_researcher_origin.ipynb' does not exist in notebooks/"),
    ("claims-compare", yaml_case("claims.yaml", "    compare: approx\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47",
                                 "    compare: roughly\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47"),
     "claim 'origin-47-18-5': check.compare must be one of"),
    ("claims-tolerance", yaml_case("claims.yaml", "    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47",
                                   "    tolerance: -3\n    caveat_tolerance: 1\n    figures: {China: 47"),
     "claim 'origin-47-18-5': check.tolerance must be a finite number >= 0"),
    ("claims-value-column", yaml_case("claims.yaml", "    by: country\n    value: share_pct\n    source: \"{source}\"\n    compare: approx\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47",
                                      "    by: country\n    value: percent\n    source: \"{source}\"\n    compare: approx\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47"),
     "claim 'origin-47-18-5': check.value 'percent' is not a column of tracker/origin_undergrad"),
    ("claims-paragraph-text", yaml_case("claims.yaml", "  paragraph: 6\n  claim: Worldwide, 47%", "  paragraph: six\n  claim: Worldwide, 47%"),
     "claim 'origin-47-18-5': field paragraph must be a int"),
    ("claims-entry-text", yaml_case("claims.yaml", CLAIM, "- just a sentence\n" + CLAIM), "data/claims.yaml, claim #12: expected a mapping of fields"),
    ("claims-not-list", data_case(lambda d: (d / "claims.yaml").write_text("id: x\n")), "data/claims.yaml: expected a list of claims"),
    ("claims-unknown-table", yaml_case("claims.yaml", "    table: tracker/origin_undergrad\n    where: {year: \"{year}\", cohort: \"{cohort}\"}\n    by: country\n    value: share_pct\n    source: \"{source}\"\n    compare: approx\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47",
                                       "    table: tracker/origin\n    where: {year: \"{year}\", cohort: \"{cohort}\"}\n    by: country\n    value: share_pct\n    source: \"{source}\"\n    compare: approx\n    tolerance: 0.5\n    caveat_tolerance: 1\n    figures: {China: 47"),
     "claim 'origin-47-18-5': evidence table 'tracker/origin' is not in data/tables.yaml"),
    ("claims-not-utf8", data_case(lambda d: (d / "claims.yaml").write_bytes(b"- id: \xff\n")), "data/claims.yaml: not UTF-8 text (byte 6)"),
]

CATALOGUE = OUTPUTS + PARAMETERS + DATA + TABLES + CLAIMS


def test_the_catalogue_holds_at_least_sixty_cases_of_every_class():
    assert len(CATALOGUE) >= 60
    assert all(len(group) >= 10 for group in (OUTPUTS, PARAMETERS, DATA, TABLES, CLAIMS))


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
    assert message.replace(str(world), "") in shown, captured.err
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
        assert any(mark in message for mark in ("data/", ".csv", ".ipynb", "parameter '", "--output", "/", "--timeout", "claim '", "table '", "row ", "column ")), case
