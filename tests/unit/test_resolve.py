"""The resolver on the cases a referee found wrong, through `talentcheck neurips resolve` (the maps in
../shared/raw; without them the cases that need a map skip, saying why)."""
import csv
import io
import re

import pytest

from talentcheck import clear_caches, cli, data, paths
from talentcheck.neurips import pipeline
from talentcheck.neurips.resolver import matcher, reviews
from talentcheck.neurips.resolver.resolve import resolver_for, write_csv
from talentcheck.data import countries
from talentcheck.topics import work_rederived
from talentcheck.topics.top_institutions import ranking

RAW = paths.SHARED_RAW
needs_maps = pytest.mark.skipif(not RAW.exists(), reason=f"{RAW} is absent: the institution maps are not part of a user's clone")


def resolve(*strings, raw=RAW) -> list[dict]:
    out = io.StringIO()
    write_csv(strings, _resolver(raw), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


_RESOLVERS = {}


def _resolver(raw):
    if raw not in _RESOLVERS:
        _RESOLVERS[raw] = resolver_for(raw)
    return _RESOLVERS[raw]


def found(string: str) -> set[tuple[str, str, str]]:
    return {(r["institution"], r["country"], r["sector"]) for r in resolve(string) if r["institution"]}


@needs_maps
@pytest.mark.parametrize("string, expected", [
    # the raw string before the map's normalised name ("Google" in the US)
    ("Google DeepMind", {("DeepMind", "GBR", "company")}),
    # the parts of a string are tried even when the whole matches a company
    ("Tel Aviv University & Google", {("Tel Aviv University", "ISR", "university"), ("Google", "USA", "company")}),
    ("University of Oxford, DeepMind", {("University of Oxford", "GBR", "university"), ("DeepMind", "GBR", "company")}),
    ("INRIA / ENS Paris", {("INRIA", "FRA", "government"), ("École Normale Supérieure", "FRA", "university")}),
    # the third party's alias map is not used: no Ghanaian college, Australian institute, Philippines, Uganda, Tanzania, Sudan
    ("University Tübingen", {("University of Tübingen", "DEU", "university")}),
    ("KAIST and IBS", {("Korea Advanced Institute of Science and Technology", "KOR", "university"),
                       ("Institute for Basic Science", "KOR", "government")}),
    ("Kuaishou Technology", {("Kuaishou", "CHN", "company")}),
    ("MEGVII Technology", {("Megvii", "CHN", "company")}),
    ("National University of Singaore", {("National University of Singapore", "SGP", "university")}),
    ("University of Zurich and ETH Zurich", {("University of Zurich", "CHE", "university"), ("ETH Zurich", "CHE", "university")}),
    ("Volkswagen Group", {("Volkswagen", "DEU", "company")}),
    ("Sea AI Lab", {("Sea AI Lab", "SGP", "company")}),
    # misplaced and merged institutions
    ("Shannon.AI", {("Shannon.AI", "CHN", "company")}),
    ("Istituto Italiano di Tecnologia", {("Istituto Italiano di Tecnologia", "ITA", "government")}),
    ("The Chinese University of Hong Kong, Shenzhen", {("Chinese University of Hong Kong, Shenzhen", "CHN", "university")}),
    ("The Chinese University of Hong Kong", {("Chinese University of Hong Kong", "HKG", "university")}),
    ("Peking Uinversity", {("Peking University", "CHN", "university")}),
    # Hong Kong, Macau and Taiwan kept apart
    ("The University of Hong Kong", {("University of Hong Kong", "HKG", "university")}),
    ("University of Macau", {("University of Macau", "MAC", "university")}),
    ("National Taiwan University", {("National Taiwan University", "TWN", "university")}),
])
def test_named_cases_resolve_right(string, expected):
    assert found(string) == expected


@needs_maps
@pytest.mark.parametrize("spellings", [
    ["EPFL", "École Polytechnique Fédérale de Lausanne", "Swiss Federal Institute of Technology Lausanne"],
    ["Université de Montréal", "University of Montreal", "U. Montreal", "Universite de Montreal"],
    ["McGill University", "McGill", "Mcgill University"],
    ["University of Tübingen", "University of Tuebingen", "Eberhard Karls Universität Tübingen", "University Tübingen"],
    ["École Normale Supérieure", "Ecole Normale Superieure", "ENS", "Ecole normale supérieure"],
    ["Qualcomm AI Research", "Qualcomm", "QualComm", "Qualcomm Inc"],
    ["MBZUAI", "Mohamed bin Zayed University of Artificial Intelligence", "Mohamed Bin Zayed University of Artificial Intelligence"],
    ["NAVER", "NAVER AI Lab", "Naver Labs Europe", "NAVER LABS Europe"],
    ["UNC Chapel Hill", "University of North Carolina at Chapel Hill", "University of North Carolina, Chapel Hill"],
    ["Allen Institute", "Allen Institute for AI", "Allen Institute for Artificial Intelligence", "AI2"],
    ["Bosch Center for Artificial Intelligence", "Bosch Center for AI", "Robert Bosch GmbH"],
    ["Ant Group", "Ant Financial", "Ant Financial Services Group", "Antgroup"],
    ["Shanghai AI Laboratory", "Shanghai AI Lab"],
])
def test_split_institutions_resolve_to_one(spellings):
    readings = {frozenset(found(s)) for s in spellings}
    assert len(readings) == 1 and len(next(iter(readings))) == 1, readings


@needs_maps
@pytest.mark.parametrize("string", ["NAVER AI Lab", "Ant Group", "LG AI Research", "Qualcomm AI Research", "Bosch Center for AI",
                                    "Megvii Inc", "JD AI Research", "Meituan", "Kakao Brain", "MERL"])
def test_companies_the_name_rule_missed_are_companies(string):
    assert {sector for _, _, sector in found(string)} == {"company"}


def test_the_reviewed_table_answers_without_the_maps(tmp_path):
    rows = resolve("Google DeepMind", "Nowhere Lab", raw=tmp_path / "absent")
    assert [(r["institution"], r["country"]) for r in rows] == [("DeepMind", "GBR"), ("", "")]


def test_the_command_reads_stdin_and_writes_one_row_per_institution(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("sys.stdin", io.StringIO("University of Oxford, DeepMind\nGoogle Brain\n"))
    assert cli.main(["neurips", "resolve", "--raw", str(tmp_path / "absent")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["raw"], r["institution"]) for r in rows] == [
        ("University of Oxford, DeepMind", "DeepMind"), ("Google Brain", "Google")]


def test_a_reviewed_row_changes_the_resolution(data_copy, tmp_path):
    path = data_copy / "neurips" / "institution_names.csv"
    text = path.read_text(encoding="utf-8").replace('Shannon.AI,China,company', 'Shannon.AI,United States,company')
    path.write_text(text, encoding="utf-8")
    clear_caches()
    assert matcher.Resolver({}, {}, {})("Shannon.AI")[0].country == "United States"


def test_a_reviewed_name_renames_merges_or_drops_what_a_map_gives(data_copy):
    resolver = matcher.Resolver({"univ. x": ("University X", "France"), "x lab": ("X Lab", "Japan")}, {}, {})
    assert resolver("univ. x") == [reviews.Resolved("University X", "France", "university")]
    path = data_copy / "neurips" / "institution_review.csv"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("University X,Université X,France,university,test,https://example.org/,derived\n"
                     "X Lab,Université X,France,university,test,https://example.org/,derived\n")
    clear_caches()
    resolver = matcher.Resolver({"univ. x": ("University X", "France"), "x lab": ("X Lab", "Japan")}, {}, {})
    assert resolver("univ. x") == resolver("x lab") == [reviews.Resolved("Université X", "France", "university")]


def test_a_reviewed_affiliation_string_is_read_as_the_review_says(data_copy):
    assert [r.institution for r in matcher.Resolver({}, {}, {})("QQ.com")] == []  # a webmail domain names no employer
    path = data_copy / "neurips" / "affiliation_review.csv"
    text = path.read_text(encoding="utf-8").replace('QQ.com,,,,', 'QQ.com,Tencent,China,company,')
    path.write_text(text, encoding="utf-8")
    clear_caches()
    assert matcher.Resolver({}, {}, {})("QQ.com") == [reviews.Resolved("Tencent", "China", "company")]


def test_every_institution_the_tables_count_was_reviewed_by_hand():
    reviewed = {r.institution for r in reviews.notable()} | set(data.load("neurips/institution_review")["institution"].dropna()) \
        | set(data.load("neurips/affiliation_review")["institution"].dropna())
    counted = set(data.load("neurips/pairs")["institution"]) - {"unresolved"}
    assert counted <= reviewed, sorted(counted - reviewed)[:10]
    resolver = matcher.Resolver({}, {}, {})
    assert {name for name in counted if resolver.sector_basis(name)[1] != "reviewed"} == set()  # no sector from the name rule
    per_name = data.load("neurips/pairs").drop_duplicates(["institution", "country", "sector"]).groupby("institution").size()
    assert (per_name == 1).all(), per_name[per_name > 1]  # one country and one sector per institution


def test_a_piece_of_the_whole_string_adds_no_institution():
    resolver = matcher.Resolver({"indian institute of technology, delhi": ("Indian Institute of Technology Delhi", "India"),
                                 "indian institute of technology": ("Indian Institute of Technology Kharagpur", "India")}, {}, {})
    assert [r.institution for r in resolver("Indian Institute of Technology, Delhi")] == ["Indian Institute of Technology Delhi"]


def test_hong_kong_under_china_is_a_parameter_with_a_visible_effect():
    groups = work_rederived.regions(["United States", "China", "Hong Kong", "Taiwan", "Macau"], True)
    china = {scope: work_rederived.country_shares(2022, "all_accepted", "author_papers", groups, scope)["China"]
             for scope in countries.CHINA_SCOPES}
    assert china["mainland_and_territories"] - china["mainland"] > 1.5  # points of China's share
    with pytest.raises(Exception, match="china_scope='taiwan'"):
        ranking.institution_ranking(2022, china_scope="taiwan")


FICTITIOUS = {"Regent University College of Science and Technology", "Engineering Institute of Technology",
              "National University", "St. Joseph Group of Institutes", "Red Sea University", "Marine Biological Laboratory",
              "Jami Institute of Technology", "Globe University", "Bhagwan Parshuram Institute of Technology"}


def test_no_fictitious_institution_counts_anywhere_in_the_neurips_tables():
    for name in ("neurips/institutions", "neurips/trends_institutions", "neurips/pairs"):
        assert not FICTITIOUS & set(data.load(name)["institution"]), name


def test_no_institution_in_a_top_50_appears_under_two_names():
    for year in (2019, 2022):
        top = ranking.top(ranking.institution_ranking(year, counting="author_papers"), 50)
        keys = [reviews.merge_key(n) for n in top["institution"]]
        assert len(keys) == len(set(keys))
        for name in top["institution"]:  # every top-50 name reads back to itself through the reviewed table or the maps
            reviewed = reviews.canonical(name)
            assert reviewed is None or reviewed.institution == name, name
    trends = data.load("neurips/trends_institutions")
    for year, group in trends[trends["rank"] <= 50].groupby("year"):
        keys = [reviews.merge_key(n) for n in group["institution"]]
        assert len(keys) == len(set(keys)), year


def test_top_institutions_take_their_sector_from_a_reviewed_list():
    resolver = matcher.Resolver({}, {}, {})
    for year in (2019, 2022):
        top = ranking.top(ranking.institution_ranking(year, counting="author_papers"), 25)
        for name in top["institution"]:
            assert resolver.sector_basis(name)[1] == "reviewed" or top.set_index("institution").at[name, "sector"] == "university", name


def test_the_pipeline_counts_every_part_of_a_joint_affiliation():
    resolver = matcher.Resolver({"tel aviv university": ("Tel Aviv University", "Israel")}, {}, {})
    pairs = pipeline.papers_to_pairs([{"title": "T", "authors": [{"name": "A B", "institution": "Tel Aviv University & Google"}]}])
    resolved = pipeline.resolve_pairs(pairs.assign(oral=False), resolver)
    assert set(resolved["institution"]) == {"Tel Aviv University", "Google"}
    assert resolved["fractional"].sum() == pytest.approx(1)


def test_a_third_party_name_that_reads_as_another_institution_than_its_spellings_goes_to_the_band():
    """The source files the papers of "The Hong Kong University of Science and Technology" under raw
    spellings most of which name its Guangzhou campus (opened in 2022), and City University of Hong
    Kong's under spellings of the University of Hong Kong: neither count can be split, so neither counts."""
    trends = data.load("neurips/trends_institutions")
    assert "Hong Kong University of Science and Technology (Guangzhou)" not in set(trends["institution"])
    assert "University of Hong Kong" not in set(trends.loc[trends["rank"] <= 50, "institution"])


# Words in affiliation_review.csv's how_checked that say what the rules (the resolver without that table) do
# to a string: each must still be true of today's resolver, or the row no longer says how it was checked.
SAYS_SPLIT = ("name split", "names were split", "(split)", "split with '", "split the name", "read twice",
              "splits it", "made it a 2nd institution", "spurious match", "listed three times", "resolver gave")


def _rules_alone(monkeypatch):
    resolver = resolver_for(RAW)
    resolver.cache.clear()
    monkeypatch.setattr(matcher, "reviewed_affiliations", lambda: {})  # the rules, without the affiliation review
    return resolver


@needs_maps
def test_how_checked_says_of_the_rules_only_what_todays_resolver_does(monkeypatch):
    """A row that says the rules split, doubled or dropped a name is one the rules (without the affiliation review)
    still read otherwise than the row; one they read as the row does no longer says so."""
    table = data.load("neurips/affiliation_review").fillna("")
    reviewed = {a: [r for r in rows["institution"] if r] for a, rows in table.groupby("affiliation", sort=False)}
    resolver = _rules_alone(monkeypatch)
    stale, wrong = [], []
    for row in table.drop_duplicates(["affiliation", "how_checked"]).itertuples():
        rules = [r.institution for r in resolver(row.affiliation)]
        same = [a for a, named in reviewed.items() if named == reviewed[row.affiliation]]  # strings of the same institutions
        if any(words in row.how_checked for words in SAYS_SPLIT) \
                and all([r.institution for r in resolver(a)] == reviewed[a] for a in same):
            stale.append((row.affiliation, row.how_checked))  # the rules give every such string the row's one name
        if re.search(r"\bdropped\b", row.how_checked) and not set(reviewed[row.affiliation]) - set(rules):
            wrong.append((row.affiliation, row.how_checked))  # says the rules drop a name they now find
        if "left unresolved" in row.how_checked and rules:
            wrong.append((row.affiliation, row.how_checked))
        if "institution_names maps it" in row.how_checked and not reviews.canonical(row.affiliation):
            wrong.append((row.affiliation, row.how_checked))  # says the reviewed names table reads it; it does not
        if re.search(r"named '([^']+)' here", row.how_checked) and re.search(r"named '([^']+)' here", row.how_checked)[1] not in rules:
            wrong.append((row.affiliation, row.how_checked))
    assert not stale, stale
    assert not wrong, wrong
    resolver.cache.clear()
