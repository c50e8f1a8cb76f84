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
3. The third party's fuzzy alias map (prakashkagitha) is not used: it maps "University Tübingen" to a
   college in Ghana and Volkswagen to Tanzania. Its few right entries that the other maps lack are
   reviewed rows of the table.
4. Sector comes from the reviewed table, else from the Hipo list (a university), else from the name's
   words (a fallback for small institutions; `sector_basis` says which applied).
5. Country is where the institution is (companies: their headquarters, the Tracker's rule). Hong Kong,
   Macau and Taiwan are kept apart here (HKG, MAC, TWN); whether they count under China is decided
   where shares and rankings are computed (`china_scope`).
6. Spellings of one institution that normalise alike (case, accents, a leading "The", punctuation)
   are merged into its most frequent spelling (`merge_spellings`).
"""
from __future__ import annotations

import csv
import difflib
import functools
import gzip
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from talentcheck import countries, data

TERRITORY_WORDS = [(re.compile(p, re.I), name) for p, name in (
    (r"hong kong|\bhku(st)?\b|\bcityu\b|polyu|\bcuhk\b(?!.*shenzhen)(?![- ]?sz)", "Hong Kong"),
    (r"\bmaca[uo]\b", "Macau"),
    (r"taiwan|taipei|hsinchu|tainan|taichung|tsing hua univ|chiao tung|academia sinica|cheng kung", "Taiwan"))]

SPLIT = re.compile(r"\s*(?:/|;|\|)\s*")  # between the institutions of one affiliation string
MISSING = {"", "none", "n/a", "-"}
GOVERNMENT = re.compile(r"academy of sciences|national lab|max planck|\binria\b|\bcnrs\b|\briken\b|a\*star|csiro|"
                        r"national institute|fraunhofer|\bnasa\b|\bnih\b|\bcea\b|helmholtz|\baist\b", re.I)
UNIVERSITY = re.compile(r"univ|college|école|ecole|school|institute of technology|polytechn|\beth\b|\bepfl\b|"
                        r"\bkaist\b|academy|universit|hochschule|\btu\b", re.I)
COMPANY = re.compile(r"\binc\b|\bcorp|\bltd\b|\bllc\b|\bgmbh\b|technologies|\blabs?\b|\bco\.", re.I)
CITIES = {"beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "nanjing", "wuhan", "hong kong", "singapore",
          "london", "paris", "berlin", "munich", "zurich", "lausanne", "montreal", "montréal", "toronto", "moscow",
          "tokyo", "seoul", "new york", "boston", "pittsburgh", "seattle", "usa", "uk", "ny", "ca", "ma"}
NO_COUNTRY = {"", "unknown", "other/unknown", "none"}
PARTS = re.compile(r"\s*(?:&|\+|,|\band\b|\s-\s|\s{3,})\s*", re.I)  # "A (B)" stays one name: B is usually A's short form
UNIT = re.compile(r"^(the\s+)?(department|dept\b|school of|faculty|division|college of|institute of (automation|computing|"
                  r"information|software)|(state )?key lab|laboratory (of|for)|lab (of|for)|cent(er|re) (of|for)|"
                  r"(state university of new york|university of california|university of london|university of texas)$)", re.I)
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
    "penn state": "Pennsylvania State University", "rice": "Rice University", "weizmann inst.": "Weizmann Institute of Science", "william marsh rice university": "Rice University",
}


@dataclass(frozen=True)
class Resolved:
    institution: str
    country: str
    sector: str


_MEMO: dict = {}


def from_table(name: str, build):
    """build(table) for the loaded table `name`, computed again only when the table is loaded anew
    (tests point the suite at edited copies of data/)."""
    table = data.cached_table(name)
    key = (name, build.__module__, build.__qualname__)  # one entry per call site, not per lambda object
    if key not in _MEMO or _MEMO[key][0] is not table:
        _MEMO[key] = (table, build(table.copy()))
    return _MEMO[key][1]


def reviewed() -> list[tuple[re.Pattern, Resolved]]:
    """The reviewed table's rows as (pattern over names, institution), in file order (first match wins)."""
    return from_table("neurips/institution_names", lambda table: [
        (re.compile(row.names, re.I), Resolved(row.institution, row.country, row.sector)) for row in table.itertuples()])


def canonical(*labels: str) -> Resolved | None:
    """The reviewed institution the first label matching a reviewed pattern names, else None."""
    for label in labels:
        for pattern, found in reviewed():
            if pattern.search(label):
                return found
    return None


def territory(name: str, country: str) -> str:
    """Hong Kong, Macau or Taiwan where a map says China (or nothing) of an institution named there."""
    if country not in ("China", "Taiwan", "Hong Kong", "Macau"):
        return country
    for pattern, place in TERRITORY_WORDS:
        if pattern.search(name):
            return place
    return country


def fix_typos(text: str) -> str:
    """"Univeristy", "Unversity", "Uinversity" -> "University" (only words close to it)."""
    def fix(match):
        word = match.group(0)
        if word.lower() in UNIVERSITY_WORDS:
            return word
        return "University" if difflib.SequenceMatcher(None, word.lower(), "university").ratio() >= 0.8 else word
    text = re.sub(r"\bU\w{6,}", fix, text)
    for pattern, replacement in ABBREVIATED:
        text = pattern.sub(replacement, text)
    return text


def merge_key(name: str) -> str:
    """A name without case, accents, a leading "the" or punctuation: spellings of one institution share it."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


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

    def __call__(self, affiliation: str) -> list[Resolved]:
        """The institutions one cleaned affiliation names (empty if none could be resolved)."""
        if affiliation not in self.cache:
            text = affiliation if affiliation.count("(") == affiliation.count(")") else re.sub(r"[()]", ",", affiliation)
            parts = [p for p in PARTS.split(text) if p and p.strip()]
            by_part = [None if UNIT.search(p) or _place(p) else self.lookup(p) for p in parts] if len(parts) > 1 else []
            whole = self.lookup(affiliation)
            found = [whole] if whole else []
            for more in by_part:
                if more and not any(_nested(more.institution, f.institution) for f in found):
                    found.append(more)
            order = [r for r in by_part if r]  # in the order the string names them
            self.cache[affiliation] = sorted(found, key=lambda r: order.index(r) if r in order else -1)
        return self.cache[affiliation]

    def lookup(self, text: str) -> Resolved | None:
        """One name -> one institution: the reviewed table on the raw name, then the maps, then the
        reviewed table on the map's name; each after fixing typos and abbreviations too."""
        text = text.strip()
        bare = re.sub(r"^the\s+", "", text, flags=re.I)
        candidates = list(dict.fromkeys([text, bare, ALIASES.get(bare.lower(), bare), fix_typos(bare)]))
        found = canonical(*candidates)
        if found:
            return found
        for candidate in candidates:
            mapped = self._from_maps(candidate)
            if mapped:
                name, country = mapped
                name = self.spellings.get(merge_key(name), name)
                return canonical(name) or Resolved(name, territory(name, _short(country)), self.sector(name))
        return None

    def _from_maps(self, text: str) -> tuple[str, str] | None:
        key = text.lower()
        for found in (self.raw_map.get(key), self.domains.get(key),
                      (text, self.norm_map[key]) if key in self.norm_map else None,
                      (text, self.universities[key]) if key in self.universities else None):
            if found and found[1].lower() not in NO_COUNTRY:
                return found
        return None

    def sector(self, name: str) -> str:
        """Sector of an institution the reviewed table lacks: a university if the Hipo list names it,
        else by the name's words (government, university, company), else "other"."""
        return self.sector_basis(name)[0]

    def sector_basis(self, name: str) -> tuple[str, str]:
        """(sector, basis): basis is "reviewed", "university list" or "name rule"."""
        found = canonical(name)
        if found:
            return found.sector, "reviewed"
        if name.lower() in self.universities:
            return "university", "university list"
        if GOVERNMENT.search(name):
            return "government", "name rule"
        if UNIVERSITY.search(name):
            return "university", "name rule"
        return ("company" if COMPANY.search(name) else "other"), "name rule"


@functools.cache
def _place(part: str) -> bool:
    """A part that is a country or a city ("Canada", "Guangzhou"), not an institution."""
    if len(part.split()) > 2:
        return False
    return part.lower() in CITIES or part.lower() in _country_names()


@functools.cache
def _country_names() -> set[str]:
    table = countries.converter().data
    return {str(n).lower() for column in ("name_short", "name_official", "ISO3") for n in table[column]}


@functools.cache
def _short(country: str) -> str:
    return data.convert_countries([country], "name_short").get(country, country)


def _nested(a: str, b: str) -> bool:
    """One institution's name is a piece of the other's ("University of California" and its Berkeley campus)."""
    a, b = merge_key(a), merge_key(b)
    return a in b or b in a


def load_resolver(paths: dict[str, Path]) -> Resolver:
    """A Resolver over the institution maps among the raw inputs (the alias map is not read: see rule 3)."""
    raw_map: dict[str, tuple[str, str]] = {}
    with gzip.open(paths["map_raw"], "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):  # rows are sorted by frequency: keep the most common reading
            raw_map.setdefault(row["aff_raw"].strip().lower(), (row["aff_unique_norm"], row["aff_country"]))
    norm_map: dict[str, str] = {}
    counts: dict[str, int] = {}
    with gzip.open(paths["map_norm"], "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            norm_map.setdefault(row["aff_unique_norm"].strip().lower(), row["aff_country"])
            counts[row["aff_unique_norm"].strip()] = counts.get(row["aff_unique_norm"].strip(), 0) + int(row["n_author_affiliations"] or 0)
    with open(paths["map_universities"], encoding="utf-8") as handle:
        listed = json.load(handle)
    universities = {u["name"].strip().lower(): u["country"] for u in listed}
    domains = {d.lower(): (u["name"], u["country"]) for u in listed for d in u.get("domains") or []}
    return Resolver(raw_map, norm_map, universities, merge_spellings(counts), domains)


def merge_spellings(names_counts: dict[str, int]) -> dict[str, str]:
    """{merge_key: the most frequent name with that key}: one spelling per institution."""
    best: dict[str, tuple[int, str]] = {}
    for name, count in names_counts.items():
        key = merge_key(name)
        if key not in best or (count, name) > best[key]:
            best[key] = (count, name)
    return {key: name for key, (_, name) in best.items()}
