"""Every claim re-judged under its readings, for the report's reading switch: each value its notebook declares for
each parameter that bears on the claim (data/claims.yaml `parameters`), one parameter at a time with the others as
the run had them, in process through the topic modules' own verdict functions (no notebook is executed again).

A choice parameter's readings are the values its declaration allows ("as_stated" aside); a numeric one's are the
values data/reader_words.csv lists for it (the one vocabulary names every reading a reader can pick). A reading
that resolves to the run's own (e.g. year 2019 for a claim the article states for 2019) is the run's verdict and
is left out.

A reading that changes what the claim speaks of (another Tracker year than the one the article states it for: its
`as_stated` year) is not a reading of that claim: it is kept, for comparison, marked `other` and labelled so, and
the card's count of readings (`report.cards.robustness`) leaves it out.
"""
from __future__ import annotations

import importlib

from talentcheck import claims, data, memo, parameters
from talentcheck.claims.words import has, listed, parameter_label, word
from talentcheck.paths import NOTEBOOKS

MODULES = {"01_researcher_origin.ipynb": "origin", "02_work_location.ipynb": "work",
           "03_us_institutions_and_flows.ipynb": "flows", "04_top_institutions.ipynb": "top_institutions",
           "06_xai_founders.ipynb": "xai", "07_compute_costs.ipynb": "compute", "08_money.ipynb": "money"}
"""The topic module whose `verdicts(params)` judges a notebook's claims."""


def verdict_function(notebook: str):
    return importlib.import_module(f"talentcheck.topics.{MODULES[notebook]}").verdicts


def declared(notebook: str, name: str, current) -> list:
    """The readings of one parameter: the values its declaration allows, or those data/reader_words.csv lists for a
    number, typed as the parameter is; the run's own value left out."""
    spec = parameters.declared(NOTEBOOKS / notebook)[name]
    values = spec.allowed if spec.allowed is not None else listed(name)
    typed = [float(v) if spec.type == "float" and isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in values]
    return [v for v in typed if v != "as_stated" and not (v == current and type(v) is type(current))]


def label(name: str, value, year=None) -> str:
    """A reading as the switch names it: the vocabulary's words for the value ("most elite researchers (about the top
    0.5%)"; a cohort with its selectivity in the year the claim is judged on)."""
    if name == "cohort" and year is not None:
        return word("cohort", value, year)
    return word(name, value) if has(name, value) else f"{parameter_label(name)} {value}"


SKIPPED: list[str] = []
"""Readings left off a card because no text is written for them yet ("parameter=value in notebook: why"): a run
says so rather than fail; `make sweep` proves there are none."""


def readings(notebook: str, params: dict, strict: bool = False) -> dict[str, list[dict]]:
    """{claim id: [reading]} for the claims of one notebook under the run's `params`: each reading a dict of
    parameter, value, label (in words), and the verdict row the topic module gives under it. A reading whose text
    cannot be written (data/claim_texts.yaml lacks one) is left out and noted in SKIPPED, or raises if `strict`.

    Worked out once per notebook, parameters, notebook declarations and data (a report rebuilt on the same data, as
    tests do, does not judge every reading again); the notes of readings left out are given again each time."""
    judge = verdict_function(notebook)
    found, skipped = _readings(notebook, params, strict, parameters.parameters_cell(NOTEBOOKS / notebook),
                               f"{judge.__module__}.{judge.__qualname__}")
    SKIPPED.extend(skipped)
    return found


@memo.by_arguments(lambda: data.fingerprint())
def _readings(notebook: str, params: dict, strict: bool, declarations: str, judge: str) -> tuple[dict[str, list[dict]], list[str]]:
    """`readings` and its notes of readings left out; `declarations` (the parameters cell) and `judge` (the verdict
    function's name) are part of the key only."""
    skipped: list[str] = []
    judged = verdict_function(notebook)
    ids = claims.claims_for(notebook)
    own = {v.claim_id: _said(v.as_row()) for v in judged(params)}
    bearing = {cid: claims.claim(cid).get("parameters") or [] for cid in ids}
    found: dict[str, list[dict]] = {cid: [] for cid in ids}
    for name in dict.fromkeys(n for names in bearing.values() for n in names):
        for value in declared(notebook, name, params.get(name)):
            trial = {**params, name: value}
            try:
                trial_verdicts = judged(trial)
            except ValueError as err:  # DataError too: a text not written for this reading
                if strict:
                    raise
                skipped.append(f"{name}={value} in {notebook}: {err}")
                continue
            for verdict in trial_verdicts:
                cid = verdict.claim_id
                if name not in bearing[cid] or claims.with_parameters(cid, trial) == claims.with_parameters(cid, params) \
                        or _said(verdict.as_row()) == own[cid]:  # the same reading, or one that changes nothing here
                    continue
                year = claims.with_parameters(cid, trial).get("year") or claims.claim(cid).get("as_stated", {}).get("year")
                other = speaks_of_another(cid, name, trial)
                found[cid].append({"parameter": name, "value": value, "other": other,
                                   "label": label(name, value, year) + (f": {other}" if other else ""),
                                   "row": verdict.as_row()})
    return found, skipped


ANOTHER = {"year": "another year than the claim speaks of"}
"""What a reading of each parameter that changes what a claim speaks of is, in words."""


def speaks_of_another(claim_id: str, name: str, params: dict) -> str:
    """ANOTHER's words when `params` judge the claim on another value of `name` than the one its words fix (the year
    the article states it for: `as_stated`); "" for a reading of the claim itself."""
    fixed = (claims.claim(claim_id).get("as_stated") or {}).get(name)
    if name not in ANOTHER or fixed is None:
        return ""
    return ANOTHER[name] if str(claims.with_parameters(claim_id, params).get(name)) != str(fixed) else ""


def _said(row: dict) -> tuple:
    """What a reading changes: the verdict, its words, or the figures observed or compared with."""
    return row["verdict"], row["finding"], row["reason"], row["figures"], row["against"]


def rejudged(params_by_notebook: dict[str, dict]) -> dict[str, list[dict]]:
    """`readings` for every notebook of a run ({notebook: its parameters}) that judges claims."""
    found: dict[str, list[dict]] = {}
    for notebook, params in sorted(params_by_notebook.items()):
        if notebook in MODULES:
            found.update(readings(notebook, params))
    return found


def run_parameters(rows: list[dict]) -> dict[str, dict]:
    """{notebook: its parameters} as a run's verdict rows record them (the parameters each notebook declares: a row
    may also carry values its topic worked out, such as a decade's first year)."""
    import json

    found: dict[str, dict] = {}
    for row in rows:
        notebook = row.get("notebook")
        if notebook in MODULES and notebook not in found:
            given = json.loads(row["parameters"]) if isinstance(row["parameters"], str) else row["parameters"]
            names = parameters.declared(NOTEBOOKS / notebook)
            found[notebook] = {name: given.get(name, spec.default) for name, spec in names.items()}
    return found


def for_rows(rows: list[dict], ahead: dict[str, tuple[dict, dict]] | None = None) -> dict[str, list[dict]]:
    """`rejudged` for the notebooks behind a run's verdict rows; a notebook whose readings were worked out `ahead`
    ({notebook: (its parameters, its readings)}) under the very parameters its rows record is not judged again."""
    found: dict[str, list[dict]] = {}
    for notebook, params in sorted(run_parameters(rows).items()):
        done = (ahead or {}).get(notebook)
        found.update(done[1] if done and done[0] == params else readings(notebook, params))
    return found


def in_background(params_by_notebook: dict[str, dict], known: dict[str, tuple[dict, dict]] | None = None):
    """Start working out the readings of the notebooks a run executes ({notebook: its parameters}) in a thread, while
    their kernels run; the returned function gives `for_rows` for the run's verdict rows, using what is done and
    what was `known` already ({notebook: (its parameters, its readings)})."""
    import threading

    ahead: dict[str, tuple[dict, dict]] = dict(known or {})

    def work():
        for notebook, params in sorted(params_by_notebook.items()):
            if notebook in MODULES and notebook not in ahead:
                try:
                    ahead[notebook] = (params, readings(notebook, params))
                except Exception:  # noqa: BLE001 (what fails here fails again, and is reported, in `for_rows`)
                    return

    thread = threading.Thread(target=work, daemon=True)
    thread.start()

    def finish(rows: list[dict], found_meanwhile: dict[str, tuple[dict, dict]] | None = None) -> dict[str, list[dict]]:
        """`for_rows(rows)`, from what the thread worked out and what was found meanwhile (the readings of notebooks
        whose results carry over from an earlier run, `known` only once the rows are)."""
        thread.join()
        return for_rows(rows, {**(found_meanwhile or {}), **ahead})
    return finish
