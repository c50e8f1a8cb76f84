"""A wheel installs and works outside the source tree: the CLI finds the project by walking up from the
current directory (as git does) or from TALENTCHECK_ROOT, and says so in one line outside a project."""
from __future__ import annotations

import re
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from talentcheck import cli, paths


def test_the_root_is_the_first_folder_upwards_holding_data_tables_yaml(tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    (clone / "data").mkdir(parents=True)
    (clone / "data" / "tables.yaml").write_text("{}\n")
    (clone / "notebooks" / "deep").mkdir(parents=True)
    monkeypatch.delenv("TALENTCHECK_ROOT", raising=False)
    assert paths.find_root(clone / "notebooks" / "deep") == clone
    monkeypatch.setenv("TALENTCHECK_ROOT", str(clone))
    assert paths.find_root(tmp_path) == clone
    monkeypatch.setenv("TALENTCHECK_ROOT", str(tmp_path))
    with pytest.raises(paths.ProjectNotFound, match=f"TALENTCHECK_ROOT={tmp_path} is not a talentcheck project"):
        paths.find_root()


def test_the_cli_says_in_one_line_when_talentcheck_root_is_wrong(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TALENTCHECK_ROOT", str(tmp_path))
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a talentcheck project" in err


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding talentcheck from a wheel built from this checkout (no editable install): its
    dependencies come from the project venv's site-packages, listed in a .pth file, so nothing is downloaded
    but the build backend."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy, so that the build writes nothing into the checkout
    shutil.copytree(paths.ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(paths.ROOT / name, source / name)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(source)],
                           capture_output=True, text=True)
    if build.returncode != 0 and "setuptools" in build.stderr and ("No matching distribution" in build.stderr
                                                                    or "Could not find" in build.stderr):
        pytest.skip(f"no package index to fetch the build backend (setuptools>=77) from: {build.stderr.strip()[-200:]}")
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp / "dist").glob("talentcheck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "talentcheck/report/templates/base.html.j2" in names and any(n.endswith("licenses/LICENSE") for n in names)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
                    str(wheel)], check=True, capture_output=True)
    return venv


def _run(venv: Path, cwd: Path, env: dict | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TALENTCHECK_")} | (env or {})
    return subprocess.run([str(venv / "bin" / "talentcheck"), "validate"], cwd=cwd, env=clean, capture_output=True, text=True)


def test_the_installed_wheel_validates_a_clone_from_inside_it_and_from_talentcheck_root(installed, tmp_path):
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import talentcheck; print(talentcheck.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed), where  # the wheel's copy, not the source tree's
    clone = tmp_path / "clone"
    for folder in ("data", "notebooks"):
        shutil.copytree(paths.ROOT / folder, clone / folder)
    inside = _run(installed, clone / "notebooks")
    assert inside.returncode == 0 and inside.stdout.startswith("ok: "), inside.stderr
    from_env = _run(installed, tmp_path, {"TALENTCHECK_ROOT": str(clone)})
    assert from_env.returncode == 0, from_env.stderr
    (clone / "data" / "tables.yaml").write_text((clone / "data" / "tables.yaml").read_text() + "broken: [\n")
    broken = _run(installed, clone)  # it reads this clone, not the checkout the wheel was built from
    assert broken.returncode == 2 and re.search(r"data/tables.yaml, line \d+: invalid YAML", broken.stderr), broken.stderr


def test_the_installed_wheel_outside_a_project_says_so_in_one_line(installed, tmp_path):
    outside = _run(installed, tmp_path)
    assert outside.returncode == 2
    assert outside.stderr.count("\n") == 1 and "is not inside a talentcheck project" in outside.stderr, outside.stderr
    assert "TALENTCHECK_ROOT" in outside.stderr
