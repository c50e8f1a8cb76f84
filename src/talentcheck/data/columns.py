"""Each cell of a table read as its column's type (data/tables.yaml) and checked against the column's rule,
with a DataError naming the file, row and column of the first cell that fails."""
from __future__ import annotations

import math
import re

import pandas as pd

from talentcheck.data import countries
from talentcheck.errors import DataError
from talentcheck.paths import identifier_problem

STANDINGS = ["primary", "author", "secondary", "derived", "tertiary", "github_only"]
"""Source standing, best first. `data.pick_source` prefers earlier entries."""

URL = re.compile(r"^https?://\S+$")
WHOLE = re.compile(r"[+-]?[0-9]+")
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""Numbers as a table writes them: ASCII digits only (Python's int() and float() also take '2_9' and Arabic-Indic
digits, which no spreadsheet writes and a reader cannot check)."""
DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _real_date(text: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD names a day, month or year that exists (not 2025-02-30)."""
    import datetime

    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


IDENTIFIER_TYPES = {"code": "source code", "mirror_path": "mirror path"}
"""Column types whose cells become file names or links: checked against `paths.IDENTIFIERS`."""
PATTERN_SECONDS = 0.5
"""The longest one search of a `pattern` cell may take (validate's probes, and every search the resolver makes):
a pattern that backtracks without end (`(a|aa)+b`) is named, not waited on."""
PROBE = 1000
"""The length of the runs of one letter validate searches with each pattern: long enough that a search whose
time grows with the cube of the length (`(a+)+b`) takes seconds, short enough that a sound one takes microseconds."""
LABEL_LENGTH = 80
"""The longest name a chart draws (type `label`): a longer one would stretch the chart past reading."""


def typed_column(values: pd.Series, column: str, rule: dict, where: str) -> pd.Series:
    kind = rule.get("type", "str")
    required = rule.get("required", True)
    if kind == "country":
        countries.learn_names(values.str.strip().unique())
    converted = []
    seen: dict[str, object] = {}  # each distinct text is converted and checked once, where it first appears
    for index, text in values.items():
        row = index + 2  # the header is line 1
        text = text.strip()
        if text == "":
            if required:
                raise DataError(f"{where}, row {row}, column {column}: empty, but a value is required")
            converted.append(None)
            continue
        if text not in seen:
            seen[text] = _convert(text, kind, column, row, where)
            _check_value(seen[text], rule, column, row, where)
        converted.append(seen[text])
    dtype = {"int": "Int64", "float": "Float64"}.get(kind, "object")
    return pd.Series(converted, index=values.index, dtype=dtype)


def _convert(text: str, kind: str, column: str, row: int, where: str):
    problem = None
    if kind == "int":
        if WHOLE.fullmatch(text):
            return int(text)
        problem = "is not a whole number (digits 0-9)"
    elif kind == "float":
        value = float(text) if NUMBER.fullmatch(text) else None
        if value is not None and math.isfinite(value):
            return value
        if value is None and text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            problem = "is not a finite number"
        else:
            problem = "is not a number (digits 0-9, a '.' and an exponent)" if value is None else "is not a finite number"
    elif kind == "date":
        if DATE.fullmatch(text) and _real_date(text):
            return text
        problem = "is not a date (YYYY-MM-DD, YYYY-MM or YYYY, a day that exists)"
    elif kind == "url":
        urls = [u.strip() for u in text.split(" ; ")]
        if all(URL.match(u) for u in urls):
            return text
        problem = "is not a URL (http:// or https://; several separated by ' ; ')"
    elif kind == "label":  # a name a chart draws, as written: matplotlib reads text between "$" signs as math
        if "$" not in text and len(text) <= LABEL_LENGTH:
            return text
        problem = (f"is a name a chart draws: at most {LABEL_LENGTH} characters" if "$" not in text else
                   "is a name a chart draws, which must not hold '$' (charts read text between '$' signs as math)")
    elif kind in IDENTIFIER_TYPES:  # an identifier a file name or link is built from
        problem = identifier_problem(IDENTIFIER_TYPES[kind], text)
        if problem is None:
            return text
        problem = problem.split(" ", 1)[1]  # the cell itself is quoted below
    elif kind == "pattern":  # a regular expression the resolver searches with
        problem = pattern_problem(text)
        if problem is None:
            return text
    elif kind == "standing":
        if text in STANDINGS:
            return text
        problem = f"is not a source standing ({', '.join(STANDINGS)})"
    elif kind == "country":
        standard = None if text in countries.NOT_COUNTRIES else countries.standard_name(text)
        if text in countries.NOT_COUNTRIES or text == standard:
            return text
        problem = (f"is not a country's standard short name (use {standard!r})" if standard else
                   "is not a country country_converter knows (nor a region or placeholder: "
                   f"{', '.join(sorted(countries.NOT_COUNTRIES))})")
    else:
        return text
    raise DataError(f"{where}, row {row}, column {column}: {text!r} {problem}")


def compiled(text: str):
    """A `pattern` cell compiled as the resolver searches with it: case-insensitive, Python's `re` syntax, by the
    `regex` module (whose searches take a time limit: `PATTERN_SECONDS`)."""
    import regex

    return regex.compile(text, regex.IGNORECASE | regex.VERSION0)


def pattern_problem(text: str) -> str | None:
    """Why `text` is no usable pattern: it does not compile, matches the empty string (it would match every
    name), or a search of a long run of one of its letters (after its leading letters) takes over
    `PATTERN_SECONDS` (the inputs on which nested repeats backtrack without end); None if usable."""
    import regex

    try:
        pattern = compiled(text)
    except regex.error as err:
        return f"is not a valid regular expression ({err})"
    if pattern.search("") is not None:
        return "is a regular expression that matches an empty name (it would match every name)"
    lead = re.match(r"[\w ]*", text)[0].lower()  # the letters a match must begin with, if any
    for probe in sorted({start + c * PROBE + "!" for c in text.lower() if c.isalnum() for start in ("", lead)} | {" " * PROBE + "!"}):
        try:
            pattern.search(probe, timeout=PATTERN_SECONDS)
        except TimeoutError:
            return f"is a regular expression whose search of {probe[:12]!r}... takes over {PATTERN_SECONDS:g} s"
    return None


def _check_value(value, rule: dict, column: str, row: int, where: str) -> None:
    allowed = rule.get("allowed")
    if allowed is not None and value not in allowed:
        raise DataError(f"{where}, row {row}, column {column}: {value!r} is not one of {allowed}")
    if "min" in rule and value < rule["min"] or "max" in rule and value > rule["max"]:
        raise DataError(
            f"{where}, row {row}, column {column}: {value} is outside {rule.get('min', '-inf')}..{rule.get('max', 'inf')}"
        )
