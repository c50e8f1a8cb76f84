"""The matcher on any strings: `talentcheck neurips resolve` prints a CSV with one row per institution each
affiliation string names (its country as ISO alpha-3, Hong Kong, Macau and Taiwan apart, and its sector)."""
from __future__ import annotations

import functools
import sys
import unicodedata
from pathlib import Path

from talentcheck.data.countries import iso3
from talentcheck.data.files import csv_line
from talentcheck.errors import DataError
from talentcheck.neurips import inputs
from talentcheck.neurips.resolver.maps import load_resolver
from talentcheck.neurips.resolver.matcher import Resolver, clean_affiliation


def resolver_for(raw: Path) -> Resolver:
    """The pipeline's resolver when the raw maps are at `raw`; else one with the reviewed table only
    (a user's clone has no raw maps), saying so on stderr."""
    if raw.is_dir():
        return load_resolver(inputs.raw_paths(raw))
    print(f"talentcheck: {raw} is absent: resolving with data/neurips/institution_names.csv only", file=sys.stderr)
    return Resolver({}, {}, {})


def resolve_rows(affiliations, resolver: Resolver):
    """One row per institution each raw affiliation string names (cleaned and split as the pipeline
    does); a string naming none gets one row with empty institution, country and sector. Rows come as each
    string is read (a generator: a stream of strings is resolved line by line)."""
    for raw in affiliations:
        found = list(dict.fromkeys(r for name in clean_affiliation(raw) for r in resolver(name)))
        codes = _iso3(tuple(sorted({r.country for r in found})))
        yield from [{"raw": raw, "institution": r.institution, "country": codes.get(r.country, r.country), "sector": r.sector}
                    for r in found] or [{"raw": raw, "institution": "", "country": "", "sector": ""}]


@functools.lru_cache(maxsize=1024)
def _iso3(countries: tuple[str, ...]) -> dict[str, str]:
    return iso3(countries)


COLUMNS = ["raw", "institution", "country", "sector"]


def write_csv(affiliations, resolver: Resolver, out) -> None:
    """The CSV of `resolve_rows`, each string's rows written (and flushed) as soon as it is resolved: line in,
    rows out. Cells are safe to open in a spreadsheet (`data.files.csv_line`)."""
    out.write(csv_line(COLUMNS))
    for raw in affiliations:
        for row in resolve_rows([raw], resolver):
            out.write(csv_line([visible(row[c]) for c in COLUMNS]))
        out.flush()


def visible(cell):
    """A cell with every control or direction-changing character shown as its escape (`\\x1b`, `\\u202e`): echoed to a
    terminal, an affiliation string cannot recolour it, move the cursor or reverse the text. A tab, CR or LF stays
    (the CSV quotes the cell)."""
    if not isinstance(cell, str):
        return cell
    return "".join(c if c in "\t\r\n" or unicodedata.category(c) not in ("Cc", "Cf") else
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in cell)


def stdin_lines(stream=None):
    """The lines of standard input without their line ends, read one at a time; a closed standard input or a
    line that is not UTF-8 is a DataError naming it."""
    stream = sys.stdin if stream is None else stream
    if stream is None or getattr(stream, "closed", False):  # checked now, before the header is written
        raise DataError("standard input is closed: give the affiliations as arguments, or one per line on standard input")
    return _decoded(stream.buffer if hasattr(stream, "buffer") else stream)


LONGEST = 10_000
"""The most characters one affiliation string may have (the longest in the NeurIPS lists has a few hundred): a
longer line is refused, not held in memory and searched by every pattern."""


def _decoded(stream):
    number = 0
    while True:
        line = stream.readline(LONGEST * 4 + 2)  # bytes: a character is at most four, then the line end
        if not line:
            return
        number += 1
        if len(line) == LONGEST * 4 + 2 and not line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
            raise _too_long(f"standard input, line {number}")  # the start of a line longer than any affiliation
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as err:
                raise DataError(f"standard input, line {number}: not UTF-8 text (byte {err.start + 1})") from None
        yield checked(line.rstrip("\r\n"), f"standard input, line {number}")


def checked(affiliation: str, where: str) -> str:
    """`affiliation` if it is at most LONGEST characters, else a DataError naming `where`."""
    if len(affiliation) > LONGEST:
        raise _too_long(where)
    return affiliation


def _too_long(where: str) -> DataError:
    return DataError(f"{where}: longer than {LONGEST:,} characters (one affiliation string is expected per line)")
