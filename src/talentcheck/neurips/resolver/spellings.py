"""Spellings of institution names that no map knows: typos, abbreviations, short forms (talentcheck.neurips.resolver.matcher uses these).

`fix_typos` mends words close to "University" and abbreviations ("U. of", "Univ."); `ALIASES` are short
forms seen in the affiliation lists; `close_name` finds the one listed name a misspelt name is closest to
("University of Southern Caifornia"), only when it is very close (a ratio of 0.95, names of 15 characters
or more), so that two different institutions with similar names are not merged.
"""
from __future__ import annotations

import collections
import difflib
import re

ABBREVIATED = [(re.compile(r"^(?:u\.?|univ\.?|u of)\s+(?:of\s+)?", re.I), "University of ")]
UNIVERSITY_WORDS = {"university", "universität", "universite", "université", "universidad", "universitat",
                    "universiteit", "universita", "università", "universidade", "universitet", "universiti"}
ALIASES = {  # short forms seen in the affiliation lists that no map knows; resolved through the maps
    "oxford": "University of Oxford", "u oxford": "University of Oxford", "duke": "Duke University",
    "rutgers": "Rutgers University", "dartmouth": "Dartmouth College", "ucsb": "University of California, Santa Barbara",
    "uci": "University of California, Irvine", "tamu": "Texas A&M University", "uw": "University of Washington",
    "u washington": "University of Washington", "ncsu": "North Carolina State University",
    "jhu": "Johns Hopkins University", "uic": "University of Illinois at Chicago",
    "tum": "Technical University of Munich", "nudt": "National University of Defense Technology",
    "buaa": "Beihang University", "pittsburgh university": "University of Pittsburgh",
    "telecom-paristech": "Telecom Paris", "iiai": "Inception Institute of Artificial Intelligence",
    "nanjing university (nju)": "Nanjing University", "johns hopkins": "Johns Hopkins University",
    "birmingham university": "University of Birmingham", "hkbu": "Hong Kong Baptist University",
    "university of wisconsion-madison": "University of Wisconsin-Madison", "national univ. of singapore": "National University of Singapore",
    "university of columbia": "Columbia University", "georgia inst. of technology": "Georgia Institute of Technology",
    "penn state": "Pennsylvania State University", "rice": "Rice University", "weizmann inst.": "Weizmann Institute of Science",
    "william marsh rice university": "Rice University", "unsw": "University of New South Wales",
    "unsw sydney": "University of New South Wales",
}
GENERIC = set("""the of for and in at de du des la le di del institute institut instituto university universite université
college school graduate research science sciences technology state national advanced center centre laboratory laboratories
lab labs ai artificial intelligence machine learning data computer computing information engineering mathematics physics
automation informatics neuroinformatics neuroscience neurosciences brain systems robotics vision team group""".split())
CLOSE = 0.95  # the ratio (difflib) a misspelt name must reach to take a listed name's place
SHORTEST = 15  # names shorter than this are not mended: too many real names lie that close


def fix_typos(text: str) -> str:
    """"Univeristy", "Unversity", "Uinversity" -> "University" (only words close to it); quotes dropped."""
    def fix(match):
        word = match.group(0)
        if word.lower() in UNIVERSITY_WORDS:
            return word
        return "University" if difflib.SequenceMatcher(None, word.lower(), "university").ratio() >= 0.8 else word
    text = re.sub(r"\bU\w{6,}", fix, re.sub(r"[\"“”]", "", text))
    for pattern, replacement in ABBREVIATED:
        text = pattern.sub(replacement, text)
    return text


LEGAL_FORM = re.compile(r"(\s*,?\s*\b(inc|ltd|llc|gmbh|co|corp|corporation|limited|technology|technologies|pte|s\.?a\.?s?|ag)\b\.?)+$", re.I)


def variants(name: str) -> list[str]:
    """A name as written, without "The", as its short form's full name, with typos mended, without a
    bracketed part, and without a legal form ("Wayve Technologies Ltd" -> "Wayve"): each tried in turn."""
    bare = re.sub(r"^the\s+", "", name, flags=re.I)
    shorter = [re.sub(r"\s*\([^)]*\)", "", bare), LEGAL_FORM.sub("", bare)]  # not to generic words alone ("AI Research (AIRI)")
    return list(dict.fromkeys([name, bare, ALIASES.get(bare.lower(), bare), fix_typos(bare),
                               *(v for v in shorter if v.strip() and not generic(v))]))


class CloseNames:
    """The listed names (lower case), bucketed by first letter and length, for `close_name`."""

    def __init__(self, names):
        self.buckets: dict[tuple[str, int], list[str]] = {}
        self.closest: dict[str, str | None] = {}
        for name in names:
            if len(name) >= SHORTEST:
                self.buckets.setdefault((name[0], len(name)), []).append(name)
        self.letters = {name: collections.Counter(name) for bucket in self.buckets.values() for name in bucket}

    def close_name(self, text: str) -> str | None:
        """The one listed name within CLOSE of `text` (lower case), else None (none, or two equally close)."""
        key = text.lower()
        if len(key) < SHORTEST or re.search(r"[,;/&()]", key) or generic(key):
            return None
        if key not in self.closest:
            self.closest[key] = self._closest(key)
        return self.closest[key]

    def _closest(self, key: str) -> str | None:
        pool = {n for d in range(-2, 3) for n in self.buckets.get((key[0], len(key) + d), [])}
        letters = collections.Counter(key)
        scored = []
        for name in pool:
            shared = sum((letters & self.letters[name]).values())  # difflib's quick_ratio, an upper bound of ratio()
            if 2 * shared / (len(key) + len(name)) >= CLOSE:
                scored.append((difflib.SequenceMatcher(None, key, name).ratio(), name))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < CLOSE or scored[0][1] == key or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]


def generic(name: str, places=()) -> bool:
    """A name of generic words only ("Institute of Technology", "AI Research"), or of those and places."""
    return all(w in GENERIC or w in places for w in re.findall(r"[^\W\d_]+", name.lower()))
