"""Bad input is refused with one line naming the file, row, column, parameter or folder at fault, exit code 2,
and nothing touched: every way a data file can be wrong (`helpers.BAD_DATA`, refused by `talentcheck validate`,
which every run calls first), and every output folder and parameter `talentcheck run` refuses before anything
runs. The loader and the comparisons hold their properties on generated tables."""
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import BAD_DATA, ORIGIN_CSV, small_notebook, snapshot
from talentcheck import clear_caches, cli, data, hashing, paths
from talentcheck.claims.comparison import COMPARE
from talentcheck.run import manifest
from talentcheck.run.publishing import MARK, MARKER

ORIGIN = "01_researcher_origin"


def refused_in_one_line(code: int, err: str, message, strip: str = "") -> None:
    assert code == 2, err
    assert err.startswith("talentcheck: error: ") and err.count("\n") == 1, err
    for part in (message if isinstance(message, tuple) else (message,)):
        assert part in err.replace(strip, "") if strip else part in err, err


@pytest.mark.parametrize("corrupt, message", [c[1:] for c in BAD_DATA], ids=[c[0] for c in BAD_DATA])
def test_bad_data_is_refused_in_one_line_with_exit_code_2(data_copy, capsys, corrupt, message):
    corrupt(data_copy)
    refused_in_one_line(cli.main(["validate"]), capsys.readouterr().err, message)


def test_a_data_folder_set_elsewhere_is_named_as_it_is_not_as_the_repositorys(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TALENTCHECK_DATA", str(tmp_path / "nowhere"))
    clear_caches()  # what an earlier test in this process loaded from the real data/ is not this folder's
    refused_in_one_line(cli.main(["validate"]), capsys.readouterr().err, f"{tmp_path / 'nowhere' / 'tables.yaml'}: file not found")
    monkeypatch.delenv("TALENTCHECK_DATA")
    clear_caches()


def test_a_bom_in_a_csv_is_accepted(data_copy):
    path = data_copy / ORIGIN_CSV
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert data.load("tracker/origin_undergrad")["year"].iloc[0] in (2019, 2022)


# ---------------------------------------------------------------- what `talentcheck run` refuses before anything runs

@pytest.fixture
def world(tmp_path, previous_output):
    """A previous output of talentcheck's (marked), a user's folder and file beside it."""
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "thesis.txt").write_text("my thesis")
    (tmp_path / "notes.txt").write_text("my notes")
    return tmp_path


# Each case: (id, set-up(world, data) -> the arguments after `talentcheck`, what the one line must contain); `data`
# gives the folder of a data copy the run reads, made for the cases that ask for it (a copy costs each case time).

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
    ("output-data", lambda w, d: output_case(d())(w, d), "it is, holds or lies in the data folder (TALENTCHECK_DATA) /"),
    ("output-in-data", lambda w, d: output_case(d() / "tracker")(w, d), "it is, holds or lies in the data folder (TALENTCHECK_DATA) /"),
    ("output-users-folder", output_case(lambda w: w / "user"), "/user: a folder talentcheck did not make (it has no .talentcheck-output)"),
    ("output-a-file", output_case(lambda w: w / "notes.txt"), "/notes.txt: exists and is not a folder"),
    ("output-below-a-file", output_case(lambda w: w / "notes.txt" / "out"), "/notes.txt/out: cannot write beside it"),
    ("output-symlink-to-users", output_symlink, "/user: a folder talentcheck did not make"),
    ("output-marker-symlink", marker_symlink, "/mine: a folder talentcheck did not make"),
    ("output-forged-marker", forged_marker, "/mine: a folder talentcheck did not make"),
    ("output-marker-folder", marker_folder, "/mine: a folder talentcheck did not make"),
    ("failed-is-users", failed_is_users, "the folder for a failed run's notebooks /out.failed: a folder talentcheck did not make"),
    ("failed-is-file", failed_is_file, "/out.failed: exists and is not a folder"),
    ("output-inside-an-output", output_case(lambda w: w / "out" / "report" / "sub"),
     "--output /out/report/sub: lies inside /out, an output of talentcheck's, which the next run there replaces whole"),
    ("output-named-failed", output_case(lambda w: w / "mine.failed"),
     "--output /mine.failed: a name ending in .failed is where a failed run into /mine keeps its notebooks"),
]


def neurips(*args):
    return lambda w, d: ["neurips", *[str(a(w) if callable(a) else a) for a in args]]


NOWHERE = lambda w: w / "no-mirror"  # noqa: E731 (a mirror that is not there: a refused target is refused before it is read)
WRITERS = [  # the other commands that write: never into the repository's own folders
    ("fetch-to-notebooks", neurips("fetch", "--mirror", NOWHERE, "--to", paths.NOTEBOOKS),
     "--to notebooks: it is, holds or lies in the repository's notebooks/; choose a folder of its own (default: .cache/upstream/)"),
    ("fetch-to-repository", neurips("fetch", "--mirror", NOWHERE, "--to", paths.ROOT), "--to the repository: it holds the repository"),
    ("fetch-to-data-neurips", neurips("fetch", "--mirror", NOWHERE, "--to", paths.ROOT / "data" / "neurips"),
     "--to data/neurips: it is, holds or lies in the repository's data/"),
    ("maps-to-tests", neurips("maps", "--mirror", NOWHERE, "--to", paths.ROOT / "tests" / "x"), "--to tests/x: it is, holds or lies in the repository's tests/"),
    ("maps-out-src", neurips("maps", "--mirror", NOWHERE, "--to", lambda w: w / "up", "--out", paths.ROOT / "src"),
     "--out src: it is, holds or lies in the repository's src/"),
    ("build-out-notebooks", neurips("build", "--raw", NOWHERE, "--out", paths.NOTEBOOKS),
     "--out notebooks: it is, holds or lies in the repository's notebooks/; choose a folder of its own (default: data/neurips/)"),
    ("build-out-data", neurips("build", "--raw", NOWHERE, "--out", paths.ROOT / "data"), "--out data: it is, holds or lies in the repository's data/"),
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


def bad_value(case: str, name: str, value: str, must: str, notebook: str = "01_researcher_origin"):
    """A case: `-p NAME VALUE` for `notebook`, refused with "parameter 'NAME' (NOTEBOOK.ipynb) MUST"."""
    return case, p((name, value), notebook=notebook), f"parameter '{name}' ({notebook}.ipynb) {must}"


def registry_error_beside_a_kept_result(w, d):
    """A previous output holding another notebook's result, vouched for by its manifest, and a claims.yaml error:
    the error is the one line (not a warning per kept result that it cannot be trusted)."""
    kept = "02_work_location.ipynb"
    (w / "out" / "notebooks").mkdir()
    blob = (paths.NOTEBOOKS / kept).read_bytes()
    (w / "out" / "notebooks" / kept).write_bytes(blob)
    (w / "out" / manifest.NAME).write_text(json.dumps({"inputs": None, "files": {f"notebooks/{kept}": hashing.sha256(blob)},
                                                       "flips": []}))
    text = (d() / "claims.yaml").read_text(encoding="utf-8")
    (d() / "claims.yaml").write_text(text.replace("parameters: [cohort, year]", "parameters: [cohort, colour]", 1), encoding="utf-8")
    return ["run", ORIGIN, "--jobs", "1", "--output", str(w / "out")]


PARAMETERS = [
    ("p-unknown", p(("no_such", "1")), "unknown parameter 'no_such'"),
    ("p-twice", p(("year", "2019"), ("year", "2022")), "parameter 'year' given twice"),
    ("p-file-and-flag", params_file("year: 2019\n", "-p", "year", "2022"), "parameter 'year' given twice"),
    bad_value("p-year-2021", "year", "2021", "must be one of as_stated, 2019, 2022, got '2021'"),
    bad_value("p-year-float", "year", "2019.0", "must be one of"),
    bad_value("p-cohort-elite", "cohort", "elite", "must be one of as_stated, top_tier, most_elite"),
    bad_value("p-cohort-none", "cohort", "None", "must be one of"),
    bad_value("p-top_n-0", "top_n", "0", "must be >= 1, got '0'", "04_top_institutions"),
    bad_value("p-top_n-float", "top_n", "2.5", "must be of type int", "04_top_institutions"),
    bad_value("p-top_n-bool", "top_n", "True", "must be of type int", "04_top_institutions"),
    bad_value("p-counting", "counting", "votes", "must be one of authors", "04_top_institutions"),
    bad_value("p-counting-05", "counting", "votes", "must be one of", "05_work_rederived"),
    bad_value("p-merge-yes", "merge_google_deepmind", "yes", "must be of type bool", "04_top_institutions"),
    bad_value("p-tolerance-0", "tolerance_factor", "0", "must be >= 1", "07_compute_costs"),
    bad_value("p-gpus-negative", "gpus", "-5", "must be >= 1 and <= 1e+07, got '-5'", "07_compute_costs"),
    bad_value("p-gpus-zero", "gpus", "0", "must be >= 1", "07_compute_costs"),
    bad_value("p-utilisation-1.5", "utilisation", "1.5", "must be > 0 and <= 1", "07_compute_costs"),
    bad_value("p-utilisation-nan", "utilisation", "nan", "must be a finite number", "07_compute_costs"),
    bad_value("p-hundreds-inf", "hundreds_reading_musd", "inf", "must be a finite number", "07_compute_costs"),
    bad_value("p-price-text", "price_usd_per_kwh", "cheap", "must be of type float", "07_compute_costs"),
    bad_value("p-fx-source", "fx_source", "ECB", "must be one of", "08_money"),
    bad_value("p-vintage", "vintage", "2030", "must be one of article, latest", "08_money"),
    bad_value("p-barely-101", "barely_threshold", "101", "must be > 0 and <= 100", "02_work_location"),
    bad_value("p-barely-minus-zero", "barely_threshold", "-0.0", "must be > 0 and <= 100", "02_work_location"),
    bad_value("p-hundreds-1e308", "hundreds_reading_musd", "1e308", "must be >= 100 and <= 999", "07_compute_costs"),
    bad_value("p-gpus-tiny", "gpus", "1e-300", "must be >= 1 and <= 1e+07", "07_compute_costs"),
    bad_value("p-price-1e308", "price_usd_per_kwh", "1e308", "must be > 0 and <= 10", "07_compute_costs"),
    bad_value("p-utilisation-zero", "utilisation", "0", "must be > 0 and <= 1", "07_compute_costs"),
    ("p-timeout-0", lambda w, d: ["run", ORIGIN, "--timeout", "-1", "--output", str(w / "out")],
     "argument --timeout: must be a whole number from 1 to 604800, got '-1'"),
    bad_value("p-gpus-1e20", "gpus", "1e20", "must be >= 1 and <= 1e+07, got '1e20'", "07_compute_costs"),
    bad_value("p-gpus-1e308", "gpus", "1e308", "must be >= 1 and <= 1e+07", "07_compute_costs"),
    bad_value("p-tolerance-1e308", "tolerance_factor", "1e308", "must be >= 1 and <= 100, got '1e308'", "07_compute_costs"),
    bad_value("p-tolerance-101", "tolerance_factor", "101", "must be >= 1 and <= 100", "07_compute_costs"),
    bad_value("p-long-text", "cohort", "x" * 100_000, f"must be one of as_stated, top_tier, most_elite, got '{'x' * 39}... (100,000 characters)"),
    ("p-long-name", p(("y" * 100_000, "1")), f"unknown parameter '{'y' * 39}... (100,000 characters)"),
    ("p-file-long-value", params_file("cohort: " + "x" * 5_000_000 + "\n"), f"got '{'x' * 39}... (5,000,000 characters)"),
    ("p-file-long-list", params_file("cohort: [" + "1, " * 100_000 + "1]\n"), "characters written out)"),
    ("p-file-missing", lambda w, d: ["run", ORIGIN, "-f", str(w / "nope.yaml"), "--output", str(w / "out")], "/nope.yaml: file not found"),
    ("p-file-nested-deep", params_file("cohort: " + "[" * 50_000 + "]" * 50_000 + "\n"), "/params.yaml: invalid YAML: nested too deeply to read"),
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
    ("p-site-url-relative", lambda w, d: ["run", ORIGIN, "--site-url", "report/", "--output", str(w / "out")],
     "--site-url 'report/': give the absolute http(s) address where output/report/ is published"),
    ("registry-error-beside-kept-result", registry_error_beside_a_kept_result,
     ("data/claims.yaml, claim '", "': parameters names 'colour', which 01_researcher_origin.ipynb does not declare")),
    ("p-site-url-space-and-markup", lambda w, d: ["run", ORIGIN, "--site-url", 'https://ex.org/a b"><script>', "--output", str(w / "out")],
     """--site-url 'https://ex.org/a b"><script>': holds ' ', which an address does not (percent-encode it: %20)"""),
    ("p-site-url-line-break", lambda w, d: ["run", ORIGIN, "--site-url", "https://ex.org/\nx", "--output", str(w / "out")],
     "--site-url 'https://ex.org/\\nx': holds '\\n', which an address does not (percent-encode it: %0A)"),
    ("p-site-url-quote", lambda w, d: ["run", ORIGIN, "--site-url", "https://ex.org/a'b", "--output", str(w / "out")], "holds \"'\""),
    ("p-date-before-the-article", lambda w, d: ["run", ORIGIN, "--date", "0001-01-01", "--output", str(w / "out")],
     ("--date '0001-01-01': before ", ", when the article it reviews was published")),
    ("p-date-unreadable", lambda w, d: ["run", ORIGIN, "--date", "2025-13-01", "--output", str(w / "out")],
     "--date '2025-13-01': give the review's date as YYYY-MM-DD"),
]


def named_notebook(name):
    def args(w, d):
        small_notebook(w / name, "n: int = 1  # range: >= 1. How many")
        return ["run", str(w / name), "--output", str(w / "out")]
    return args


def same_name_twice(w, d):
    """A copy of a notebook elsewhere under the same file name: the two would share one staged file."""
    (w / "copy").mkdir()
    (w / "copy" / f"{ORIGIN}.ipynb").write_bytes((paths.NOTEBOOKS / f"{ORIGIN}.ipynb").read_bytes())
    return ["run", str(w / "copy" / f"{ORIGIN}.ipynb"), ORIGIN, "--output", str(w / "out")]


NOTEBOOKS = [
    ("notebook-named-with-hash", named_notebook("90_q#x.ipynb"), "notebook "),
    ("notebook-named-in-capitals", named_notebook("90_Tiny.ipynb"), "'90_Tiny.ipynb' is not a valid notebook"),
    ("notebook-twice", lambda w, d: ["run", ORIGIN, f"{ORIGIN}.ipynb", "--output", str(w / "out")], f"notebook '{ORIGIN}.ipynb' is named twice"),
    ("notebook-same-name-elsewhere", same_name_twice, f"notebook '{ORIGIN}': another notebook of the same name, /copy/{ORIGIN}.ipynb, is named too"),
    ("notebook-same-name-relative", lambda w, d: ["run", ORIGIN, f"./notebooks/../notebooks/{ORIGIN}.ipynb", "--output", str(w / "out")],
     "is named twice"),
    ("notebook-name-long", lambda w, d: ["run", "z" * 5000, "--output", str(w / "out")], f"no notebook '{'z' * 39}... (5,000 characters)"),
    ("notebook-unknown", lambda w, d: ["run", "no_such_notebook", "--output", str(w / "out")], "no notebook 'no_such_notebook'"),
]
REFUSED_RUNS = OUTPUTS + PARAMETERS + NOTEBOOKS + WRITERS


def repository_files() -> list:
    """The repository's top-level names and every path under its notebooks/ and data/."""
    return [sorted(paths.ROOT.iterdir()), *(sorted(folder.rglob("*")) for folder in (paths.NOTEBOOKS, paths.ROOT / "data"))]


@pytest.mark.parametrize("setup, message", [c[1:] for c in REFUSED_RUNS], ids=[c[0] for c in REFUSED_RUNS])
def test_a_run_refuses_bad_input_in_one_line_and_touches_nothing(world, capsys, request, setup, message):
    args = setup(world, lambda: request.getfixturevalue("data_copy"))
    before = snapshot(world)
    repo_before = repository_files()
    code = cli.main(args)
    refused_in_one_line(code, capsys.readouterr().err, message, strip=str(world))
    assert snapshot(world) == before
    assert repository_files() == repo_before


# ---------------------------------------------------------------- properties of the loader and the verdicts

COUNTRIES = ["China", "United States", "India", "Canada", "United Kingdom", "France", "Germany", "Europe"]


@st.composite
def origin_tables(draw):
    """Valid origin tables: per (year, cohort), distinct countries whose shares sum to at most 100."""
    rows = []
    for year in (2019, 2022):
        for cohort in ("top_tier", "most_elite"):
            countries = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=5, unique=True))
            budget = 100.0
            for country in countries:
                share = draw(st.integers(min_value=0, max_value=int(budget)))
                budget -= share
                rows.append({"year": year, "cohort": cohort, "country": country, "share_pct": share,
                             "source_name": "X", "source_standing": draw(st.sampled_from(data.STANDINGS)),
                             "source_url": "https://example.org/a", "also_in": "", "note": ""})
    return pd.DataFrame(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=origin_tables())
def test_any_valid_table_loads_unchanged(data_copy, table):
    table.to_csv(data_copy / ORIGIN_CSV, index=False)
    clear_caches()
    loaded = data.load("tracker/origin_undergrad")
    assert loaded["share_pct"].tolist() == table["share_pct"].astype(float).tolist()
    assert loaded["country"].tolist() == table["country"].tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=origin_tables(), bad=st.floats(min_value=100.01, max_value=1e6) | st.floats(max_value=-0.01, min_value=-1e6))
def test_any_share_outside_0_100_is_refused_with_its_row(data_copy, table, bad):
    table = table.astype({"share_pct": float})
    table.loc[len(table) - 1, "share_pct"] = bad
    table.to_csv(data_copy / ORIGIN_CSV, index=False)
    clear_caches()
    with pytest.raises(data.DataError, match=rf"row {len(table) + 1}, column share_pct: .* is outside 0..100"):
        data.load("tracker/origin_undergrad")


numbers = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(observed=numbers, stated=numbers, tolerance=st.floats(min_value=0, max_value=5), extra=st.floats(min_value=0, max_value=5))
def test_approx_is_supported_exactly_within_tolerance(observed, stated, tolerance, extra):
    verdict = COMPARE["approx"]({"x": observed}, {"x": stated},
                                          {"tolerance": tolerance, "caveat_tolerance": tolerance + extra})
    gap = abs(observed - stated)
    expected = "supported" if gap <= tolerance else "supported_with_caveat" if gap <= tolerance + extra else "not_supported"
    assert verdict == expected


@given(a=numbers, b=numbers)
def test_greater_is_antisymmetric(a, b):
    first = COMPARE["greater"]({"a": a, "b": b}, ["a", "b"], {})
    second = COMPARE["greater"]({"a": a, "b": b}, ["b", "a"], {})
    assert not (first == second == "supported")
    assert (first == "supported") == (a > b)


@given(observed=st.floats(min_value=0.001, max_value=1e6), stated=st.floats(min_value=0.001, max_value=1e6),
       factor=st.floats(min_value=1, max_value=10))
def test_within_factor_is_symmetric_in_ratio(observed, stated, factor):
    verdict = COMPARE["within_factor"]({"x": observed}, {"x": stated}, {"factor": factor})
    assert (verdict == "supported") == (1 / factor <= observed / stated <= factor)


@pytest.mark.parametrize("args, message", [
    (["run", "--jobs", "0"], "must be a whole number from 1 to 32, got '0'"),
    (["run", "--jobs", "-1"], "must be a whole number from 1 to 32, got '-1'"),
    (["run", "--jobs", "33"], "must be a whole number from 1 to 32, got '33'"),
    (["run", "--jobs", "2.5"], "'2.5' is not a whole number"),
    (["refresh", "--jobs", "0"], "must be a whole number from 1 to 32, got '0'"),
    (["refresh", "--jobs", "9" * 5000], f"'{'9' * 39}... (5,000 characters) is not a whole number"),
    (["run", "--timeout", "0"], "must be a whole number from 1 to 604800, got '0'"),
    (["run", "--timeout", "30.5"], "'30.5' is not a whole number"),  # nbclient takes whole seconds: a TraitError in every notebook
    (["run", "--timeout", "1e308"], "'1e308' is not a whole number"),
    (["run", "--timeout", "604801"], "must be a whole number from 1 to 604800, got '604801'"),
    (["run", "--timeout", "inf"], "'inf' is not a whole number"),
    (["run", "--timeout", "nan"], "'nan' is not a whole number"),
    (["run", "--timeout", "0x10"], "'0x10' is not a whole number"),
])
def test_a_count_or_timeout_that_is_not_a_whole_number_in_range_is_refused(args, message, capsys):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err == f"talentcheck: error: argument {args[1]}: {message} (see talentcheck {args[0]} --help)\n"


ENVIRONMENT = [  # (variable, value, what the one line must say)
    ("SOURCE_DATE_EPOCH", "abc", "SOURCE_DATE_EPOCH='abc': must be a whole number of seconds since 1970-01-01 UTC, from 0 to 253402300799"),
    ("SOURCE_DATE_EPOCH", "-5", "SOURCE_DATE_EPOCH='-5': must be a whole number of seconds"),  # it would date every review 1969
    ("SOURCE_DATE_EPOCH", "1.5e9", "SOURCE_DATE_EPOCH='1.5e9': must be"),
    ("SOURCE_DATE_EPOCH", " 1700000000", "SOURCE_DATE_EPOCH=' 1700000000': must be"),
    ("SOURCE_DATE_EPOCH", "253402300800", "SOURCE_DATE_EPOCH='253402300800': must be"),  # past the year 9999
    ("SOURCE_DATE_EPOCH", "\u0663", "SOURCE_DATE_EPOCH='\u0663': must be"),  # an Arabic-Indic three: isdigit, not ASCII
    ("SOURCE_DATE_EPOCH", "9" * 5000, f"SOURCE_DATE_EPOCH='{'9' * 39}... (5,000 characters): must be"),
    ("MPLBACKEND", "bogus", "MPLBACKEND='bogus': not a backend matplotlib knows"),
    ("MPLBACKEND", "module://no_such_backend_module", "MPLBACKEND='module://no_such_backend_module': not a backend matplotlib knows"),
    ("MPLBACKEND", "module://", "MPLBACKEND='module://': not a backend matplotlib knows"),
    ("TALENTCHECK_CACHE", str(paths.NOTEBOOKS), "TALENTCHECK_CACHE notebooks: it is, holds or lies in the repository's notebooks/"),
    ("TALENTCHECK_CACHE", str(paths.ROOT / "data" / "cache"), "TALENTCHECK_CACHE data/cache: it is, holds or lies in the repository's data/"),
    ("TALENTCHECK_CACHE", str(paths.ROOT), "TALENTCHECK_CACHE the repository: it holds the repository"),
    ("TALENTCHECK_KERNEL_IDLE", "abc", "TALENTCHECK_KERNEL_IDLE='abc': must be a number of seconds greater than 0"),
    ("TALENTCHECK_KERNEL_IDLE", "-1", "TALENTCHECK_KERNEL_IDLE='-1': must be a number of seconds greater than 0"),
    ("TALENTCHECK_KERNEL_IDLE", "inf", "TALENTCHECK_KERNEL_IDLE='inf': must be"),
]


@pytest.mark.parametrize("variable, value, message", ENVIRONMENT, ids=[f"{v}={x[:12]}" for v, x, _ in ENVIRONMENT])
@pytest.mark.parametrize("command", ["run", "refresh"])
def test_an_environment_variable_a_run_reads_is_checked_and_named(world, monkeypatch, capsys, command, variable, value,
                                                                           message):
    monkeypatch.setenv(variable, value)
    args = ["run", ORIGIN, "--output", str(world / "out")] if command == "run" else ["refresh", ORIGIN]
    before, notebooks_before = snapshot(world), snapshot(paths.NOTEBOOKS)
    refused_in_one_line(cli.main(args), capsys.readouterr().err, message)
    assert snapshot(world) == before and snapshot(paths.NOTEBOOKS) == notebooks_before


def test_a_valid_source_date_epoch_dates_the_review(monkeypatch):
    from talentcheck.report import claimreview
    from talentcheck.run.selection import check_environment

    for epoch, day in (("0", "1970-01-01"), ("1700000000", "2023-11-14"), ("253402300799", "9999-12-31")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        check_environment()
        assert claimreview.date_published() == day  # read when asked, not once per session


@pytest.mark.parametrize("epoch", [value for variable, value, _ in ENVIRONMENT if variable == "SOURCE_DATE_EPOCH"])
def test_a_report_built_outside_a_run_refuses_the_source_date_epoch_a_run_refuses(monkeypatch, epoch):
    """One reader of SOURCE_DATE_EPOCH: the report's date refuses what the run's check refuses, in the same words
    (it once dated every review 1969 for "-5" when the report was built without a run)."""
    from talentcheck.errors import RunError
    from talentcheck.report import claimreview
    from talentcheck.run.selection import check_environment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(RunError) as by_run:
        check_environment()
    with pytest.raises(RunError) as by_report:
        claimreview.date_published()
    assert str(by_report.value) == str(by_run.value)


def test_a_warning_is_one_line_whatever_the_path_it_names_holds(capsys):
    from talentcheck.run.progress import warn

    warn("could not remove /tmp/out\nrm -rf ~\r.failed")
    err = capsys.readouterr().err
    assert err == "talentcheck: warning: could not remove /tmp/out\\nrm -rf ~\\r.failed\n"
