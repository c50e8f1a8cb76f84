"""A card per claim: the article's words, this run's verdict beside the default, a finding and a reason in a
reader's words, how robust the verdict is across the declared readings, the readings it ran under, its charts
and its named sources; the index lists the same rows."""
from __future__ import annotations

import json
import re

from talentcheck import claims, data
from talentcheck.claims.findings import conclusion, finding, stated_words
from talentcheck.claims.verdicts import OUTCOME
from talentcheck.claims.words import TOPICS, parameter_label, value_words
from talentcheck.data import sources
from talentcheck.parameters import readings as declared_readings
from talentcheck.paths import NOTEBOOKS
from talentcheck.report.pages import notebook_title
from talentcheck.report.sources import claim_sources


def claim_rows(verdict_rows: list[dict], pages: dict[str, str], charts: dict[str, list[dict]],
               notes: dict[str, str], defaults: dict[str, dict] | None = None) -> list[dict]:
    """Every claim of the registry, with its verdict where this run produced one, the default verdict,
    the article's words, a computed finding, its robustness, readings, charts and sources."""
    by_id = {row["claim_id"]: row for row in verdict_rows}
    concluded = {nb: conclusion([r for r in verdict_rows if r.get("notebook") == nb])
                 for nb in {r.get("notebook") for r in verdict_rows}}
    defaults = defaults or {}
    quotes = quotations()
    rows = []
    for cid, entry in claims.registry().items():
        verdict = by_id.get(cid)
        notebook = entry.get("notebook")
        status = "not_yet_checked" if not notebook else "not_run"
        parameters = json.loads(verdict["parameters"]) if verdict else {}
        see_also = [(nb, pages[nb]) for nb in entry.get("see_also", []) if nb in pages]
        titles = {nb: notebook_title(NOTEBOOKS / nb) for nb, _ in see_also}
        default = (defaults.get(cid) or {}).get("verdict", "")
        row = {
            "id": cid, "paragraph": entry["paragraph"], "topic": entry["topic"],
            "topic_label": TOPICS.get(entry["topic"], entry["topic"].replace("-", " ").capitalize()),
            "claim": entry["claim"], "quote": quotes.get(cid, ""),
            "stated": entry["stated"], "unit": entry["unit"], "notebook": notebook, "html": pages.get(notebook or ""),
            "verdict": verdict["verdict"] if verdict else status,
            "default": default,
            "flipped": bool(verdict and default and default != verdict["verdict"]),
            "observed": verdict["observed"] if verdict else "",
            "figures": verdict.get("figures", "") if verdict else "", "against": verdict.get("against", "") if verdict else "",
            "claim_id": cid,
            "conclusion": concluded.get(notebook, "") if verdict else "",
            "reason": readable(verdict["reason"]) if verdict else (
                "No notebook judges this claim yet." if not notebook else "Its notebook was not part of this run."),
            "parameters": verdict["parameters"] if verdict else "",
            "readings": readings(cid, parameters) if verdict else [],
            "charts": charts.get(notebook or "", []) + [c for nb, _ in see_also for c in charts.get(nb, [])],
            "see_also": see_also, "titles": titles,
            "sources": claim_sources(cid, parameters) if verdict else [],
            "note": readable(notes.get(cid, "")),
        }
        default_parameters = json.loads((defaults.get(cid) or {}).get("parameters") or "{}")
        row["not_default"] = [(parameter_label(n), value_words(v, n)) for n, v in sorted(parameters.items())
                              if default_parameters and n in default_parameters and default_parameters[n] != v]
        row["finding"] = finding(row)
        row["stated_words"] = stated_words(entry["stated"], entry["unit"])
        row["robustness"] = robustness(cid, parameters, row["verdict"], verdict["reason"]) if verdict else ""
        rows.append(row)
    return rows


def quotations() -> dict[str, str]:
    """{claim id: the article's sentence, verbatim} from data/article.csv."""
    table = data.load("article")
    return dict(zip(table["claim_id"], table["quote"]))


VALUE = r"[^,;()\s]*?(?=[,;()\s]|\.(?:\s|$)|$)"  # a parameter's value, without the sentence's full stop
PARAMETER_TEXT = re.compile(rf"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)*)=({VALUE})")
UNDER_PARAMETERS = re.compile(rf"\s+under (?:[a-z][a-z0-9_]*={VALUE}(?:, )?)+")


def readable(text: str) -> str:
    """Reader's words: source codes expanded to names; the list of every parameter a verdict ran under
    dropped (the card lists the readings that apply); any other `name=value` written as "name value"."""
    text = UNDER_PARAMETERS.sub("", text)
    text = sources.expand_codes(PARAMETER_TEXT.sub(lambda m: f"{parameter_label(m[1])} {value_words(_literal(m[2]))}", text))
    return text[:1].upper() + text[1:]


def _literal(text: str):
    try:
        return json.loads(text.replace("'", '"'))
    except ValueError:
        return text


def applies(claim_id: str) -> list[str] | None:
    """The parameters a claim's check reads (None: the notebook computes its figures from any of them)."""
    check = claims.claim(claim_id).get("check") or {}
    if not check.get("table"):
        return None
    return sorted(set(re.findall(r"\{(\w+)\}", json.dumps(check))))


def readings(claim_id: str, parameters: dict) -> list[tuple[str, str]]:
    """(name, value) in words for the parameters behind a verdict: those its check reads, or all of them."""
    names = applies(claim_id)
    resolved = claims.with_parameters(claim_id, parameters)
    shown = [n for n in parameters if names is None or n in names]
    return [(parameter_label(n), value_words(resolved[n], n) + (" (as the article's figure fits)" if parameters[n] == "as_stated" else ""))
            for n in sorted(shown)]


def robustness(claim_id: str, parameters: dict, verdict: str, reason: str = "") -> str:
    """How many of the declared readings (every allowed value of the parameters the check reads) the verdict holds
    under; for a figure its notebook computes, where its reason ("With ... instead, ...") says so."""
    names = [n for n in applies(claim_id) or [] if n != "source"]
    entry = claims.claim(claim_id)
    vary = declared_readings(entry["notebook"], names) if entry.get("notebook") else {}
    if not vary:
        return ("Not re-judged here: its notebook computes this figure"
                + (", and its reason gives the other readings it was judged under (“With ... instead”)" if " instead, " in reason
                   else "") + "; the notebook can be rerun with other parameters.")
    table = claims.rejudged(claim_id, parameters, verdict, vary)
    if table is None:
        return ("Not re-judged here: its notebook judged this claim with figures it computed, so other readings "
                "take a rerun of the notebook with other parameters.")
    holds = table["verdict"].map(OUTCOME) == "holds"
    which = "; ".join(", ".join(f"{parameter_label(n)} {value_words(r[n])}" for n in vary) for _, r in table[holds].iterrows())
    return (f"Holds under {int(holds.sum())} of {len(table)} readings ({' × '.join(parameter_label(n) for n in vary)})"
            + (f": {which}." if which else "."))
