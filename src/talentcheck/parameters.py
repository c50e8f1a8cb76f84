"""Notebook parameters: the one reading of the grammar a notebook's `parameters` cell declares them in, the
check of a value against its declaration (run by `talentcheck run` before anything executes, and by the
notebook itself right after its parameters cell, so a JupyterLab user who types a bad value gets one line
at the top), and the listing `talentcheck params` prints.

A parameter is declared as `name: type = default  # DOMAIN. help`, where DOMAIN is one of
    one of: a, b, c        the allowed values (each read as YAML: 2019 is a number, top_tier a string)
    range: >= 1            a number at least 1 (also `> 0`, `<= 1`, `< 5`)
    range: 0 to 1          a number from 0 to 1, both included (bounds may have decimals: `0.5 to 1`)
A parameter without a domain takes any value of its type. One whose default is None also takes None.
Numbers must be finite. An allowed value that is a whole number (a year) may also be given as text: "2019"
is read as 2019, as a person typing the value the help lists would expect.
"""
from __future__ import annotations

import ast
import io
import json
import math
import operator
import re
import textwrap
import tokenize
import types
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from talentcheck import hashing, memo
from talentcheck.errors import ParameterError
from talentcheck.paths import NOTEBOOKS

DOMAIN = re.compile(r"^\s*(one of|range):\s*(.+?)\s*(?:\.\s+|\.?$)")
"""A comment's domain, up to the full stop that ends it (a full stop followed by a space, or the comment's end:
the point in "0.5" is part of a number)."""
BOUND = re.compile(r"^(>=|>|<=|<)\s*(\S+)$")
BETWEEN = re.compile(r"^(\S+)\s+to\s+(\S+)$")
OPERATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "list": (list,)}
KINDS = {"int": "a whole number", "float": "a number", "str": "text", "bool": "True or False", "list": "a list"}
"""Each type as `talentcheck params` says what a value of it is."""


@dataclass
class Spec:
    """One declared parameter: its type, default, domain (allowed values or bounds) and the help after the domain."""
    name: str
    type: str | None
    default: object
    help: str = ""
    allowed: list | None = None
    bounds: list[tuple[str, float]] = field(default_factory=list)

    def domain_words(self) -> str:
        """What a value must be, as an error message and `talentcheck params` say it: "one of a, b", ">= 1"."""
        if self.allowed is not None:
            return f"one of {', '.join(map(str, self.allowed))}"
        if self.bounds:
            return " and ".join(f"{op} {bound:g}" for op, bound in self.bounds)
        return f"of type {self.type}"

    def listed(self) -> str:
        """What a value may be, as `talentcheck params` lists it: "one of: as_stated, 2019, 2022", "a number from 0
        to 1", "a whole number >= 1", "True or False", with ", or None" where None is the default."""
        if self.allowed is not None:
            words = f"one of: {', '.join(map(str, self.allowed))}"
        elif self.bounds:
            words = KINDS["int" if self.type == "int" else "float"] + " " + (
                f"from {self.bounds[0][1]:g} to {self.bounds[1][1]:g}" if [op for op, _ in self.bounds] == [">=", "<="]
                else " and ".join(f"{op} {bound:g}" for op, bound in self.bounds))
        else:
            words = KINDS.get(self.type or "", "any value")
        return words + (", or None" if self.default is None else "")


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ParameterError(f"{where}: range bound {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ParameterError(f"{where}: range bound {text!r} is not finite")
    return value


def read_comment(comment: str, where: str) -> tuple[list | None, list, str]:
    """(allowed values, bounds, help) from a declaration's comment."""
    match = DOMAIN.match(comment)
    if not match:
        return None, [], comment.strip()
    kind, text, help_text = match[1], match[2], comment[match.end():].strip()
    if kind == "one of":
        allowed = [yaml.safe_load(v.strip()) for v in text.split(",") if v.strip()]
        if not allowed:
            raise ParameterError(f"{where}: 'one of:' lists no value")
        return allowed, [], help_text
    between = BETWEEN.match(text)
    if between:
        return None, [(">=", _number(between[1], where)), ("<=", _number(between[2], where))], help_text
    bounds = []
    for part in text.split(" and "):
        bound = BOUND.match(part.strip())
        if not bound:
            raise ParameterError(f"{where}: cannot read range {text!r} (write '>= 1', '> 0' or '0 to 1')")
        bounds.append((bound[1], _number(bound[2], where)))
    return None, bounds, help_text


def parameters_cell(path: Path) -> str:
    """The source of the notebook's cell tagged `parameters` ('' if it has none)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise ParameterError(f"{Path(path).name}: cannot read the notebook ({type(err).__name__}: {err})") from None
    return _cell_source(Path(path).name, raw)


@memo.by_content(key=lambda name, raw: (name, hashing.sha256(raw)))
def _cell_source(name: str, raw: bytes) -> str:
    """The parameters cell of a notebook's bytes, remembered by them: the claim registry asks for every claim's."""
    try:
        cells = json.loads(raw.decode("utf-8"))["cells"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise ParameterError(f"{name}: cannot read the notebook ({type(err).__name__}: {err})") from None
    for cell in cells:
        if isinstance(cell, dict) and "parameters" in (cell.get("metadata") or {}).get("tags", []):
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else str(source)
    return ""


def declared(path: Path) -> dict[str, Spec]:
    """{name: Spec} from the notebook's parameters cell (read with `ast`, never executed)."""
    return _declared(Path(path).name, parameters_cell(path))


@memo.by_content(key=lambda name, source: (name, source), copy_answers=True)
def _declared(name: str, source: str) -> dict[str, Spec]:
    try:
        tree = ast.parse(source)
        comments = {tok.start[0]: tok.string.lstrip("#").strip()
                    for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT}
    except (SyntaxError, tokenize.TokenError) as err:
        raise ParameterError(f"{name}: the parameters cell is not valid Python ({err})") from None
    specs = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, kind = node.target.id, ast.unparse(node.annotation)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, kind = node.targets[0].id, None
        else:
            continue
        where = f"{name}, parameter {target!r}"
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(f"{where}: the default is not a plain value") from None
        allowed, bounds, help_text = read_comment(comments.get(node.end_lineno, ""), where)
        specs[target] = Spec(target, kind if kind in TYPES else None, default, help_text, allowed, bounds)
    return specs


def defaults(notebook: str) -> dict:
    """The parameters a notebook declares, at their default values."""
    return {name: spec.default for name, spec in declared(NOTEBOOKS / notebook).items()}


def readings(notebook: str, names) -> dict[str, list]:
    """{name: every value its declaration allows but "as_stated"} for the named choice parameters of a
    notebook: the readings a "when does a verdict change" table varies (names without a list are left out)."""
    specs = declared(NOTEBOOKS / notebook)
    return {n: [v for v in specs[n].allowed if v != "as_stated"] for n in names if n in specs and specs[n].allowed}


def kind(value) -> str:
    """A value's type as an error names it: "a str", "an int", "None"."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def matches(allowed, value) -> bool:
    """True if `value` is the allowed value `allowed`: as typed, or as text for a whole number ("2019" for 2019)."""
    if type(value) is type(allowed) and value == allowed:
        return True
    return isinstance(value, str) and type(allowed) is int and value.strip() == str(allowed)


def check(spec: Spec, value, where: str, shown=None):
    """`value` as the notebook will use it (the allowed value it `matches`); raise ParameterError unless it lies in
    the domain `spec` declares. A value of the wrong type is named with its type."""
    shown = repr(value) if shown is None else shown
    problem = f"parameter {spec.name!r} ({where}) must be {spec.domain_words()}, got {shown}"
    if value is None:
        if spec.default is None:
            return None
        raise ParameterError(problem)
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(f"parameter {spec.name!r} ({where}) must be a finite number, got {shown}")
    if spec.allowed is not None:
        for allowed in spec.allowed:
            if matches(allowed, value):
                return allowed
        raise ParameterError(problem if type(value) in {type(a) for a in spec.allowed} else f"{problem} ({kind(value)})")
    expected = TYPES.get(spec.type or "")
    if expected and (not isinstance(value, expected) or (spec.type != "bool" and isinstance(value, bool))):
        raise ParameterError(f"parameter {spec.name!r} ({where}) must be of type {spec.type}, got {shown} ({kind(value)})")
    if spec.bounds:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(f"{problem} ({kind(value)})")
        if not all(OPERATORS[op](value, bound) for op, bound in spec.bounds):
            raise ParameterError(problem)
    return value


def check_defaults(path: Path, given: dict) -> None:
    """The notebook's saved defaults of the parameters not in `given` must lie in their domains too."""
    for name, spec in declared(path).items():
        if name not in given:
            check(spec, spec.default, f"{Path(path).name}, its saved default")


def checked_parameters(notebook: str, namespace: dict) -> dict:
    """Inside a notebook, right after its parameters cell: {name: value} of every parameter it declares, each
    checked against its declaration, and set in `namespace` as the notebook uses it ("2019" as 2019, `matches`).

    A value outside its domain stops the notebook with one line, after `forget` has emptied `namespace` of the
    parameters and of everything computed from them: a cell that JupyterLab runs after the error anyway (its Run
    All does not wait for replies) finds no variable of an earlier run to show."""
    specs = declared(NOTEBOOKS / notebook)
    try:
        values = {name: check(spec, namespace.get(name), notebook) for name, spec in specs.items()}
    except ParameterError:
        forget(namespace)
        raise
    namespace.update(values)
    return values


def forget(namespace: dict) -> None:
    """Remove from a notebook's namespace every value its cells computed: all but modules, classes and functions
    (what the notebook imported), names starting with "_", and IPython's own (its `user_ns_hidden`)."""
    shell = namespace.get("get_ipython")
    hidden = getattr(shell(), "user_ns_hidden", {}) if callable(shell) else {}
    for name, value in list(namespace.items()):
        if not (name.startswith("_") or name in hidden or isinstance(value, types.ModuleType) or callable(value)):
            del namespace[name]


def listing(paths: list[Path], width: int = 100) -> str:
    """`talentcheck params`: every parameter of each notebook (default, the values it may take, help), as lines a
    terminal shows, wrapped at `width`."""
    lines = []
    for path in paths:
        lines.append(f"{path.name}")
        specs = declared(path)
        if not specs:
            lines.append("  (no parameters)")
        for spec in specs.values():
            default = f"[{', '.join(map(str, spec.default))}]" if isinstance(spec.default, list) else spec.default
            lines += textwrap.wrap(f"{spec.name} = {default}  ({spec.listed()})", width, initial_indent="  ",
                                   subsequent_indent="      ")
            lines += textwrap.wrap(spec.help, width, initial_indent="      ", subsequent_indent="      ")
        lines.append("")
    lines.append("Set one with: talentcheck run NOTEBOOK -p NAME VALUE (for example -p cohort top_tier).")
    lines.append("In JupyterLab, edit the notebook's parameters cell, with text in quotes: cohort = \"top_tier\".")
    return "\n".join(lines)
