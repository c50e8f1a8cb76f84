"""The cards' ClaimReview markup read as a search engine or a fact-check archive reads it: extruct pulls the
JSON-LD out of each page (no regular expression of ours), and every property that schema.org's ClaimReview and
Google's fact-check guidelines ask for is there, from the same data as the card; a rerun that flips a verdict
flips `reviewRating`."""
import shutil

import nbformat
import pytest

from talentcheck import claimreview, claims, data, paths, report, runner
from talentcheck.publishing import collect_notes, collect_verdicts
from talentcheck.verdicts import LABELS, RATINGS

extruct = pytest.importorskip("extruct")


def reviews_in(folder) -> dict[str, dict]:
    """{claim id: the one ClaimReview extruct finds on its card}."""
    found = {}
    for cid in claims.registry():
        page = (folder / "claims" / f"{cid}.html").read_text(encoding="utf-8")
        items = extruct.extract(page, base_url=f"file:///claims/{cid}.html", syntaxes=["json-ld"], uniform=True)["json-ld"]
        assert [i["@type"] for i in items] == ["ClaimReview"], cid
        found[cid] = items[0]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    (out / "notebooks").mkdir()
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in paths.notebooks()}
    report.write(out, collect_verdicts(executed), collect_notes(executed), executed)
    return out


def test_every_card_carries_a_complete_claimreview_that_extruct_reads(built):
    article = claimreview.article_facts()
    quotes = dict(zip(data.load("article")["claim_id"], data.load("article")["quote"]))
    verdicts = {r["claim_id"]: r["verdict"] for r in collect_verdicts(
        {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()})}
    for cid, review in reviews_in(built / "report").items():
        assert review["@context"].rstrip("/").endswith("schema.org"), cid
        assert review["claimReviewed"] == quotes[cid]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == article["publisher"]
        assert item["appearance"]["url"] == article["url"] and item["appearance"]["datePublished"] == article["date_published"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and (rating["worstRating"], rating["bestRating"]) == (1, 4)
        assert (rating["ratingValue"], rating["alternateName"]) == (RATINGS[verdicts[cid]], LABELS[verdicts[cid]])
        assert review["author"]["name"] and review["datePublished"] and review["url"] == f"{cid}.html"


def test_a_rerun_that_flips_a_verdict_flips_its_review_rating(built, tmp_path):
    before = reviews_in(built / "report")
    out = tmp_path / "out"
    assert runner.run(["01_researcher_origin"], [("cohort", "most_elite")], out, 1, echo=lambda line: None) == 0
    after = reviews_in(out / "report")
    changed = {cid for cid in after if after[cid]["reviewRating"] != before[cid]["reviewRating"]}
    assert changed and changed <= set(claims.claims_for("01_researcher_origin.ipynb"))
    for cid in changed:
        assert after[cid]["reviewRating"]["alternateName"] != before[cid]["reviewRating"]["alternateName"]
