"""The shape of the code a reader relies on: the package's layers import in one direction only, and notebooks
only pass parameters to the package, show its tables and charts, and record one set of verdicts."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from talentcheck import paths

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "talentcheck"

BASICS = {"__init__", "errors", "paths", "parameters", "hashing", "memo"}
LAYERS = {  # each layer and the layers it may import from (its own included): basics <- data <- claims <- topics;
    # plotting and report above claims; run above report; cli on top; neurips beside topics, below them
    "basics": {"basics"},
    "data": {"basics", "data"},
    "claims": {"basics", "data", "claims"},
    "neurips": {"basics", "data", "neurips"},
    "topics": {"basics", "data", "claims", "neurips", "topics"},
    "plotting": {"basics", "data", "claims", "plotting"},
    "report": {"basics", "data", "claims", "report"},
    "run": {"basics", "data", "claims", "topics", "report", "run"},  # topics: what the kernel server preloads for notebooks
    "cli": {"basics", "data", "claims", "neurips", "topics", "plotting", "report", "run", "cli"},
}


def layer(module: str) -> str:
    """The layer of a module named below `talentcheck` ("run.kernel.launcher" is in "run")."""
    top = module.split(".")[0]
    return "basics" if top in BASICS else top


def package_modules() -> dict[str, Path]:
    """Each module of the package by dotted name below `talentcheck` ("cli", "plotting.compute")."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name or "__init__"] = path
    return modules


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `path` imports anywhere in it, inside functions too, and the modules named in
    strings it imports by name (`importlib.import_module("talentcheck.x")`, a kernel server's preload list)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:  # relative: from . import x / from .x import y
            base = ".".join(path.relative_to(PACKAGE).with_suffix("").parts[:-node.level])
            stem = f"talentcheck.{base}".rstrip(".") + (f".{node.module}" if node.module else "")
            names = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"talentcheck(\.\w+)+", node.value):
            names = [node.value]
        for name in names:
            if isinstance(name, str) and name.startswith("talentcheck."):
                name = name.removeprefix("talentcheck.")
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name:
                    found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    graph = {}
    for name, path in modules.items():
        parents = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
        graph[name] = imported(path, modules) - {name} - parents  # a submodule may use its own package
    return graph


def cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """One import path from `start` back to itself, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, trail = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return trail + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, trail + [nxt]))
    return None


def test_every_module_belongs_to_a_layer():
    assert {layer(m) for m in package_modules()} <= set(LAYERS)


def test_imports_run_one_way_between_the_layers():
    """No exception list: a module imports only from its own layer or one its layer stands on."""
    wrong = [f"{module} ({layer(module)}) imports {other} ({layer(other)})" for module, others in import_graph().items()
             for other in sorted(others) if layer(other) not in LAYERS[layer(module)]]
    assert not wrong, "imports against the direction of the layers:\n" + "\n".join(wrong)


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    cycles = [" -> ".join(c) for name in graph if (c := cycle_through(graph, name))]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_package_keeps_at_most_eight_modules_at_its_top_level():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_a_long_module_is_worth_a_look_not_a_failure():
    """No cap on lines (a cap splits modules by size, not by concern): a module over 500 lines is named, as a warning."""
    import warnings

    long = [f"{name} ({n} lines)" for name, path in package_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500]
    if long:
        warnings.warn(f"modules over 500 lines: {', '.join(long)}", stacklevel=1)


# --- notebooks ------------------------------------------------------------------------------------------
DRAWING = re.compile(r"\bplt\.|\bsns\.|\bax\.|\baxes\b|\bfig\b|\.plot\b|\.plot\(")
RECORDING = re.compile(r"\b(?:tc\.)?record(?:_notes)?\(")
# A figure in prose: a number that is not a year, a notebook's or claim's name, or inside `code`.
NUMBER = re.compile(r"(?<![\w.\-/])\$?\d[\d,.]*%?")
NUMBER_WORDS = re.compile(r"\b(?:hundreds?|thousands?|dozens?|fifty|sixty|seventy|eighty|ninety)\b", re.I)
"""Figures written out in words: as stale as digits once the data changes (the article's own words are quoted)."""


def notebook_ids() -> list[str]:
    return [p.name for p in paths.notebooks()]


def code_cells(name: str) -> list:
    return [c for c in nbformat.read(paths.NOTEBOOKS / name, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", notebook_ids())
def test_notebook_defines_nothing(name):
    for cell in code_cells(name):
        tree = ast.parse("\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))))
        defined = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]
        assert not defined, f"{name}: defines {defined}; functions belong in the package"


@pytest.mark.parametrize("name", notebook_ids())
def test_notebook_draws_only_through_plotting(name):
    for cell in code_cells(name):
        drawing = [line for line in cell.source.splitlines() if DRAWING.search(line)]
        assert not drawing, f"{name}: draws a chart in the notebook: {drawing[0].strip()}"


# The verdict cell: one call that passes the parameters to the package, e.g. `tc.record(*compute.verdicts(params))`.
VERDICT_CELL = re.compile(r"tc\.record(_notes)?\(\*?[\w.]+\([\w\", .]*\)\)")


@pytest.mark.parametrize("name", notebook_ids())
def test_notebook_records_its_verdicts_in_one_cell(name):
    recording = [c for c in code_cells(name) if RECORDING.search(c.source)]
    assert len(recording) <= 1, f"{name}: {len(recording)} cells record verdicts"
    for cell in recording:
        assert VERDICT_CELL.fullmatch(cell.source.strip()), \
            f"{name}: the verdict cell does more than pass the parameters to the package: {cell.source!r}"
    judging = [c for c in code_cells(name) if re.search(r"\btc\.judge\(|\bjudge_on_basis\(", c.source)]
    assert not judging, f"{name}: judges in the notebook; the package builds the verdicts"


@pytest.mark.parametrize("name", notebook_ids())
def test_every_table_and_chart_has_a_lead_in(name):
    """A reader is told what each output shows; the cell that loads the package and checks the parameters, right
    after the parameters cell, shows nothing."""
    cells = nbformat.read(paths.NOTEBOOKS / name, as_version=4).cells
    for before, cell in zip(cells, cells[1:]):
        if cell.cell_type == "code" and "parameters" not in before.metadata.get("tags", []):
            assert before.cell_type == "markdown" and before.source.strip(), \
                f"{name}: a code cell without a lead-in: {cell.source.splitlines()[0] if cell.source else ''}"


@pytest.mark.parametrize("name", notebook_ids())
def test_the_first_cell_after_the_parameters_checks_them_in_one_call(name):
    """One call returns the checked parameters: no notebook rebuilds `params = {...}` by hand."""
    cells = nbformat.read(paths.NOTEBOOKS / name, as_version=4).cells
    at = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    assert re.search(r"^params = tc\.checked_parameters\(\w+\.NOTEBOOK, globals\(\)\)", cells[at + 1].source, re.M), name
    assert not any(re.search(r"params = \{", c.source) for c in code_cells(name)), name
    assert not any(re.search(r"^\s*assert\b", c.source, re.M) for c in code_cells(name)), f"{name}: the schema checks the data"


@pytest.mark.parametrize("name", notebook_ids())
def test_notebooks_use_no_typed_keys_or_pivots(name):
    """Columns, rows and pivots are chosen in the package: a notebook names no column or claim id."""
    for cell in code_cells(name)[1:]:
        assert not re.search(r"\[\[?\"|\.pivot(_table)?\(|\.loc\[", cell.source), f"{name}: {cell.source}"


def figures_in_prose(text: str) -> list[str]:
    text = re.sub(r"`[^`]*`", "", text)  # code spans: parameter values, file names, commands
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    found = []
    for match in NUMBER.finditer(text):
        number = match.group().rstrip(".,")
        if re.fullmatch(r"(19|20)\d\d", number) or re.fullmatch(r"0[1-9]", number):
            continue  # a year, or a notebook's number
        found.append(number)
    unquoted = re.sub(r"\"[^\"]*\"|“[^”]*”", "", text)  # the article's words ("hundreds of millions")
    return found + NUMBER_WORDS.findall(unquoted)


@pytest.mark.parametrize("name", notebook_ids())
def test_no_figure_typed_in_markdown(name):
    cells = nbformat.read(paths.NOTEBOOKS / name, as_version=4).cells
    typed = [(i, f) for i, c in enumerate(cells) if c.cell_type == "markdown" for f in figures_in_prose(c.source)]
    assert not typed, f"{name}: figures typed in markdown (cell, figure): {typed}; compute them in the package"
