"""What the test modules share (a plain module: test modules do not import each other): editing a CSV cell, the
catalogue of bad data (`BAD_DATA`), snapshots of folders, small notebooks, waits and process lists, and the
test-side checks of what the report shows (opaque words) and of the resolver's accuracy (the Wilson interval)."""
from __future__ import annotations

import builtins
import csv
import errno
import html
import io
import os
import re
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from talentcheck import clear_caches, paths

ORIGIN_CSV = "tracker/origin_undergrad.csv"
ROW = {"year": 2019, "cohort": "top_tier", "country": "China", "source_name": "MP1"}
"""A row of ORIGIN_CSV that the corruptions below edit."""


def set_cell(csv_path: Path, match: dict, column: str, value: str) -> None:
    """Set `column` to `value` in every row of `csv_path` whose columns equal `match`."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if all(r[k] == str(v) for k, v in match.items())]
    assert hits, f"no row of {csv_path.name} matches {match}"
    for row in hits:
        row[column] = value
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    clear_caches()


def small_notebook(path: Path, parameters: str, body: str = "x = 1") -> Path:
    """Write a notebook of two cells, a tagged parameters cell and `body`, run by the stock python3 kernel."""
    cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(body)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                        "language": "python"}})
    nbformat.write(nb, path)
    return path


def eventually(condition, seconds: float) -> bool:
    """Poll `condition()` until it is true (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_until(condition, seconds: float, what: str) -> None:
    """Poll `condition()` until it is true; fail naming `what` if `seconds` pass first."""
    assert eventually(condition, seconds), f"waited {seconds:g} s for {what}"


def children(pid: int) -> list[int]:
    """The process ids whose parent is `pid` (read from /proc: Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def workers_of(pid: int) -> list[int]:
    """The children of `pid` in its own session: its workers, not a kernel server it started (that one
    lives on in a session of its own)."""
    found = []
    for child in children(pid):
        try:
            if os.getsid(child) == os.getsid(pid):
                found.append(child)
        except ProcessLookupError:
            pass
    return found


# ---- what a reader must never see, and how sure a measured share is ------------------------------------

OPAQUE = re.compile(r"[A-Za-z0-9+/_-]*=+|(?=[A-Za-z_-]*\d)(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}|(?!\d{4}-\d\d-\d\d$)(?=(?:[_-]*\d){6})[\d_-]+")
"""A word no reader can read: base64 (`MjM5MjAwODM4MA==`), a hash or id mixing letters and digits over eight
characters (`PjmDZE5I8E`, `cef5ec0420`, an IPFS hash), or six digits or more (an article number). A commit named as
such ("at commit 6913570") is a reference a reader can follow, not an opaque word."""


def opaque_words(title: str) -> list[str]:
    """The words of `title` that are ids, hashes or base64 tokens rather than words (see OPAQUE)."""
    title = re.sub(r"\bcommit [0-9a-f]{7,40}\b", "", title)
    return [w for w in re.split(r"[\s,:;()]+", title) if w and OPAQUE.fullmatch(w)]


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion: how the resolver's accuracy on a
    hand-checked sample is reported."""
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * ((p * (1 - p) / trials + z * z / (4 * trials * trials)) ** 0.5) / (1 + z * z / trials)
    return centre - half, centre + half


# ---- bad data: every way a data file can be wrong, and the one line that must name it ------------------

def snapshot(folder: Path) -> dict:
    """Every file, folder and link under `folder` with its bytes (or link target)."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = ("link", os.readlink(path))
        elif path.is_file():
            state[key] = path.read_bytes()
        elif path.is_dir():
            state[key] = "dir"
        else:
            state[key] = "other"
    return state


def text(path: Path, old: str, new: str, count: int = 1) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path.name}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def cell(column, value, csv_name=ORIGIN_CSV, row=ROW):
    return lambda d: set_cell(d / csv_name, row, column, value)


def first_row(csv_name: str, column: str, value: str):
    """Set `column` of the first data row (row 2) of `csv_name`."""
    def edit(d):
        with open(d / csv_name, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        rows[1][rows[0].index(column)] = value
        with open(d / csv_name, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return edit


def ragged(d):
    lines = (d / ORIGIN_CSV).read_text().splitlines()
    (d / ORIGIN_CSV).write_text("\n".join([lines[0], lines[1] + ",extra", *lines[2:]]) + "\n")


def extra_column(d):
    lines = (d / ORIGIN_CSV).read_text().splitlines()
    (d / ORIGIN_CSV).write_text("\n".join([lines[0] + ",extra", *(line + "," for line in lines[1:])]) + "\n")


def header_only(d):
    path = d / "money" / "huawei_rd.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")


def fifo(d):
    path = d / "money" / "huawei_rd.csv"
    path.unlink()
    os.mkfifo(path)


def loop(d):
    path = d / "money" / "huawei_rd.csv"
    path.unlink()
    path.symlink_to(path)


def link_outside(d):
    path = d / "money" / "huawei_rd.csv"
    outside = d.parent / "elsewhere.csv"
    outside.write_text(path.read_text())
    path.unlink()
    path.symlink_to(outside)


def unreadable(d):
    path = d / "money" / "university_budgets.csv"
    path.unlink()
    path.mkdir()


def header_twice(d):
    """A column copied beside itself under the same name (a spreadsheet's "duplicate column")."""
    with open(d / ORIGIN_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index("share_pct")
    with open(d / ORIGIN_CSV, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(row + [row[at]] for row in rows)


def cut_in_a_quote(d):
    """The file cut short inside a quoted cell (a copy that stopped, `head -c`): the rows after it are gone."""
    raw = (d / ORIGIN_CSV).read_bytes()
    (d / ORIGIN_CSV).write_bytes(raw[:raw.index(b',"', raw.index(b"\n")) + 5])


def link_to_another_table(d):
    """A table replaced by a link to another table of data/."""
    (d / "money" / "huawei_rd.csv").unlink()
    (d / "money" / "huawei_rd.csv").symlink_to(Path("..") / ORIGIN_CSV)


def append(name, addition):
    """Add text at the end of a YAML file (where other branches' edits do not move it)."""
    return lambda d: (d / name).write_text((d / name).read_text(encoding="utf-8") + addition, encoding="utf-8")


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe reading and writing where PyYAML has it (ten times faster on claim_texts.yaml)."""


def yaml_edit(name, change):
    """Load a YAML file of the data copy, change the structure, and write it back."""
    def edit(d):
        content = yaml.load((d / name).read_text(encoding="utf-8"), Loader=FAST_LOADER)
        change(content)
        (d / name).write_text(yaml.dump(content, Dumper=FAST_DUMPER, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return edit


def share_rule(**rule):
    def change(tables):
        tables["tracker/origin_undergrad"]["columns"]["share_pct"] = rule
    return change


_CLAIMS = yaml.load((paths.ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"), Loader=FAST_LOADER)


def with_table(claims: list) -> dict:
    """The first claim judged from a table with a numeric value column: its figures must be numbers."""
    return next(c for c in claims if (c.get("check") or {}).get("table") and isinstance(c["check"].get("figures"), dict))


def checked(claims: list) -> dict:
    """The first claim a notebook judges."""
    return next(c for c in claims if c.get("notebook"))


TABLE_CLAIM, CHECKED_CLAIM = with_table(_CLAIMS)["id"], checked(_CLAIMS)["id"]


def charted(claims: list) -> dict:
    """The first claim whose card shows a chart of its notebook."""
    return next(c for c in claims if c.get("chart"))


def ranged(claims: list) -> dict:
    """The first claim whose figure is a range of numbers."""
    return next(c for c in claims if (c.get("check") or {}).get("compare") == "between"
                and all(isinstance(x, (int, float)) for v in c["check"]["figures"].values() for x in v))


def as_stated(claims: list) -> dict:
    """The first claim with an `as_stated` cohort that filters its table by the notebook's cohort."""
    return next(c for c in claims if "cohort" in (c.get("as_stated") or {}) and "where" in c.get("check", {}))


CHARTED_CLAIM, RANGED_CLAIM, AS_STATED_CLAIM = charted(_CLAIMS)["id"], ranged(_CLAIMS)["id"], as_stated(_CLAIMS)["id"]


def drop_lines(name: str, start: str):
    """Delete the lines of data/`name` that begin with `start`."""
    def edit(d):
        lines = (d / name).read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(start)]
        assert len(kept) < len(lines), f"no line of {name} begins with {start!r}"
        (d / name).write_text("".join(kept), encoding="utf-8")
    return edit


def claim_edit(change, pick=with_table):
    return yaml_edit("claims.yaml", lambda claims: change(pick(claims)))


def set_first_figure(value):
    def change(claim):
        figures = claim["check"]["figures"]
        figures[next(iter(figures))] = value
    return change


def set_id(value):
    return claim_edit(lambda c: c.update(id=value), checked)


COST = "compute/gpt4_cost_estimates.csv"
NAMES_CSV = "neurips/institution_names.csv"
DEEPMIND = {"institution": "DeepMind"}
FOUNDER = {"name": "Manuel Kroiss"}
INPUT_ROW = {"role": "affiliations_2019"}
BAD_ID = "is not a valid claim id (lower-case letters and digits in words joined by '-')"
MIRROR = "http://senqingzn.com/dy/article/JTGOJCRK0549R6EJ.html?f=post2020_dy_recommends"

BAD_DATA = [  # (id, what is done to a copy of data/, what the one line must say: a text or its parts in order)
    # the tables: files, rows, cells
    ("csv-undeclared", lambda d: (d / "tracker" / "extra.csv").write_text("year,share_pct\n2022,5\n"),
     "data/tracker/extra.csv: not declared in data/tables.yaml"),
    ("csv-ragged", ragged, "data/tracker/origin_undergrad.csv, line 2: 10 fields where the header has 9"),
    ("csv-missing-column", lambda d: text(d / ORIGIN_CSV, ",share_pct,", ",share,"),
     "data/tracker/origin_undergrad.csv: missing column(s) share_pct"),
    ("csv-extra-column", extra_column, "data/tracker/origin_undergrad.csv: unexpected column(s) extra"),
    ("csv-header-only", header_only, "data/money/huawei_rd.csv: no rows, only a header"),
    ("csv-empty", lambda d: (d / "money" / "huawei_rd.csv").write_text(""), "data/money/huawei_rd.csv: file is empty"),
    ("csv-not-utf8", lambda d: (d / "money" / "huawei_rd.csv").write_bytes((d / "money" / "huawei_rd.csv").read_bytes()
                                                                           + b"2025,1\xff,x,secondary,https://example.org\n"),
     "data/money/huawei_rd.csv: not UTF-8 text"),
    ("csv-a-folder", unreadable, "data/money/university_budgets.csv: cannot read it"),
    ("csv-fifo", fifo, "data/money/huawei_rd.csv: not a regular file"),
    ("csv-symlink-loop", loop, "data/money/huawei_rd.csv: a symbolic link loop"),
    ("csv-symlink-outside", link_outside, "data/money/huawei_rd.csv: a symbolic link to"),
    ("csv-open-quote", lambda d: text(d / "money" / "huawei_rd.csv", "\n2014,", '\n2014,"40'), "data/money/huawei_rd.csv"),
    ("csv-header-twice", header_twice, "data/tracker/origin_undergrad.csv: column(s) 'share_pct' appear more than once in the header"),
    ("csv-cut-in-a-quote", cut_in_a_quote, "data/tracker/origin_undergrad.csv: cannot parse CSV: unexpected end of data"),
    ("csv-link-to-another-table", link_to_another_table, "data/money/huawei_rd.csv: missing column(s)"),
    ("cell-arabic-indic-year", cell("year", "\u0662\u0660\u0661\u0669"), "row 2, column year: '\u0662\u0660\u0661\u0669' is not a whole number"),
    ("cell-arabic-indic-share", cell("share_pct", "\u0662\u0669"), "row 2, column share_pct: '\u0662\u0669' is not a number"),
    ("cell-underscore-number", cell("share_pct", "2_9"), "row 2, column share_pct: '2_9' is not a number"),
    ("cell-no-such-day", first_row("sources.csv", "date_published", "2025-02-30"),
     "data/sources.csv, row 2, column date_published: '2025-02-30' is not a date"),
    ("yaml-nested-deep", append("claim_texts.yaml", "\nbomb: " + "[" * 20_000 + "]" * 20_000 + "\n"),
     "data/claim_texts.yaml: invalid YAML: nested too deeply to read"),
    ("cell-words", cell("share_pct", "forty"), "origin_undergrad.csv, row 2, column share_pct: 'forty' is not a number"),
    ("cell-nan", cell("share_pct", "NaN"), "origin_undergrad.csv, row 2, column share_pct: 'NaN' is not a finite number"),
    ("cell-inf", first_row(COST, "value_musd", "1e309"), "gpt4_cost_estimates.csv, row 2, column value_musd: '1e309' is not a finite number"),
    ("cell-minus-inf", first_row(COST, "value_musd", "-inf"), "gpt4_cost_estimates.csv, row 2, column value_musd: '-inf' is not a finite number"),
    ("cell-over-range", cell("share_pct", "140"), "origin_undergrad.csv, row 2, column share_pct: 140.0 is outside 0..100"),
    ("cell-not-allowed", cell("year", "2021"), "origin_undergrad.csv, row 2, column year: 2021 is not one of [2019, 2022]"),
    ("cell-empty", cell("source_url", ""), "origin_undergrad.csv, row 2, column source_url: empty, but a value is required"),
    ("cell-not-a-url", cell("source_url", "macropolo.org"), "row 2, column source_url: 'macropolo.org' is not a URL"),
    ("cell-script-url", cell("source_url", "javascript:alert(1)"), "row 2, column source_url: 'javascript:alert(1)' is not a URL"),
    ("cell-standing", cell("source_standing", "gospel"), "row 2, column source_standing: 'gospel' is not a source standing"),
    ("cell-country-code", cell("country", "USA"), "row 2, column country: 'USA' is not a country's standard short name (use 'United States')"),
    ("cell-no-country", cell("country", "Atlantis"), "row 2, column country: 'Atlantis' is not a country country_converter knows"),
    ("cell-label-dollars", lambda d: set_cell(d / "xai/founders.csv", FOUNDER, "name", "Cost $5 and $6"),
     "data/xai/founders.csv, row 4, column name: 'Cost $5 and $6' is a name a chart draws, which must not hold '$'"),
    ("cell-label-long", lambda d: set_cell(d / "xai/founders.csv", FOUNDER, "name", "W" * 81),
     "column name: '" + "W" * 81 + "' is a name a chart draws: at most 80 characters"),
    ("cell-required-with", lambda d: set_cell(d / "sources.csv", {"url": MIRROR}, "what", ""),
     "data/sources.csv, row 8, column what: empty, but a value is required where form is given"),
    ("row-duplicate-key", lambda d: text(d / ORIGIN_CSV, "\n", "\n" + (d / ORIGIN_CSV).read_text().splitlines()[1] + "\n"),
     "origin_undergrad.csv, row 3: duplicate key (year=2019, cohort=top_tier, country=China, source_name=MP1)"),
    ("shares-over-100", lambda d: set_cell(d / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "India"}, "share_pct", "30"),
     "shares for year=2022, cohort=top_tier sum to 115, over 100 + 1"),
    ("standing-not-its-urls", lambda d: text(d / COST, ",AI-INDEX,secondary,", ",AI-INDEX,primary,"),
     ("gpt4_cost_estimates.csv, row ", ", column source_standing: 'primary'")),
    ("source-code-climbs", first_row("sources.csv", "code", "../X"), "data/sources.csv, row 2, column code: '../X' is not a valid source code"),
    ("source-code-lower", first_row("sources.csv", "code", "mp1"), "data/sources.csv, row 2, column code: 'mp1' is not a valid source code"),
    ("input-path-climbs", cell("path", "github/../../../x", "neurips/inputs.csv", INPUT_ROW),
     "data/neurips/inputs.csv, row 2, column path: 'github/../../../x' is not a valid mirror path"),
    ("input-path-dot-segment", cell("path", "github/a/b/" + "0" * 40 + "/../../x", "neurips/inputs.csv", INPUT_ROW),
     "column path: 'github/a/b/0000000000000000000000000000000000000000/../../x' is not a valid mirror path"),
    ("input-path-absolute", cell("path", "/etc/passwd", "neurips/inputs.csv", INPUT_ROW), "column path: '/etc/passwd' is not a valid mirror path"),
    ("input-path-other-host", cell("path", "https://evil.example/x", "neurips/inputs.csv", INPUT_ROW),
     "column path: 'https://evil.example/x' is not a valid mirror path"),
    # the reviewed patterns the resolver searches with: compiled, probed with a time bound, named by row and column
    ("pattern-invalid", cell("names", "(unclosed", NAMES_CSV, DEEPMIND),
     "data/neurips/institution_names.csv, row 2, column names: '(unclosed' is not a valid regular expression (missing ) at position 9)"),
    ("pattern-bad-escape", cell("names", "tsinghua\\", NAMES_CSV, DEEPMIND), "row 2, column names: 'tsinghua\\\\' is not a valid regular expression"),
    ("pattern-backtracks", cell("names", "(a|aa)+b", NAMES_CSV, DEEPMIND),
     "row 2, column names: '(a|aa)+b' is a regular expression whose search of 'aaaaaaaaaaaa'... takes over 0.5 s"),
    ("pattern-backtracks-alternatives", cell("names", "deep(m|m)+ind", NAMES_CSV, DEEPMIND), "'deep(m|m)+ind' is a regular expression whose search"),
    ("pattern-matches-nothing-at-all", cell("names", "x*", NAMES_CSV, DEEPMIND),
     "row 2, column names: 'x*' is a regular expression that matches an empty name (it would match every name)"),
    ("pattern-empty-alternative", cell("names", "deep ?mind|", NAMES_CSV, DEEPMIND), "'deep ?mind|' is a regular expression that matches an empty name"),
    # the schemas
    ("tables-duplicate-table", append("tables.yaml", "\ntracker/origin_undergrad:\n  columns: {year: }\n"),
     ("data/tables.yaml, line ", ": invalid YAML: duplicate key 'tracker/origin_undergrad'")),
    ("tables-duplicate-column", append("tables.yaml", "\nextra/table:\n  columns:\n    year:\n    year:\n"),
     ("data/tables.yaml, line ", ": invalid YAML: duplicate key 'year'")),
    ("tables-alias", append("tables.yaml", "\nextra/table:\n  columns: &c {year: }\nother/table:\n  columns: *c\n"),
     ("data/tables.yaml, line ", ": invalid YAML: alias *c is not allowed")),
    ("tables-billion-laughs", append("tables.yaml", "\nlol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"),
     ("data/tables.yaml, line ", ": invalid YAML: alias *a is not allowed")),
    ("tables-unknown-type", yaml_edit("tables.yaml", share_rule(type="percent")),
     "data/tables.yaml, table 'tracker/origin_undergrad', column share_pct: unknown type 'percent'"),
    ("tables-bound-text", yaml_edit("tables.yaml", share_rule(type="float", max="lots")),
     "data/tables.yaml, table 'tracker/origin_undergrad', column share_pct: max must be a finite number"),
    ("tables-bound-inf", yaml_edit("tables.yaml", share_rule(type="float", max=float("inf"))), "column share_pct: max must be a finite number"),
    ("tables-bound-on-text", yaml_edit("tables.yaml", share_rule(min=0)), "column share_pct: min must be a finite number on an int or float column"),
    ("tables-unknown-rule", yaml_edit("tables.yaml", share_rule(type="float", minimum=0)), "column share_pct: unknown rule(s) ['minimum']"),
    ("tables-no-columns", yaml_edit("tables.yaml", lambda t: t["tracker/origin_undergrad"].update(columns=[])),
     "data/tables.yaml, table 'tracker/origin_undergrad': needs `columns`, a mapping of column names to rules"),
    ("tables-key-unknown", yaml_edit("tables.yaml", lambda t: t["tracker/origin_undergrad"].update(key=["nation"])),
     "data/tables.yaml, table 'tracker/origin_undergrad': key must list columns of the table"),
    ("tables-syntax", append("tables.yaml", "\nextra/table: [unclosed\n"), ("data/tables.yaml, line ", ": invalid YAML")),
    ("tables-not-mapping", lambda d: (d / "tables.yaml").write_text("- a\n- b\n"), "data/tables.yaml: expected a mapping of table names"),
    # the claim registry
    ("claims-duplicate-id", lambda d: text(d / "claims.yaml", "- id: origin-47-18-5", "- id: nearly-half-undergrad-china"),
     "duplicate claim id 'nearly-half-undergrad-china'"),
    ("claims-missing-notebook", lambda d: text(d / "claims.yaml", "notebook: 08_money.ipynb", "notebook: 09_gone.ipynb"),
     "notebook '09_gone.ipynb' does not exist in notebooks/"),
    ("claims-no-figures", claim_edit(lambda c: c["check"].pop("figures")), f"data/claims.yaml, claim '{TABLE_CLAIM}': check.figures is missing or empty"),
    ("claims-figure-words", claim_edit(set_first_figure("forty-seven")),
     f"data/claims.yaml, claim '{TABLE_CLAIM}': figure 'forty-seven' must be a finite number"),
    ("claims-figure-nan", claim_edit(set_first_figure(float("nan"))), f"data/claims.yaml, claim '{TABLE_CLAIM}': figure nan must be a finite number"),
    ("claims-duplicate-key", append("claims.yaml", "\n- id: extra\n  paragraph: 1\n  paragraph: 2\n"),
     ("data/claims.yaml, line ", ": invalid YAML: duplicate key 'paragraph'")),
    ("claims-alias", append("claims.yaml", "\n- id: extra\n  claim: &c text\n  stated: *c\n"),
     ("data/claims.yaml, line ", ": invalid YAML: alias *c is not allowed")),
    ("claims-notebook-outside", claim_edit(lambda c: c.update(notebook="../../etc/passwd.ipynb"), checked),
     f"data/claims.yaml, claim '{CHECKED_CLAIM}': '../../etc/passwd.ipynb' is not a valid notebook"),
    ("claims-notebook-path", claim_edit(lambda c: c.update(notebook="notebooks/" + c["notebook"]), checked),
     f"data/claims.yaml, claim '{CHECKED_CLAIM}': 'notebooks/"),
    ("claims-notebook-spaces", claim_edit(lambda c: c.update(notebook="01 researcher origin.ipynb"), checked),
     f"claim '{CHECKED_CLAIM}': '01 researcher origin.ipynb' is not a valid notebook"),
    ("claims-compare", claim_edit(lambda c: c["check"].update(compare="roughly")), f"claim '{TABLE_CLAIM}': check.compare must be one of"),
    ("claims-tolerance", claim_edit(lambda c: c["check"].update(tolerance=-3)), f"claim '{TABLE_CLAIM}': check.tolerance must be a finite number >= 0"),
    ("claims-value-column", claim_edit(lambda c: c["check"].update(value="percent")), f"claim '{TABLE_CLAIM}': check.value 'percent' is not a column of"),
    ("claims-paragraph-text", claim_edit(lambda c: c.update(paragraph="six")), f"claim '{TABLE_CLAIM}': field paragraph must be a int"),
    ("claims-entry-text", yaml_edit("claims.yaml", lambda claims: claims.insert(3, "just a sentence")), "data/claims.yaml, claim #4: expected a mapping of fields"),
    ("claims-not-list", lambda d: (d / "claims.yaml").write_text("id: x\n"), "data/claims.yaml: expected a list of claims"),
    ("claims-unknown-table", claim_edit(lambda c: c["check"].update(table="tracker/nowhere")),
     f"claim '{TABLE_CLAIM}': evidence table 'tracker/nowhere' is not in data/tables.yaml"),
    ("claims-not-utf8", lambda d: (d / "claims.yaml").write_bytes(b"- id: \xff\n"), "data/claims.yaml: not UTF-8 text (byte 6)"),
    # what ties the registry to other files: checked by validate, not found by a kernel (or a card) later
    ("claims-no-quotation", drop_lines("article.csv", f"{CHECKED_CLAIM},"),
     f"data/article.csv: no row for claim '{CHECKED_CLAIM}' of "),
    ("claims-chart-not-drawn", claim_edit(lambda c: c.update(chart=99), charted),
     (f"data/claims.yaml, claim '{CHARTED_CLAIM}', chart: 99, but the committed ", " draws ")),
    ("claims-range-reversed", claim_edit(lambda c: c["check"]["figures"].update({k: v[::-1] for k, v in c["check"]["figures"].items()}), ranged),
     (f"data/claims.yaml, claim '{RANGED_CLAIM}': figure [", "] must be a range [low, high] with low <= high")),
    ("claims-figure-yaml-text", lambda d: text(d / "claims.yaml", "figures: {China: [40, 50]}", "figures: {China: [40, 1e308]}"),
     "figure '1e308' is text to YAML, which reads an exponent only with a dot and a sign (write 1.0e+308)"),
    ("claims-figure-outside-column", lambda d: text(d / "claims.yaml", "figures: {China: [40, 50]}", "figures: {China: [40, 1.0e+308]}"),
     "figure 1e+308 is outside 0..100, the range of column share_pct of tracker/"),
    ("claims-as-stated-not-declared", claim_edit(lambda c: c["as_stated"].update(cohort="elite"), as_stated),
     (f"claim '{AS_STATED_CLAIM}', as_stated.cohort: parameter 'cohort' (", ".ipynb) must be one of")),
    ("claims-where-undeclared", claim_edit(lambda c: c["check"]["where"].update(cohort="{nonsense}"), as_stated),
     (f"claim '{AS_STATED_CLAIM}', check.where.cohort: {{nonsense}} is not a parameter ", " declares")),
    ("words-cohort-row-deleted", drop_lines("reader_words.csv", "cohort,most_elite,2022,"),
     "data/reader_words.csv: no row for cohort most_elite in 2022 (data/tables.yaml allows them in tracker/"),
    # identifiers from data become file names and links: each is held to its pattern before any path is built
    ("id-climbs-into-notebooks", set_id("../../../notebooks/INJECTED"), f"data/claims.yaml, claim #1, field id: '../../../notebooks/INJECTED' {BAD_ID}"),
    ("id-climbs-out-of-output", set_id("../../../ESCAPED"), f"field id: '../../../ESCAPED' {BAD_ID}"),
    ("id-folder", set_id("a/b"), f"field id: 'a/b' {BAD_ID}"),
    ("id-link-parts", set_id("q#frag?x=1"), f"field id: 'q#frag?x=1' {BAD_ID}"),
    ("id-300-characters", set_id("x" * 300), "field id: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... is not a valid claim id (at most 80 characters)"),
    ("id-empty", set_id(""), f"field id: '' {BAD_ID}"),
    ("id-number", set_id(7), f"field id: 7 {BAD_ID}"),
    ("id-capitals-and-space", set_id("Top 25"), f"field id: 'Top 25' {BAD_ID}"),
    ("id-backslash", set_id("..\\..\\x"), f"field id: '..\\\\..\\\\x' {BAD_ID}"),
    ("id-dot-html", set_id("index.html"), f"field id: 'index.html' {BAD_ID}"),
    ("id-trailing-newline", set_id("top25\n"), f"field id: 'top25\\n' {BAD_ID}"),
]


# ---- reading a report's pages as a reader, and as a search engine ------------------------------------------

MARKUP = "<img src=x onerror=alert(1)>"


def reader_text(page: str) -> str:
    """What a reader sees of a page: its text, without markup, scripts, styles or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def json_ld(page: str) -> dict:
    """The card's ClaimReview as a search engine or a fact-check archive reads it (extruct, not a regex of ours)."""
    import extruct

    items = extruct.extract(page, base_url="file:///claims/card.html", syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert [item["@type"] for item in items] == ["ClaimReview"], "one ClaimReview per card"
    return items[0]


def internal_names(text: str) -> list[str]:
    """The engine room in a reader's text: source codes (DM, GH-FR; not those that are their publisher's name, as
    GIGAZINE), the data's snake_case column names (share_pct) and verdict values (supported_with_caveat), as whole
    words."""
    from talentcheck import data
    from talentcheck.claims.verdicts import VERDICTS
    from talentcheck.claims.words import COLUMN_WORDS
    from talentcheck.data import sources

    columns = {c for spec in data.schemas().values() for c in spec["columns"] if "_" in c} | {c for c in COLUMN_WORDS if "_" in c}
    codes = {code for code, name in sources.code_names().items() if code.lower() not in name.lower()}
    names = columns | {v for v in (*VERDICTS, "not_run", "not_yet_checked") if "_" in v} | codes
    words = set(re.findall(r"(?<![\w/.-])[A-Za-z][\w-]*(?![\w/-])", text))
    return sorted(words & names)


def displayed_text(output: dict) -> str:
    """What a notebook shows of an output, as JupyterLab and the report's pages pick it (HTML, else Markdown, else
    plain text), as a reader reads it."""
    found = output.get("data", {})
    for kind in ("text/html", "text/markdown", "text/plain"):
        if kind in found:
            text = "".join(found[kind])
            return reader_text(text) if kind == "text/html" else text
    return "".join(output.get("text", ""))


# ---- a full disk, without root: writes under a folder fail as they do when the disk is full ----------------

class _Full:
    """An open file on a full disk: the first `room` bytes are written, then ENOSPC, as write(2) says it."""

    def __init__(self, handle, room: int):
        self._handle, self._room = handle, room

    def write(self, data):
        if len(data) > self._room:
            self._handle.write(data[:self._room])  # what fitted: a truncated file, as a full disk leaves it
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()
        return False

    def __getattr__(self, name):
        return getattr(self._handle, name)


def full_disk(monkeypatch, folder: Path, match=lambda path: True, room: int = 0) -> None:
    """Make the disk under `folder` full for files `match(path)` accepts, in this process: each such file opened
    for writing takes `room` bytes, then fails with ENOSPC. Papermill, nbformat and pathlib all write through
    `open`/`io.open`, which this replaces (an injected fault at the write layer: no root, no small file system)."""
    real = io.open
    root = folder.resolve()

    def opener(file, mode="r", *args, **kwargs):
        handle = real(file, mode, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and any(m in mode for m in "wax+"):
            path = Path(os.fspath(file)).resolve()
            if path.is_relative_to(root) and match(path):
                return _Full(handle, room)
        return handle
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.setattr(io, "open", opener)


def verdict_of(claim_id: str, **changes):
    """A claim's verdict row as its notebook's topic module gives it, under the notebook's defaults and `changes`
    (what a run records, judged in process)."""
    from talentcheck import claims, parameters
    from talentcheck.topics.readings import verdict_function

    notebook = claims.claim(claim_id)["notebook"]
    verdicts = verdict_function(notebook)({**parameters.defaults(notebook), **changes})
    return next(v for v in verdicts if v.claim_id == claim_id)


ENGINE_WORDS = re.compile(r"(?<![\w-])(?:(?:data|src|docs|notebooks)/[\w./-]*|[\w-]+\.(?:csv|py|yaml|yml|ipynb|json)|registry entry|claim registry"
                          r"|pipeline|alias map|parameters? cell|this run's reading|papers not matched to a status)(?![\w-])", re.I)


def engine_words(text: str) -> list[str]:
    """How the project is built, in a reader's text: its file names and paths (data/claim_texts.yaml, samples.py) and
    the engine's own words for its parts (the claim registry, the pipeline, an alias map), which a reader cannot
    open or look up."""
    return sorted(set(m.lower() for m in ENGINE_WORDS.findall(text)))


@pytest.fixture(autouse=True, scope="session")
def review_date():
    """The review's date, read once from git before any test (as every run reads it once)."""
    from talentcheck.report import claimreview

    claimreview.date_published()


@pytest.fixture(autouse=True)
def no_processes(monkeypatch, review_date):
    """Refuse to start a process: the tiers in tests/unit and tests/site work in this process only."""
    def refused(*args, **kwargs):
        raise AssertionError("a unit test starts no process (kernel, browser, command): move it to tests/integration/")
    monkeypatch.setattr(subprocess.Popen, "__init__", refused)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refused)
