"""Judging claims: a claim's verdict, and its finding and why in the words data/claim_texts.yaml gives it, from its
table or from figures the package computed.

A claim's `check` (data/claims.yaml, see `talentcheck.claims.registry`) says how it is judged. With a `table`,
the observed figures are read from that table (filtered by `where`, one source per category); without one,
the package computes them and passes `observed=`. Either way the same comparison (`comparison`) turns
figures into a verdict, so that every verdict comes from data and the registry's stated figures, never
from text typed into a notebook; the topic modules compute the slots its written texts need.
"""
from __future__ import annotations

import itertools

import pandas as pd

from talentcheck import data, parameters
from talentcheck.claims import sampling_error, texts
from talentcheck.claims.comparison import COMPARE, LowerBound, UpperBound
from talentcheck.claims.registry import allowed_values, claim, claims_for, fill_templates, with_parameters
from talentcheck.claims.verdicts import OUTCOME, Verdict
from talentcheck.claims.words import fmt, listing
from talentcheck.data import sources as registry_sources
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


def decide(claim_id: str, params: dict, observed: dict | None = None, caveats=(), alternatives=(),
           unsettled: bool | str = False) -> dict:
    """The claim's verdict under `params`, from its table or from `observed` ({category: value}), without its words.

    A supported claim with a caveat (the registry's `caveat`, the `caveats` a notebook computed, a gap inside
    sampling error) or one that another reading overturns (each other allowed value of the parameters in its
    `caveat_if_differs`, and each `(parameter changes, observed)` pair in `alternatives`) is supported with a caveat.
    A `modelled` claim (no source publishes the figure; the suite models it) is unverifiable whatever the model
    gives. `unsettled` (True, or the name of the text variant that says why) makes it unverifiable: the evidence
    cannot settle it (e.g. samples of the source's size split on it). A figure the evidence lacks makes it
    unverifiable too, with the common text for missing evidence.
    """
    entry = claim(claim_id)
    decided = _judge_once(claim_id, params, observed)
    if decided["absent"]:  # the evidence lacks a figure: the reason the notebook gives, else the common text
        return {**decided, "variant": unsettled if isinstance(unsettled, str) else None if unsettled else texts.MISSING}
    caveats = [*([entry["caveat"]] if entry.get("caveat") else []), *caveats]
    others = [*_alternatives(claim_id, params, observed),
              *((change, _judge_once(claim_id, {**params, **change}, obs)) for change, obs in alternatives)]
    overturning = [change for change, other in others if OUTCOME[other["verdict"]] != OUTCOME[decided["verdict"]]]
    if entry.get("sample") and decided["values"]:
        low, high = interval(claim_id, params, decided["values"]) or (None, None)
        if low is not None and low <= 0 <= high:
            caveats.append("within sampling error")
    verdict = decided["verdict"]
    if verdict == "supported" and (caveats or overturning):
        verdict = "supported_with_caveat"
    variant = None
    if entry.get("modelled"):  # a model can show a figure plausible or implausible, not confirm or refute it
        verdict = "unverifiable"
    if unsettled:
        verdict, variant = "unverifiable", (unsettled if isinstance(unsettled, str) else None)
    return {**decided, "verdict": verdict, "variant": variant}


def judge(claim_id: str, params: dict, observed: dict | None = None, notebook: str | None = None,
          caveats=(), alternatives=(), slots: dict | None = None, variant: str | None = None,
          unsettled: bool | str = False, sources=(), slot_sources: dict | None = None) -> Verdict:
    """`decide`'s verdict with its finding, why and sampling note: the claim's texts for that verdict (and
    `variant`, where the verdict has several) filled with `slots`, the figures the topic computed. `sources` are
    the URLs the verdict rests on besides the rows of its table; `slot_sources` ({slot: URLs}) those a slot's
    figure rests on, counted only where the texts shown use that slot (a figure computed but not said is not a
    source of the card)."""
    entry = claim(claim_id)
    decided = decide(claim_id, params, observed, caveats, alternatives, unsettled)
    variant = decided["variant"] or variant
    if variant == texts.MISSING:
        slots = {"missing": listing([str(k) for k in decided["absent"]])}
    if slots is None:
        raise ParameterError(f"claim {claim_id}: its topic module computes the figures its texts need (slots=)")
    said = texts.render(claim_id, decided["verdict"], slots, variant)
    said_slots = [u for slot in sorted(said["slots"]) for u in (slot_sources or {}).get(slot, [])]
    urls = list(dict.fromkeys([*decided["sources"], *(u for s in [*sources, *said_slots] for u in registry_sources.split(s))]))
    return Verdict(
        claim_id=claim_id, verdict=decided["verdict"], stated=str(entry["stated"]), unit=entry["unit"],
        observed=decided["observed"], reason=said["why"], finding=said["finding"], sampling=said["sampling"],
        notebook=notebook or entry.get("notebook") or "", parameters=dict(sorted(params.items())),
        figures=decided["figures"], against=decided["against"], sources=urls,
    )


def holds_each(claim_id: str, params: dict, table: pd.DataFrame):
    """For each row of `table` (a column per figure of the claim's check, e.g. one row per sample), whether those
    figures bear the claim out, as `decide` would say (approximate and equal comparisons)."""
    import numpy as np

    check = fill_templates(claim(claim_id)["check"], with_parameters(claim_id, params))
    gaps = []
    for name, stated in check["figures"].items():
        column = table[name]
        if isinstance(stated, str):
            gaps.append(np.where(column.astype(str) == stated, 0.0, np.inf))
        else:
            gaps.append((column.astype(float) - float(stated)).abs().to_numpy())
    worst = np.max(gaps, axis=0)
    if check["compare"] == "equal":
        return worst == 0
    if check["compare"] == "approx":
        return worst <= check.get("caveat_tolerance", 0.5)
    raise ValueError(f"claim {claim_id}: samples are read for approximate and equal comparisons only")


def outcome(claim_id: str, params: dict, observed: dict) -> str:
    """Whether `observed` bears the claim out ("holds"), not ("fails") or cannot settle it ("open"), by the
    comparison alone: for a modelled claim, what the model gives (its verdict stays unverifiable)."""
    return OUTCOME[_judge_once(claim_id, params, observed)["verdict"]]


def interval(claim_id: str, params: dict, values: dict) -> tuple[float, float] | None:
    """The 95% interval (points) of the gap between the claim's `sample.pair` (see `sampling_error`), if the
    sample sizes are published: by country, both shares of one cohort's sample (times a `base` share, e.g. those
    working in the US, where the shares are of a sub-group); by year, two independent samples. A sample drawn as
    whole papers has its variance multiplied by its design effect."""
    entry = claim(claim_id)
    if not entry.get("sample"):
        return None
    spec, check = entry["sample"], fill_templates(entry["check"], with_parameters(claim_id, params))
    where, (a, b) = check.get("where", {}), spec["pair"]
    if check["by"] == "year":
        cohort = where["cohort"]
        sizes = (sampling_error.size(a, cohort), sampling_error.size(b, cohort))
        if None in sizes:
            return None
        return sampling_error.gap_interval(float(values[a]), float(values[b]), *sizes,
                                           sampling_error.design_effect(a, cohort), sampling_error.design_effect(b, cohort))
    year, cohort = where["year"], where["cohort"]
    n = sampling_error.size(year, cohort)
    if n is None:
        return None
    if "base" in spec:
        base = data.picked(spec["base"]["table"], ["year", "cohort", "country"])
        row = base[(base["year"] == year) & (base["cohort"] == cohort) & (base["country"] == spec["base"]["country"])]
        if row.empty:
            return None
        n = n * float(row["share_pct"].iloc[0]) / 100
    return sampling_error.gap_interval(float(values[a]), float(values[b]), n, None, sampling_error.design_effect(year, cohort))


def _alternatives(claim_id: str, params: dict, observed):
    """({parameter: other value}, judgement) for the other allowed values of the claim's `caveat_if_differs`
    parameters."""
    if observed is not None:
        return
    entry = claim(claim_id)
    resolved = with_parameters(claim_id, params)
    for name in entry.get("caveat_if_differs", []):
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
        for figure in (decide(claim_id, {**params, **dict(zip(vary, combo))})["figures"] or {}).values():
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
            decided = decide(claim_id, trial)
            rows.append({**dict(zip(names, combo)), "verdict": decided["verdict"], "observed": decided["observed"]})
        except ParameterError as err:
            rows.append({**dict(zip(names, combo)), "verdict": "unverifiable", "observed": str(err)})
    return pd.DataFrame(rows)


def _judge_once(claim_id: str, params: dict, observed: dict | None) -> dict:
    entry = claim(claim_id)
    resolved = with_parameters(claim_id, params)
    check = fill_templates(entry["check"], resolved)
    figures = check["figures"]
    needed = list(figures)
    urls, bounds = [], {}
    if observed is None:
        breakdown = evidence(claim_id, params)
        rows = breakdown[breakdown[check["by"]].isin(needed)]
        observed = dict(zip(rows[check["by"]], rows[check["value"]]))
        urls = [u for cell in rows["source_url"] for u in registry_sources.split(cell)]
        if check.get("absent_below_smallest") and len(breakdown):
            # A category missing from a published top-N list is at most the smallest share listed.
            smallest = breakdown[check["value"]].min()
            bounds = {k: UpperBound(smallest) for k in needed if k not in observed}
            observed = {**bounds, **observed}
            if bounds:  # it rests on the whole published list
                urls = [u for cell in breakdown["source_url"] for u in registry_sources.split(cell)]
    absent = [k for k in needed if k not in observed or pd.isna(observed[k])]
    if absent:
        return {"verdict": "unverifiable", "observed": "no data for " + ", ".join(map(str, absent)), "absent": absent,
                "figures": {str(k): None for k in absent}, "against": _plain_figures(figures), "values": {},
                "sources": list(dict.fromkeys(urls))}
    shown = {k: observed[k] for k in needed}
    observed_text = ", ".join(f"{k} at most {fmt(v)}" if k in bounds else f"{k} {fmt(v)}" for k, v in shown.items())
    verdict = COMPARE[check["compare"]](shown, figures, {**check, "unit": entry["unit"]})
    if bounds and verdict == "not_supported" and not _bound_settles(check, shown, figures, bounds):
        verdict = "unverifiable"  # the bound leaves room for the claim's figure
    seen = {str(k): {"below": plain(v)} if k in bounds else {"above": float(v)} if isinstance(v, LowerBound) else plain(v)
            for k, v in shown.items()}
    return {"verdict": verdict, "observed": observed_text, "absent": [], "figures": seen,
            "against": _plain_figures(figures), "values": {} if bounds else shown, "sources": list(dict.fromkeys(urls))}


def _bound_settles(check: dict, shown: dict, figures: dict, bounds: dict) -> bool:
    """Whether a failing comparison on a figure known only from above is certain: an approximate figure whose bound
    already lies below the claim's (so every value it may have is further below)."""
    return check["compare"] == "approx" and all(float(shown[k]) < float(figures[k]) for k in bounds)


def plain(value):
    """A figure as JSON holds it (numpy's scalars as Python's)."""
    return value.item() if hasattr(value, "item") else value


def _plain_figures(figures):
    """A check's figures as JSON holds them ({name: value or [low, high]}, or [left, right] for `greater`)."""
    if isinstance(figures, dict):
        return {str(k): [plain(x) for x in v] if isinstance(v, (list, tuple)) else plain(v) for k, v in figures.items()}
    return [plain(x) for x in figures]


def verdicts_for(notebook: str, params: dict, computed: dict) -> list[Verdict]:
    """The verdicts of every claim a notebook judges straight from data/claims.yaml, under its parameters;
    `computed` ({claim id: builder}) gives each claim's `judge` keyword arguments (its slots, and caveats or figures
    the package computes from other evidence), each builder taking the parameters."""
    return [judge(cid, params, **computed[cid](params)) for cid in claims_for(notebook)]


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
