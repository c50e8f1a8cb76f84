"""The fast tier (`make check`): the package in this process, on the data or on small inputs. A test here starts
no process (no kernel, no browser, no command), which `no_processes` holds: such tests belong in tests/integration.
"""
import os
import subprocess

import pytest


@pytest.fixture(autouse=True, scope="session")
def review_date():
    """The review's date, read once from git before any test (as every run reads it once)."""
    from talentcheck.report import claimreview

    claimreview.date_published()


@pytest.fixture(autouse=True)
def no_processes(monkeypatch, review_date):
    def refused(*args, **kwargs):
        raise AssertionError("a unit test starts no process (kernel, browser, command): move it to tests/integration/")
    monkeypatch.setattr(subprocess.Popen, "__init__", refused)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refused)
