"""One set of versions everywhere: pyproject.toml's requirements, constraints.txt's pins, environment.yml,
the venv the tests run in, and the Python the committed notebooks were run with agree."""
from __future__ import annotations

import json
import re
import sys
import tomllib
from importlib import metadata

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from talentcheck import paths

ROOT = paths.ROOT


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    found = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            assert _name(name) not in found, f"constraints.txt: {name} pinned twice"
            found[_name(name)] = version.strip()
    return found


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def requirements() -> dict[str, list[Requirement]]:
    """{"": dependencies, extra: its requirements} from pyproject.toml."""
    proj = project()
    return {"": [Requirement(r) for r in proj["dependencies"]]} | {
        extra: [Requirement(r) for r in reqs] for extra, reqs in proj["optional-dependencies"].items()}


def test_every_requirement_of_pyproject_is_pinned_in_constraints_within_its_range():
    pinned = pins()
    for extra, reqs in requirements().items():
        for req in reqs:
            assert _name(req.name) in pinned, f"{req.name} ({extra or 'dependencies'}) has no pin in constraints.txt"
            assert req.specifier.contains(pinned[_name(req.name)], prereleases=True), \
                f"constraints.txt pins {req.name}=={pinned[_name(req.name)]}, outside pyproject.toml's {req.specifier}"


def test_the_venv_runs_the_pinned_versions():
    """What make setup installed is what constraints.txt says (a stale venv or a loose pin shows here)."""
    pinned = pins()
    for extra in ("", "test"):
        for req in requirements()[extra]:
            assert metadata.version(req.name) == pinned[_name(req.name)], req.name


def test_environment_yml_installs_the_pinned_set_and_nothing_unpinned():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    [pip] = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert sorted(re.split(r"[=<>]", d)[0] for d in conda) == ["pip", "python"], conda
    assert pip[0] == "-c constraints.txt", pip
    [install] = pip[1:]
    extras = set(re.fullmatch(r"-e \.\[(.*)\]", install).group(1).split(","))
    assert extras == set(project()["optional-dependencies"]), extras


def test_one_python_for_environment_yml_the_venv_and_the_committed_notebooks():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    [python] = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    minor = python.split("=")[1]
    assert SpecifierSet(project()["requires-python"]).contains(minor + ".0")
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == minor
    for notebook in paths.notebooks():
        version = json.loads(notebook.read_text())["metadata"]["language_info"]["version"]
        assert version.rsplit(".", 1)[0] == minor, f"{notebook.name} was run with Python {version}"


def test_the_build_backend_is_new_enough_for_the_licence_metadata():
    """`license = "MIT"` (an SPDX string) and `license-files` need setuptools >= 77 to build."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(pyproject["project"]["license"], str) and pyproject["project"]["license-files"] == ["LICENSE"]
    [setuptools] = [Requirement(r) for r in pyproject["build-system"]["requires"] if Requirement(r).name == "setuptools"]
    assert not setuptools.specifier.contains("76.1.0") and setuptools.specifier.contains("77.0.3")
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_the_citation_names_the_package_version_and_licence():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["authors"] and citation["title"].startswith("talentcheck")
    assert (citation["version"], citation["license"]) == (project()["version"], project()["license"])
