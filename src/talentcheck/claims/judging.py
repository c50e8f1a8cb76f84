"""Judging claims: a claim's verdict and its reason, from its table or from figures the package computed.

A claim's `check` (data/claims.yaml, see `talentcheck.claims.registry`) says how it is judged. With a `table`,
the observed figures are read from that table (filtered by `where`, one source per category); without one,
the package computes them and passes `observed=`. Either way the same comparison (`comparison`) turns
figures into a verdict, so that every verdict comes from data and the registry's stated figures, never
from text typed into a notebook.
"""
from __future__ import annotations

import itertools

import pandas as pd

from talentcheck import data, memo, parameters
from talentcheck.claims import sampling_error
from talentcheck.claims.comparison import COMPARE, LowerBound, UpperBound
from talentcheck.claims.registry import allowed_values, claim, claims_for, fill_templates, with_parameters
from talentcheck.claims.verdicts import OUTCOME, Verdict
from talentcheck.claims.words import (MODEL_OUTCOME_WORDS, OUTCOME_WORDS, VALUE_WORDS, amount, change_words, figure_words,
                                      fmt)
from talentcheck.errors import ParameterError


def evidence(claim_id: str, params: dict) -> pd.DataFrame:
    """The rows of the claim's table that its check reads, one source per category."""
    check = fill_templates(claim(claim_id)["check"], with_parameters(claim_id, params))
    where = check.get("where", {})
    table = data.picked(check["table"], [*where, check["by"]], check.get("source", "best_standing"))
    for column, value in where.items():
        if value not in set(table[column].dropna()):
            known = sorted(set(table[column].dropna()), key=str)
            raise ParameterError(f"{column}={value!r} is not in {check['table']} (it has {known})")
        table = table[table[column] == value]
    return table.reset_index(drop=True)


def judge(claim_id: str, params: dict, observed: dict | None = None, notebook: str | None = None,
          caveats: list[str] = (), context: str = "", alternatives: list[tuple[dict, dict]] = (),
          open_because: str = "") -> Verdict:
    """The claim's verdict under `params`, from its table or from `observed` ({category: value}).

    The claim is also judged under other readings: every other allowed value of the parameters in its
    `caveat_if_differs` and `also_read` (table-based claims), and each `(parameter changes, observed)` pair in
    `alternatives` (claims a notebook computes). Whatever the verdict, the reason names the reading
    used (the claim's `reading` template, in words), every caveat, and each other reading that gives
    a different outcome. A supported claim with a caveat, or one that another reading overturns, is
    supported with a caveat. `caveats` are caveats the notebook computed; `context` is a computed
    sentence added to the reason (e.g. a plausible range). A `modelled` claim (no source publishes the
    figure; the suite models it) is unverifiable whatever the model gives: the reason says what it gives.
    `open_because` (a template holding "{why}") says why a failing comparison settles nothing (e.g. a sample
    of the source's size could give the claim's outcome): the verdict is then unverifiable, and its why
    is the template with the comparison's own words in place of "{why}".
    """
    entry = claim(claim_id)
    verdict = _judge_once(claim_id, params, observed)
    if open_because and verdict["verdict"] == "not_supported":
        verdict["verdict"], verdict["why"] = "unverifiable", open_because.replace("{why}", verdict["why"])
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
    outcome_words = OUTCOME_WORDS
    if entry.get("modelled"):  # a model can show a figure plausible or implausible, not confirm or refute it
        outcome_words = MODEL_OUTCOME_WORDS
        verdict["why"] = f"No source publishes this figure; by the model, {verdict['why'][0].lower()}{verdict['why'][1:]}"
        verdict["verdict"] = "unverifiable"
    why, sources = verdict.pop("why"), verdict.pop("sources")
    source_text = f" (source: {sources})" if sources else ""
    if entry.get("reading"):
        reason = f"{why}, under the reading that {reading(claim_id, params)}{source_text}."
        if caveats:
            reason += f" Caveat{'s' if len(caveats) > 1 else ''}: {'; '.join(caveats)}."
        for change, other in flips:
            reason += f" With {change_words(change)} instead, {outcome_words[OUTCOME[other['verdict']]]} ({_with_units(claim_id, other)})."
        if others and not flips:
            reason += " The other readings checked give the same outcome."
    else:  # a claim without a reading template: its parameters as they are
        reason = f"{why} under {verdict.pop('context')}{source_text}."
        extra = [*caveats, *(f"with {', '.join(f'{k}={v}' for k, v in change.items())} "
                             f"{OUTCOME_WORDS[OUTCOME[other['verdict']]]} ({_with_units(claim_id, other)})" for change, other in flips)]
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


def _with_units(claim_id: str, judged: dict) -> str:
    """What a judgement observed, each figure with the claim's unit ("yearly electricity bill $31.6 million")."""
    if not judged.get("values"):
        return judged["observed"]
    unit = {"unit": claim(claim_id)["unit"]}
    return ", ".join(figure_words(name, value) if isinstance(value, str) else f"{name} {amount(value, unit)}"
                     for name, value in judged["values"].items())


def outcome(claim_id: str, params: dict, observed: dict) -> str:
    """Whether `observed` bears the claim out ("holds"), not ("fails") or cannot settle it ("open"), by the
    comparison alone: for a modelled claim, what the model gives (its verdict stays unverifiable)."""
    return OUTCOME[_judge_once(claim_id, params, observed)["verdict"]]


def reading(claim_id: str, params: dict) -> str:
    """The claim's `reading` template filled with the parameters in words (see `words.VALUE_WORDS`)."""
    resolved = with_parameters(claim_id, params)
    words = {name: VALUE_WORDS.get(name, {}).get(value, fmt(value)) for name, value in resolved.items()}
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
    resolved = with_parameters(claim_id, params)
    for name in [*entry.get("caveat_if_differs", []), *entry.get("also_read", [])]:
        for value in allowed_values(claim_id, name):
            if value != resolved.get(name):
                yield {name: value}, _judge_once(claim_id, {**resolved, name: value}, None)


def year_shown(notebook: str, year) -> int:
    """The year a notebook's tables and charts show: the `year` parameter, or for "as_stated" the latest
    year its claims state."""
    if year != "as_stated":
        return year
    return max(claim(c)["as_stated"]["year"] for c in claims_for(notebook) if claim(c).get("as_stated", {}).get("year"))


def threshold_readings(claim_id: str, params: dict, name: str, vary: dict[str, list]) -> list[float]:
    """Values of the threshold parameter `name` worth trying: each figure the evidence gives under the
    readings in `vary` and one either side of it (where the verdict turns), and the value in `params`."""
    values = {float(params[name])}
    for combo in itertools.product(*vary.values()):
        for figure in (judge(claim_id, {**params, **dict(zip(vary, combo))}).figures or {}).values():
            figure = figure.get("below") if isinstance(figure, dict) else figure
            if isinstance(figure, (int, float)):
                values |= {figure - 1, float(figure), figure + 1}
    return sorted(v for v in values if v >= 0)


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
    resolved = with_parameters(claim_id, params)
    check = fill_templates(entry["check"], resolved)
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
            bounds = {k: UpperBound(smallest) for k in needed if k not in observed}
            observed = {**bounds, **observed}
    absent = [k for k in needed if k not in observed or pd.isna(observed[k])]
    context = ", ".join(f"{k}={v}" for k, v in sorted(resolved.items()))
    if absent:
        return {
            "verdict": "unverifiable",
            "observed": "no data for " + ", ".join(map(str, absent)),
            "why": f"The evidence has no figure for {', '.join(map(str, absent))}",
            "sources": "", "context": context or "the defaults", "figures": {str(k): None for k in absent},
            "against": _plain_figures(figures),
        }
    shown = {k: observed[k] for k in needed}
    observed_text = ", ".join(
        f"{k} below {fmt(v)} (not among the published shares)" if k in bounds else f"{k} {fmt(v)}"
        for k, v in shown.items())
    verdict, why = COMPARE[check["compare"]](shown, figures, {**check, "unit": claim(claim_id)["unit"]})
    if bounds and verdict == "not_supported":
        verdict, why = "unverifiable", f"Only an upper bound is published for {', '.join(bounds)}, and it does not settle the claim"
    seen = {str(k): {"below": plain(v)} if k in bounds else {"above": float(v)} if isinstance(v, LowerBound) else plain(v)
            for k, v in shown.items()}
    return {"verdict": verdict, "observed": observed_text, "why": why, "sources": sources, "figures": seen,
            "against": _plain_figures(figures),
            "context": context or "the defaults", "values": {} if bounds else shown}


def plain(value):
    """A figure as JSON holds it (numpy's scalars as Python's)."""
    return value.item() if hasattr(value, "item") else value


def _plain_figures(figures):
    """A check's figures as JSON holds them ({name: value or [low, high]}, or [left, right] for `greater`)."""
    if isinstance(figures, dict):
        return {str(k): [plain(x) for x in v] if isinstance(v, (list, tuple)) else plain(v) for k, v in figures.items()}
    return [plain(x) for x in figures]


def _sampling(claim_id: str, params: dict, values: dict) -> tuple[str, bool] | None:
    """The 95% interval of the gap between the claim's `sample.pair` (see `sampling_error`), if the sizes are published.

    By country, both shares come from one cohort's sample (times a `base` share, e.g. those working in
    the US, when the shares are of a sub-group); by year, from two independent samples.
    """
    entry = claim(claim_id)
    spec, check = entry["sample"], fill_templates(entry["check"], with_parameters(claim_id, params))
    where, (a, b) = check.get("where", {}), spec["pair"]
    if check["by"] == "year":
        sizes = (sampling_error.size(a, where["cohort"]), sampling_error.size(b, where["cohort"]))
        if None in sizes:
            return None
    else:
        n = sampling_error.size(where["year"], where["cohort"])
        if n is None:
            return None
        if "base" in spec:
            base = data.picked(spec["base"]["table"], ["year", "cohort", "country"])
            row = base[(base["year"] == where["year"]) & (base["cohort"] == where["cohort"]) & (base["country"] == spec["base"]["country"])]
            if row.empty:
                return None
            n = n * float(row["share_pct"].iloc[0]) / 100
        sizes = (n, None)
    return sampling_error.gap_sentence((str(a), str(b)), (float(values[a]), float(values[b])), sizes)


def verdicts_for(notebook: str, params: dict, computed: dict | None = None) -> list[Verdict]:
    """The verdicts of every claim a notebook judges straight from data/claims.yaml, under its parameters;
    `computed` ({claim id: builder}) names the claims judged with caveats or context the package computes from
    other evidence, each builder taking the parameters and returning `judge`'s keyword arguments."""
    computed = computed or {}
    return [judge(cid, params, **(computed[cid](params) if cid in computed else {})) for cid in claims_for(notebook)]


def sensitivity_table(notebook: str, params: dict, vary: dict[str, list]) -> pd.DataFrame:
    """The verdict of each of a notebook's claims (rows) under every combination of the values in `vary` (columns)."""
    ids = claims_for(notebook)
    table = pd.concat([sensitivity(cid, params, vary).assign(claim=cid) for cid in ids])
    return table.pivot(index="claim", columns=list(vary) if len(vary) > 1 else next(iter(vary)), values="verdict")


def conflicting_source_verdicts(notebooks: list[str]) -> pd.DataFrame:
    """Each claim of `notebooks` judged (at its notebook's defaults) with each source that disagrees with
    another preferred in turn, and whether that changes the verdict the best-standing sources give."""
    rows = []
    for notebook in notebooks:
        for cid in claims_for(notebook):
            names = data.conflicting_sources(data.load(claim(cid)["check"]["table"]))
            table = sensitivity(cid, parameters.defaults(notebook), {"source": ["best_standing", *names]})
            rows.append(table.assign(claim=cid, changes=table["verdict"] != table["verdict"].iloc[0]).iloc[1:])
    return pd.concat(rows)[["claim", "source", "verdict", "changes"]].sort_values(["claim", "source"]).reset_index(drop=True)


@memo.by_arguments(lambda: data.fingerprint())
def rejudged(claim_id: str, params: dict, verdict: str, vary: dict[str, list]) -> pd.DataFrame | None:
    """The claim judged again under every combination of the values in `vary` (`sensitivity`), or None where
    judging it from the data under `params` does not give `verdict` (its notebook judged it with figures it
    computed). Remembered by its arguments and the data: a report re-judges every claim it shows."""
    try:
        again = judge(claim_id, params).verdict
        table = sensitivity(claim_id, with_parameters(claim_id, params), vary)
    except (ParameterError, data.DataError):
        return None
    return table if again == verdict else None
