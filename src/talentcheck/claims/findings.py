"""What a notebook's verdicts add up to (`conclusion`), and the article's figure with its unit for the README's table
(`stated_words`). A claim's own finding and why are written in data/claim_texts.yaml (`talentcheck.claims.texts`)."""
from __future__ import annotations

import re

from talentcheck.claims.words import VERDICT_COUNTS, amount, count, listing

YEAR = re.compile(r"(?:19|20)\d\d")


def stated_words(stated: str, unit: str) -> str:
    """The article's figure with its unit: "47%", "about 47%", "at least $200 million", "“rising”"."""
    check = {"unit": unit}
    text = str(stated).strip()
    if span := re.fullmatch(r"(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)", text):
        low, high = amount(span[1], check), amount(span[2], check)
        return f"between {span[1] if high.startswith(span[2]) else low} and {high}"
    prefix = ""
    for sign, words in (("~", "about "), (">=", "at least "), (">", "more than "), ("<=", "at most "), ("<", "less than ")):
        if text.startswith(sign):
            prefix, text = words, text[len(sign):].strip()
            break
    text = re.sub(r"\s+>\s+", " ahead of the ", text) if " > " in text else text
    if re.search(r"\d", text) and not re.search(r"[<>=+]", text):
        text = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])",
                      lambda m: m[1] if YEAR.fullmatch(m[1]) else amount(m[1], check), text)
        many = len(re.findall(r"\d+", text)) > 1 and not re.search(r" of \d", text)
        return f"figures ({prefix}{text})" if many else prefix + text
    return f"“{prefix}{text}”"


def conclusion(rows: list[dict]) -> str:
    """What a notebook's verdicts add up to, in one sentence counted from its verdict rows: "Of the four claims
    judged here, two are supported with a caveat, one is not supported and one cannot be settled by the evidence."."""
    if not rows:
        return ""
    found = [(verdict, sum(r["verdict"] == verdict for r in rows)) for verdict in VERDICT_COUNTS]
    found = [(verdict, k) for verdict, k in found if k]
    n = len(rows)
    if n == 1:
        return f"The one claim judged here {VERDICT_COUNTS[found[0][0]][0]}."
    if len(found) == 1:
        subject = "Both claims judged here" if n == 2 else f"All {count(n)} claims judged here"
        return f"{subject} {VERDICT_COUNTS[found[0][0]][1]}."
    return f"Of the {count(n)} claims judged here, {listing([f'{count(k)} {VERDICT_COUNTS[v][k != 1]}' for v, k in found])}."
