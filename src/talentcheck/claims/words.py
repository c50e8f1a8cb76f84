"""The one vocabulary every reader-facing label comes from. Readings (each parameter's values, the Tracker's cohorts
with their selectivity per year, counting rules, sectors, source names, metrics...) are rows of
data/reader_words.csv, each with its source where the words need one: `word(kind, value, year)` reads them. Beside
them, the words no table holds: verdicts in words, figures with their units and amounts of money, counts and lists,
the report's topics, and what a source's form means.

The snake_case names (verdicts, parameter names and values) stay in verdicts.csv, in URLs and in the data; a
page, a chart, a finding or a reason says them in these words.
"""
from __future__ import annotations

from talentcheck import memo

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
YES_NO = ("yes", "no")
"""Figures that are words; only a claim the notebook judges (no check.table) may state them."""


# ---- readings: data/reader_words.csv --------------------------------------------------------------------
TABLE = "reader_words"
ANY = "*"  # a numeric parameter's row for any value: its words hold {value} (or {percent})


def canonical(value) -> str:
    """A value as the table's `value` column writes it: True, 2019, 0.84, top_tier."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return canonical(number) if str(value).strip() not in ("True", "False") else str(value)


@memo.until_cleared
def _rows() -> dict:
    """{(kind, value, year or None): row} of data/reader_words.csv."""
    from talentcheck import data  # here: the command line imports this module without loading pandas

    table = data.load(TABLE)
    return {(row["kind"], canonical(row["value"]), None if row["year"] is None or row["year"] != row["year"] else int(row["year"])):
            {k: (None if v is None or v != v else v) for k, v in row.items()}
            for row in table.astype(object).where(table.notna(), None).to_dict("records")}


def check_cohorts() -> None:
    """Every cohort an evidence table allows, in every year it allows, has its words (`cohort_words`): a deleted row
    is named here, by `talentcheck validate`, not by the kernel that needed it (DataError)."""
    from talentcheck import data
    from talentcheck.errors import DataError

    for table, spec in data.schemas().items():
        rules = {name: (rule or {}).get("allowed") for name, rule in spec["columns"].items()}
        for cohort in rules.get("cohort") or []:
            for year in rules.get("year") or []:
                if ("cohort", canonical(cohort), year) not in _rows():
                    raise DataError(f"data/reader_words.csv: no row for cohort {cohort} in {year} "
                                    f"(data/tables.yaml allows them in {table})")


def has(kind: str, value, year: int | None = None) -> bool:
    """Whether the table words this value of `kind` (a number through the kind's `*` row)."""
    rows = _rows()
    if (kind, canonical(value), year) in rows or (kind, canonical(value), None) in rows:
        return True
    return (kind, ANY, None) in rows and isinstance(value, (int, float)) and not isinstance(value, bool)


def word(kind: str, value, year: int | None = None, column: str = "words") -> str:
    """The table's `column` for a value of `kind` ("cohort", "counting", a parameter's name...), for `year` where its
    words differ by year; a numeric parameter's `*` row with the value put in. DataError if the table has none."""
    from talentcheck.errors import DataError

    rows = _rows()
    key = canonical(value)
    row = rows.get((kind, key, year)) or rows.get((kind, key, None))
    if row is None and (kind, ANY, None) in rows and isinstance(value, (int, float)) and not isinstance(value, bool):
        row = rows[(kind, ANY, None)]
    if row is None or not row.get(column):
        raise DataError(f"data/reader_words.csv: no {column} for {kind}={key}" + (f" in {year}" if year else ""))
    text = str(row[column])
    if row["value"] == ANY:
        number = float(value)
        text = text.replace("{value}", number_words(number)).replace("{percent}", f"{100 * number:g}%")
    return text


def number_words(number: float) -> str:
    """A number as a sentence writes it: 290,000; 0.12; 1.5."""
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


def listed(kind: str) -> list:
    """The values a kind lists (not its `*` row), typed: True/False as booleans, numbers as numbers, in the table's order."""
    values = []
    for (k, value, _year) in _rows():
        if k != kind or value == ANY:
            continue
        typed = {"True": True, "False": False, "None": None}.get(value, value)
        if isinstance(typed, str):
            try:
                typed = int(typed) if typed.lstrip("-").isdigit() else float(typed)
            except ValueError:
                pass
        if typed not in values:
            values.append(typed)
    return values


def cohort_words(cohort: str, year: int) -> str:
    """A Tracker cohort in words with its selectivity that year: "most elite researchers (about the top 0.5%)"."""
    return word("cohort", cohort, year)


def parameter_label(name: str) -> str:
    """A parameter's name as a reader reads it ("length of the ranking"), from the table's kind `parameter`."""
    return word("parameter", name) if has("parameter", name) else spaced(name)


def value_words(value, name: str | None = None) -> str:
    """A parameter's value as a reader reads it: the table's words where `name` (its parameter) lists it."""
    if name is not None and has(name, value):
        return word(name, value)
    if isinstance(value, list):
        return ", ".join(value_words(v, name) for v in value)
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "not set"}[value]
    return number_words(value) if isinstance(value, (int, float)) else spaced(value)


def counting_words(counting: str) -> str:
    """A counting rule in a few words: "distinct authors", "author-paper pairs", "fractional papers"."""
    return word("counting", counting)


def __getattr__(name: str):
    """`COHORTS` ({cohort: its name, no selectivity}) and `VALUE_WORDS` ({kind: {value: words}}), read from the table
    when first used (charts label legends with them)."""
    if name == "COHORTS":
        return {value: row["name"] for (kind, value, year), row in _rows().items() if kind == "cohort" and row["name"]}
    if name == "VALUE_WORDS":
        found: dict = {}
        for (kind, _value, year), row in _rows().items():
            if year is None and row["value"] != ANY:
                found.setdefault(kind, {})[{"True": True, "False": False}.get(row["value"], row["value"])] = row["words"]
        return found
    if name == "STANDING_WORDS":
        return {value: word("source_standing", value) for value in listed("source_standing")}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def spaced(name: str) -> str:
    """A snake_case name or value with spaces for its underscores ("all_accepted" -> "all accepted")."""
    return str(name).replace("_", " ")


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


def pct(value: float) -> str:
    """A share as published: whole where whole ("47%"), else to one decimal ("19.8%")."""
    value = round(float(value), 1)
    return f"{value:.0f}%" if value.is_integer() else f"{value:.1f}%"


# ---- counts and lists -----------------------------------------------------------------------------------
COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ORDINAL_WORDS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def count(n: int) -> str:
    """A small count in words ("three"), a larger one in digits."""
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else f"{n:,}"


def ordinal(n: int) -> str:
    """A rank as a sentence says it: "ninth", then "13th", "21st", "22nd", "23rd"."""
    if 0 < n < len(ORDINAL_WORDS):
        return ORDINAL_WORDS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def listing(parts: list[str]) -> str:
    """Parts joined ("a", "a and b", "a, b and c")."""
    parts = list(parts)
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# ---- the report: topics, sources ------------------------------------------------------------------------
TOPICS = {
    "xai": "xAI and OpenAI researchers", "tracker-work": "Where top researchers work",
    "tracker-origin": "Where top researchers studied", "tracker-us-institutions": "Researchers at US institutions",
    "top-institutions": "Top 25 institutions", "compute": "Costs of computing", "money": "Money for research",
}
"""The report's topics by the registry's `topic` (a topic not listed: its words, capitalised)."""

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
    "unresolved_pct": "affiliations not placed (%)", "papers_unmatched_to_status": "papers whose oral or poster status was not found",
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
