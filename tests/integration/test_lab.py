"""JupyterLab as `make lab` starts it (talentcheck.run.kernel.lab): headless, as root where the tests run as root,
on copies of the notebooks; it offers the project's kernel alone, asks nothing about news, and a Run All with a
value the notebook refuses runs no cell after the check and says why in each.

JupyterLab is installed by `make lab` / `make lab-check` into .venv-lab/ (not into the test environment, where it
would slow every kernel start); where it is absent these tests skip. `TALENTCHECK_SCREENSHOTS=DIR` saves what the
browser test saw.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from talentcheck import parameters, paths
from talentcheck.run.kernel import ipkernel, lab as lab_setup, launcher as kernels

TOKEN = "talentcheck-test"
PYTHON = paths.ROOT / ".venv" / "bin" / "python"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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


def other_kernel(folder: Path, name: str) -> None:
    """A kernelspec Lab must not offer: the user's own `python3`, or a `talentcheck` found through JUPYTER_PATH."""
    (folder / name).mkdir(parents=True)
    (folder / name / "kernel.json").write_text(json.dumps({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f",
                                                                    "{connection_file}"], "display_name": f"not ours: {name}",
                                                           "language": "python"}))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    binary = jupyter_lab()
    if binary is None:
        pytest.skip("JupyterLab is not installed here: `make lab-check` installs it into .venv-lab/ and runs this test")
    # What `make lab` does first: set up Lab's environment, and copy the notebooks into a folder of Lab's own.
    prefix = Path(binary).parent.parent
    if prefix in (paths.ROOT / ".venv-lab", Path(sys.prefix)):
        lab_setup.install(str(prefix), str(PYTHON))
    folder = tmp_path_factory.mktemp("lab")
    for notebook in paths.notebooks():
        shutil.copy(notebook, folder)
    home, elsewhere = tmp_path_factory.mktemp("lab-home"), tmp_path_factory.mktemp("jupyter-path")
    other_kernel(home / ".local" / "share" / "jupyter" / "kernels", "python3")
    other_kernel(elsewhere / "kernels", "python3")
    other_kernel(elsewhere / "kernels", kernels.NAME)
    port = free_port()
    process = subprocess.Popen(
        [binary, *lab_setup.flags(os.geteuid() if hasattr(os, "geteuid") else None), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={folder}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={"HOME": str(home), "PATH": str(Path(binary).parent), "JUPYTER_PATH": str(elsewhere)})
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
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_lab_serves_every_notebook(lab):
    for notebook in paths.notebooks():
        status, body = get(f"{lab}/api/contents/{notebook.name}?token={TOKEN}")
        content = json.loads(body)
        assert status == 200 and content["type"] == "notebook"
        assert any("parameters" in c["metadata"].get("tags", []) for c in content["content"]["cells"])
    status, page = get(f"{lab}/lab?token={TOKEN}")
    assert status == 200 and b"JupyterLab" in page


def test_lab_offers_the_projects_kernel_alone(lab):
    """Only the kernelspec every notebook names, with the same display name (so opening a notebook does not mark it
    modified), running the project's interpreter, which imports this checkout; not the `python3` of ipykernel, of
    the user's home or of JUPYTER_PATH, nor a `talentcheck` found there."""
    _, body = get(f"{lab}/api/kernelspecs?token={TOKEN}")
    found = json.loads(body)
    assert list(found["kernelspecs"]) == [kernels.NAME] and found["default"] == kernels.NAME
    spec = found["kernelspecs"][kernels.NAME]["spec"]
    for notebook in paths.notebooks():
        named = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert (named["name"], named["display_name"]) == (kernels.NAME, spec["display_name"]), notebook.name
    assert Path(spec["argv"][0]) == PYTHON, "Lab runs the project's interpreter"
    done = subprocess.run([spec["argv"][0], "-c", "import talentcheck, sys; print(talentcheck.__file__)"],
                          capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()).is_relative_to(paths.ROOT / "src")


def test_lab_asks_nothing_about_news_or_updates(lab):
    _, body = get(f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={TOKEN}")
    defaults = {name: p["default"] for name, p in json.loads(body)["schema"]["properties"].items()}
    assert (defaults["fetchNews"], defaults["checkForUpdates"]) == ("false", False)


# ---- in Chromium -----------------------------------------------------------------------------------------

def chromium_page(p, sync_api):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it: apt-get install chromium)")
    browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    return browser, browser.new_page(viewport={"width": 1400, "height": 900})


def recorded_verdicts(notebook: str) -> list[dict]:
    """The verdict rows the committed notebook recorded (what Lab shows when it opens it)."""
    import nbformat

    from talentcheck.claims.verdicts import from_notebook

    return from_notebook(nbformat.read(paths.NOTEBOOKS / notebook, as_version=4))


def test_the_verdicts_read_as_written_in_lab_not_as_mathematics(lab):
    """Notebook 07 as committed: its verdicts' `$` amounts show as written, and Lab typesets nothing anywhere in it."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is part of the test extras")
    with sync_api.sync_playwright() as p:
        browser, page = chromium_page(p, sync_api)
        page.goto(f"{lab}/lab/tree/07_compute_costs.ipynb?reset&token={TOKEN}")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output table")
        page.wait_for_timeout(2000)  # Lab typesets after it renders
        panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
        assert page.locator(f"{panel} mjx-container").count() == 0
        said = next(r["finding"] for r in recorded_verdicts("07_compute_costs.ipynb") if r["finding"].count("$") >= 2)
        assert said in page.locator(panel).text_content()  # the committed finding, its amounts as written
        browser.close()


# Each code cell's prompt, output text and number of outputs (textContent: Lab skips rendering the cells out of
# view, whose innerText is then empty).
PROMPTS = "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')].map(c => " \
          "[c.querySelector('.jp-InputArea-prompt').textContent.trim(), c.querySelector('.jp-OutputArea').textContent.trim()," \
          " c.querySelectorAll('.jp-OutputArea-output').length])"


def menu(page, name: str, command: str) -> None:
    page.click(f".lm-MenuBar-itemLabel:text-is('{name}')")
    page.click(f".lm-Menu-item[data-command='{command}']")


def run_all(page, done: str) -> list[list]:
    """Lab's Run > Run All Cells, then wait until `done` holds: a JavaScript condition on `cells` (each [prompt,
    output text, outputs]) and `ran(i)` (code cell i ran in this Run All: its count is above every count before it,
    the kernel's counter being the session's); the cells."""
    before = max(int("0" + "".join(filter(str.isdigit, prompt))) for prompt, _, _ in page.evaluate(PROMPTS))
    menu(page, "Run", "runmenu:run-all")
    page.wait_for_function(f"() => {{ const cells = {PROMPTS}; const ran = i => +cells[i][0].replace(/\\D/g, '') > "
                           f"{before}; return {done}; }}", timeout=120_000)
    return page.evaluate(PROMPTS)


def test_run_all_with_a_refused_value_runs_nothing_after_the_check_and_says_why(lab):
    """The issue's case: notebook 01, run with its defaults, then `cohort` misspelt and Run All, three times over:
    every cell after the check stays unrun and shows the one line that says why; fixed, every cell runs again."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is part of the test extras")
    shots = os.environ.get("TALENTCHECK_SCREENSHOTS")
    notebook = "01_researcher_origin.ipynb"
    spec = parameters.declared(paths.NOTEBOOKS / notebook)["cohort"]
    source = (paths.NOTEBOOKS / notebook).read_text(encoding="utf-8")
    cell = next(c for c in json.loads(source)["cells"] if "parameters" in c["metadata"].get("tags", []))
    good = "".join(cell["source"])
    bad = good.replace('cohort: str = "as_stated"', 'cohort: str = "most_elit"')
    with pytest.raises(parameters.ParameterError) as refused:
        parameters.check(spec, "most_elit", notebook)
    note = ipkernel.note(f"ParameterError: {refused.value}").strip()
    with sync_api.sync_playwright() as p:
        browser, page = chromium_page(p, sync_api)
        page.goto(f"{lab}/lab/tree/{notebook}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt")
        # the notebook's own kernel, started as it opens (a Run All before that asks which kernel to start)
        page.wait_for_function(f"() => document.body.innerText.includes('{kernels.DISPLAY_NAME} | Idle')", timeout=60_000)

        def edit_parameters(text: str) -> None:
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-content").first.click()
            page.keyboard.press("Control+a")
            page.keyboard.insert_text(text)
            page.keyboard.press("Escape")

        menu(page, "Edit", "editmenu:clear-all")  # the saved outputs and counts: the kernel's count starts at 1 again
        cells = run_all(page, "cells.every(c => +c[0].replace(/\\D/g, '') > 0)")
        check = 1  # the cell after the parameters cell
        assert all(shown for _, _, shown in cells[check + 1:]), "with the defaults, every cell after the check shows output"
        assert "official Jupyter news" not in page.inner_text("body")
        for attempt in range(3):
            time.sleep(ipkernel.Kernel.stop_on_error_timeout.default_value + 0.2)  # a person edits the cell
            edit_parameters(bad)
            cells = run_all(page, f"ran({check}) && cells.slice({check + 1}).every(c => c[1].startsWith('Not run'))")
            assert cells[check][1] == f"ParameterError: {refused.value}", attempt
            assert all((prompt, text, shown) == ("[ ]:", note, 1) for prompt, text, shown in cells[check + 1:]), (attempt, cells)
            if shots:
                page.screenshot(path=f"{shots}/lab-01-refused-{attempt + 1}.png")
        time.sleep(ipkernel.Kernel.stop_on_error_timeout.default_value + 0.2)
        edit_parameters(good)
        cells = run_all(page, "cells.every((c, i) => ran(i))")
        assert all(shown and not text.startswith("Not run") for _, text, shown in cells[check + 1:])
        browser.close()
