"""What a verdict says in plain English, computed from the verdict row so that it stays true under any
parameters: a claim's finding ("The evidence gives 28% in 2022 and 11% in 2019, in line with the article's
“rising”, with a caveat.") and a notebook's conclusion (what its verdicts add up to).

Both read the structured figures a verdict carries (`Verdict.figures`: {name: value}, a value being a
number, "yes"/"no", {"below": bound} for a share known only to be below the smallest published, {"above":
bound} for a figure known only from below ("more than $100 million"), or None
for a figure the evidence lacks) and the claim's unit; nothing here parses the `observed` text. A verdict may
also carry figures its finding states beside those compared (`FULL_COUNT`).
"""
from __future__ import annotations

import json
import re

from talentcheck.claims.registry import claim
from talentcheck.claims.words import BOUND_WORDS, VERDICT_COUNTS, VERDICT_LABELS, YES_NO, amount, count, fmt, listing

YEAR = re.compile(r"(?:19|20)\d\d")
FULL_COUNT = "full count and samples"
"""A figure not compared but stated by the finding of a claim judged on a full count that a sample of the source's
size could have read differently (`talentcheck.topics.top_institutions.notes.pair_2022`): {"year", "counted" (the counting rule in
words), "ranks" ({short name: full-count rank, or None if absent}), "samples_pct" (the share of source-sized
samples that give the article's whole picture)}."""


def figures_of(row: dict) -> dict | None:
    """The verdict row's figures ({name: value}), or None for a row recorded before verdicts carried them."""
    figures = row.get("figures")
    if isinstance(figures, str):
        figures = json.loads(figures) if figures.strip() else None
    return figures if isinstance(figures, dict) and figures else None


def figure(name: str, value, unit: str) -> str:
    """One figure in words with its unit: "China 47%", "28% in 2022", "US institutions: 17", "Peking in the top 5: no"."""
    check = {"unit": unit}
    if value is None:
        return f"no figure for {name}"
    if isinstance(value, dict) and "below" in value:
        return f"{name} below {amount(value['below'], check)} (not among the published shares)"
    if isinstance(value, dict) and "above" in value:  # a lower bound ("more than $100 million")
        return f"a {name} of more than {amount(value['above'], check)}"
    if isinstance(value, str) and value in YES_NO:
        return f"{name}: {value}"
    if YEAR.fullmatch(str(name)):
        return f"{amount(value, check)} in {name}"
    words = amount(value, check)
    # "China 47%" for a share of a place; "a yearly electricity bill of $236.9 million"; "2 presenters of
    # Chinese descent"; "US institutions: 17" (a count whose name opens with a capital)
    if name[:1].isupper():  # a place ("China 47%"); a longer name or a count takes a colon
        return f"{name} {words}" if words != fmt(value) and len(name.split()) <= 2 else f"{name}: {words}"
    if words == fmt(value) and value == 1:  # "indicators rising: 1", not "1 indicators rising"
        return f"{name}: {words}"
    if words == fmt(value) or words.endswith("%"):  # a count or a share: "2 presenters of Chinese descent", "50% trained in China"
        return f"{words} {name}"
    return f"{name}: {words}" if "," in name else f"a {name} of {words}"


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


WRAPPED = re.compile(r"^figures [(](.*)[)]$")


def read_as(row: dict) -> str | None:
    """The claim's figure as this run read it, where parameters set it (a bound or a range): "at least $100 million"."""
    against = row.get("against")
    against = json.loads(against) if isinstance(against, str) and against.strip() else against
    compare = (claim(row["claim_id"]).get("check") or {}).get("compare") if row.get("claim_id") else None
    if not isinstance(against, dict) or not against or compare not in (*BOUND_WORDS, "between"):
        return None
    check = {"unit": row["unit"]}

    def one(value):
        if compare == "between":
            low, high = amount(value[0], check), amount(value[1], check)
            return f"between {fmt(value[0]) if high.startswith(fmt(value[1])) else low} and {high}"
        return f"{BOUND_WORDS[compare]} {amount(value, check)}"
    if len(against) == 1:
        return one(next(iter(against.values())))
    return listing([f"{name} {one(value)}" for name, value in against.items()])


def finding(row: dict) -> str:
    """One sentence from the verdict row (verdict, figures, stated, unit) that is true whatever the parameters."""
    verdict, unit = row["verdict"], row["unit"]
    if verdict not in VERDICT_COUNTS:  # not run, or not yet checked: the row's reason says why
        return f"This run has no verdict: {row['reason'][0].lower()}{row['reason'][1:]}"
    read = read_as(row)
    stated = f"figure as read here ({read})" if read else stated_words(row["stated"], unit)
    figures = figures_of(row)
    if figures is None:  # a verdict recorded before rows carried figures: its observed text as it is
        observed = f"The evidence gives {row['observed']} ({unit})"
    else:
        missing = [str(k) for k, v in figures.items() if v is None]
        if missing:
            return (f"The evidence has no figure for {listing(missing)}, so the article's {stated} can be neither "
                    "confirmed nor refuted.")
        observed = "The evidence gives " + listing([figure(str(k), v, unit) for k, v in figures.items()])
    if figures is not None and FULL_COUNT in figures:
        return full_count_finding(row, figures)
    if row.get("claim_id") and claim(row["claim_id"]).get("modelled"):  # a model's output is not evidence of the figure
        return (observed.replace("The evidence gives", "No source publishes this figure; the project's model gives", 1) +
                f", set against the article's {stated}: a model can show the figure plausible, not confirm it.")
    return observed + {
        "supported": (f", not exactly the article's {stated} but within what the check allows." if _differs(figures, row) else
                      f", as the article states ({f'read here as {read}' if read else WRAPPED.sub(lambda m: m[1], stated)})."),
        "supported_with_caveat": (f", not exactly the article's {stated} but within what the check allows, with a caveat (see why)."
                                  if _differs(figures, row) else f", in line with the article's {stated}, but with a caveat (see why)."),
        "not_supported": f", which does not bear out the article's {stated}.",
        "unverifiable": f", which can neither confirm nor refute the article's {stated}.",
    }[verdict]


def _stated_figures(row: dict) -> dict:
    """The figures the article states, by name, as the verdict row records them ({} if none)."""
    against = row.get("against")
    against = json.loads(against) if isinstance(against, str) and against.strip() else (against or {})
    return against if isinstance(against, dict) else {}


def _differs(figures: dict | None, row: dict) -> bool:
    """Whether any figure the evidence gives differs from the article's figure of the same name."""
    stated = _stated_figures(row)
    return any(k in stated and not isinstance(v, dict) and not isinstance(stated[k], (dict, list)) and v != stated[k]
               for k, v in (figures or {}).items())


def full_count_finding(row: dict, figures: dict) -> str:
    """A full count's ranks, which of the article's statements they fail, and how often a sample of the source's
    size gives the article's whole picture: "The evidence gives Tsinghua rank 2 and Peking rank 6 by the full 2022
    count (distinct authors), which contradicts the article's picture (Peking in the top 5: no; ...); but samples
    of the Tracker's size give that picture in 12% of draws ...", ending as the verdict does."""
    full = figures[FULL_COUNT]
    against = _stated_figures(row)
    compared = {k: v for k, v in figures.items() if k != FULL_COUNT}
    wrong = [f"{k}: {v}" for k, v in compared.items() if k in against and v != against[k]]
    ranked = listing([f"{name} rank {rank}" if rank else f"{name} absent from the list" for name, rank in full["ranks"].items()])
    text = f"The evidence gives {ranked} by the full {full['year']} count ({full['counted']})"
    share = f"{full['samples_pct']:.0f}% of draws"
    if row["verdict"] in ("supported", "supported_with_caveat"):
        return text + (", as the article states" if row["verdict"] == "supported" else ", in line with the article, but with a caveat (see why)") + \
            f"; samples of the Tracker's size give the article's whole picture in {share}."
    text += f", which contradicts the article's picture ({listing(wrong)})" if wrong else ""
    if row["verdict"] == "unverifiable":
        return (text + f"; but samples of the Tracker's size give that picture in {share} and the Tracker's own ranks were "
                "not found, so the evidence can neither confirm nor refute it.")
    return text + f"; samples of the Tracker's size give the article's whole picture in only {share}."


def conclusion(rows: list[dict]) -> str:
    """What a notebook's verdicts add up to, in two or three sentences computed from its verdict rows."""
    if not rows:
        return ""
    by = {v: [r for r in rows if r["verdict"] == v] for v in VERDICT_COUNTS}
    n = len(rows)
    parts = [f"{('both' if n == 2 else f'all {count(n)}') if len(found) == n else count(len(found))} {VERDICT_COUNTS[v][len(found) != 1]}"
             for v, found in by.items() if found]
    if n == 2 and len(by["unverifiable"]) == 2:
        parts = ["neither can be settled by the evidence"]
    text = (f"Of the {count(n)} claim{'s' if n != 1 else ''} of the article judged here, "
            f"{listing(parts)}." if n > 1 else f"The one claim of the article judged here {parts[0].split(' ', 1)[1]}.")
    holds = len(by["supported"]) + len(by["supported_with_caveat"])
    failing = by["not_supported"] + by["unverifiable"]
    if failing:
        text += " " + " ".join(f"{VERDICT_LABELS[r['verdict']]}: “{claim(r['claim_id'])['claim']}” {finding(r)}"
                               for r in failing)
    if n == 1:
        return text
    if holds == n:
        text += " Every claim judged here holds" + (
            "." if not by["supported_with_caveat"] else ", each with a caveat." if len(by["supported_with_caveat"]) == n
            else ", though not all without a caveat.")
    elif holds == 0:
        text += f" None of the claim{'s' if n != 1 else ''} judged here holds under these parameters."
    else:
        text += f" So {count(holds)} of the {count(n)} hold{'s' if holds == 1 else ''} under these parameters."
    return text
