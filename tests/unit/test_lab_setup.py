"""What `make lab` gives JupyterLab (talentcheck.run.kernel.lab): the options its user and machine need, and the
settings that leave the project's kernel the only one and keep the news pop-up away; tests/integration/test_lab.py
starts Lab with them."""
import json

from talentcheck.run.kernel import lab, launcher


def test_lab_starts_as_root_and_where_no_browser_can_open():
    assert lab.flags(0, "linux", {}) == ["--allow-root", "--no-browser"]  # a container or CI: root, no display
    assert lab.flags(1000, "linux", {"DISPLAY": ":0"}) == []
    assert lab.flags(1000, "linux", {"WAYLAND_DISPLAY": "wayland-0"}) == []
    assert lab.flags(0, "linux", {"DISPLAY": ":0"}) == ["--allow-root"]
    assert lab.flags(501, "darwin", {}) == []  # macOS opens its browser without a DISPLAY
    assert lab.flags(None, "win32", {}) == []  # Windows has no user id to be root


def test_install_writes_the_kernel_the_server_settings_and_the_lab_settings_once(tmp_path):
    written = lab.install(str(tmp_path), "/somewhere/.venv/bin/python")
    assert [p.replace(str(tmp_path), "") for p in written] == [
        "/share/jupyter/kernels/talentcheck/kernel.json", "/etc/jupyter/jupyter_server_config.json",
        "/share/jupyter/lab/settings/overrides.json"]
    spec, server, settings = (json.loads(open(p).read()) for p in written)
    assert spec["argv"][0] == "/somewhere/.venv/bin/python" and launcher.KERNEL_CLASS in spec["argv"]
    assert server["KernelSpecManager"]["allowed_kernelspecs"] == [launcher.NAME]
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    stamps = [(tmp_path / p).stat().st_mtime_ns for p in written]
    assert lab.install(str(tmp_path), "/somewhere/.venv/bin/python") == written
    assert [(tmp_path / p).stat().st_mtime_ns for p in written] == stamps  # unchanged files are not rewritten


def test_jupyterlabs_checkpoints_leave_the_project_state_a_warm_kernel_loads_and_a_new_notebook_changes_it(tmp_path):
    """Lab writes notebooks/.ipynb_checkpoints/ on the first save: kernels started after it still come from the
    server that has the project loaded (a new state would start another server, seconds of imports)."""
    for folder in ("src", "data", "notebooks"):
        (tmp_path / folder).mkdir()
    (tmp_path / "notebooks" / "01_a.ipynb").write_text("{}")
    before = launcher.project_state(tmp_path)
    (tmp_path / "notebooks" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "notebooks" / ".ipynb_checkpoints" / "01_a-checkpoint.ipynb").write_text("{}")
    assert launcher.project_state(tmp_path) == before
    (tmp_path / "notebooks" / "02_b.ipynb").write_text("{}")
    assert launcher.project_state(tmp_path) != before
