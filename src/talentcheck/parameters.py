"""Notebook parameters: the domain each one declares in its notebook's `parameters` cell, and the check
of a value against it, run by `talentcheck run` before anything executes and by the notebook itself right
after its parameters cell (so a JupyterLab user who types a bad value gets one line at the top).

A parameter is declared as `name: type = default  # DOMAIN. help`, where DOMAIN is one of
    one of: a, b, c        the allowed values (each read as YAML: 2019 is a number, top_tier a string)
    range: >= 1            a number at least 1 (also `> 0`, `<= 1`, `< 5`)
    range: 0 to 1          a number from 0 to 1, both included
A parameter without a domain takes any value of its type. One whose default is None also takes None.
Numbers must be finite.
"""
from __future__ import annotations

import ast
import io
import json
import math
import operator
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from talentcheck.errors import ParameterError  # noqa: F401 (raised here; defined with the suite's other errors)

DOMAIN = re.compile(r"^\s*(one of|range):\s*(.+?)\s*(?:\.\s|\.?$)")
BOUND = re.compile(r"^(>=|>|<=|<)\s*(\S+)$")
BETWEEN = re.compile(r"^(\S+)\s+to\s+(\S+)$")
OPERATORS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "list": (list,)}


@dataclass
class Spec:
    name: str
    type: str | None
    default: object
    help: str = ""
    allowed: list | None = None
    bounds: list[tuple[str, float]] = field(default_factory=list)

    def describe(self) -> str:
        if self.allowed is not None:
            return f"one of {', '.join(map(str, self.allowed))}"
        if self.bounds:
            return " and ".join(f"{op} {bound:g}" for op, bound in self.bounds)
        return f"of type {self.type}"


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ParameterError(f"{where}: range bound {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ParameterError(f"{where}: range bound {text!r} is not finite")
    return value


def _domain(comment: str, where: str) -> tuple[list | None, list]:
    match = DOMAIN.match(comment)
    if not match:
        return None, []
    kind, text = match[1], match[2]
    if kind == "one of":
        allowed = [yaml.safe_load(v.strip()) for v in text.split(",") if v.strip()]
        if not allowed:
            raise ParameterError(f"{where}: 'one of:' lists no value")
        return allowed, []
    between = BETWEEN.match(text)
    if between:
        return None, [(">=", _number(between[1], where)), ("<=", _number(between[2], where))]
    bounds = []
    for part in text.split(" and "):
        bound = BOUND.match(part.strip())
        if not bound:
            raise ParameterError(f"{where}: cannot read range {text!r} (write '>= 1', '> 0' or '0 to 1')")
        bounds.append((bound[1], _number(bound[2], where)))
    return None, bounds


def parameters_cell(path: Path) -> str:
    """The source of the notebook's cell tagged `parameters` ('' if it has none)."""
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise ParameterError(f"{Path(path).name}: cannot read the notebook ({type(err).__name__}: {err})") from None
    for cell in cells:
        if isinstance(cell, dict) and "parameters" in (cell.get("metadata") or {}).get("tags", []):
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else str(source)
    return ""


def declared(path: Path) -> dict[str, Spec]:
    """{name: Spec} from the notebook's parameters cell (read with `ast`, never executed)."""
    name = Path(path).name
    source = parameters_cell(path)
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
        comment = comments.get(node.end_lineno, "")
        allowed, bounds = _domain(comment, where)
        specs[target] = Spec(target, kind if kind in TYPES else None, default, comment, allowed, bounds)
    return specs


def readings(notebook: str, names) -> dict[str, list]:
    """{name: every value its declaration allows but "as_stated"} for the named choice parameters of a
    notebook: the readings a "when does a verdict change" table varies (names without a list are left out)."""
    from talentcheck.paths import NOTEBOOKS

    specs = declared(NOTEBOOKS / notebook)
    return {n: [v for v in specs[n].allowed if v != "as_stated"] for n in names if n in specs and specs[n].allowed}


def check(spec: Spec, value, where: str, shown=None) -> None:
    """Raise ParameterError unless `value` lies in the domain `spec` declares."""
    shown = repr(value) if shown is None else shown
    problem = f"parameter {spec.name!r} ({where}) must be {spec.describe()}, got {shown}"
    if value is None:
        if spec.default is None:
            return
        raise ParameterError(problem)
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(f"parameter {spec.name!r} ({where}) must be a finite number, got {shown}")
    if spec.allowed is not None:
        if not any(type(value) is type(a) and value == a for a in spec.allowed):
            raise ParameterError(problem)
        return
    expected = TYPES.get(spec.type or "")
    if expected and (not isinstance(value, expected) or (spec.type != "bool" and isinstance(value, bool))):
        raise ParameterError(f"parameter {spec.name!r} ({where}) must be of type {spec.type}, got {shown}")
    if spec.bounds:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(problem)
        if not all(OPERATORS[op](value, bound) for op, bound in spec.bounds):
            raise ParameterError(problem)


def check_defaults(path: Path, given: dict) -> None:
    """The notebook's saved defaults of the parameters not in `given` must lie in their domains too."""
    for name, spec in declared(path).items():
        if name not in given:
            check(spec, spec.default, f"{Path(path).name}, its saved default")


def check_namespace(notebook: str, namespace: dict) -> None:
    """Inside a notebook, right after its parameters: every declared parameter's value in its domain."""
    from talentcheck.paths import NOTEBOOKS

    for name, spec in declared(NOTEBOOKS / notebook).items():
        check(spec, namespace.get(name), notebook)


def parse_value(text: str):
    """A `-p` value as papermill's own command line reads it: None, True/False, int, float, else the text."""
    from papermill.cli import _resolve_type

    return _resolve_type(text)


def as_list(value, shown: str):
    """A list parameter given on the command line as text (`-p follow "[Tsinghua University, IBM]"`) is read
    as a YAML list; papermill's reading would leave it a string."""
    if not isinstance(value, str):
        return value
    from talentcheck.data import DataError, yaml_text

    try:
        return yaml_text(value)
    except DataError:
        raise ParameterError(f"{shown} is not a YAML list") from None
