"""The one vocabulary every reader-facing label comes from: verdicts and outcomes in words, parameters and their
values as a reader reads them (cohorts, counting rules, readings), figures with their units and amounts of
money, counts and lists in words, the report's topics, and what a source's standing or form means.

The snake_case names (verdicts, parameter names and values) stay in verdicts.csv, in URLs and in the data; a
page, a chart, a finding or a reason says them in these words.
"""
from __future__ import annotations

# ---- verdicts -------------------------------------------------------------------------------------------
VERDICT_LABELS = {
    "supported": "Supported",
    "supported_with_caveat": "Supported, with a caveat",
    "not_supported": "Not supported",
    "unverifiable": "Unverifiable",
    "not_run": "Not run",
    "not_yet_checked": "Not yet checked",
}
VERDICT_COUNTS = {  # "one claim is supported", "two are supported": a notebook's conclusion counts its verdicts
    "supported": ("is supported", "are supported"),
    "supported_with_caveat": ("is supported with a caveat", "are supported with a caveat"),
    "not_supported": ("is not supported", "are not supported"),
    "unverifiable": ("cannot be settled by the evidence", "cannot be settled by the evidence"),
}
OUTCOME_WORDS = {"holds": "it holds", "fails": "it does not hold", "open": "the evidence cannot settle it"}
MODEL_OUTCOME_WORDS = {"holds": "the model bears it out", "fails": "the model does not bear it out",
                       "open": "the model cannot settle it"}
YES_NO = ("yes", "no")
"""Figures that are words; only a claim the notebook judges (no check.table) may state them."""

# ---- parameters and their values ------------------------------------------------------------------------
COHORTS = {"top_tier": "top-tier (top 20%)", "most_elite": "most elite (top 2%)"}
"""The Tracker's cohorts in a few words (legends, a card's readings); `VALUE_WORDS["cohort"]` says them in full."""

VALUE_WORDS = {  # parameter values in words, for the readings in reasons (a value not listed is shown as it is)
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

PARAMETER_LABELS = {  # parameter names as a reader reads them, for the readings a card lists (else: its words)
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

NUMERIC_READINGS = {  # parameters whose values are numbers, in words, for naming another reading in a reason
    "hundreds_reading_musd": "hundreds of millions read as at least {} million dollars",
    "barely_threshold": "a threshold of {}%", "tolerance_factor": "a tolerance factor of {}", "year": "the year {}", "decade_end": "the ten years to {}",
}

SHOWN_VALUES = {"as_stated": "the reading the article's figure fits", **COHORTS, "best_standing": "the best-standing source",
                True: "yes", False: "no", None: "not set (the notebook's estimate)"}
"""Values a card shows the same way whichever parameter has them."""


def counting_words(counting: str) -> str:
    """A counting rule in a few words: "distinct authors", "author-paper pairs", "fractional papers"."""
    return VALUE_WORDS["counting"][counting].split(" (")[0] if counting in VALUE_WORDS["counting"] else spaced(counting)


def spaced(name: str) -> str:
    """A snake_case name or value with spaces for its underscores ("all_accepted" -> "all accepted")."""
    return str(name).replace("_", " ")


def parameter_label(name: str) -> str:
    """A parameter's name as a reader reads it ("hundreds_reading_musd" -> "“hundreds of millions” read as ...")."""
    return PARAMETER_LABELS.get(name, spaced(name))


def value_words(value, name: str | None = None) -> str:
    """A parameter's value as a reader reads it: in the words of `VALUE_WORDS` where its parameter's `name` is given."""
    if isinstance(value, str) and value in SHOWN_VALUES:
        return SHOWN_VALUES[value]
    if name is not None and isinstance(value, (str, bool)) and value in VALUE_WORDS.get(name, {}):
        return VALUE_WORDS[name][value]
    if isinstance(value, (bool, type(None))):
        return SHOWN_VALUES.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(value_words(v, name) for v in value)
    if isinstance(value, float):
        return fmt(value)
    return spaced(value)


def change_words(change: dict) -> str:
    """Other parameter values in words: "most elite researchers (...)", "the year 2019"."""
    def one(name, value):
        if value in VALUE_WORDS.get(name, {}):
            return VALUE_WORDS[name][value]
        return NUMERIC_READINGS[name].format(fmt(value)) if name in NUMERIC_READINGS else f"{spaced(name)} {fmt(value)}"
    described = {k: v for k, v in change.items() if k in VALUE_WORDS or k in NUMERIC_READINGS} or change  # e.g. a reading's bounds go unsaid
    return " and ".join(one(name, value) for name, value in described.items())


# ---- figures, units and money ---------------------------------------------------------------------------
UNITS = {"%": "{}%", "share of": "{}%", "USD million": "${} million", "USD billion": "${} billion", "CNY billion": "{} billion yuan"}
"""How a figure of a claim's unit reads in a sentence, by the unit's first words."""
BOUND_WORDS = {"at_least": "at least", "at_most": "at most"}


def fmt(value) -> str:
    """A number as short as it goes (0.5, 47, 1e+06); anything else as it is."""
    return f"{value:g}" if isinstance(value, float) else str(value)


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


def figure_words(name: str, value) -> str:
    """A figure as a reader reads it: "Chinese institutions 3", or for a yes/no figure "only Tsinghua and Peking: no"."""
    return f"{name}: {value}" if value in YES_NO else f"{name} {fmt(value)}"


# ---- counts and lists -----------------------------------------------------------------------------------
COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def count(n: int) -> str:
    """A small count in words ("three"), a larger one in digits."""
    return COUNT_WORDS[n] if n < len(COUNT_WORDS) else str(n)


def listing(parts: list[str]) -> str:
    """Parts joined ("a", "a and b", "a, b and c"); items that carry a colon are separated by semicolons."""
    glue = "; " if len(parts) > 2 and any(": " in p for p in parts) else ", "
    return parts[0] if len(parts) == 1 else glue.join(parts[:-1]) + (";" if glue == "; " else "") + " and " + parts[-1]


# ---- the report: topics, sources ------------------------------------------------------------------------
TOPICS = {
    "xai": "xAI and OpenAI researchers", "tracker-work": "Where top researchers work",
    "tracker-origin": "Where top researchers studied", "tracker-us-institutions": "Researchers at US institutions",
    "top-institutions": "Top 25 institutions", "compute": "Costs of computing", "money": "Money for research",
}
"""The report's topics by the registry's `topic` (a topic not listed: its words, capitalised)."""

STANDING_WORDS = {  # what each standing of data/README.md means, as the sources page defines it
    "primary": "the producer's own page or document", "author": "a page by one of its authors",
    "secondary": "press or blogs that quote a figure, or a third party's copy of a page",
    "derived": "figures this project computed itself (from the NeurIPS paper lists, or from two published numbers)",
    "tertiary": "summaries of such coverage", "github_only": "found only in a public code file (third-hand)",
}
SOURCE_FORMS = {"mirror": "Mirror (a copy made by a third party) of {what}",
                "code": "Program code, not a publication: {what}",
                "repository": "Code and data repository, not a publication: {what}"}
"""How a page says what a source is when it is not a publication of its publisher (`form` in the registry,
completed by its `what`)."""


# ---- what the report's pages and the notebooks' displays add (issue 26: charts, tables, pages) ------------------
SHORT_INSTITUTIONS = {  # an institution's name where a chart has room for a few words only
    "Massachusetts Institute of Technology": "MIT", "Carnegie Mellon University": "Carnegie Mellon",
    "Shanghai Jiao Tong University": "Shanghai Jiao Tong",
}

COLUMN_WORDS = {  # a column of the data as a table's heading says it (a column not listed: its words, spaced)
    "share_pct": "share (%)", "source_name": "source", "source_standing": "standing of the source", "source_url": "source",
    "source_quote": "the source's words", "source_date": "source's date", "descent_source_date": "date of the source on descent",
    "claim_id": "claim", "stated": "the article states", "observed": "the evidence gives", "reason": "why",
    "changes": "verdict changes", "population": "researchers", "destination": "where they went", "how": "how it was obtained",
    "pairs": "author-paper pairs", "pairs_with_affiliation": "pairs with an affiliation",
    "unresolved_pct": "affiliations not placed (%)", "papers_unmatched_to_status": "papers not matched to a status",
    "rank_best": "best possible rank", "rank_worst": "worst possible rank", "rank_published": "rank published",
    "merge": "DeepMind counted in Google", "merge_google_deepmind": "DeepMind counted in Google",
    "mainland_and_territories": "China with Hong Kong, Macau and Taiwan (%)", "mainland": "mainland China (%)",
    "chinese_descent": "of Chinese descent", "school_country": "country of schooling",
    "undergrad_institution": "undergraduate degree", "undergrad_country": "country of undergraduate degree",
    "phd_institution": "PhD", "phd_country": "country of PhD", "left_xai": "has left xAI", "role_stated": "role as stated",
    "chinese_founders": "founders of Chinese descent", "founders_counted": "founders counted", "descent_note": "on descent",
    "count_musk": "Elon Musk counted", "value_musd": "USD million", "used_from": "source used", "energy_gwh": "energy (GWh)",
    "cost_musd": "cost (USD million)", "gpus": "GPUs", "usd_bn": "USD billion", "cny_per_usd": "yuan per dollar",
    "rd_cny_bn": "R&D (billion yuan)", "rate_source": "source of the rate", "rate_type": "exchange rates",
    "report_year": "annual report of", "period_start": "from", "period_end": "to", "total_cny_bn": "total (billion yuan)",
    "sum_of_yearly_cny_bn": "sum of the years (billion yuan)", "total_usd_bn": "total (USD billion)",
    "implied_cny_per_usd": "yuan per dollar implied", "value_cny_bn": "billion yuan", "budget_cny_bn": "budget (billion yuan)",
    "paper_count": "papers", "affiliation_papers": "paper-affiliation pairs", "moved_out": "moved out by our reading",
    "moved_in": "moved in by our reading", "unresolved_theirs": "not placed by the source",
    "unresolved_neither": "placed by neither", "low": "lowest", "high": "highest", "date_published": "published",
    "in_window": "in the ten years summed", "kind": "kind of figure", "top_n": "length of the ranking",
}
"""Column headings in words, for the tables a notebook shows (`talentcheck.claims.display`)."""

CELL_WORDS = {  # values of the data in a table's cell (a value of a parameter not listed: VALUE_WORDS, else spaced)
    "top_tier": "top-tier", "most_elite": "most elite", "all_accepted": "every accepted paper", "oral": "oral papers",
    "github_only": "a code file only", "lower_bound": "lower bound", "upper_bound": "upper bound",
    "holds": "holds", "fails": "does not hold", "open": "cannot be settled",
    "china_origin_current_work": "China-origin: where they work", "china_origin_grad_school": "China-origin: graduate school",
    "china_origin_us_gradschool_then_work": "China-origin, US graduate school: where they work",
    "china_gradschool_then_work": "Chinese graduate school: where they work",
    "us_gradschool_then_work": "US graduate school: where they work",
    "india_origin_grad_school": "India-origin: graduate school", "india_origin_current_work": "India-origin: where they work",
    "year_end": "year-end", "annual_average": "yearly average", "best_standing": "the best-standing source",
    "inference_2024": "OpenAI's 2024 inference fleet", "gpt4_cluster": "the GPT-4 cluster",
    "mainland_and_territories": "with Hong Kong, Macau and Taiwan", "mainland": "mainland only",
    "notable_models": "notable models", "top100_cited_publications": "top-100 cited publications",
    "gpus": "GPUs", "training_days": "days of training", "kw_per_gpu_board": "power per GPU, the chip alone",
    "kw_per_gpu_server": "power per GPU, its share of a server", "pue_hyperscale": "data-centre overhead, hyperscale (PUE)",
    "pue_average": "data-centre overhead, average (PUE)", "price_usd_per_kwh": "electricity price",
    "inference_kwh_per_day": "ChatGPT's inference electricity a day", "chatgpt_compute_usd_per_day": "ChatGPT's compute cost a day",
    "training_energy_gwh": "GPT-4's training energy", "training_energy_gwh_iea": "GPT-4's training energy (International Energy Agency)",
    "inference_gpus_2024": "OpenAI's inference GPUs in 2024", "inference_rent_usd_per_gpu_hour": "rent per GPU-hour",
}
"""Values in a table's cells in words (`talentcheck.claims.display`)."""

LANGUAGES = {"en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "fr": "French", "ru": "Russian",
             "de": "German"}
"""A source's language (its registry code, BCP 47) in words."""
