"""What a card says, as written by a person in data/claim_texts.yaml: per claim, one finding (a sentence) and one
"why" (two to four sentences) for each verdict it can reach, with named {slots} the package fills (the figures,
the article's figure, the relation between them in words); its caveats; a one-line sampling note where samples
bear on it; and the method's sampling rule, stated once.

`check` refuses a text whose slot no definition names, a definition no text uses, a verdict that is not one of
the four, and a variant whose condition is not defined (`talentcheck validate` runs it); `render` refuses a text
whose slot was not computed. Nothing here writes a sentence of its own.
"""
from __future__ import annotations

import re

from talentcheck import memo
from talentcheck.errors import DataError

FILE = "claim_texts.yaml"
SLOT = re.compile(r"\{(\w+)\}")
TEXT_FIELDS = ("finding", "why")
FINDING_WORDS, WHY_WORDS = 35, 100
"""The most words a filled finding and a filled why may hold."""
MISSING = "missing_evidence"
"""The common text of a claim whose evidence lacks a figure its check needs (`common_texts`)."""


@memo.until_cleared
def texts() -> dict:
    """data/claim_texts.yaml, checked (`check`): {"claims": {id: entry}, "common_slots", "common_texts", "method"}."""
    from talentcheck.data.files import read_yaml
    from talentcheck.paths import data_dir

    loaded = read_yaml(data_dir() / FILE)
    if not isinstance(loaded, dict) or not isinstance(loaded.get("claims"), list):
        raise DataError(f"data/{FILE}: expected a mapping with a list of claims")
    by_id = {}
    for number, entry in enumerate(loaded["claims"], 1):
        if not isinstance(entry, dict) or "id" not in entry:
            raise DataError(f"data/{FILE}, claim #{number}: expected a mapping with an id")
        if entry["id"] in by_id:
            raise DataError(f"data/{FILE}: claim {entry['id']!r} is there twice")
        by_id[entry["id"]] = entry
    found = {"claims": by_id, "common_slots": loaded.get("common_slots") or {},
             "common_texts": loaded.get("common_texts") or {}, "method": loaded.get("method") or {}}
    check(found)
    return found


def _blocks(entry: dict):
    """(verdict, variant or None, block) for every text block of a claim."""
    for verdict, block in (entry.get("verdicts") or {}).items():
        if isinstance(block, list):
            for variant in block:
                yield verdict, (variant or {}).get("when"), variant
        else:
            yield verdict, None, block


def _used(text) -> set[str]:
    return set(SLOT.findall(text)) if isinstance(text, str) else set()


def check(found: dict) -> None:
    """DataError naming the first problem: a claim of data/claims.yaml without texts (or texts of no claim), a verdict
    that is not one of the four, a text missing, a slot used but not defined or defined but not used, a variant's
    condition not defined (or a condition no variant uses)."""
    from talentcheck.claims.registry import registry
    from talentcheck.claims.verdicts import VERDICTS

    where = f"data/{FILE}"
    judged = [cid for cid, entry in registry().items() if entry.get("notebook")]
    for cid in judged:
        if cid not in found["claims"]:
            raise DataError(f"{where}: claim {cid!r} of data/claims.yaml has no texts")
    common = found["common_slots"]
    for name, block in found["common_texts"].items():
        for field in TEXT_FIELDS:
            if not isinstance(block.get(field), str):
                raise DataError(f"{where}, common_texts {name}: no {field}")
            for slot in _used(block[field]) - set(common):
                raise DataError(f"{where}, common_texts {name}: slot {{{slot}}} is not defined in common_slots")
    for cid, entry in found["claims"].items():
        at = f"{where}, claim {cid!r}"
        if cid not in registry():
            raise DataError(f"{at}: no such claim in data/claims.yaml")
        slots, conditions = entry.get("slots") or {}, entry.get("conditions") or {}
        used, whens = _used(entry.get("sampling")), set()
        if not entry.get("verdicts"):
            raise DataError(f"{at}: no verdicts")
        for verdict, variant, block in _blocks(entry):
            if verdict not in VERDICTS:
                raise DataError(f"{at}: {verdict!r} is not a verdict ({', '.join(VERDICTS)})")
            named = f"{at}, {verdict}" + (f" when {variant}" if variant else "")
            for field in TEXT_FIELDS:
                if not isinstance(block.get(field), str) or not block[field].strip():
                    raise DataError(f"{named}: no {field}")
                used |= _used(block[field])
            if variant is not None:
                if variant not in conditions:
                    raise DataError(f"{named}: condition {variant!r} is not defined under conditions")
                whens.add(variant)
        for slot in sorted(used - set(slots)):
            raise DataError(f"{at}: slot {{{slot}}} is used but not defined under slots")
        for slot in sorted(set(slots) - used):
            raise DataError(f"{at}: slot {slot!r} is defined but no text uses it")
        for slot, definition in slots.items():
            if definition == "common" and slot not in common:
                raise DataError(f"{at}: slot {slot!r} points to common_slots, which has no {slot!r}")
        for condition in sorted(set(conditions) - whens):
            raise DataError(f"{at}: condition {condition!r} is defined but no variant uses it")
        for caveat in entry.get("caveats") or []:
            if not isinstance(caveat, str) or _used(caveat):
                raise DataError(f"{at}: a caveat must be plain text, without slots")


def entry(claim_id: str) -> dict:
    try:
        return texts()["claims"][claim_id]
    except KeyError:
        raise DataError(f"data/{FILE}: no texts for claim {claim_id!r}") from None


def variants(claim_id: str, verdict: str) -> list[str | None]:
    """The variants a claim's texts give for a verdict ([None] for one text; [] for none)."""
    return [variant for v, variant, _ in _blocks(entry(claim_id)) if v == verdict]


def fill(text: str, slots: dict, where: str) -> str:
    """`text` with every {slot} replaced by its value (ValueError naming a slot not computed), tidied: no doubled
    spaces left by an empty slot, and a first letter that a slot's value left in lower case capitalised."""
    def value(match):
        name = match[1]
        if slots.get(name) is None:
            raise ValueError(f"{where}: slot {{{name}}} was not computed")
        return str(slots[name])
    filled = SLOT.sub(value, " ".join(text.split()))
    filled = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s{2,}", " ", filled)).strip()
    return filled[:1].upper() + filled[1:]


def render(claim_id: str, verdict: str, slots: dict, variant: str | None = None) -> dict:
    """{"finding", "why", "sampling"} of a claim's text for `verdict` (and `variant`, where the verdict has several),
    filled with `slots`. DataError when data/claim_texts.yaml has no text for it: a person writes one."""
    if variant == MISSING:
        block, names = texts()["common_texts"][MISSING], "common"
    else:
        blocks = [(variant_, block) for v, variant_, block in _blocks(entry(claim_id)) if v == verdict]
        chosen = [block for variant_, block in blocks if variant_ == variant]
        if not chosen:
            have = [v for v, _ in blocks]
            raise DataError(f"data/{FILE}: claim {claim_id!r} has no text for verdict {verdict!r}"
                            + (f" when {variant}" if variant else "")
                            + (f" (it has: {', '.join(str(v) for v in have)})" if have else "") + "; write one there")
        block, names = chosen[0], claim_id
    where = f"claim {claim_id}, {verdict}"
    sampling = entry(claim_id).get("sampling") if variant != MISSING else None
    shown = bool(sampling) and all(slots.get(s) is not None for s in _used(sampling))
    return {"finding": fill(block["finding"], slots, where), "why": fill(block["why"], slots, where),
            "sampling": fill(sampling, slots, where) if shown else "", "texts": names,
            "slots": _used(block["finding"]) | _used(block["why"]) | (_used(sampling) if shown else set())}


def caveats(claim_id: str) -> list[str]:
    """The claim's caveats, each one line that holds under every reading."""
    return [" ".join(c.split()) for c in entry(claim_id).get("caveats") or []]


def method(name: str, slots: dict) -> str:
    """One of the method's texts (`method` in data/claim_texts.yaml), filled."""
    block = texts()["method"][name]
    return fill(block["text"], slots, f"method {name}")


def word_count(text: str) -> int:
    """Words as a reader counts them: "$48.6 billion" is two, "2019-2022" one."""
    return len(text.split())
