"""Bad input is refused with one line naming the file, row, column or parameter, and exit code 2; the
loader and the verdict logic hold their properties on generated tables."""


import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import set_cell
from helpers import (ORIGIN_CSV, corrupt_column, corrupt_duplicate_claim, corrupt_encoding, corrupt_missing_notebook,
                     corrupt_ragged, corrupt_sum, corrupt_undeclared, corrupt_unreadable)
from talentcheck import claims, cli, data
ROW = {"year": 2019, "cohort": "top_tier", "country": "China", "source_name": "MP1"}


CATALOGUE = [
    (corrupt_undeclared, "data/tracker/extra.csv: not declared in data/tables.yaml"),
    (corrupt_ragged, "data/tracker/origin_undergrad.csv, line 2: 10 fields where the header has 9"),
    (corrupt_column, "data/tracker/origin_undergrad.csv: missing column(s) share_pct"),
    (lambda d: set_cell(d / ORIGIN_CSV, ROW, "share_pct", "high"), "row 2, column share_pct: 'high' is not a number"),
    (lambda d: set_cell(d / ORIGIN_CSV, ROW, "share_pct", "140"), "row 2, column share_pct: 140.0 is outside 0..100"),
    (corrupt_sum, "shares for year=2022, cohort=top_tier sum to 115, over 100 + 1"),
    (lambda d: set_cell(d / ORIGIN_CSV, ROW, "source_url", ""), "row 2, column source_url: empty, but a value is required"),
    (lambda d: set_cell(d / ORIGIN_CSV, ROW, "year", "2021"), "row 2, column year: 2021 is not one of [2019, 2022]"),
    (corrupt_duplicate_claim, "duplicate claim id 'nearly-half-undergrad-china'"),
    (corrupt_missing_notebook, "notebook '09_gone.ipynb' does not exist in notebooks/"),
    (corrupt_encoding, "data/money/huawei_rd.csv: not UTF-8 text"),
    (corrupt_unreadable, "data/money/university_budgets.csv: cannot read it"),
    # a name a chart draws: matplotlib would read "$...$" as math (a parse error, or "Cost 5*and*6" in italics)
    (lambda d: set_cell(d / "xai/founders.csv", {"name": "Manuel Kroiss"}, "name", "Cost $5 and $6"),
     "data/xai/founders.csv, row 4, column name: 'Cost $5 and $6' is a name a chart draws, which must not hold '$'"),
    (lambda d: set_cell(d / "xai/founders.csv", {"name": "Manuel Kroiss"}, "name", "W" * 81),
     "column name: '" + "W" * 81 + "' is a name a chart draws: at most 80 characters"),
    # a mirror or code source says what it copies or computes: the page would print "Mirror ... of " otherwise
    (lambda d: set_cell(d / "sources.csv", {"url": "http://senqingzn.com/dy/article/JTGOJCRK0549R6EJ.html?f=post2020_dy_recommends"},
                        "what", ""), "data/sources.csv, row 8, column what: empty, but a value is required where form is given"),
]


@pytest.mark.parametrize("corrupt, message", CATALOGUE, ids=[m.split(":")[0][:40] for _, m in CATALOGUE])
def test_bad_data_is_refused_in_one_line_with_exit_code_2(data_copy, capsys, corrupt, message):
    corrupt(data_copy)
    claims.clear_caches()
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("talentcheck: error: ")


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
    data.clear_cache()
    loaded = data.load("tracker/origin_undergrad")
    assert loaded["share_pct"].tolist() == table["share_pct"].astype(float).tolist()
    assert loaded["country"].tolist() == table["country"].tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=origin_tables(), bad=st.floats(min_value=100.01, max_value=1e6) | st.floats(max_value=-0.01, min_value=-1e6))
def test_any_share_outside_0_100_is_refused_with_its_row(data_copy, table, bad):
    table = table.astype({"share_pct": float})
    table.loc[len(table) - 1, "share_pct"] = bad
    table.to_csv(data_copy / ORIGIN_CSV, index=False)
    data.clear_cache()
    with pytest.raises(data.DataError, match=rf"row {len(table) + 1}, column share_pct: .* is outside 0..100"):
        data.load("tracker/origin_undergrad")


numbers = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(observed=numbers, stated=numbers, tolerance=st.floats(min_value=0, max_value=5), extra=st.floats(min_value=0, max_value=5))
def test_approx_is_supported_exactly_within_tolerance(observed, stated, tolerance, extra):
    verdict, _ = claims.COMPARE["approx"]({"x": observed}, {"x": stated},
                                          {"tolerance": tolerance, "caveat_tolerance": tolerance + extra})
    gap = abs(observed - stated)
    expected = "supported" if gap <= tolerance else "supported_with_caveat" if gap <= tolerance + extra else "not_supported"
    assert verdict == expected


@given(a=numbers, b=numbers)
def test_greater_is_antisymmetric(a, b):
    first, _ = claims.COMPARE["greater"]({"a": a, "b": b}, ["a", "b"], {})
    second, _ = claims.COMPARE["greater"]({"a": a, "b": b}, ["b", "a"], {})
    assert not (first == second == "supported")
    assert (first == "supported") == (a > b)


@given(observed=st.floats(min_value=0.001, max_value=1e6), stated=st.floats(min_value=0.001, max_value=1e6),
       factor=st.floats(min_value=1, max_value=10))
def test_within_factor_is_symmetric_in_ratio(observed, stated, factor):
    verdict, _ = claims.COMPARE["within_factor"]({"x": observed}, {"x": stated}, {"factor": factor})
    assert (verdict == "supported") == (1 / factor <= observed / stated <= factor)


def test_a_data_folder_set_elsewhere_is_named_as_it_is_not_as_the_repositorys(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TALENTCHECK_DATA", str(tmp_path / "nowhere"))
    claims.clear_caches()
    assert cli.main(["validate"]) == 2
    assert f"{tmp_path / 'nowhere' / 'tables.yaml'}: file not found" in capsys.readouterr().err
    monkeypatch.delenv("TALENTCHECK_DATA")
    claims.clear_caches()


def test_an_unknown_country_is_named_with_its_row_and_column_in_one_line(data_copy, capsys):
    from conftest import set_cell

    set_cell(data_copy / "tracker" / "origin_undergrad.csv", {"year": "2019", "cohort": "top_tier", "country": "China",
                                                              "source_name": "MP1"}, "country", "Atlantis")
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "origin_undergrad.csv, row 2, column country: 'Atlantis' is not a country country_converter knows" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["run", "--jobs", "0"], ["run", "--jobs", "-1"], ["refresh", "--jobs", "0"],
                                  ["run", "--timeout", "0"], ["run", "--timeout", "inf"], ["run", "--timeout", "nan"]])
def test_a_count_or_timeout_that_is_not_a_positive_number_is_refused(args, capsys):
    assert cli.main(args) == 2
    assert f"argument {args[1]}: must be a positive number, got {args[2]}" in capsys.readouterr().err
