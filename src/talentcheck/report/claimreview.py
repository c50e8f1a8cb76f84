"""schema.org ClaimReview markup for a judged claim: the article reviewed (its URL, title, publisher
and date, from data/article.csv and the source registry), the rating, and the review's date."""
from __future__ import annotations

import functools
import json
import os
import subprocess

from talentcheck.claims.verdicts import RATINGS
from talentcheck.claims.words import VERDICT_LABELS
from talentcheck.paths import ROOT

CHECKER = "talentcheck"


def article_facts() -> dict:
    """The article's URL, title, publisher and date, from the registry row its quotations cite."""
    from talentcheck import data  # here, not above: a rerun's check reads date_published() without pandas
    from talentcheck.report.sources import named

    urls = set(data.load("article")["source_url"])
    if len(urls) != 1:
        raise data.DataError(f"data/article.csv: every quotation must cite the one article (found {len(urls)} URLs)")
    return named(urls.pop())


def claim_review(row: dict, article: dict, url: str) -> dict | None:
    """schema.org ClaimReview for a judged claim, from the same fields as its card (None if not judged)."""
    if row["verdict"] not in RATINGS:
        return None
    publisher = {"@type": "Organization", "name": article["publisher"]}
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url,
        "claimReviewed": row["quote"] or row["claim"],
        "itemReviewed": {"@type": "Claim", "author": publisher, "datePublished": article["date_published"],
                         "appearance": {"@type": "NewsArticle", "url": article["url"], "headline": article["title"],
                                        "datePublished": article["date_published"], "publisher": publisher}},
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[row["verdict"]], "bestRating": 4, "worstRating": 1,
                         "alternateName": VERDICT_LABELS[row["verdict"]], "ratingExplanation": row["finding"]},
        "author": {"@type": "Organization", "name": CHECKER},
    }
    published = date_published()
    if published:
        review["datePublished"] = published
    return review


@functools.cache
def date_published() -> str:
    """The review's date: SOURCE_DATE_EPOCH if set, else the date of the repository's last commit (so that
    the same inputs give the same pages); empty when neither is known."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        import datetime

        return datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), datetime.UTC).date().isoformat()
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def jsonld(review: dict) -> str:
    """JSON for a <script type="application/ld+json"> block: "<" escaped so that no value can close the tag."""
    return json.dumps(review, ensure_ascii=False, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
