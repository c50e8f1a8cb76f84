"""The resolver against affiliation strings checked by hand.

Tuned on (its errors were fixed): tests/data/resolver_sample.csv (200 strings, seed 14) and
tests/data/resolver_holdout.csv (100 strings, seed 15, a holdout until its misses were fixed).
Not tuned on: tests/data/resolver_holdout_2.csv (200 strings, seed 16), labelled and committed before
the resolver was run on it; its misses are left as they are, so it measures strings the resolver was
not tuned on. Each draw is 100 (or 50) strings uniformly over distinct strings from the NeurIPS 2019 and
2022 lists, then as many weighted by author-paper pairs, excluding the earlier files (draw_sample re-draws
them). Each row gives the institutions, countries (ISO alpha-3) and sectors the string names, and how
that was checked. A string counts as right only if every institution, country and sector is right.
"""
import csv
import re

import numpy as np
import pytest

from talentcheck import institutions, matcher, neurips, paths, reviews, upstream

RAW = paths.SHARED_RAW
SAMPLE = paths.ROOT / "tests" / "data" / "resolver_sample.csv"
HOLDOUT = paths.ROOT / "tests" / "data" / "resolver_holdout.csv"  # the first holdout: tuned on since its misses were fixed
FRESH = paths.ROOT / "tests" / "data" / "resolver_holdout_2.csv"  # not tuned on
SEED, HOLDOUT_SEED, FRESH_SEED = 14, 15, 16
FRESH_FLOOR = 165  # strings of the 200 right when the fresh holdout was first measured: a regression guard, not a target
pytestmark = pytest.mark.skipif(not RAW.exists(), reason=f"{RAW} is absent: the institution maps are not part of a user's clone")


def expected(row) -> set[tuple[str, ...]]:
    """(institution, country, sector) of each institution a row expects; names compared as the matcher
    merges spellings (case, accents, punctuation: "IRT Saint Exupéry" is "IRT Saint-Exupery")."""
    found = [[p.strip() for p in e.split("|")] for e in row["expected"].split(" ; ") if e.strip()]
    return {(reviews.merge_key(name), country, sector) for name, country, sector in found}


def resolved(raw: str, resolver) -> set[tuple[str, ...]]:
    return {(reviews.merge_key(r["institution"]), r["country"], r["sector"])
            for r in institutions.resolve_rows([raw], resolver) if r["institution"]}


def draw_sample(counts: dict[str, int], seed: int = SEED, n: int = 100, exclude=()) -> list[tuple[str, str]]:
    """n distinct strings uniformly, then n more weighted by their author-paper pairs (no repeats)."""
    names = sorted(set(counts) - set(exclude))
    rng = np.random.default_rng(seed)
    uniform = list(rng.choice(names, n, replace=False))
    rest = [s for s in names if s not in set(uniform)]
    weights = np.array([counts[s] for s in rest], dtype=float)
    weighted = list(rng.choice(rest, n, replace=False, p=weights / weights.sum()))
    return [(s, "uniform") for s in uniform] + [(s, "weighted") for s in weighted]


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rows():
    return read(SAMPLE)


@pytest.fixture(scope="module")
def holdout():
    return read(HOLDOUT)


@pytest.fixture(scope="module")
def fresh():
    return read(FRESH)


@pytest.fixture(scope="module")
def resolver():
    return institutions.resolver_for(RAW)


def test_the_sample_is_the_seeded_draw_from_the_lists(rows, holdout, fresh):
    import json

    raw_paths = upstream.raw_paths(RAW)
    counts: dict[str, int] = {}
    for year in (2019, 2022):
        papers = upstream.read_papers(year, raw_paths)
        with open(raw_paths[f"status_{year}"], encoding="utf-8") as handle:
            records = json.load(handle)
        pairs, _ = neurips.attach_status(neurips.papers_to_pairs(papers), records, year)
        for raw in pairs["raw_affiliation"]:
            if matcher.clean_affiliation(raw):
                counts[raw.strip()] = counts.get(raw.strip(), 0) + 1
    assert [(r["raw"], r["drawn"]) for r in rows] == draw_sample(counts)
    assert [(r["raw"], r["drawn"]) for r in holdout] == draw_sample(counts, HOLDOUT_SEED, 50, exclude=[r["raw"] for r in rows])
    tuned = [r["raw"] for r in rows + holdout]
    assert [(r["raw"], r["drawn"]) for r in fresh] == draw_sample(counts, FRESH_SEED, 100, exclude=tuned)
    assert all(int(r["pairs"]) == counts[r["raw"]] and r["how_checked"].strip() for r in rows + holdout + fresh)


def right_of(checked, resolver) -> int:
    return sum(resolved(r["raw"], resolver) == expected(r) for r in checked)


def test_the_resolver_gets_at_least_98_percent_of_the_strings_it_was_tuned_on_entirely_right(rows, holdout, resolver):
    tuned = rows + holdout
    wrong = [(r["raw"], expected(r), resolved(r["raw"], resolver)) for r in tuned if resolved(r["raw"], resolver) != expected(r)]
    assert len(tuned) >= 300
    assert (len(tuned) - len(wrong)) / len(tuned) >= 0.98, wrong


def test_the_fresh_holdout_does_not_fall_below_what_was_measured(fresh, resolver):
    assert len(fresh) >= 200
    assert right_of(fresh, resolver) >= FRESH_FLOOR


@pytest.mark.parametrize("which, words", [("tuned", "hand-checked strings it was tuned on"), ("fresh", "fresh hand-checked strings")])
def test_the_readme_reports_the_measured_accuracy(which, words, rows, holdout, fresh, resolver):
    checked = {"tuned": rows + holdout, "fresh": fresh}[which]
    right = right_of(checked, resolver)
    low, high = institutions.wilson(right, len(checked))
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(rf"resolves (\d+) of the (\d+) {words} entirely right \(([\d.]+)%; 95% interval ([\d.]+)-([\d.]+)%\)", readme)
    assert stated, f"README.md must state the resolver's accuracy on the {which} strings"
    assert stated.groups() == (str(right), str(len(checked)), f"{100 * right / len(checked):.1f}", f"{100 * low:.1f}", f"{100 * high:.1f}")


def test_the_readme_reports_how_often_the_name_rule_gives_the_sector(rows, holdout, fresh, resolver):
    """Of the institutions found in the fresh holdout whose sector came from the name rule (no reviewed
    table, no university list) and that the hand check names too, how many have the sector it gives."""
    ruled = right = 0
    for row in fresh:
        wanted = {name: sector for name, _, sector in expected(row)}
        for name in matcher.clean_affiliation(row["raw"]):
            for found in resolver(name):
                key = reviews.merge_key(found.institution)
                if resolver.sector_basis(found.institution)[1] == "name rule" and key in wanted:
                    ruled += 1
                    right += wanted[key] == found.sector
    readme = " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"the name rule gave the sector of {ruled} institutions found in the fresh holdout, {right} of them right" in readme
