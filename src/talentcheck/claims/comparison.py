"""How figures are compared and how a reason says it: the comparisons a claim's `check.compare` names
(each returns a verdict and the sentence that says why), figures with their units, and parameter values
in words for the readings named in reasons."""
from __future__ import annotations

YES_NO = ("yes", "no")
"""Figures that are words; only a claim the notebook judges (no check.table) may state them."""


OUTCOME = {"supported": "holds", "supported_with_caveat": "holds", "not_supported": "fails", "unverifiable": "open"}
OUTCOME_WORDS = {"holds": "it holds", "fails": "it does not hold", "open": "the evidence cannot settle it"}

# Parameter values in words, for the readings in reasons (a value not listed is shown as it is).
WORDS = {
    "cohort": {"top_tier": "top-tier researchers (authors of accepted NeurIPS papers, about the top 20%)",
               "most_elite": "most elite researchers (authors of NeurIPS oral papers: about the top 0.5% in 2019, the top 2% in 2022)"},
    "count_musk": {True: "twelve people (Elon Musk included)", False: "eleven people (without Elon Musk)"},
    "foundation": {"undergraduate": "an undergraduate degree", "school": "any schooling (primary school to degree)"},
    "groups": {"xai": "xAI's founders", "sora": "the Sora report's authors", "both": "xAI's founders and the Sora report's authors"},
    "fleet": {"gpt4_cluster": "the 2022 GPT-4 training cluster plus ChatGPT's 2023 inference",
              "inference_2024": "OpenAI's inference fleet as reported for 2024"},
    "power_basis": {"board": "the chip's own power", "server": "each GPU's share of a whole server's power"},
    "pue_basis": {"hyperscale": "a hyperscale data centre's overhead", "average": "an average data centre's overhead"},
    "rate_type": {"year_end": "year-end exchange rates", "annual_average": "yearly average exchange rates"},
    "vintage": {"article": "only figures published by the article's date (February 2025)",
                "latest": "the latest figures, including those published after the article"},
    "reading": {"tens_or_hundreds": "10 to 1,000 billion yuan a year", "tens": "10 to 100 billion yuan a year",
                "hundreds": "100 to 1,000 billion yuan a year"},
    "alibaba_rate": {"FED": "market (Federal Reserve noon buying)", "PBOC": "People's Bank of China central parity"},
    "tier": {"all_accepted": "the authors of every accepted paper", "oral": "the authors of oral papers"},
    "counting": {"authors": "distinct authors", "author_papers": "author-paper pairs",
                 "fractional_papers": "fractional papers (each paper shared among its authors)"},
    "ties": {"include": "institutions tied at the cut all counted in", "exclude": "institutions tied at the cut all left out"},
    "merge_google_deepmind": {True: "DeepMind counted as part of Google", False: "DeepMind counted apart from Google"},
    "china_scope": {"mainland_and_territories": "Hong Kong, Macau and Taiwan counted under China (as the Tracker counts)",
                    "mainland": "Hong Kong, Macau and Taiwan counted apart from China"},
    "basis": {"tracker_first": "the Tracker's published figures where it gave them and the re-derivation otherwise",
              "rederived": "the re-derivation alone", "tracker": "the Tracker's published figures alone"},
}


# Parameter names as a reader reads them, for the readings a card lists (a name not listed: its words).
LABELS = {
    "year": "year", "cohort": "cohort", "source": "source preferred where sources disagree",
    "barely_threshold": "“barely registered” means at most (%)", "tier": "papers counted", "counting": "what is counted",
    "merge_google_deepmind": "DeepMind and Google", "top_n": "length of the ranking", "basis": "what the verdict rests on",
    "ties": "ties at the ranking's cut", "decade_end": "the ten years ending in", "first_year": "first year",
    "low": "lower end of the range (billion yuan a year)", "high": "upper end of the range (billion yuan a year)", "china_scope": "what counts as China", "europe_includes_uk": "the UK counted in Europe",
    "count_musk": "founding members counted", "foundation": "“foundational training” means", "groups": "whose education",
    "hundreds_reading_musd": "“hundreds of millions” read as at least (USD million)", "fleet": "whose electricity",
    "gpus": "GPUs drawing power all year", "power_basis": "power per GPU", "pue_basis": "data-centre overhead (PUE)",
    "price_usd_per_kwh": "electricity price (USD per kWh)", "utilisation": "share of the year at full power",
    "include_inference": "ChatGPT's inference added to the GPT-4 cluster", "tolerance_factor": "tolerance factor",
    "vintage": "figures used", "rate_type": "exchange rates", "fx_source": "exchange-rate source",
    "alibaba_rate": "exchange rate for Alibaba's plan", "reading": "“tens or hundreds of billions” read as",
}


# Parameters whose values are numbers, in words, for naming another reading in a reason.
NAMES = {
    "hundreds_reading_musd": "hundreds of millions read as at least {} million dollars",
    "barely_threshold": "a threshold of {}%", "tolerance_factor": "a tolerance factor of {}", "year": "the year {}", "decade_end": "the ten years to {}",
}


def change_words(change: dict) -> str:
    """Other parameter values in words: "most elite researchers (...)", "the year 2019"."""
    def one(name, value):
        if value in WORDS.get(name, {}):
            return WORDS[name][value]
        return NAMES[name].format(fmt(value)) if name in NAMES else f"{name.replace('_', ' ')} {fmt(value)}"
    described = {k: v for k, v in change.items() if k in WORDS or k in NAMES} or change  # e.g. a reading's bounds go unsaid
    return " and ".join(one(name, value) for name, value in described.items())


def figure_words(name: str, value) -> str:
    """A figure as a reader reads it: "Chinese institutions 3", or for a yes/no figure "only Tsinghua and Peking: no"."""
    return f"{name}: {value}" if value in YES_NO else f"{name} {fmt(value)}"


def differs(name: str, observed, stated, check: dict) -> str:
    if stated in YES_NO:
        return f"{name}: {observed}, where the article says {stated}"
    return f"{name} is {amount(observed, check)}, not the stated {amount(stated, check)}"


UNITS = {"%": "{}%", "share of": "{}%", "USD million": "${} million", "USD billion": "${} billion", "CNY billion": "{} billion yuan"}
"""How a figure of a claim's unit reads in a sentence, by the unit's first words."""


def money(musd: float, decimals: int = 1) -> str:
    """USD million as a person writes them: "$236.9 million", "$300 million", "$4.0 billion" (a billion and more
    in billions, to one decimal); the one helper for dollar amounts in prose (`amount` uses it too)."""
    musd = float(musd)
    if abs(musd) >= 1000:
        return f"${musd / 1000:,.1f} billion"
    return f"${round(musd, decimals):g} million" if decimals else f"${musd:.0f} million"


def money_range(low: float, high: float) -> str:
    """A range of USD million in whole millions or, from a billion, in billions: "$117-317 million",
    "$0.8-1.2 billion"."""
    if max(abs(low), abs(high)) >= 1000:
        return f"${low / 1000:,.1f}-{high / 1000:,.1f} billion"
    return f"${low:.0f}-{high:.0f} million"


def amount(value, check: dict, text: str | None = None) -> str:
    """A figure with its unit ("47%", "$100 million", "$4.0 billion"); a word or a count of things stays as it is."""
    unit = str(check.get("unit", ""))
    if text is None and unit.startswith("USD million") and not isinstance(value, str):
        return money(value)
    text = fmt(value) if text is None else text
    if isinstance(value, str) and value in YES_NO:
        return text
    form = next((f for prefix, f in UNITS.items() if unit.startswith(prefix)), "{}")
    return form.format(text)


def fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


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
        word = "at most" if sign == "at_most" else "at least"
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
