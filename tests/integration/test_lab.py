"""JupyterLab starts headless, serves the notebooks, and its kernel is the project's own.

JupyterLab is installed by `make lab` / `make lab-check` into .venv-lab/ (not into the test
environment, where it would slow every kernel start); where it is absent this test skips.
"""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from talentcheck import paths
from talentcheck.run.kernel import launcher as kernels

TOKEN = "talentcheck-test"


def jupyter_lab() -> str | None:
    for candidate in (Path(sys.prefix) / "bin" / "jupyter-lab", paths.ROOT / ".venv-lab" / "bin" / "jupyter-lab"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("jupyter-lab")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    binary = jupyter_lab()
    if binary is None:
        pytest.skip("JupyterLab is not installed here: `make lab-check` installs it into .venv-lab/ and runs this test")
    # What `make lab` and `make lab-check` do first: give Lab's environment the project's kernelspec.
    prefix = Path(binary).parent.parent
    if prefix in (paths.ROOT / ".venv-lab", Path(sys.prefix)):
        kernels.install(str(prefix), str(paths.ROOT / ".venv" / "bin" / "python"))
    port = free_port()
    home = tmp_path_factory.mktemp("lab-home")
    process = subprocess.Popen(
        [binary, "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={paths.NOTEBOOKS}", "--ServerApp.open_browser=False", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={"HOME": str(home), "PATH": str(Path(binary).parent)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                get(f"{base}/api/status?token={TOKEN}")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield base, Path(binary).parent
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_lab_serves_every_notebook(lab):
    lab, _ = lab
    for notebook in paths.notebooks():
        status, body = get(f"{lab}/api/contents/{notebook.name}?token={TOKEN}")
        content = json.loads(body)
        assert status == 200 and content["type"] == "notebook"
        assert any("parameters" in c["metadata"].get("tags", []) for c in content["content"]["cells"])
    status, page = get(f"{lab}/lab?token={TOKEN}")
    assert status == 200 and b"JupyterLab" in page


def test_the_lab_kernel_is_the_projects_and_imports_talentcheck(lab):
    """Lab offers the kernelspec every notebook names, with the same display name (so opening a notebook
    does not mark it modified), and it runs the project's interpreter, which imports this checkout."""
    lab, _ = lab
    _, body = get(f"{lab}/api/kernelspecs?token={TOKEN}")
    specs = json.loads(body)["kernelspecs"]
    for notebook in paths.notebooks():
        named = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert named["name"] in specs, f"{notebook.name} names a kernel Lab does not have"
        assert specs[named["name"]]["spec"]["display_name"] == named["display_name"], notebook.name
    python = specs[kernels.NAME]["spec"]["argv"][0]
    assert Path(python) == paths.ROOT / ".venv" / "bin" / "python", "Lab runs the project's interpreter"
    done = subprocess.run([python, "-c", "import talentcheck, sys; print(talentcheck.__file__)"],
                          capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()).is_relative_to(paths.ROOT / "src")
