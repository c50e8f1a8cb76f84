"""What a user can run and what they asked for: the notebooks a command names, the parameter values it gives
(read as papermill reads them, list values as YAML), each checked against the notebooks' declarations before
anything runs, and the closest valid name when one is mistyped."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from talentcheck import parameters
from talentcheck.data.files import yaml_text
from talentcheck.errors import DataError, ParameterError, RunError, shorten
from talentcheck.paths import NOTEBOOKS, display_path, identifier_problem, notebooks
from talentcheck.run.kernel import launcher


def notebook_names() -> list[str]:
    return [p.name for p in notebooks()]


def resolve_notebooks(names: list[str]) -> list[Path]:
    """The notebooks a command names (a path, a file name in notebooks/, or its stem); all without names."""
    if not names:
        return notebooks()
    found = []
    for name in names:
        path = Path(name)
        candidates = [path, NOTEBOOKS / path.name, NOTEBOOKS / f"{path.name}.ipynb"]
        match = next((c for c in candidates if c.suffix == ".ipynb" and _is_file(c)), None)
        if match is None:
            raise RunError(f"no notebook {shorten(name)}; {suggest(name[:100], notebook_names())}")
        problem = identifier_problem("notebook", match.name)  # its name becomes the executed copy's and its page's
        if problem:
            raise RunError(f"notebook {shorten(name)}: {problem}")
        if match.resolve() in found:
            raise RunError(f"notebook {shorten(name)} is named twice")
        if match.name in {p.name for p in found}:  # their executed copies and pages would be one file
            raise RunError(f"notebook {shorten(name)}: another notebook of the same name, "
                           f"{display_path(next(p for p in found if p.name == match.name))}, is named too; a run keeps one per name")
        found.append(match.resolve())
    return found


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the system, or holding a NUL
        return False


def parse_value(text: str):
    """A `-p` value as papermill's own command line reads it: None, True/False, int, float, else the text."""
    from papermill.cli import _resolve_type

    return _resolve_type(text)


def as_list(value, shown: str):
    """A list parameter given on the command line as text (`-p follow "[Tsinghua University, IBM]"`) is read
    as a YAML list, as strictly as the data's YAML; papermill's reading would leave it a string."""
    if not isinstance(value, str):
        return value
    try:
        return yaml_text(value)
    except DataError:
        raise ParameterError(f"{shown} is not a YAML list") from None


def check_given(selected: list[Path], raw: list[tuple[str, str]], given: dict | None = None) -> dict[Path, dict]:
    """Values from a parameters file (`given`, typed by YAML) and `-p NAME VALUE` pairs (read as papermill
    reads them), checked against each notebook's declared domains, as are the defaults of the rest;
    {notebook: {name: value}}.

    A name given twice is refused; so is a name no selected notebook declares (one that some declare goes to
    those, as `talentcheck run -p top_n 10` sets notebook 04's alone).
    """
    values: dict[str, tuple[object, str]] = {}
    for name, value, shown in [(n, v, shorten(v)) for n, v in (given or {}).items()] + \
                              [(n, parse_value(t), shorten(t)) for n, t in raw]:
        if name in values:
            raise RunError(f"parameter {shorten(name)} given twice")
        values[name] = (value, shown)
    declared = {path: parameters.declared(path) for path in selected}
    per_notebook: dict[Path, dict] = {path: {} for path in selected}
    for name, (value, shown) in values.items():
        takers = [p for p in selected if name in declared[p]]
        if not takers:
            valid = sorted({n for p in selected for n in declared[p]})
            raise RunError(f"unknown parameter {shorten(name)}: not declared in {', '.join(p.name for p in selected)}; "
                           f"{suggest(name[:100], valid)}")
        for path in takers:
            spec = declared[path][name]
            typed = as_list(value, shown) if spec.type == "list" else value
            per_notebook[path][name] = parameters.check(spec, typed, path.name, shown)  # "2019" as 2019
    for path in selected:
        parameters.check_defaults(path, per_notebook[path])
    return per_notebook


def check_environment(environ=None) -> None:
    """The environment variables a run reads that change its outputs, each checked before anything runs, a
    problem named in one line (RunError): SOURCE_DATE_EPOCH (the review's date: whole seconds since 1970, as
    reproducible-builds.org defines it; a negative one would date every review 1969) and MPLBACKEND (every chart:
    a backend matplotlib knows, else every notebook would fail at its first chart)."""
    environ = os.environ if environ is None else environ
    if environ.get("SOURCE_DATE_EPOCH"):
        from talentcheck.report.claimreview import epoch_date

        epoch_date(environ["SOURCE_DATE_EPOCH"])
    if environ.get("TALENTCHECK_CACHE"):  # it fills it with a folder per executed notebook
        from talentcheck.run.publishing import check_outside_repository

        check_outside_repository(Path(environ["TALENTCHECK_CACHE"]), "TALENTCHECK_CACHE", ".cache/notebooks/ in the repository",
                                 cache=False)
    idle = environ.get("TALENTCHECK_KERNEL_IDLE", "")
    if idle and launcher.idle_seconds(idle) is None:
        raise RunError(f"TALENTCHECK_KERNEL_IDLE={shorten(idle)}: must be a number of seconds greater than 0 (how long "
                       "an idle kernel server waits; unset it for five minutes)")
    backend = environ.get("MPLBACKEND", "")
    if backend:
        saved = os.environ.pop("MPLBACKEND", None)  # matplotlib's import checks it too, and a failed import is half done
        try:
            from matplotlib import rcsetup  # only when set: matplotlib takes a while
        finally:
            if saved is not None:
                os.environ["MPLBACKEND"] = saved
        try:
            rcsetup.validate_backend(backend)  # a name matplotlib knows, or any "module://..." (imported only later)
            if backend.startswith("module://"):
                import importlib.util

                if importlib.util.find_spec(backend.removeprefix("module://")) is None:
                    raise ValueError(backend)
        except (ValueError, ImportError):
            raise RunError(f"MPLBACKEND={shorten(backend)}: not a backend matplotlib knows (unset it: the notebooks "
                           "draw with the inline backend)") from None


def suggest(name: str, valid: list[str]) -> str:
    """"did you mean X? valid: a, b, c" for a name not in `valid` (matching names with or without `.ipynb`)."""
    stems = {Path(v).stem: v for v in valid}
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5) or [
        stems[s] for s in difflib.get_close_matches(Path(name).stem, list(stems), n=1, cutoff=0.5)]
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}valid: {', '.join(valid)}"
