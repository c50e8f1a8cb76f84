"""How figures are compared: the comparisons a claim's `check.compare` names, each giving a verdict from the observed
figures and the article's (the words come from data/claim_texts.yaml, not from here), and figures known only
from one side."""
from __future__ import annotations

from talentcheck.claims.words import YES_NO


def gap(observed, stated) -> float:
    """Distance between two figures; words (yes/no) either match (0) or do not (infinite)."""
    if isinstance(observed, str) or isinstance(stated, str):
        return 0.0 if str(observed) == str(stated) else float("inf")
    return abs(float(observed) - float(stated))


def approx(observed: dict, figures: dict, check: dict) -> str:
    tolerance, caveat_tolerance = check.get("tolerance", 0.5), check.get("caveat_tolerance", 0.5)
    worst = max(gap(observed[k], v) for k, v in figures.items())
    if worst <= tolerance:
        return "supported"
    return "supported_with_caveat" if worst <= caveat_tolerance else "not_supported"


def between(observed: dict, figures: dict, check: dict) -> str:
    inside = all(lo <= float(observed[k]) <= hi for k, (lo, hi) in figures.items())
    return "supported" if inside else "not_supported"


def greater(observed: dict, figures: list, check: dict) -> str:
    left, right = figures
    if check.get("level") == "unverifiable" and float(observed[left]) == float(observed[right]):
        return "unverifiable"  # level: settles nothing
    return "supported" if float(observed[left]) > float(observed[right]) else "not_supported"


class LowerBound(float):
    """A figure known only from below ("more than $100 million"): reaching a claim's "at least" bound, it
    confirms the claim; short of it, it can neither confirm nor refute it."""


class UpperBound(float):
    """A figure known only from above ("at most 8%": absent from a list whose smallest entry is 8%)."""


def bound(sign: str):
    def compare(observed: dict, figures: dict, check: dict) -> str:
        bad = [k for k, v in figures.items() if not (float(observed[k]) <= v if sign == "at_most" else float(observed[k]) >= v)]
        if not bad:
            return "supported"
        if sign == "at_least" and all(isinstance(observed[k], LowerBound) for k in bad):
            return "unverifiable"
        return "not_supported"
    return compare


def equal(observed: dict, figures: dict, check: dict) -> str:
    return "supported" if all(observed[k] == v for k, v in figures.items()) else "not_supported"


def within_factor(observed: dict, figures: dict, check: dict) -> str:
    factor = float(check["factor"])
    inside = all(1 / factor <= float(observed[k]) / float(v) <= factor for k, v in figures.items())
    return "supported" if inside else "not_supported"


COMPARE = {  # check.compare: its allowed values are these keys
    "approx": approx, "between": between, "greater": greater,
    "at_most": bound("at_most"), "at_least": bound("at_least"), "equal": equal,
    "within_factor": within_factor,
}
__all__ = ["COMPARE", "LowerBound", "UpperBound", "YES_NO", "gap"]
