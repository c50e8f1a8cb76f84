"""JupyterLab's environment as `make lab` sets it up: the project's kernel, and only it, and no news pop-up.

`install PREFIX` writes, into Lab's virtual environment (`.venv-lab/`):
- the project's kernelspec, running the project's interpreter (`launcher.install`);
- a server configuration (`etc/jupyter/jupyter_server_config.json`) whose kernelspec manager looks for kernels
  only in that environment's own folder (`clients.KernelSpecs`: not through JUPYTER_PATH or the user's home) and
  allows only the project's, with no native `python3` (ipykernel is installed there for the tests, and Lab
  would offer it beside the project's), and whose new notebooks start the project's kernel;
- Lab's settings overrides (`share/jupyter/lab/settings/overrides.json`): no news, no update check, so no
  pop-up asks about them over the notebook.
A user's own settings (in `~/.jupyter/lab/user-settings/`) still win over the overrides.

`flags` prints the options `jupyter lab` needs here: `--allow-root` where the user is root (Jupyter refuses to
start as root otherwise: containers, CI), `--no-browser` on Linux without a display (no browser could open there;
Lab prints the address to open elsewhere).

Usage: `python -m talentcheck.run.kernel.lab install PREFIX` and `python -m talentcheck.run.kernel.lab flags`
(run with the project's interpreter, `.venv/bin/python`).
"""
from __future__ import annotations

import os
import sys

from talentcheck.run.kernel import launcher

SERVER_CONFIG = ("etc", "jupyter", "jupyter_server_config.json")  # a .d/ folder there only enables extensions
OVERRIDES = ("share", "jupyter", "lab", "settings", "overrides.json")
SETTINGS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
SERVER = {"ServerApp": {"kernel_spec_manager_class": "talentcheck.run.kernel.clients.KernelSpecs"},
          "KernelSpecManager": {"ensure_native_kernel": False, "allowed_kernelspecs": [launcher.NAME]},
          "MultiKernelManager": {"default_kernel_name": launcher.NAME}}
"""Lab's server: the kernelspecs of its own environment (`clients.KernelSpecs`), of which the project's alone."""


def install(prefix: str, python: str = sys.executable) -> list[str]:
    """Set up Lab's environment at `prefix` to run `python`'s kernel only; the files written."""
    prefix = os.path.abspath(prefix)
    return [launcher.install(prefix, python), launcher.write_json(os.path.join(prefix, *SERVER_CONFIG), SERVER),
            launcher.write_json(os.path.join(prefix, *OVERRIDES), SETTINGS)]


def flags(euid: int | None, platform: str = sys.platform, environ=os.environ) -> list[str]:
    """The options `jupyter lab` needs for the user `euid` (None on Windows, which has no such id) on this machine
    (see the module's help)."""
    found = ["--allow-root"] if euid == 0 else []
    if platform.startswith("linux") and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        found.append("--no-browser")
    return found


def main(argv: list[str]) -> None:
    if argv[:1] == ["install"] and len(argv) == 2:
        print("\n".join(install(argv[1])))
    elif argv == ["flags"]:
        print(" ".join(flags(os.geteuid() if hasattr(os, "geteuid") else None)))
    else:
        sys.exit("usage: python -m talentcheck.run.kernel.lab install PREFIX | flags")


if __name__ == "__main__":
    main(sys.argv[1:])
