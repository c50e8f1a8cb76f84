"""Sampling error of the Tracker's shares: how many researchers stand behind a figure, and whether a
difference between two shares is larger than the sample can show (95% normal interval of the gap), for the
claims whose registry entry names a `sample` pair."""
from __future__ import annotations

import math

from talentcheck import data

Z95 = 1.96


def size(year: int, cohort: str) -> int | None:
    """Researchers in a randomly sampled cohort (tracker/samples); None if unpublished or not a sample."""
    rows = data.load("tracker/samples")
    rows = rows[(rows["year"] == year) & (rows["cohort"] == cohort) & (rows["sampled"] == "yes")]
    return int(rows["researchers"].iloc[0]) if len(rows) else None


def gap_interval(a_pct: float, b_pct: float, n_a: float, n_b: float | None = None) -> tuple[float, float]:
    """95% interval (points) of a - b: two shares of one sample of n_a (n_b None), or of two independent samples.

    Authors are treated as independent draws; authors of one paper are alike, so the true interval is
    somewhat wider: the test is lenient, and a gap it cannot tell from zero is certainly not shown.
    """
    a, b = a_pct / 100, b_pct / 100
    if n_b is None:  # one multinomial sample: Var(a - b) = (a + b - (a - b)^2) / n
        variance = (a + b - (a - b) ** 2) / n_a
    else:
        variance = a * (1 - a) / n_a + b * (1 - b) / n_b
    half = Z95 * math.sqrt(variance) * 100
    return a_pct - b_pct - half, a_pct - b_pct + half


def gap_sentence(names: tuple[str, str], values: tuple[float, float], sizes: tuple[float, float | None]) -> tuple[str, bool]:
    """A sentence on the gap between two shares and its 95% interval, and whether the interval includes zero."""
    low, high = gap_interval(*values, *sizes)
    who = (f"a sample of about {sizes[0]:.0f} researchers" if sizes[1] is None
           else f"samples of {sizes[0]:.0f} and {sizes[1]:.0f} researchers")
    within = low <= 0 <= high
    verdict = ("it includes zero, so the sample cannot show which is larger" if within
               else "the gap is larger than the sampling error")
    return (f"in {who}, the 95% interval of the gap between {names[0]} ({values[0]:g}%) and {names[1]} ({values[1]:g}%) "
            f"is {low:.0f} to {high:.0f} points: {verdict}"), within

