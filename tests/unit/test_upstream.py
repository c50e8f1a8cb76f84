"""The derivations once done by hand: the 2019 HTML parse, the 2022 pickle conversion (no global may load),
and the Paper Copilot affiliation -> country maps (tested on the mirror's six sample venue files)."""
from __future__ import annotations

import collections
import csv
import gzip
import hashlib
import json
import pickle

import pytest

from talentcheck import paths
from talentcheck.neurips import copilot_maps, inputs, papers
from talentcheck.errors import DataError

SHARED = paths.SHARED_RAW
PAPERLISTS = SHARED / "upstream" / "github" / "papercopilot" / "paperlists" / "33f9884e652f05a768d2f216534d7f1e446a0cf7"
needs = lambda path: pytest.mark.skipif(not path.exists(), reason=f"{path} is absent: ../shared is not part of a clone")  # noqa: E731


@pytest.mark.parametrize("text, expected", [
    ("Dhruv Batra (Georgia Tech / Facebook AI Research (FAIR))",
     {"name": "Dhruv Batra", "institution": "Georgia Tech / Facebook AI Research (FAIR)"}),
    ("Bo Song (None)", {"name": "Bo Song", "institution": "None"}),
    (" Jane Roe ( Rzeszow University ) ", {"name": "Jane Roe", "institution": "Rzeszow University"}),
    ("Solo Author", {"name": "Solo Author", "institution": ""}),
])
def test_an_author_string_splits_at_the_first_parenthesis(text, expected):
    assert papers.author(text) == expected


def test_the_2019_page_gives_titles_and_authors_with_entities_decoded():
    page = ("<html><p>Intro</p>\n<p><b>Deep Nets &amp; Trees </b><br><i>Ann Li (Peking University) &middot; "
            "Bob Ray (Google Brain / UC Berkeley (BAIR))</i></p>\n"
            "<p><b>Second</b><br><i>Cy D&#39;Or (Inria)</i></p></html>")
    assert papers.parse_2019_html(page) == [
        {"title": "Deep Nets & Trees", "authors": [{"name": "Ann Li", "institution": "Peking University"},
                                                   {"name": "Bob Ray", "institution": "Google Brain / UC Berkeley (BAIR)"}]},
        {"title": "Second", "authors": [{"name": "Cy D'Or", "institution": "Inria"}]},
    ]


def test_the_2022_pickles_give_one_paper_per_title():
    names = pickle.dumps(["A title ", "B"], protocol=4)
    authors = pickle.dumps([["Ann (MIT)", "Bob (None)"], ["Cy (Huawei Noah&amp;#x27;s Ark Lab)"]], protocol=4)
    assert papers.convert_2022_pickles(names, authors) == [
        {"title": "A title", "authors": [{"name": "Ann", "institution": "MIT"}, {"name": "Bob", "institution": "None"}]},
        {"title": "B", "authors": [{"name": "Cy", "institution": "Huawei Noah&amp;#x27;s Ark Lab"}]},  # cleaned later
    ]


def test_a_pickle_that_asks_for_any_global_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "ran"
    evil = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()  # protocol 0: os.system("touch ...")
    with pytest.raises(ValueError, match=r"pp_names.txt: not a pickle of plain lists .*refused.*os.system"):
        papers.convert_2022_pickles(evil, pickle.dumps([[]]))
    assert not marker.exists()
    with pytest.raises(ValueError, match="refused"):
        papers.convert_2022_pickles(pickle.dumps([collections.OrderedDict()]), pickle.dumps([[]]))


def test_pickles_of_other_shapes_are_refused():
    with pytest.raises(ValueError, match="same length"):
        papers.convert_2022_pickles(pickle.dumps(["a", "b"]), pickle.dumps([["x (y)"]]))
    with pytest.raises(ValueError, match="item 0"):
        papers.convert_2022_pickles(pickle.dumps(["a"]), pickle.dumps([[1]]))


@needs(SHARED / "upstream")
@pytest.mark.raw
@pytest.mark.parametrize("year, hand_made", [
    (2019, "neurips2019/dcharrezt_NeurIPS-2019-Stats/neurips2019_accepted_initial_authors_affiliations.json"),
    (2022, "neurips2022/dongkwan-kim_neurips2022_analysis/neurips2022_schedule_authors_affiliations.json"),
])
def test_the_derived_lists_equal_the_hand_made_ones_in_shared_raw(year, hand_made):
    """Where the code and the hand-made file differ, the code wins and the build uses it: this test lists
    the papers that differ (none today), so a change upstream or in the parser is seen."""
    derived = papers.read_papers(year, inputs.raw_paths(SHARED))
    made = json.loads((SHARED / hand_made).read_text(encoding="utf-8"))
    differing = [(i, d["title"]) for i, (d, m) in enumerate(zip(derived, made)) if d != m]
    assert (len(derived), differing) == (len(made), [])
    assert {2019: 1429, 2022: 2906}[year] == len(derived)


# ---------------------------------------------------------------- Paper Copilot maps

RECORD = {  # one paper, three authors: one affiliation, two joined by "+", and one whose country index is short
    "aff": "Uni A, Town; Lab B, City + Uni A; Dept X + Uni C",
    "aff_unique_index": "0;1+0;2+3",
    "aff_unique_norm": "University A;Lab B;Department X;University C",
    "aff_country_unique_index": "0;1+0;1",
    "aff_country_unique": "France;Germany",
}


def test_each_author_affiliation_is_read_by_position_and_a_misaligned_author_is_skipped():
    assert copilot_maps.affiliation_readings(RECORD) == [
        ("Uni A, Town", "University A", "France"), ("Lab B, City", "Lab B", "Germany"), ("Uni A", "University A", "France")]
    assert copilot_maps.affiliation_readings({"aff": "x"}) == []


def test_the_maps_count_readings_most_frequent_first():
    raw, norm = copilot_maps.derive_maps([RECORD, RECORD])
    assert raw[0] == ("Lab B, City", "Lab B", "Germany", 2) and ("Uni A", "University A", "France", 2) in raw
    assert norm == [("University A", "France", 4), ("Lab B", "Germany", 2)]


def test_writing_the_maps_twice_gives_the_same_bytes(tmp_path):
    venue = tmp_path / "venue.json"
    venue.write_text(json.dumps([RECORD]))
    digests = []
    for out in (tmp_path / "one", tmp_path / "two"):
        out.mkdir()
        written = copilot_maps.write_maps([venue], out)
        digests.append({role: hashlib.sha256(p.read_bytes()).hexdigest() for role, p in written.items()})
        with gzip.open(written["map_norm"], "rt") as handle:
            assert list(csv.reader(handle)) == [["aff_unique_norm", "aff_country", "n_author_affiliations"],
                                                ["University A", "France", "2"], ["Lab B", "Germany", "1"]]
    assert digests[0] == digests[1]


def test_the_published_maps_are_checked_against_their_provenance(data_copy):
    provenance = json.loads((data_copy / "papercopilot" / "provenance.json").read_text())
    assert len(provenance["sources"]) == 215 and all(provenance["commit"] in url for url in provenance["sources"])
    assert set(inputs.published_maps()) == {"map_raw", "map_norm"}
    with gzip.open(data_copy / "papercopilot" / "institution_country.csv.gz", "ab") as handle:
        handle.write(b"Extra University,Nowhere,1\n")
    with pytest.raises(DataError, match=r"data/papercopilot/institution_country.csv.gz: sha256 .* does not match data/papercopilot/provenance.json"):
        inputs.published_maps()


def _published(role: str) -> dict[str, set]:
    path = inputs.published_maps()[role]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    found = collections.defaultdict(set)
    for row in rows:
        found[row[0]].add(tuple(row[1:-1]))
    return found


@needs(PAPERLISTS)
def test_the_six_sample_venue_files_derive_what_the_published_maps_say():
    """Every raw affiliation and institution derived from the six sample files that the published maps also
    hold reads the same there. Names only in the sample: none expected (the maps came from all 215)."""
    samples = sorted(PAPERLISTS.rglob("*.json"))
    assert len(samples) == 6
    records = [r for path in samples for r in json.loads(path.read_text(encoding="utf-8"))]
    raw, norm = copilot_maps.derive_maps(records)
    published_raw, published_norm = _published("map_raw"), _published("map_norm")
    disagree = [r for r in raw if r[0] in published_raw and r[1:3] not in published_raw[r[0]]]
    disagree += [r for r in norm if r[0] in published_norm and r[1:2] not in published_norm[r[0]]]
    missing = [r for r in raw if r[0] not in published_raw] + [r for r in norm if r[0] not in published_norm]
    assert (len(raw), len(norm)) == (166, 127)
    assert disagree == [] and missing == []


def test_the_maps_command_fetches_the_listed_venue_files_and_writes_maps_with_their_provenance(data_copy, tmp_path, capsys):
    from talentcheck import cli

    venue = "github/papercopilot/paperlists/" + "b" * 40 + "/conf/conf2020.json"
    mirror = tmp_path / "mirror"
    (mirror / venue).parent.mkdir(parents=True)
    (mirror / venue).write_text(json.dumps([RECORD]))
    provenance_path = data_copy / "papercopilot" / "provenance.json"
    provenance = json.loads(provenance_path.read_text())
    provenance["sources"] = ["https://raw.githubusercontent.com/" + venue[len("github/"):]]
    provenance_path.write_text(json.dumps(provenance))
    out = tmp_path / "maps"
    assert cli.main(["neurips", "maps", "--to", str(tmp_path / "fetched"), "--mirror", str(mirror), "--out", str(out)]) == 0
    assert (tmp_path / "fetched" / venue).is_file()
    written = json.loads((out / "provenance.json").read_text())
    assert written["sources"] == provenance["sources"]
    for name, digest in written["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    with gzip.open(out / "affiliation_country.csv.gz", "rt") as handle:
        assert next(csv.reader(handle)) == ["aff_raw", "aff_unique_norm", "aff_country", "n"]


def test_the_build_without_its_inputs_stops_in_one_line_naming_the_url_and_the_fetch_command(tmp_path, capsys):
    from talentcheck import cli

    assert cli.main(["neurips", "build", "--raw", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "https://raw.githubusercontent.com/" in err and "talentcheck neurips fetch --to" in err
