"""Reading the suite's files strictly: CSV as strings and YAML without duplicate keys or aliases.

Every problem is a DataError naming the file (and the line where it can): a user who edited a file by
hand knows where to look. Only regular files inside the data folder (or named by the user) are read.
"""
from __future__ import annotations

import contextlib
import csv
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from talentcheck import hashing, memo
from talentcheck.errors import DataError
from talentcheck.paths import data_dir, display_path

if TYPE_CHECKING:
    import pandas as pd


def _construct_mapping(self, node, deep=False):
    """A mapping, refusing duplicate keys (YAML keeps the last silently) and keys that are not plain values."""
    seen = set()
    for key_node, _ in node.value:
        key = self.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be a plain value",
                                                    key_node.start_mark) from None
        if duplicate:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep)


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys and aliases (`*name`, which can expand a small file into
    gigabytes), each with the line it is on."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"alias *{event.anchor} is not allowed here; write the value out",
                                              event.start_mark)
        return super().compose_node(parent, index)

    construct_mapping = _construct_mapping


class _FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same reading with libyaml's parser (ten times faster: every kernel parses claims.yaml and
    tables.yaml). Used only for text that cannot hold an alias (`_MAYBE_ALIAS`); its errors with a line are
    reported as they are (libyaml's messages are the pure-Python parser's), anything else goes to `_StrictLoader`,
    whose errors name the alias or the line."""

    construct_mapping = _construct_mapping


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:\ufeff])\*", re.MULTILINE)
"""Where an alias (`*name`) could start: at a line's start, or after a space, a flow indicator or a byte-order
mark (libyaml skips one at the start of any line). Text without one has no alias; text with one (or with `*`
in quoted text) is read by `_StrictLoader`."""


def _load_strictly(text: str):
    if "\ufeff" not in text[1:] and not _MAYBE_ALIAS.search(text):  # a byte-order mark only at the very start
        try:
            return yaml.load(text, Loader=_FastStrictLoader)
        except yaml.MarkedYAMLError as err:
            if "nesting depth" in (err.problem or ""):  # libyaml's limit, where the pure-Python parser recurses too deep
                raise RecursionError(err.problem) from None
            if err.problem_mark is not None:
                raise  # libyaml's message and line are the pure-Python parser's (its messages are the same)
        except yaml.YAMLError:
            pass  # read again below, for a message with the line the pure-Python parser gives
    return yaml.load(text, Loader=_StrictLoader)


@contextlib.contextmanager
def _reading(where: str):
    """A file that is missing, unreadable or not UTF-8 as a DataError naming it."""
    try:
        yield
    except FileNotFoundError:
        raise DataError(f"{where}: file not found") from None
    except (IsADirectoryError, PermissionError) as err:
        raise DataError(f"{where}: cannot read it ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise DataError(f"{where}: not UTF-8 text (byte {err.start})") from None


@memo.by_content(key=hashing.sha256, copy_answers=True)
def _parsed(raw: bytes):
    """YAML from its bytes, remembered by them: a copy of data/ is not parsed again."""
    return _load_strictly(raw.decode("utf-8"))


def read_yaml(path: Path):
    """A YAML file's content, read strictly (see `_StrictLoader`)."""
    where = display_path(path)
    try:
        with _reading(where):
            regular_file(path)
            return _parsed(path.read_bytes())
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        at = f", line {mark.line + 1}" if mark else ""
        raise DataError(f"{where}{at}: invalid YAML: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise DataError(f"{where}: invalid YAML: {' '.join(str(err).split())}") from None
    except RecursionError:
        raise DataError(f"{where}: invalid YAML: {TOO_DEEP}") from None


TOO_DEEP = "nested too deeply to read (lists or mappings inside each other thousands of levels deep)"

def yaml_text(text: str):
    """YAML from a string, as strictly as from a file (no duplicate keys, no aliases)."""
    try:
        return _load_strictly(text)
    except yaml.YAMLError as err:
        raise DataError(f"invalid YAML: {' '.join(str(err).split())}") from None
    except RecursionError:
        raise DataError(f"invalid YAML: {TOO_DEEP}") from None


def read_parameters_file(path: Path) -> dict:
    """`talentcheck run -f FILE.yaml`: a mapping of parameter names to values."""
    given = read_yaml(Path(path))
    if given is None:
        return {}
    if not isinstance(given, dict) or not all(isinstance(k, str) for k in given):
        raise DataError(f"{display_path(Path(path))}: expected a mapping of parameter names to values")
    return given


def shown(path: Path) -> str:
    """A file as the user named it: `display_path` of its folder and its own name (a file that is a link is named
    by the link, the file the user replaced, not by its target; a link loop cannot be resolved anyway)."""
    try:
        folder = display_path(Path(path).parent)
    except (RuntimeError, OSError):
        folder = str(Path(path).parent)
    return Path(path).name if folder == "." else f"{folder}/{Path(path).name}"


def regular_file(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO would block the read; a symlink loop never ends)."""
    try:
        mode = path.stat().st_mode
    except RuntimeError:
        raise DataError(f"{shown(path)}: a symbolic link loop") from None
    except OSError as err:
        if err.errno == 40:  # ELOOP
            raise DataError(f"{shown(path)}: a symbolic link loop") from None
        raise
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise DataError(f"{shown(path)}: not a regular file")
    folder = data_dir()
    if path.is_symlink() and path.absolute().is_relative_to(folder) and not path.resolve().is_relative_to(folder.resolve()):
        link = Path("data") / path.absolute().relative_to(folder)  # the link's own name, not its target's
        raise DataError(f"{link}: a symbolic link to {path.resolve()}, outside the data folder")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, refused as `read_csv` refuses what is not a readable regular file."""
    with _reading(shown(path)):
        regular_file(path)
        return hashing.file_sha256(path)


def read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV as strings; a row whose field count differs from the header's is an error naming its line."""
    import pandas as pd

    where = shown(path)
    try:
        with _reading(where):
            regular_file(path)
            with open(path, encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle, strict=True)  # a quote left open (a file cut short) is an error, not lost rows
                rows, lines = [], []
                for row in reader:
                    rows.append(row)
                    lines.append(reader.line_num)
    except csv.Error as err:
        raise DataError(f"{where}: cannot parse CSV: {err}") from None
    if not rows:
        raise DataError(f"{where}: file is empty")
    if rows[0] and rows[0][0].startswith("\ufeff"):  # a byte-order mark, as spreadsheet programs write
        rows[0][0] = rows[0][0][1:]
    if len(rows) < 2:
        raise DataError(f"{where}: no rows, only a header")
    header = rows[0]
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise DataError(f"{where}: column(s) {', '.join(map(repr, twice))} appear more than once in the header")
    for row, line in zip(rows[1:], lines[1:]):
        if len(row) != len(header):
            raise DataError(f"{where}, line {line}: {len(row)} fields where the header has {len(header)}")
    return pd.DataFrame(rows[1:], columns=header, dtype=object)


# ---- writing CSV that is safe to open -------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a spreadsheet reads as the start of a formula (OWASP's CSV Injection page: =, +, -, @, tab, carriage
return, and since 2025 line feed)."""
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value):
    """A text cell that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`), with a
    single quote in front, as OWASP recommends: the spreadsheet then shows it as text. A plain number ("-5")
    and anything that is not text are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _cell(value) -> str:
    """One CSV cell (RFC 4180): empty for None or NaN; quoted, its quotes doubled, when it holds a comma, a
    quote, a carriage return or a line feed (Python's csv module leaves a lone carriage return unquoted when
    rows end in a line feed, which breaks the row in every reader)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells, safe: bool = True) -> str:
    """One row of CSV with its line feed; `safe`: text cells neutralised as `spreadsheet_safe` says (for what a
    reader opens; the data tables the suite reads back keep their exact values)."""
    line = ",".join(_cell(spreadsheet_safe(c) if safe else c) for c in cells)
    return (line or '""') + "\n"  # a row of one empty cell is not an empty line


def write_csv(handle, header: list[str], rows, safe: bool = True) -> None:
    """Write a header and rows (dicts by column, or sequences) to an open text `handle`, one `csv_line` each."""
    handle.write(csv_line(header, safe))
    for row in rows:
        handle.write(csv_line([row.get(c) for c in header] if isinstance(row, dict) else row, safe))


@contextlib.contextmanager
def written_whole(target: Path, suffix: str = ".part"):
    """Yield a path beside `target` to write, then rename it over `target`: readers see the old file or the new
    one, never half of one, and a write that fails (a full disk, Ctrl-C) leaves neither the part nor a truncated
    `target` behind."""
    part = target.with_name(target.name + suffix)
    try:
        yield part
        part.replace(target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
