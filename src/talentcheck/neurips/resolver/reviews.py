"""The reviewed tables the matcher (talentcheck.neurips.resolver.matcher) trusts over every map, each row checked by hand.

- `data/neurips/institution_names.csv`: the institutions of note, each with the names (a pattern) that
  resolve to it, tried first on every name;
- `data/neurips/institution_review.csv`: every institution the maps give for a string in the 2019 and
  2022 lists, as a map names it, with the institution it is (several names of one institution get one
  name), its country and sector, or nothing where it names no institution;
- `data/neurips/affiliation_review.csv`: the affiliation strings of those lists that the rules read
  wrong, each with the institutions it names (none where it names none).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from talentcheck import data, memo
from talentcheck.data.columns import PATTERN_SECONDS, compiled
from talentcheck.data.countries import convert_countries
from talentcheck.errors import DataError
from talentcheck.paths import data_dir, display_path


@dataclass(frozen=True)
class Resolved:
    institution: str
    country: str
    sector: str


def merge_key(name: str) -> str:
    """A name without case, accents, a leading "the" or punctuation ("&" is "and"): spellings of one
    institution share it."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and ")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


@cache
def country_name(code: str) -> str:
    """The country name the tables use for a country as a map or a code gives it ("USA", "United States of
    America": "United States"; HKG, MAC and TWN stay apart)."""
    return convert_countries([code], "name_short").get(code, code)


NAMES = "neurips/institution_names"


def reviewed() -> list[tuple[object, Resolved, int]]:
    """The institutions of note as (pattern over names, institution, its row in the file), in file order (first
    match wins); the patterns compiled as validate checks them (`data.columns.compiled`)."""
    return data.derived(NAMES, lambda table: [
        (compiled(row.names), Resolved(row.institution, row.country, row.sector), row.Index + 2) for row in table.itertuples()])


def notable() -> set[Resolved]:
    """The institutions of note (institution_names.csv): the authority on their own names, countries and sectors."""
    return data.derived("neurips/institution_names", lambda table: {  # a set: checked on every lookup
        Resolved(row.institution, row.country, row.sector) for row in table.itertuples()})


@memo.by_content(key=lambda *labels: (labels, data.table_digest(NAMES)))
def canonical(*labels: str) -> Resolved | None:
    """The institution of note the first label matching a reviewed pattern names, else None; remembered by the
    labels and the patterns' bytes (a list's affiliations repeat, and each label is tried on every pattern)."""
    for label in labels:
        for pattern, found, row in reviewed():
            try:
                if pattern.search(label, timeout=PATTERN_SECONDS):
                    return found
            except TimeoutError:
                raise DataError(f"{display_path(data_dir() / (NAMES + '.csv'))}, row {row}, column names: the pattern "
                                f"{pattern.pattern[:60]!r} took over {PATTERN_SECONDS:g} s on {label[:60]!r}") from None
    return None


def reviewed_institutions() -> dict[str, Resolved | None]:
    """{merge_key of a name a map gives: the institution it is, or None where it names none}."""
    return data.derived("neurips/institution_review", lambda table: {
        merge_key(row.name): Resolved(row.institution, row.country, row.sector) if row.institution else None
        for row in table.fillna("").itertuples()})


def reviewed_affiliations() -> dict[str, list[Resolved]]:
    """{affiliation string: the institutions it names, in order} for the strings the rules read wrong."""
    def build(table):
        found: dict[str, list[Resolved]] = {}
        for row in table.fillna("").itertuples():
            named = [Resolved(row.institution, row.country, row.sector)] if row.institution else []
            found[row.affiliation] = found.get(row.affiliation, []) + named
        return found
    return data.derived("neurips/affiliation_review", build)


@memo.by_content(key=lambda: (data.table_digest("neurips/institution_review"), data.table_digest("neurips/affiliation_review")))
def reviewed_names() -> dict[str, Resolved]:
    """{merge_key of an institution either reviewed table names: the institution}, for `sector_basis`;
    built again only for other bytes of either table."""
    named = [r for r in reviewed_institutions().values() if r] + [r for found in reviewed_affiliations().values() for r in found]
    return {merge_key(r.institution): r for r in named}
