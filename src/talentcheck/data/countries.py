"""Country names: the standard short name of each country (country_converter), the names that may stand in a
country column without being a country, and what "China" counts (`china_scope`: Hong Kong, Macau and Taiwan
are kept apart in the tables, and counted under China or not where shares and rankings are computed)."""
from __future__ import annotations

import functools

from talentcheck import memo
from talentcheck.errors import ParameterError

REGION_NAMES = frozenset({"Europe", "Europe (excl. UK)", "Others", "Asia-Pacific", "Rest of world"})
"""Groups of countries that sources publish a share for."""
PLACEHOLDERS = frozenset({"all", "unresolved"})
"""Values that stand for no one country: every country together, or a country the suite could not tell."""
NOT_COUNTRIES = REGION_NAMES | PLACEHOLDERS

TERRITORIES = ("Hong Kong", "Macau", "Taiwan")
CHINA_SCOPES = ("mainland_and_territories", "mainland")
"""What "China" counts: the territories under China (the default: the Tracker lists none of them apart), or not."""
DEFAULT_SCOPE = CHINA_SCOPES[0]

_STANDARD = memo.Memo()
UNKNOWN = "\x00unknown"  # what country_converter returns for a name it does not know


def standard_name(text: str) -> str | None:
    """The standard short name country_converter gives `text`, or None if it knows no such country."""
    return learn_names([text]).get(text)


def learn_names(texts) -> dict[str, str | None]:
    """{name: its standard short name, or None} for many names, converting those not seen before in one call:
    country_converter is slow to set up, fast to reuse."""
    texts = {t for t in texts if t and t not in NOT_COUNTRIES}
    for name, standard in _converted(sorted(t for t in texts if t not in _STANDARD)).items():
        _STANDARD.put(name, standard)
    return {t: _STANDARD.get(t, lambda t=t: _converted([t])[t]) for t in texts}


def _converted(names: list[str]) -> dict[str, str | None]:
    if not names:
        return {}
    converted = converter().convert(names, to="name_short", not_found=UNKNOWN)  # (None or "" would echo the name)
    converted = converted if isinstance(converted, list) else [converted]
    return {name: None if standard == UNKNOWN else standard for name, standard in zip(names, converted)}


def convert_countries(names, to: str) -> dict[str, str]:
    """{name: its country_converter classification `to`} (name_short, continent, ISO3, ...), in one call;
    a name it does not know maps to itself."""
    names = sorted(set(names))
    if not names:
        return {}
    converted = converter().convert(names, to=to, not_found=None)
    converted = converted if isinstance(converted, list) else [converted]
    return {n: (c if isinstance(c, str) else n) for n, c in zip(names, converted)}


def iso3(countries) -> dict[str, str]:
    """{country name: ISO alpha-3} (Hong Kong HKG, Macau MAC, Taiwan TWN kept apart)."""
    return convert_countries(countries, "ISO3")


def in_scope(country: str, china_scope: str) -> str:
    """The country a share or ranking counts: the territories under China unless china_scope is "mainland"."""
    if china_scope not in CHINA_SCOPES:
        raise ParameterError(f"china_scope={china_scope!r} must be one of {CHINA_SCOPES}")
    return "China" if china_scope == "mainland_and_territories" and country in TERRITORIES else country


@functools.cache
def converter():
    """country_converter, set up once: it reads its tables on start (imported lazily for the same reason)."""
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # an unknown name is ours to report, in one line
    return coco.CountryConverter()
