"""The canonical-institution matcher: affiliation string -> institutions, each with its country and sector.

A raw string is first cleaned and split into names (`clean_affiliation`); each name is then resolved
by these rules, in the order they apply (`talentcheck neurips resolve "..."` shows the result for any string):

1. The reviewed table `data/neurips/institution_names.csv` is tried on the raw name first, then the
   institution maps (Paper Copilot's raw-to-normalised map, its list of normalised names, the Hipo list
   of world universities), then the reviewed table again on the name a map gave. So "Google DeepMind"
   is DeepMind, although the map normalises it to "Google".
2. The parts of a string ("Tel Aviv University & Google", "University of Oxford, DeepMind") are always
   tried, whether or not the whole string names an institution; a part adds an institution unless it
   is a piece of one already found ("University of California" in "University of California, Berkeley").
   "and" splits only where the maps do not know the whole ("University of Electronic Science and
   Technology of China"); a reviewed name run together with another ("University of Washington Google
   Research") is split in two where the rest names an institution by more than generic words.
   A name no map knows is tried without a bracketed part, without a legal form ("Ltd", "Technologies"),
   with accents and punctuation folded, and last as the one listed name very close to it (talentcheck.neurips.resolver.spellings).
3. The third party's fuzzy alias map (prakashkagitha) is not used: it maps "University Tübingen" to a
   college in Ghana and Volkswagen to Tanzania. Its few right entries that the other maps lack are
   reviewed rows of the table.
4. Over all of these sit the reviewed tables of talentcheck.neurips.resolver.reviews: a string of the 2019 or 2022 lists
   that the rules read wrong is read as affiliation_review.csv says, and every name a map gives is
   renamed, merged, placed and given its sector as institution_review.csv says (institutions of note
   keep institution_names.csv's). Outside those lists, sector comes from the Hipo list (a university),
   else the name's words (talentcheck.neurips.resolver.sectors; `sector_basis` says which applied).
5. Country is where the institution is (companies: their headquarters, the Tracker's rule). Hong Kong,
   Macau and Taiwan are kept apart here (HKG, MAC, TWN); whether they count under China is decided
   where shares and rankings are computed (`china_scope`).
6. Spellings of one institution that normalise alike (case, accents, a leading "The", punctuation)
   are merged into its most frequent spelling (`talentcheck.neurips.resolver.maps.merge_spellings`).
"""
from __future__ import annotations

import functools
import html
import re

from talentcheck.data import countries
from talentcheck.neurips.resolver import sectors
from talentcheck.neurips.resolver.reviews import (Resolved, canonical, country_name, merge_key, notable, reviewed_affiliations,
                                 reviewed_institutions, reviewed_names)
from talentcheck.neurips.resolver.spellings import CloseNames, generic, variants

TERRITORY_WORDS = [(re.compile(p, re.I), name) for p, name in (
    (r"hong kong|\bhku(st)?\b|\bcityu\b|polyu|\bcuhk\b(?!.*shenzhen)(?![- ]?sz)", "Hong Kong"),
    (r"\bmaca[uo]\b", "Macau"),
    (r"taiwan|taipei|hsinchu|tainan|taichung|tsing hua univ|chiao tung|academia sinica|cheng kung", "Taiwan"))]

REMEMBERED = 200_000
"""Strings and names a resolver remembers the answer for (more than the 2019 and 2022 lists hold); past that
it starts afresh, so that resolving a stream of any length keeps its memory bounded."""
SPLIT = re.compile(r"\s*(?:/|;|\|)\s*")  # between the institutions of one affiliation string
MISSING = {"", "none", "n/a", "-"}
CITIES = {"beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "nanjing", "wuhan", "hong kong", "singapore",
          "london", "paris", "berlin", "munich", "zurich", "lausanne", "montreal", "montréal", "toronto", "moscow",
          "tokyo", "seoul", "new york", "boston", "pittsburgh", "seattle", "usa", "uk", "ny", "ca", "ma"}
NO_COUNTRY = {"", "unknown", "other/unknown", "none"}
PARTS = re.compile(r"\s*(?:&|\+|,|\s-\s|\s{3,})\s*")  # "A (B)" stays one name: B is usually A's short form
AND = re.compile(r"\s+and\s+", re.I)  # splits a part only where every side names an institution
UNIT = re.compile(r"\b(systems|learning|intelligence|vision|robotics) group$|^(the\s+)?(department|dept\b|school of|faculty|division|college of|institute of (automation|computing|"
                  r"information|software)|(state )?key lab|laboratory (of|for)|lab (of|for)|cent(er|re) (of|for)|"
                  r"(state university of new york|university of california|university of london|university of texas)$)", re.I)



def territory(name: str, country: str) -> str:
    """Hong Kong, Macau or Taiwan where a map says China (or nothing) of an institution named there."""
    if country not in ("China", "Taiwan", "Hong Kong", "Macau"):
        return country
    for pattern, place in TERRITORY_WORDS:
        if pattern.search(name):
            return place
    return country


def clean_affiliation(text: str) -> list[str]:
    """The institutions named in one raw affiliation string, cleaned, in order, without repeats.

    Undoes double-escaped HTML, drops "None", splits on "/", ";" and "|", and splits "A, A" (a name
    repeated after a comma) into one.
    """
    text = html.unescape(html.unescape(text or "")).strip()
    if text.lower() in MISSING:
        return []
    parts = []
    for part in SPLIT.split(text):
        part = part.strip(" ,\"'=")
        halves = [h.strip() for h in part.split(",")]
        if len(halves) == 2 and halves[0].lower() == halves[1].lower():
            part = halves[0]
        if part and part.lower() not in MISSING and part not in parts:
            parts.append(part)
    return parts


class Resolver:
    """Affiliation string -> canonical institutions, with country and sector (rules: module docstring)."""

    def __init__(self, raw_map: dict[str, tuple[str, str]], norm_map: dict[str, str], universities: dict[str, str],
                 spellings: dict[str, str] | None = None, domains: dict[str, tuple[str, str]] | None = None):
        self.raw_map, self.norm_map, self.universities = raw_map, norm_map, universities
        self.domains = domains or {}  # {web domain: (university, country)}, from the Hipo list
        self.spellings = spellings or {}  # {merge_key: the most frequent spelling}
        self.cache: dict[str, list[Resolved]] = {}
        self.looked_up: dict[str, Resolved | None] = {}
        self.close = CloseNames([*norm_map, *universities]) if norm_map or universities else None

    def __call__(self, affiliation: str) -> list[Resolved]:
        """The institutions one cleaned affiliation names (empty if none could be resolved)."""
        if affiliation.strip() in reviewed_affiliations():
            return reviewed_affiliations()[affiliation.strip()]
        if affiliation not in self.cache:
            if len(self.cache) >= REMEMBERED:  # a stream of strings (`neurips resolve`) must not grow memory
                self.cache.clear()
            text = affiliation if affiliation.count("(") == affiliation.count(")") else re.sub(r"[()]", ",", affiliation)
            whole = self.lookup(affiliation)
            parts = self.parts(text)
            by_part = [None if self.skipped(p) else self.lookup(p) for p in parts] if len(parts) > 1 else []
            found = [whole] if whole else []
            for part, more in zip(parts, by_part):
                if more and not self.piece_of(part, whole) and not any(_nested(more.institution, f.institution) for f in found):
                    found.append(more)
            order = [r for r in by_part if r]  # in the order the string names them
            self.cache[affiliation] = sorted(found, key=lambda r: order.index(r) if r in order else -1)
        return self.cache[affiliation]

    def parts(self, text: str) -> list[str]:
        """The names in one affiliation: split at "&", "+", ",", " - "; at "and" unless the maps know the
        whole ("University of Electronic Science and Technology of China"); and a name run together with a
        reviewed one ("University of Washington Google Research") into the two."""
        parts = []
        for part in (p for p in PARTS.split(text) if p and p.strip()):
            parts += [part] if self.known_whole(part) else [s for side in AND.split(part) for s in self.run_together(side)]
        return parts

    def known_whole(self, part: str) -> bool:
        """A name the maps know as a whole (not only a reviewed name found inside it)."""
        return canonical(part) is None and self.lookup(part) is not None

    def run_together(self, part: str) -> list[str]:
        """[first, second] where a reviewed name is found inside `part` (of four words or more, no brackets)
        and the rest names another institution by more than generic words and places; else [part]."""
        words, alone = part.split(), canonical(part)
        if len(words) < 4 or alone is None or "(" in part:
            return [part]
        for i in range(2, len(words) - 1):
            halves = [" ".join(words[:i]), " ".join(words[i:])]
            a, b = (self.lookup(h) for h in halves)
            if a and b and alone in (a, b) and not _nested(a.institution, b.institution) \
                    and not any(self.skipped(h) or generic(h, _places()) for h in halves):
                return halves
        return [part]

    @staticmethod
    def piece_of(part: str, whole: Resolved | None) -> bool:
        """A part of three words or more that is a piece of the institution the whole string names
        ("Indian Institute of Technology" in "Indian Institute of Technology, Hyderabad")."""
        return whole is not None and len(part.split()) >= 3 and _nested(part, whole.institution)

    def skipped(self, part: str) -> bool:
        """A part that is a place ("Canada") or a unit of an institution ("Department of ...") unless reviewed."""
        return _place(part) or (bool(UNIT.search(part)) and canonical(part) is None)

    def lookup(self, text: str) -> Resolved | None:
        """One name -> one institution: the reviewed table on the raw name, then the maps, then the
        reviewed table on the map's name; each after fixing typos and abbreviations too, and last the
        one listed name very close to it (a misspelling)."""
        text = text.strip()
        if text not in self.looked_up:
            if len(self.looked_up) >= REMEMBERED:
                self.looked_up.clear()
            found = self._lookup(text)
            if found and found not in notable():  # a name a map gave: the reviewed table says what it is
                found = reviewed_institutions().get(merge_key(found.institution), found)
            self.looked_up[text] = found
        return self.looked_up[text]

    def _lookup(self, text: str) -> Resolved | None:
        candidates = variants(text)
        found = canonical(*candidates)
        if found:
            return found
        for candidate in candidates:
            mapped = self._from_maps(candidate)
            if mapped:
                return self._named(*mapped)
        close = self.close.close_name(candidates[-1]) if self.close else None
        mapped = self._from_maps(close) if close else None
        return self._named(*mapped) if mapped else None

    def _named(self, name: str, country: str) -> Resolved:
        name = self.spellings.get(merge_key(name), name)
        return canonical(name) or Resolved(name, territory(name, country_name(country)), self.sector(name))

    def _from_maps(self, text: str) -> tuple[str, str] | None:
        key = text.lower()
        for found in (self.raw_map.get(key), self.domains.get(key),
                      (text, self.norm_map[key]) if key in self.norm_map else None,
                      (text, self.universities[key]) if key in self.universities else None,
                      self._folded(text)):
            if found and found[1].lower() not in NO_COUNTRY:
                return found
        return None

    def _folded(self, text: str) -> tuple[str, str] | None:
        """A listed name that differs from `text` only in case, accents or punctuation ("IRT Saint-Exupéry")."""
        name = self.spellings.get(merge_key(text))
        return (name, self.norm_map[name.lower()]) if name and name.lower() in self.norm_map else None

    def sector(self, name: str) -> str:
        """Sector of an institution (rules: talentcheck.neurips.resolver.sectors)."""
        return self.sector_basis(name)[0]

    def sector_basis(self, name: str) -> tuple[str, str]:
        """(sector, basis): basis is "reviewed", "university list" or "name rule"."""
        found = canonical(name) or reviewed_institutions().get(merge_key(name)) or reviewed_names().get(merge_key(name))
        if found:
            return found.sector, "reviewed"
        if name.lower() in self.universities:
            return "university", "university list"
        return sectors.by_name(name), "name rule"


@functools.lru_cache(maxsize=4096)
def _place(part: str) -> bool:
    """A part that is a country or a city ("Canada", "Guangzhou"), not an institution."""
    if len(part.split()) > 2:
        return False
    return part.lower() in CITIES or part.lower() in _country_names()


@functools.cache
def _places() -> set[str]:
    return CITIES | _country_names()


@functools.cache
def _country_names() -> set[str]:
    table = countries.converter().data
    return {str(n).lower() for column in ("name_short", "name_official", "ISO3") for n in table[column]}


def _nested(a: str, b: str) -> bool:
    """One institution's name is a piece of the other's ("University of California" and its Berkeley campus)."""
    a, b = merge_key(a), merge_key(b)
    return a in b or b in a
