"""The claim registry (data/claims.yaml) and the judging of claims.

A claim's `check` says how it is judged. With a `table`, the observed figures are read from that
table (filtered by `where`, one source per category); without one, the notebook computes them and
passes `observed=`. Either way the same comparison turns figures into a verdict, so that every
verdict comes from data and the registry's stated figures, never from text typed into a notebook.

Strings like "{cohort}" in a check are filled from the notebook's parameters. A parameter whose
value is "as_stated" takes the claim's own `as_stated` value (the reading the article's figure fits).
"""
from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import pandas as pd

from talentcheck import data, samples
from talentcheck.paths import NOTEBOOKS, data_dir, display_path
from talentcheck.verdicts import Verdict
from talentcheck.errors import ParameterError  # noqa: F401 (raised here; defined with the suite's other errors)

REQUIRED = ("id", "paragraph", "claim", "stated", "unit", "topic")
COMPARES = ("approx", "between", "greater", "at_most", "at_least", "equal", "within_factor")
BOUNDED = ("at_most",)  # comparisons that an upper bound can settle (see `absent_below_smallest`)
TEMPLATE = re.compile(r"^\{(\w+)\}$")
ARTICLE_MONTH = "2025-02"  # when the article appeared (AsianFin, February 2025): what was published by then


@functools.cache
def registry() -> dict[str, dict]:
    """All claims by id, in the article's order, checked for the contract's required fields."""
    path = data_dir() / "claims.yaml"
    where = display_path(path)
    entries = data._read_yaml(path)
    if not isinstance(entries, list):
        raise data.DataError(f"{where}: expected a list of claims")
    claims: dict[str, dict] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise data.DataError(f"{where}, claim #{number}: expected a mapping of fields")
        missing = [f for f in REQUIRED if f not in entry]
        if missing:
            raise data.DataError(f"{where}, claim #{number}: missing field(s) {', '.join(missing)}")
        cid = entry["id"]
        if not isinstance(cid, str) or not cid:
            raise data.DataError(f"{where}, claim #{number}: field id must be a text")
        if cid in claims:
            raise data.DataError(f"{where}, claim #{number}: duplicate claim id {cid!r}")
        _check_structure(entry, f"{where}, claim {cid!r}")
        for notebook in [entry.get("notebook"), *entry.get("see_also", [])]:
            if notebook and not (isinstance(notebook, str) and notebook == Path(notebook).name
                                 and notebook.endswith(".ipynb") and (NOTEBOOKS / notebook).is_file()):
                raise data.DataError(f"{where}, claim {cid!r}: notebook {notebook!r} does not exist in notebooks/ "
                                     "(give the bare file name of a notebook there)")
        check = entry.get("check")
        for table in evidence_tables(entry):
            if table not in data.schemas():
                raise data.DataError(f"{where}, claim {cid!r}: evidence table {table!r} is not in data/tables.yaml")
        if entry.get("notebook") and not evidence_tables(entry):
            raise data.DataError(f"{where}, claim {cid!r}: a checked claim needs check.table or an evidence list")
        if check and check.get("absent_below_smallest") and check["compare"] not in BOUNDED:
            raise data.DataError(f"{where}, claim {cid!r}: absent_below_smallest works only with {BOUNDED}")
        claims[cid] = entry
    return claims


YES_NO = ("yes", "no")
"""Figures that are words; only a claim the notebook judges (no check.table) may state them."""


def _check_structure(entry: dict, where: str) -> None:
    """Types of a claim's fields and of its check, so that a run never trips over them (DataError)."""
    import math

    def number(value) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

    for name, kinds in (("paragraph", int), ("claim", str), ("unit", str), ("topic", str), ("notebook", str),
                        ("see_also", list), ("evidence", list), ("check", dict), ("as_stated", dict)):
        if name in entry and entry[name] is not None and not isinstance(entry[name], kinds):
            raise data.DataError(f"{where}: field {name} must be a {kinds.__name__.replace('str', 'text')}")
    if not (number(entry["stated"]) or isinstance(entry["stated"], (str, list))):
        raise data.DataError(f"{where}: field stated must be a finite number, a text or a list")
    check = entry.get("check")
    if not check:
        return
    if check.get("compare") not in COMPARES:
        raise data.DataError(f"{where}: check.compare must be one of {COMPARES}")
    if "figures" not in check or not check["figures"]:
        raise data.DataError(f"{where}: check.figures is missing or empty")
    figures = check["figures"]
    if not isinstance(figures, (dict, list)):
        raise data.DataError(f"{where}: check.figures must be a mapping (or a list for greater)")
    for name in ("tolerance", "caveat_tolerance", "factor"):
        value = check.get(name, 1)
        if not (number(value) and value >= (1 if name == "factor" else 0) or isinstance(value, str) and TEMPLATE.match(value)):
            raise data.DataError(f"{where}: check.{name} must be a finite number >= {1 if name == 'factor' else 0} "
                                 "or a parameter's {name}")
    table = check.get("table")
    numeric = True
    if table:
        spec = data.schemas().get(table) if isinstance(table, str) else None
        if spec is None:
            raise data.DataError(f"{where}: evidence table {table!r} is not in data/tables.yaml")
        for name in ("value", "by"):
            if check.get(name) not in spec["columns"]:
                raise data.DataError(f"{where}: check.{name} {check.get(name)!r} is not a column of {table}")
        numeric = (spec["columns"][check["value"]] or {}).get("type") in ("int", "float")
    values = figures.values() if isinstance(figures, dict) else []
    for value in values:
        for item in (value if isinstance(value, list) and check.get("compare") == "between" else [value]):
            if not (number(item) or (isinstance(item, str) and TEMPLATE.match(item))
                    or (not (table and numeric) and item in YES_NO)):
                raise data.DataError(f"{where}: figure {item!r} must be a finite number"
                                     + ("" if table and numeric else " or yes/no"))


def evidence_tables(entry: dict) -> list[str]:
    """The tables a claim's verdict rests on: its `evidence` list, else its check's table."""
    table = (entry.get("check") or {}).get("table")
    return list(entry.get("evidence") or ([table] if table else []))


def claim(claim_id: str) -> dict:
    try:
        return registry()[claim_id]
    except KeyError:
        raise data.DataError(f"no claim {claim_id!r} in data/claims.yaml") from None


def resolve(claim_id: str, params: dict) -> dict:
    """Parameters as they apply to one claim: "as_stated" replaced by the claim's own reading."""
    as_stated = claim(claim_id).get("as_stated", {})
    resolved = {}
    for name, value in params.items():
        if value == "as_stated" and name in as_stated:
            value = as_stated[name]
        resolved[name] = value
    return resolved


def _fill(value, params: dict):
    """Replace "{name}" templates (recursively) by parameter values, keeping their types."""
    if isinstance(value, str):
        match = TEMPLATE.match(value)
        if match:
            if match[1] not in params:
                raise ParameterError(f"the claim's check needs parameter {match[1]!r}, which the notebook does not pass")
            return params[match[1]]
        return value
    if isinstance(value, dict):
        return {_fill(k, params): _fill(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, params) for v in value]
    return value


def evidence(claim_id: str, params: dict) -> pd.DataFrame:
    """The rows of the claim's table that its check reads, one source per category."""
    check = _fill(claim(claim_id)["check"], resolve(claim_id, params))
    where = check.get("where", {})
    table = data.pick_source(data.load(check["table"]), [*where, check["by"]], check.get("source", "best_standing"))
    for column, value in where.items():
        if value not in set(table[column].dropna()):
            known = sorted(set(table[column].dropna()), key=str)
            raise ParameterError(f"{column}={value!r} is not in {check['table']} (it has {known})")
        table = table[table[column] == value]
    return table.reset_index(drop=True)


def judge(claim_id: str, params: dict, observed: dict | None = None, notebook: str | None = None,
          caveats: list[str] = (), context: str = "", alternatives: list[tuple[dict, dict]] = ()) -> Verdict:
    """The claim's verdict under `params`, from its table or from `observed` ({category: value}).

    The claim is also judged under other readings: every other allowed value of the parameters in its
    `caveat_if_differs` and `also_read` (table-based claims), and each `(parameter changes, observed)` pair in
    `alternatives` (claims a notebook computes). Whatever the verdict, the reason names the reading
    used (the claim's `reading` template, in words), every caveat, and each other reading that gives
    a different outcome. A supported claim with a caveat, or one that another reading overturns, is
    supported with a caveat. `caveats` are caveats the notebook computed; `context` is a computed
    sentence added to the reason (e.g. a plausible range).
    """
    entry = claim(claim_id)
    verdict = _judge_once(claim_id, params, observed)
    caveats = [*([entry["caveat"]] if entry.get("caveat") else []), *caveats]
    others = [*_alternatives(claim_id, params, observed),
              *((change, _judge_once(claim_id, {**params, **change}, obs)) for change, obs in alternatives)]
    flips = [(change, other) for change, other in others if OUTCOME[other["verdict"]] != OUTCOME[verdict["verdict"]]]
    named_only = set(entry.get("also_read", []))
    overturning = [change for change, _ in flips if not set(change) <= named_only]
    values = verdict.pop("values", {})
    sampling = _sampling(claim_id, params, values) if entry.get("sample") and values else None
    if sampling and sampling[1]:
        caveats.append(f"the difference is within sampling error: {sampling[0]}")
    elif sampling:
        context = f"{sampling[0][0].upper()}{sampling[0][1:]}. {context}".strip()
    if verdict["verdict"] == "supported" and (caveats or overturning):
        verdict["verdict"] = "supported_with_caveat"
    why, sources = verdict.pop("why"), verdict.pop("sources")
    source_text = f" (source: {sources})" if sources else ""
    if entry.get("reading"):
        reason = f"{why}, under the reading that {reading(claim_id, params)}{source_text}."
        if caveats:
            reason += f" Caveat{'s' if len(caveats) > 1 else ''}: {'; '.join(caveats)}."
        for change, other in flips:
            reason += f" With {change_words(change)} instead, {OUTCOME_WORDS[OUTCOME[other['verdict']]]} ({other['observed']})."
        if others and not flips:
            reason += " The other readings checked give the same outcome."
    else:  # a claim without a reading template: its parameters as they are
        reason = f"{why} under {verdict.pop('context')}{source_text}."
        extra = [*caveats, *(f"with {', '.join(f'{k}={v}' for k, v in change.items())} "
                             f"{OUTCOME_WORDS[OUTCOME[other['verdict']]]} ({other['observed']})" for change, other in flips)]
        if extra:
            reason = f"{reason.rstrip('.')}; but {'; '.join(extra)}."
    verdict.pop("context", None)
    if context:
        reason = f"{reason} {context}"
    reason = reason[:1].upper() + reason[1:]  # a figure's name may open the sentence ("trained in China is ...")
    return Verdict(
        claim_id=claim_id, stated=str(entry["stated"]), unit=entry["unit"],
        notebook=notebook or entry.get("notebook") or "", parameters=dict(sorted(params.items())),
        reason=reason, **verdict,
    )


OUTCOME = {"supported": "holds", "supported_with_caveat": "holds", "not_supported": "fails", "unverifiable": "open"}
OUTCOME_WORDS = {"holds": "it holds", "fails": "it does not hold", "open": "the evidence cannot settle it"}

# Parameter values in words, for the readings in reasons (a value not listed is shown as it is).
WORDS = {
    "cohort": {"top_tier": "top-tier researchers (authors of accepted NeurIPS papers, about the top 20%)",
               "most_elite": "most elite researchers (authors of NeurIPS oral papers, about the top 2%)"},
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
        return NAMES[name].format(_fmt(value)) if name in NAMES else f"{name.replace('_', ' ')} {_fmt(value)}"
    described = {k: v for k, v in change.items() if k in WORDS or k in NAMES} or change  # e.g. a reading's bounds go unsaid
    return " and ".join(one(name, value) for name, value in described.items())


def reading(claim_id: str, params: dict) -> str:
    """The claim's `reading` template filled with the parameters in words (see `WORDS`)."""
    resolved = resolve(claim_id, params)
    words = {name: WORDS.get(name, {}).get(value, _fmt(value)) for name, value in resolved.items()}
    try:
        return claim(claim_id)["reading"].format(**words)
    except KeyError as err:
        raise ParameterError(f"the reading of claim {claim_id} needs parameter {err.args[0]!r}, which the notebook does not pass") from None


def _alternatives(claim_id: str, params: dict, observed):
    """({parameter: other value}, verdict) for the other allowed values of the claim's `caveat_if_differs`
    and `also_read` parameters (the latter are named in the reason but do not turn a verdict into a caveat)."""
    if observed is not None:
        return
    entry = claim(claim_id)
    resolved = resolve(claim_id, params)
    for name in [*entry.get("caveat_if_differs", []), *entry.get("also_read", [])]:
        for value in allowed_values(claim_id, name):
            if value != resolved.get(name):
                yield {name: value}, _judge_once(claim_id, {**resolved, name: value}, None)


def allowed_values(claim_id: str, parameter: str) -> list:
    """The values a parameter may take for a table-based claim: the allowed list of the column it filters."""
    check = claim(claim_id)["check"]
    for column, value in check.get("where", {}).items():
        if value == "{" + parameter + "}":
            return list(data.schemas()[check["table"]]["columns"][column]["allowed"])
    raise ParameterError(f"claim {claim_id} does not filter on parameter {parameter!r}")


def sensitivity(claim_id: str, params: dict, vary: dict[str, list]) -> pd.DataFrame:
    """The claim's verdict for every combination of the values in `vary` (other parameters as given)."""
    names = list(vary)
    rows = []
    for combo in itertools.product(*vary.values()):
        trial = {**params, **dict(zip(names, combo))}
        try:
            verdict = judge(claim_id, trial)
            rows.append({**dict(zip(names, combo)), "verdict": verdict.verdict, "observed": verdict.observed})
        except ParameterError as err:
            rows.append({**dict(zip(names, combo)), "verdict": "unverifiable", "observed": str(err)})
    return pd.DataFrame(rows)


def _judge_once(claim_id: str, params: dict, observed: dict | None) -> dict:
    entry = claim(claim_id)
    resolved = resolve(claim_id, params)
    check = _fill(entry["check"], resolved)
    figures = check["figures"]
    needed = list(figures)
    sources, bounds = "", {}
    if observed is None:
        breakdown = evidence(claim_id, params)
        rows = breakdown[breakdown[check["by"]].isin(needed)]
        observed = dict(zip(rows[check["by"]], rows[check["value"]]))
        sources = ", ".join(sorted(set(rows["source_name"])))
        if check.get("absent_below_smallest") and len(breakdown):
            # A category missing from a published top-N list is below the smallest share listed.
            smallest = breakdown[check["value"]].min()
            bounds = {k: smallest for k in needed if k not in observed}
            observed = {**bounds, **observed}
    absent = [k for k in needed if k not in observed or pd.isna(observed[k])]
    context = ", ".join(f"{k}={v}" for k, v in sorted(resolved.items()))
    if absent:
        return {
            "verdict": "unverifiable",
            "observed": "no data for " + ", ".join(map(str, absent)),
            "why": f"The evidence has no figure for {', '.join(map(str, absent))}",
            "sources": "", "context": context or "the defaults",
        }
    shown = {k: observed[k] for k in needed}
    observed_text = ", ".join(
        f"{k} below {_fmt(v)} (not among the published shares)" if k in bounds else f"{k} {_fmt(v)}"
        for k, v in shown.items())
    verdict, why = COMPARE[check["compare"]](shown, figures, {**check, "unit": claim(claim_id)["unit"]})
    if bounds and verdict == "not_supported":
        verdict, why = "unverifiable", f"Only an upper bound is published for {', '.join(bounds)}, and it does not settle the claim"
    return {"verdict": verdict, "observed": observed_text, "why": why, "sources": sources,
            "context": context or "the defaults", "values": {} if bounds else shown}


def _sampling(claim_id: str, params: dict, values: dict) -> tuple[str, bool] | None:
    """The 95% interval of the gap between the claim's `sample.pair` (see `samples`), if the sizes are published.

    By country, both shares come from one cohort's sample (times a `base` share, e.g. those working in
    the US, when the shares are of a sub-group); by year, from two independent samples.
    """
    entry = claim(claim_id)
    spec, check = entry["sample"], _fill(entry["check"], resolve(claim_id, params))
    where, (a, b) = check.get("where", {}), spec["pair"]
    if check["by"] == "year":
        sizes = (samples.size(a, where["cohort"]), samples.size(b, where["cohort"]))
        if None in sizes:
            return None
    else:
        n = samples.size(where["year"], where["cohort"])
        if n is None:
            return None
        if "base" in spec:
            base = data.pick_source(data.load(spec["base"]["table"]), ["year", "cohort", "country"], "best_standing")
            row = base[(base["year"] == where["year"]) & (base["cohort"] == where["cohort"]) & (base["country"] == spec["base"]["country"])]
            if row.empty:
                return None
            n = n * float(row["share_pct"].iloc[0]) / 100
        sizes = (n, None)
    return samples.gap_sentence((str(a), str(b)), (float(values[a]), float(values[b])), sizes)


def figure_words(name: str, value) -> str:
    """A figure as a reader reads it: "Chinese institutions 3", or for a yes/no figure "only Tsinghua and Peking: no"."""
    return f"{name}: {value}" if value in YES_NO else f"{name} {_fmt(value)}"


def _differs(name: str, observed, stated, check: dict) -> str:
    if stated in YES_NO:
        return f"{name}: {observed}, where the article says {stated}"
    return f"{name} is {_amount(observed, check)}, not the stated {_amount(stated, check)}"


UNITS = {"%": "{}%", "share of": "{}%", "USD million": "${} million", "USD billion": "${} billion", "CNY billion": "{} billion yuan"}
"""How a figure of a claim's unit reads in a sentence, by the unit's first words."""


def _amount(value, check: dict, text: str | None = None) -> str:
    """A figure with its unit ("47%", "$100 million"); a word or a count of things stays as it is."""
    text = _fmt(value) if text is None else text
    if isinstance(value, str) and value in YES_NO:
        return text
    unit = str(check.get("unit", ""))
    form = next((f for prefix, f in UNITS.items() if unit.startswith(prefix)), "{}")
    return form.format(text)


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _gap(observed, stated) -> float:
    """Distance between two figures; words (yes/no) either match (0) or do not (infinite)."""
    if isinstance(observed, str) or isinstance(stated, str):
        return 0.0 if str(observed) == str(stated) else float("inf")
    return abs(float(observed) - float(stated))


def _approx(observed: dict, figures: dict, check: dict):
    tolerance, caveat_tolerance = check.get("tolerance", 0.5), check.get("caveat_tolerance", 0.5)
    gaps = {k: _gap(observed[k], v) for k, v in figures.items()}
    worst = max(gaps, key=gaps.get)
    if gaps[worst] <= tolerance:
        return "supported", "Every stated figure matches the evidence" + (
            f" within {tolerance:g}" if tolerance >= 1 else "")
    if gaps[worst] <= caveat_tolerance:
        return "supported_with_caveat", f"{worst} is off by {gaps[worst]:g} (within the {caveat_tolerance:g} allowed for rounding)"
    return "not_supported", _differs(worst, observed[worst], figures[worst], check)


def _between(observed: dict, figures: dict, check: dict):
    outside = {k: v for k, v in figures.items() if not v[0] <= float(observed[k]) <= v[1]}
    if not outside:
        return "supported", "Every figure lies in the range the claim's wording allows (" + ", ".join(
            f"{k} {lo:g}-{hi:g}" for k, (lo, hi) in figures.items()) + ")"
    k, (lo, hi) = next(iter(outside.items()))
    return "not_supported", f"{k} is {_amount(observed[k], check)}, outside the {lo:g}-{hi:g} the claim's wording allows"


def _greater(observed: dict, figures: list, check: dict):
    left, right = figures
    if float(observed[left]) > float(observed[right]):
        return "supported", f"{left} ({_amount(observed[left], check)}) is above {right} ({_amount(observed[right], check)})"
    return "not_supported", f"{left} ({_amount(observed[left], check)}) is not above {right} ({_amount(observed[right], check)})"


def _bound(sign: str):
    def compare(observed: dict, figures: dict, check: dict):
        bad = {k: v for k, v in figures.items()
               if not (float(observed[k]) <= v if sign == "at_most" else float(observed[k]) >= v)}
        word = "at most" if sign == "at_most" else "at least"
        if not bad:
            return "supported", "Every figure is within the claim's bound (" + ", ".join(
                f"{k} {word} {_fmt(v)}" for k, v in figures.items()) + ")"
        k = next(iter(bad))
        return "not_supported", f"{k} is {_amount(observed[k], check)}, not {word} {_amount(figures[k], check)}"
    return compare


def _equal(observed: dict, figures: dict, check: dict):
    bad = {k: v for k, v in figures.items() if observed[k] != v}
    if not bad:
        return "supported", "Every figure equals the stated one"
    k = next(iter(bad))
    return "not_supported", _differs(k, observed[k], figures[k], check)


def _within_factor(observed: dict, figures: dict, check: dict):
    factor = float(check["factor"])
    for k, stated in figures.items():
        ratio = float(observed[k]) / float(stated)
        if not 1 / factor <= ratio <= factor:
            direction = ("" if ratio <= 0 else f" {1 / ratio:.1f} times lower than" if ratio < 1
                         else f" {ratio:.1f} times higher than")
            return "not_supported", (f"{k} comes out at {_amount(observed[k], check, f'{float(observed[k]):.3g}')},{direction or ' against'} "
                                     f"the stated {_amount(stated, check)} (allowed: within a factor of {factor:g})")
    return "supported", f"Every figure is within a factor of {factor:g} of the stated one"


COMPARE = {
    "approx": _approx, "between": _between, "greater": _greater,
    "at_most": _bound("at_most"), "at_least": _bound("at_least"), "equal": _equal,
    "within_factor": _within_factor,
}
assert set(COMPARE) == set(COMPARES)


def claims_for(notebook: str) -> list[str]:
    """Ids of the claims a notebook judges, in the article's order."""
    return [cid for cid, entry in registry().items() if entry.get("notebook") == notebook]


def stated_figures(claim_id: str) -> dict:
    """The article's figures as the claim's check states them ({category: number}), for marking charts."""
    figures = claim(claim_id).get("check", {}).get("figures", {})
    return {k: v for k, v in figures.items() if isinstance(v, (int, float))} if isinstance(figures, dict) else {}
