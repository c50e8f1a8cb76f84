"""A card per claim: the article's words, this run's verdict beside the default, the finding and why written for the
claim (data/claim_texts.yaml, filled), the claim under each of its other readings (a switch and a table, precomputed
when the report is written: `topics.readings`), the readings, caveats and sampling behind it, the one chart and the
sources that bear on it; the index lists the same rows."""
from __future__ import annotations

import json

from talentcheck import claims, data, memo
from talentcheck.claims import texts
from talentcheck.claims.verdicts import OUTCOME
from talentcheck.claims.words import TOPICS, listing, value_words, word
from talentcheck.paths import NOTEBOOKS
from talentcheck.report.pages import notebook_title
from talentcheck.report.sources import best_first, claim_sources, computed_for, named


def claim_rows(verdict_rows: list[dict], pages: dict[str, str], charts: dict[str, list[dict]],
               notes: dict[str, str], defaults: dict[str, dict] | None = None,
               readings: dict[str, list[dict]] | None = None) -> list[dict]:
    """Every claim of the registry, with its verdict where this run produced one, the default verdict, the article's
    words, its finding and why, its other readings (`readings`: {claim id: [reading]}), chart and sources."""
    by_id = {row["claim_id"]: row for row in verdict_rows}
    defaults, readings = defaults or {}, readings or {}
    quotes = quotations()
    rows = []
    for cid, entry in claims.registry().items():
        verdict = by_id.get(cid)
        notebook = entry.get("notebook")
        status = "not_yet_checked" if not notebook else "not_run"
        parameters = json.loads(verdict["parameters"]) if verdict else {}
        see_also = [(nb, pages[nb]) for nb in entry.get("see_also", []) if nb in pages]
        default = (defaults.get(cid) or {}).get("verdict", "")
        chart = (charts.get(notebook or "") or [])[entry["chart"] - 1:entry["chart"]] if entry.get("chart") else []
        row = {
            "id": cid, "paragraph": entry["paragraph"], "topic": entry["topic"],
            "topic_label": TOPICS.get(entry["topic"], entry["topic"].replace("-", " ").capitalize()),
            "claim": entry["claim"], "quote": quotes.get(cid, ""), "notebook": notebook, "html": pages.get(notebook or ""),
            "verdict": verdict["verdict"] if verdict else status, "default": default,
            "flipped": bool(verdict and default and default != verdict["verdict"]),
            "finding": (verdict.get("finding") or verdict["reason"]) if verdict else (
                "No notebook judges this claim yet." if not notebook else "Its notebook was not part of this run."),
            "reason": verdict["reason"] if verdict else "", "sampling": verdict.get("sampling", "") if verdict else "",
            "parameters": verdict["parameters"] if verdict else "",
            "readings_used": readings_used(cid, parameters, {r["parameter"] for r in readings.get(cid, [])}) if verdict else [],
            "caveats": texts.caveats(cid) if verdict else [],
            "charts": chart,
            "see_also": see_also, "titles": {nb: notebook_title(NOTEBOOKS / nb) for nb, _ in see_also},
            "sources": card_sources(cid, verdict, parameters) if verdict else [],
            "note": notes.get(cid, ""),
        }
        default_parameters = json.loads((defaults.get(cid) or {}).get("parameters") or "{}")
        row["not_default"] = [reading_words(cid, n, parameters) for n in entry.get("parameters") or []
                              if n in parameters and default_parameters and n in default_parameters
                              and default_parameters[n] != parameters[n]]
        row["readings"] = switch(verdict, readings.get(cid, [])) if verdict else []
        row["robust"] = robustness(row["readings"])
        rows.append(row)
    return rows


def quotations() -> dict[str, str]:
    """{claim id: the article's sentence, verbatim} from data/article.csv."""
    table = data.load("article")
    return dict(zip(table["claim_id"], table["quote"]))


def readings_used(claim_id: str, parameters: dict, bearing: set | None = None) -> list[str]:
    """The readings a verdict ran under, in the vocabulary's words: the value of each parameter that bears on the
    claim ("most elite researchers (about the top 0.5%)", "distinct authors"); of those, with `bearing`, only the
    parameters another value of which changes something here (ChatGPT's inference says nothing of a fleet it is
    never added to)."""
    return [reading_words(claim_id, name, parameters) for name in claims.claim(claim_id).get("parameters") or []
            if name in claims.with_parameters(claim_id, parameters) and (bearing is None or name in bearing)]


def reading_words(claim_id: str, name: str, parameters: dict) -> str:
    """One parameter's value for a claim in the vocabulary's words (a cohort with its selectivity in the year judged)."""
    resolved = claims.with_parameters(claim_id, parameters)
    if name == "cohort":
        return word("cohort", resolved[name], resolved.get("year") or claims.claim(claim_id).get("as_stated", {}).get("year"))
    return value_words(resolved[name], name)


def card_sources(claim_id: str, verdict: dict, parameters: dict) -> list[dict]:
    """The sources the card rests on (its verdict row's `sources`: those of the rows its check read, of the figures
    its finding, why and sampling line say (`claims.judge`'s `slot_sources`, counted only for slots the texts shown
    use) and of what its chart draws, under this run's parameters), named and best first; for a row recorded before
    verdicts carried them, every source of its evidence."""
    urls = json.loads(verdict.get("sources") or "[]") if isinstance(verdict.get("sources"), str) else verdict.get("sources") or []
    if not urls:
        return claim_sources(claim_id, parameters)
    shown = {}
    computed = computed_for(claim_id)
    for url in urls:
        item = named(url)
        shown.setdefault(url, {**item, "url": url, "computed": item["standing"] == "derived" or url in computed})
    return best_first(shown.values())


def switch(verdict: dict, others: list[dict]) -> list[dict]:
    """The run's reading first, then each other reading: its words, verdict, finding, why and sampling note."""
    first = {"label": "as judged here", "verdict": verdict["verdict"], "finding": verdict.get("finding") or verdict["reason"],
             "reason": verdict["reason"], "sampling": verdict.get("sampling", ""), "current": True}
    return [first, *({"label": r["label"], "verdict": r["row"]["verdict"], "finding": r["row"]["finding"],
                      "reason": r["row"]["reason"], "sampling": r["row"].get("sampling", ""), "current": False,
                      "other": r.get("other", "")} for r in others)]


def robustness(shown: list[dict]) -> dict:
    """How many of the claim's readings the verdict holds under and, for a verdict that holds, those under which it
    fails ("not under A nor B") or stays unsettled. A reading of another year than the claim speaks of (`other`) is
    shown beside them but not counted: it is not a reading of this claim."""
    own = [r for r in shown if not r.get("other")]
    if not own:
        return {}
    n = len(own)
    holds = [r for r in own if OUTCOME[r["verdict"]] == "holds"]
    fails = [r["label"] for r in own if OUTCOME[r["verdict"]] == "fails"]
    opens = [r["label"] for r in own if OUTCOME[r["verdict"]] == "open"]
    current_holds = OUTCOME[own[0]["verdict"]] == "holds"
    if len(holds) == n:
        said = f"Holds under {'its one reading' if n == 1 else 'both readings' if n == 2 else f'all {n} readings'}."
    elif holds:
        said = f"Holds under {len(holds)} of {n} readings"
        if current_holds:
            said += "".join([f"; not under {nor(fails)}" if fails else "", f"; unsettled under {listing(opens)}" if opens else ""])
        said += "."
    else:
        every = {OUTCOME[r["verdict"]] for r in own}
        said = f"Holds under {'neither reading' if n == 2 else f'none of its {n} readings'}" + (": none settles it" if every == {"open"} else
                                                          ": each contradicts it" if every == {"fails"} else "") + "."
    return {"k": len(holds), "n": n, "text": said, "warn": current_holds and bool(fails)}


def nor(items: list[str]) -> str:
    """Readings a verdict fails under, joined as the sentence's "not under" needs: "A", "A nor under B", "A, B nor under C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} nor under {items[-1]}"
