"""How one figure stands to another, in the plain words of data/claim_texts.yaml's `relations` (each function
follows the rule written there): "one fewer than", "six points below", "within a point of", "about 24 times",
"just under half", "about two and a half times as many". Pure functions of numbers; a text continues after them
("about 24 times the article's ..."), so none ends with a full stop."""
from __future__ import annotations

import math

from talentcheck.claims.words import count

FRACTIONS = [(0.9, "nine-tenths"), (0.8, "four-fifths"), (0.75, "three-quarters"), (2 / 3, "two-thirds"),
             (0.6, "three-fifths"), (0.5, "half"), (0.4, "two-fifths"), (1 / 3, "a third"), (0.25, "a quarter"),
             (0.2, "a fifth"), (0.1, "a tenth")]
"""The fractions a ratio or a share is said as, largest first."""


def _words(n: int) -> str:
    """A number in words up to ten, in digits above (as the relations' rules write them)."""
    return count(n) if n <= 10 else str(n)


def _more_or_fewer(n: int, more: str, fewer: str) -> str:
    return f"{_words(abs(n))} {more if n > 0 else fewer}"


def count_relation(observed: float, stated: float) -> str:
    """A count against the article's: "the same as", "one fewer than", "three more than"."""
    d = round(observed) - round(stated)
    return "the same as" if d == 0 else f"{_more_or_fewer(d, 'more', 'fewer')} than"


def points_relation(observed: float, stated: float, upper_bound: bool = False) -> str:
    """A share against the article's, in whole points: "matching", "one point above", "six points below"; a share
    known only from above against a larger figure: "at least four points below"."""
    d = round(observed) - round(stated)
    if upper_bound:
        if d < 0:
            return f"at least {_words(-d)} point{'s' if d != -1 else ''} below"
        return "no more than " + ("the article's figure, and perhaps matching" if d == 0 else
                                  f"{_words(d)} point{'s' if d != 1 else ''} above")
    if d == 0:
        return "matching"
    return f"{_words(abs(d))} point{'s' if abs(d) != 1 else ''} {'above' if d > 0 else 'below'}"


def pair_relation(observed: list[float], stated: list[float], counts: bool = False) -> str:
    """Two or three figures against the article's: "matching", "within a point of" ("within one of" for counts),
    or "against"."""
    gaps = [abs(round(o) - round(s)) for o, s in zip(observed, stated)]
    if max(gaps) == 0:
        return "matching"
    if max(gaps) <= 1:
        return "within one of" if counts else "within a point of"
    return "against"


HALVES = {2: "twice", 2.5: "two and a half times"}


def _times(k: float) -> str:
    """k (a whole or a half, 2 to 9.5) times in words: "twice", "two and a half times", "three times"."""
    if k in HALVES:
        return HALVES[k]
    whole = int(k)
    return f"{count(whole)} and a half times" if k != whole else f"{count(whole)} times"


def _about_times(r: float) -> str:
    """r (1.9 to 10) times in words, never more than it is: "about k times" with k the nearest half when r is within
    5% of it ("about twice" for 1.9 to 2.1), else "more than k times" with k the half below (2.33: "more than twice",
    not "about two and a half times")."""
    k = round(r * 2) / 2
    if abs(r / k - 1) <= 0.05 + 1e-9:
        return f"about {_times(k)}"
    return f"more than {_times(math.floor(r * 2) / 2)}"


def _nearest_fraction(p: float, about: float, just: float) -> str:
    """A share p (%) as the fraction a reader would say: "about f" within `about` points of a fraction, "just under f" /
    "just over f" within `just` points; further off, the fraction nearest in proportion (29% is nearer a third than a
    quarter, as 30% would be), said "under f" or "more than f"; beyond the list's ends "less than a tenth", "more than
    nine-tenths"."""
    value, name = min(FRACTIONS, key=lambda f: abs(p - 100 * f[0]))
    distance = p - 100 * value
    if abs(distance) <= about:
        return f"about {name}"
    if abs(distance) <= just:
        return f"just {'under' if distance < 0 else 'over'} {name}"
    if p < 100 * FRACTIONS[-1][0]:
        return f"less than {FRACTIONS[-1][1]}"
    if p > 100 * FRACTIONS[0][0]:
        return f"more than {FRACTIONS[0][1]}"
    value, name = min(FRACTIONS, key=lambda f: abs(math.log(p / (100 * f[0]))))
    return f"{'under' if p < 100 * value else 'more than'} {name}"


def ratio_relation(observed: float, reference: float) -> str:
    """Two amounts as a ratio: "about the same as", "about 15% more than", "nearly twice", "about 24 times",
    "about four-fifths of", "just over a tenth of", "less than a tenth of"."""
    r = float(observed) / float(reference)
    if 0.97 <= r <= 1.03:
        return "about the same as"
    if 1.03 < r < 1.4:
        return f"about {max(5, 5 * round((r - 1) * 20))}% more than"
    if 1.4 <= r < 1.9:
        return "about one and a half times" if r < 1.6 else "more than one and a half times" if r < 1.75 else "nearly twice"
    if 1.9 <= r < 10:
        return _about_times(r)
    if r >= 10:
        return f"about {round(r)} times"
    if r < 0.04:
        return "less than a twentieth of"
    if r < 0.075:
        return "less than a tenth of"
    return f"{_nearest_fraction(100 * r, about=2, just=3)} of"


def fraction_words(pct: float, upper_bound: bool = False) -> str:
    """A share (%) of a whole as a reader says it: "about a quarter", "just under half", "under a third" (29%);
    an upper bound: "at most a tenth"."""
    if upper_bound:
        above = [f for f in FRACTIONS if 100 * f[0] >= pct - 1e-9]
        return f"at most {above[-1][1]}" if above else "at most all"
    return _nearest_fraction(pct, about=1, just=3)


def times_relation(first: float, second: float) -> str:
    """How many more people one share stands for than another: "fewer", "about as many", "more", "about one and a
    half times as many", "about twice as many", "about two and a half times as many"."""
    r = float(first) / float(second)
    if r < 1:
        return "fewer"
    if r < 1.05:
        return "about as many"
    if r < 1.4:
        return "more"
    if r < 2:
        return "about one and a half times as many" if r < 1.6 else "more than one and a half times as many"
    return f"{_about_times(r)} as many" if r < 10 else f"about {round(r)} times as many"
