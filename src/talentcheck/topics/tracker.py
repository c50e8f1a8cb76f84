"""What notebooks 01-03 share: the Tracker's published shares read one way on every card (a country missing from
a published list is "at most" its smallest share, never "below" it), its cohorts in words with their selectivity
per year, its samples in words, and the sampling interval of a gap in a sentence. The slots of
data/claim_texts.yaml that several claims use are filled here."""
from __future__ import annotations

from talentcheck import claims, data
from talentcheck.claims import sampling_error
from talentcheck.claims.sampling_error import sample_words
from talentcheck.claims.comparison import UpperBound
from talentcheck.claims.words import pct, word
from talentcheck.data import sources

COHORTS = ("top_tier", "most_elite")


def other_cohort(cohort: str) -> str:
    return next(c for c in COHORTS if c != cohort)


def resolved(claim_id: str, params: dict) -> tuple[int, str]:
    """(year, cohort) a claim is judged on: the parameters with "as_stated" replaced by the claim's own reading."""
    given = claims.with_parameters(claim_id, params)
    year = given.get("year", claims.claim(claim_id).get("as_stated", {}).get("year"))
    return int(year), given.get("cohort", "top_tier")


class Shares:
    """One Tracker table's shares, one source per year, cohort and country (the best-standing one, or `source`),
    remembering the URL of every share read (`urls`): the sources a card names are the ones its words rest on."""

    def __init__(self, table: str, source: str = "best_standing"):
        self.table = data.picked(table, ["year", "cohort", "country"], source)
        self.urls: list[str] = []

    def get(self, year: int, cohort: str, country: str):
        """The share (a float), or where the country is missing from that year's published list, an UpperBound at its
        smallest share; None where nothing is published for that year and cohort."""
        rows = self.table[(self.table["year"] == year) & (self.table["cohort"] == cohort)]
        found = rows[rows["country"] == country]
        if len(found):
            self.urls += list(found["source_url"])
            return float(found["share_pct"].iloc[0])
        if rows.empty:
            return None
        self.urls += list(rows["source_url"])
        return UpperBound(rows["share_pct"].min())

    def urls_of(self, year: int, cohort: str, *countries: str) -> list[str]:
        """The sources of the shares `get` reads for `countries` (a country missing from a published list: the whole
        list; no country: the whole list), with any primary or author-published source the row names as giving the
        same figure (`also_in`)."""
        rows = self.table[(self.table["year"] == year) & (self.table["cohort"] == cohort)]
        found = []
        for country in countries or [None]:
            row = rows[rows["country"] == country] if country else rows
            used = row if len(row) else rows
            found += [u for cell in used["source_url"] for u in sources.split(cell)]
            found += [u for cell in used.get("also_in", []) for u in corroborating(cell)]
        return list(dict.fromkeys(found))

    def smallest(self, year: int, cohort: str) -> str:
        """The smallest share of a published list, with its country: "France's 8%"."""
        rows = self.table[(self.table["year"] == year) & (self.table["cohort"] == cohort)]
        row = rows.loc[rows["share_pct"].idxmin()]
        return f"{row['country']}'s {pct(row['share_pct'])}"

    def position(self, year: int, cohort: str, country: str) -> int:
        """A country's place among the countries of a published list, by share (1: the largest)."""
        rows = self.table[(self.table["year"] == year) & (self.table["cohort"] == cohort)].sort_values("share_pct", ascending=False)
        return list(rows["country"]).index(country) + 1


def corroborating(also_in) -> list[str]:
    """The URLs of the primary or author-published sources an `also_in` cell names by code ("MP1 (primary: 'nearly
    60%'); SOET1" -> MP1's page): a first-hand source giving the same figure is a source of the card too."""
    if not isinstance(also_in, str):
        return []
    codes = {part.strip().split(" ")[0].rstrip(",") for part in also_in.split(";")}
    return [r["url"] for r in sources.rows() if r.get("code") in codes and r.get("standing") in ("primary", "author")]


def chart_urls(notebook: str, shares: Shares, params: dict, countries=None) -> list[str]:
    """The sources of the shares a notebook's chart draws under `params`: every (year, cohort) one of its claims is
    judged on, all countries (or `countries`)."""
    found = []
    for cid in claims.claims_for(notebook):
        year, cohort = resolved(cid, params)
        rows = shares.table[(shares.table["year"] == year) & (shares.table["cohort"] == cohort)]
        if countries is not None:
            rows = rows[rows["country"].isin(countries)]
        found += [u for cell in rows["source_url"] for u in sources.split(cell)]
    return list(dict.fromkeys(found))


def shown(share) -> str | None:
    """A share as every card reads it: "11%", or for one known only from above "at most 8%"."""
    if share is None:
        return None
    return f"at most {pct(share)}" if isinstance(share, UpperBound) else pct(share)


def cohort_slots(claim_id: str, params: dict) -> dict:
    """The common slots of a Tracker claim: its year, its cohort in words (with that year's selectivity), the other
    cohort's words, the cohort's definition, and the same for the reading the article's figure fits (`asstated_`)."""
    year, cohort = resolved(claim_id, params)
    as_stated = claims.claim(claim_id).get("as_stated", {})
    stated_year, stated_cohort = as_stated.get("year", year), as_stated.get("cohort", cohort)
    return {
        "year": str(year), "cohort_words": word("cohort", cohort, year),
        "other_cohort_words": word("cohort", other_cohort(cohort), year),
        "cohort_definition": word("cohort", cohort, year, "definition"),
        "cohort_name": word("cohort", cohort, year, "name"),
        "other_cohort_name": word("cohort", other_cohort(cohort), year, "name"),
        "asstated_year": str(stated_year), "asstated_cohort_words": word("cohort", stated_cohort, stated_year),
        "selectivity": word("cohort", cohort, year, "selectivity"),
        "sample_year": sample_words(year, cohort) if sampling_error.size(year, cohort) else None,
    }


def common_slot_sources(claim_id: str, params: dict) -> dict:
    """{slot: URLs} of the common slots that rest on a source: the samples' sizes, and the cohort's definition where
    the Tracker's account of it gives its size ("all the authors of oral papers": a census) (tracker/samples)."""
    year, cohort = resolved(claim_id, params)
    return {"sample_year": sampling_error.sample_urls(year, cohort), "sample_2019": sampling_error.sample_urls(2019),
            "sample_2022": sampling_error.sample_urls(2022),
            "cohort_definition": sampling_error.sample_urls(year, cohort, with_design=False)}


def common_samples() -> dict:
    return {"sample_2019": sample_words(2019), "sample_2022": sample_words(2022)}


def interval_words(interval) -> str | None:
    """"the 95% interval of the gap is 19 to 39 points" (None where no sample size is published)."""
    if interval is None:
        return None
    low, high = interval
    return f"the 95% interval of the gap is {points(low)} to {points(high)} points"


def points(value: float) -> str:
    """A number of points, whole ("-0" is 0)."""
    return str(int(round(value)) + 0)
