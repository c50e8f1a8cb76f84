"""Country names: the standard short name of each country (country_converter), and the names that may
stand in a country column without being a country."""
from __future__ import annotations

import functools

REGION_NAMES = frozenset({"Europe", "Europe (excl. UK)", "Others", "Asia-Pacific", "Rest of world"})
"""Groups of countries that sources publish a share for."""
PLACEHOLDERS = frozenset({"all", "unresolved"})
"""Values that stand for no one country: every country together, or a country the suite could not tell."""
NOT_COUNTRIES = REGION_NAMES | PLACEHOLDERS

_NAMES: dict[str, str | None] = {}
UNKNOWN = "\x00unknown"  # what country_converter returns for a name it does not know


def standard_name(text: str) -> str | None:
    """The standard short name country_converter gives `text`, or None if it knows no such country."""
    if text not in _NAMES:
        learn_names([text])
    return _NAMES[text]


def learn_names(texts) -> None:
    """Convert many names in one call: country_converter is slow to set up, fast to reuse."""
    new = sorted({t for t in texts if t and t not in _NAMES and t not in NOT_COUNTRIES})
    if not new:
        return
    converted = converter().convert(new, to="name_short", not_found=UNKNOWN)  # (None or "" would echo the name)
    converted = converted if isinstance(converted, list) else [converted]
    _NAMES.update({n: None if c == UNKNOWN else c for n, c in zip(new, converted)})


def convert_countries(names, to: str) -> dict[str, str]:
    """{name: its country_converter classification `to`} (name_short, continent, ISO3, ...), in one call;
    a name it does not know maps to itself."""
    names = sorted(set(names))
    if not names:
        return {}
    converted = converter().convert(names, to=to, not_found=None)
    converted = converted if isinstance(converted, list) else [converted]
    return {n: (c if isinstance(c, str) else n) for n, c in zip(names, converted)}


@functools.cache
def converter():
    """country_converter, set up once: it reads its tables on start (imported lazily for the same reason)."""
    import logging

    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)  # an unknown name is ours to report, in one line
    return coco.CountryConverter()
