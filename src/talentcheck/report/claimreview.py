"""schema.org ClaimReview markup for a judged claim, as fact-checkers publish it (Google's fact-check structured data):
the article reviewed (its URL, title, publisher and date, from data/article.csv and the source registry), the
rating, the finding as its explanation, the review's date and, where the report has a public address, its URL.

"Unverifiable" is no degree of truth: it is a textual rating only (`alternateName`), outside the numeric scale the
other three verdicts take (`verdicts.RATINGS`)."""
from __future__ import annotations

import datetime
import json
import os
import re
from urllib.parse import urljoin, urlsplit

from talentcheck.claims.verdicts import RATINGS, VERDICTS
from talentcheck.claims.words import VERDICT_LABELS
from talentcheck.errors import RunError, shorten

CHECKER = "talentcheck"
UNSAFE = set("\"'<>`\\{}|^")
"""Characters an address never holds unencoded (RFC 3986), and that would break out of an attribute or a tag."""


def article_facts() -> dict:
    """The article's URL, title, publisher and date, from the registry row its quotations cite."""
    from talentcheck import data  # here, not above: a rerun's check reads date_published() without pandas
    from talentcheck.report.sources import named

    urls = set(data.load("article")["source_url"])
    if len(urls) != 1:
        raise data.DataError(f"data/article.csv: every quotation must cite the one article (found {len(urls)} URLs)")
    return named(urls.pop())


def claim_review(row: dict, article: dict, url: str | None, published: str) -> dict | None:
    """schema.org ClaimReview for a judged claim, from the same fields as its card (None if not judged); `url` the
    card's absolute address (left out when None), `published` the review's date."""
    if row["verdict"] not in VERDICTS:
        return None
    publisher = {"@type": "Organization", "name": article["publisher"]}
    rating = {"@type": "Rating", "alternateName": VERDICT_LABELS[row["verdict"]], "ratingExplanation": row["finding"]}
    if row["verdict"] in RATINGS:
        rating.update(ratingValue=RATINGS[row["verdict"]], bestRating=max(RATINGS.values()), worstRating=min(RATINGS.values()))
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        **({"url": url} if url else {}),
        "claimReviewed": row["quote"] or row["claim"],
        "itemReviewed": {"@type": "Claim", "author": publisher, "datePublished": article["date_published"],
                         "appearance": {"@type": "NewsArticle", "url": article["url"], "headline": article["title"],
                                        "datePublished": article["date_published"], "publisher": publisher}},
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": CHECKER},
        "datePublished": published,
    }
    return review


def card_url(site_url: str | None, claim_id: str) -> str | None:
    """The card's absolute address under the report's public address (`--site-url`), or None."""
    return urljoin(site_url.rstrip("/") + "/", f"claims/{claim_id}.html") if site_url else None


def checked_site_url(site_url: str | None) -> str | None:
    """`--site-url` as given, if it is an absolute http(s) address of the report folder; RunError otherwise."""
    if site_url is None:
        return None
    odd = next((c for c in site_url if c.isspace() or not c.isprintable() or c in UNSAFE), None)
    if odd is not None:  # urlsplit drops a line break silently; a space or quote would break the card's markup
        raise RunError(f"--site-url {site_url!r}: holds {odd!r}, which an address does not (percent-encode it: "
                       f"{''.join(f'%{b:02X}' for b in odd.encode())})")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise RunError(f"--site-url {site_url!r}: give the absolute http(s) address where output/report/ is published")
    return site_url


def date_published(given: str | None = None) -> str:
    """The review's date: `given` (`--date`, YYYY-MM-DD), else SOURCE_DATE_EPOCH where set (reproducible builds), else
    the day of the run."""
    if given is not None:
        try:
            return datetime.date.fromisoformat(given).isoformat() if re.fullmatch(r"\d{4}-\d\d-\d\d", given) else _bad(given)
        except ValueError:
            _bad(given)
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return epoch_date(os.environ["SOURCE_DATE_EPOCH"])
    return datetime.date.today().isoformat()


LATEST_EPOCH = 253402300799
"""9999-12-31T23:59:59 UTC: the last second a date of four digits can name."""


def epoch_date(epoch: str) -> str:
    """SOURCE_DATE_EPOCH as the review's date: whole seconds since 1970-01-01 UTC, as reproducible-builds.org
    defines it, else RunError in one line (a negative one would date every review 1969). A run checks it before
    anything runs (`run.selection.check_environment`)."""
    if not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12 and int(epoch) <= LATEST_EPOCH):
        raise RunError(f"SOURCE_DATE_EPOCH={shorten(epoch)}: must be a whole number of seconds since 1970-01-01 UTC, "
                       f"from 0 to {LATEST_EPOCH} (the review's date; unset it to date the review by the day of the run)")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()


def checked_date(given: str | None) -> str:
    """`--date` as `date_published` reads it, refused (RunError) if it comes before the article it reviews."""
    published = date_published(given)
    if given is not None:
        article = str(article_facts().get("date_published") or "")
        if article and published < article:
            raise RunError(f"--date {given!r}: before {article}, when the article it reviews was published")
    return published


def _bad(given: str):
    raise RunError(f"--date {given!r}: give the review's date as YYYY-MM-DD")


def jsonld(review: dict) -> str:
    """JSON for a <script type="application/ld+json"> block: "<" escaped so that no value can close the tag."""
    return json.dumps(review, ensure_ascii=False, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
