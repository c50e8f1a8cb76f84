"""How figures are compared: the comparisons a claim's `check.compare` names, each returning a verdict and the
sentence that says why (in the words of `talentcheck.claims.words`), and figures known only from one side."""
from __future__ import annotations

from talentcheck.claims.words import BOUND_WORDS, YES_NO, amount


def differs(name: str, observed, stated, check: dict) -> str:
    if stated in YES_NO:
        return f"{name}: {observed}, where the article says {stated}"
    return f"{name} is {amount(observed, check)}, not the stated {amount(stated, check)}"


def gap(observed, stated) -> float:
    """Distance between two figures; words (yes/no) either match (0) or do not (infinite)."""
    if isinstance(observed, str) or isinstance(stated, str):
        return 0.0 if str(observed) == str(stated) else float("inf")
    return abs(float(observed) - float(stated))


def _listed(observed: dict, figures: dict, check: dict) -> str:
    """'China: 26%; United States: 28%': each figure the claim states, with the value the evidence gives and,
    where it differs, the article's."""
    def value(k):
        return observed[k] if isinstance(observed[k], str) else amount(observed[k], check)
    return "; ".join(f"{k}: {value(k)}" + ("" if gap(observed[k], v) == 0 else f" against the article's {amount(v, check)}")
                     for k, v in figures.items())


def approx(observed: dict, figures: dict, check: dict):
    tolerance, caveat_tolerance = check.get("tolerance", 0.5), check.get("caveat_tolerance", 0.5)
    gaps = {k: gap(observed[k], v) for k, v in figures.items()}
    worst = max(gaps, key=gaps.get)
    if gaps[worst] == 0:
        return "supported", f"The evidence gives {_listed(observed, figures, check)}, as the article states"
    if gaps[worst] <= tolerance:
        return "supported", f"The evidence gives {_listed(observed, figures, check)}, within the {tolerance:g} the check allows"
    if gaps[worst] <= caveat_tolerance:
        up_to = "up to " if sum(g > 0 for g in gaps.values()) > 1 else ""
        return "supported_with_caveat", (f"The evidence gives {_listed(observed, figures, check)}, off by {up_to}"
                                         f"{gaps[worst]:g} (within the {caveat_tolerance:g} the check allows)")
    return "not_supported", differs(worst, observed[worst], figures[worst], check)


def between(observed: dict, figures: dict, check: dict):
    outside = {k: v for k, v in figures.items() if not v[0] <= float(observed[k]) <= v[1]}
    if not outside:
        if len(figures) == 1:
            (k, (lo, hi)), = figures.items()
            return "supported", (f"{k}: {amount(observed[k], check)}, within the {amount(lo, check, f'{lo:,g}-{hi:,g}')} "
                                 "the claim's wording allows")
        each = "; ".join(f"{k} {amount(observed[k], check)}, in {amount(lo, check, f'{lo:,g}-{hi:,g}')}" for k, (lo, hi) in figures.items())
        return "supported", f"Every figure lies in the range the claim's wording allows ({each})"
    k, (lo, hi) = next(iter(outside.items()))
    return "not_supported", (f"{k} is {amount(observed[k], check)}, outside the "
                             f"{amount(lo, check, f'{lo:,g}-{hi:,g}')} the claim's wording allows")


def greater(observed: dict, figures: list, check: dict):
    left, right = figures
    if check.get("level") == "unverifiable" and float(observed[left]) == float(observed[right]):
        return "unverifiable", (f"{left} ({amount(observed[left], check)}) and {right} ({amount(observed[right], check)}) "
                                "are level, which settles nothing")
    if float(observed[left]) > float(observed[right]):
        return "supported", f"{left} ({amount(observed[left], check)}) is above {right} ({amount(observed[right], check)})"
    return "not_supported", f"{left} ({amount(observed[left], check)}) is not above {right} ({amount(observed[right], check)})"


class LowerBound(float):
    """A figure known only from below ("more than $100 million"): reaching a claim's "at least" bound, it
    confirms the claim; short of it, it can neither confirm nor refute it."""


class UpperBound(float):
    """A figure known only from above ("below 8%": absent from a list whose smallest entry is 8%)."""


def bound(sign: str):
    def compare(observed: dict, figures: dict, check: dict):
        bad = {k: v for k, v in figures.items()
               if not (float(observed[k]) <= v if sign == "at_most" else float(observed[k]) >= v)}
        word = BOUND_WORDS[sign]
        def shown(value):
            if isinstance(value, (LowerBound, UpperBound)):
                return f"{'more than' if isinstance(value, LowerBound) else 'below'} {amount(value, check)}"
            return amount(value, check)

        if not bad:
            if len(figures) == 1:
                (k, v), = figures.items()
                return "supported", f"{k}: {shown(observed[k])}, within the claim's bound ({word} {amount(v, check)})"
            each = "; ".join(f"{k} {shown(observed[k])}, {word} {amount(v, check)}" for k, v in figures.items())
            return "supported", f"Every figure is within the claim's bound ({each})"
        k = next(iter(bad))
        if sign == "at_least" and all(isinstance(observed[key], LowerBound) for key in bad):
            return "unverifiable", f"{k} is {shown(observed[k])}, which neither reaches nor rules out {word} {amount(figures[k], check)}"
        return "not_supported", f"{k} is {amount(observed[k], check)}, not {word} {amount(figures[k], check)}"
    return compare


def equal(observed: dict, figures: dict, check: dict):
    bad = {k: v for k, v in figures.items() if observed[k] != v}
    if not bad:
        return "supported", f"The evidence gives {_listed(observed, figures, check)}, as the article states"
    return "not_supported", "; ".join(differs(k, observed[k], figures[k], check) for k in bad)  # every part that fails


def within_factor(observed: dict, figures: dict, check: dict):
    factor = float(check["factor"])
    for k, stated in figures.items():
        ratio = float(observed[k]) / float(stated)
        if not 1 / factor <= ratio <= factor:
            direction = ("" if ratio <= 0 else f" {1 / ratio:.1f} times lower than" if ratio < 1
                         else f" {ratio:.1f} times higher than")
            return "not_supported", (f"{k} comes out at {amount(float(f'{float(observed[k]):.3g}'), check)},{direction or ' against'} "
                                     f"the stated {amount(stated, check)} (allowed: within a factor of {factor:g})")
    if len(figures) == 1:
        (k, stated), = figures.items()
        return "supported", (f"{k} comes out at {amount(observed[k], check)}, within a factor of "
                             f"{factor:g} of the stated {amount(stated, check)}")
    return "supported", f"Every figure is within a factor of {factor:g} of the stated one"


COMPARE = {  # check.compare: its allowed values are these keys
    "approx": approx, "between": between, "greater": greater,
    "at_most": bound("at_most"), "at_least": bound("at_least"), "equal": equal,
    "within_factor": within_factor,
}
