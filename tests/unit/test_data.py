"""Loading the evidence tables: typed columns, copies, one source per category, strict YAML read fast.
(Every bad input refused with its file, row and column: test_bad_input.py.)"""

import pytest

from helpers import set_cell
from talentcheck import data

ORIGIN = "tracker/origin_undergrad"


def test_every_table_in_the_schema_loads_with_typed_columns():
    names = data.validate_all()
    assert ORIGIN in names
    origin = data.load(ORIGIN)
    assert str(origin["year"].dtype) == "Int64"
    assert str(origin["share_pct"].dtype) == "Float64"
    assert origin["source_url"].str.match(r"https?://").all()


def test_every_row_names_its_source_and_standing():
    for name in data.table_names():
        if name in ("sources", "reader_words"):  # the registry itself, and the vocabulary (a source only where words need one)
            continue
        table = data.load(name)
        assert table["source_url"].notna().all(), name
        assert table["source_standing"].isin(data.STANDINGS).all(), name


def test_load_returns_a_copy_that_callers_may_change():
    table = data.load(ORIGIN)
    table.loc[0, "share_pct"] = -1
    assert data.load(ORIGIN).loc[0, "share_pct"] != -1


def test_pick_source_prefers_the_best_standing_then_the_named_source():
    origin = data.load(ORIGIN)
    key = ["year", "cohort", "country"]
    best = data.pick_source(origin, key)
    europe = best[(best["year"] == 2019) & (best["country"] == "Europe (excl. UK)")]
    assert europe["share_pct"].tolist() == [18]  # CBN and GIGAZINE are both secondary: the first listed wins
    china = best[(best["year"] == 2019) & (best["cohort"] == "top_tier") & (best["country"] == "China")]
    assert china["source_name"].tolist() == ["MP1"]  # primary beats the NYT's "one-third"
    chosen = data.pick_source(origin, key, "GIGAZINE")
    assert chosen[(chosen["year"] == 2019) & (chosen["country"] == "Europe (excl. UK)")]["share_pct"].tolist() == [17]
    assert len(chosen) == len(best)
    with pytest.raises(data.DataError, match="source 'NOPE' does not appear"):
        data.pick_source(origin, key, "NOPE")


@pytest.mark.parametrize("table", data.table_names())
def test_every_column_declares_its_type(table):
    """A column without a type would be read as text: a year compared as a string sorts "2019" after "202"."""
    untyped = [c for c, rule in data.schemas()[table]["columns"].items() if not (rule or {}).get("type")]
    assert not untyped, f"data/tables.yaml, table {table}: column(s) without a type: {untyped}"


def test_a_placeholder_or_region_stands_in_a_country_column(data_copy):
    from talentcheck.data import countries

    assert countries.PLACEHOLDERS.isdisjoint(countries.REGION_NAMES)
    set_cell(data_copy / f"{ORIGIN}.csv", {"year": 2022, "cohort": "most_elite", "country": "Others"}, "country", "Rest of world")
    assert "Rest of world" in set(data.load(ORIGIN)["country"])


def test_yaml_fast_reading_equals_the_strict_one():
    """claims.yaml and tables.yaml are parsed by libyaml when they cannot hold an alias: the result must be what
    the pure-Python strict reader gives, and text that may hold an alias must still be refused."""
    import yaml

    from talentcheck.data import files
    from talentcheck.paths import data_dir

    for name in ("claims.yaml", "tables.yaml"):
        text = (data_dir() / name).read_text(encoding="utf-8")
        assert not files._MAYBE_ALIAS.search(text)  # else this test would not exercise the fast path
        assert files._load_strictly(text) == yaml.load(text, Loader=files._StrictLoader)
    for text in ("a: &x 1\nb: *x\n", "a: &x 1\nb: [*x]\n", "a: &x 1\nb: {c: 2,*x: 3}\n", "- &x 1\n-  *x\n"):
        with pytest.raises(yaml.YAMLError, match=r"alias \*x is not allowed"):
            files._load_strictly(text)
    # libyaml skips a byte-order mark at the start of any line, where it would expand this alias: the text goes
    # to the strict reader, which reads the marks as text (a hostile tester's 687-byte file took 887 MB)
    text = "b: [\n\ufeff&x 1,\n\ufeff*x]\n"
    assert yaml.load(text, Loader=files._FastStrictLoader) == {"b": [1, 1]}
    assert files._load_strictly(text) == yaml.load(text, Loader=files._StrictLoader) == {"b": ["\ufeff&x 1", "\ufeff*x"]}
