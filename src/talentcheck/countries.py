"""Country names: the standard short name of each country (country_converter), and the names that may
stand in a country column without being a country."""
from __future__ import annotations

import functools

REGION_NAMES = frozenset({"Europe", "Europe (excl. UK)", "Others", "Asia-Pacific", "Rest of world"})
"""Groups of countries that sources publish a share for."""
PLACEHOLDERS = frozenset({"all", "unresolved"})
"""Values that stand for no one country: every country together, or a country the suite could not tell."""
NOT_COUNTRIES = REGION_NAMES | PLACEHOLDERS

_NAMES: dict[str, str] = {}


def country_name(text: str) -> str:
    """The standard short name country_converter gives `text` (or `text` itself if it knows none)."""
    if text not in _NAMES:
        learn_names([text])
    return _NAMES[text]


def learn_names(texts) -> None:
    """Convert many names in one call: country_converter is slow to set up, fast to reuse."""
    new = sorted({t for t in texts if t and t not in _NAMES and t not in NOT_COUNTRIES})
    if not new:
        return
    _NAMES.update(convert_countries(new, "name_short"))


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
    import country_converter as coco

    return coco.CountryConverter()
