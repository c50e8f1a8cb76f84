"""The fast tier (`make check`): the package in this process, on the data or on small inputs. A test here starts
no process (no kernel, no browser, no command), which `no_processes` holds: such tests belong in tests/integration.
A test that writes the whole report belongs in tests/site.
"""
from helpers import no_processes, review_date  # noqa: F401 (fixtures, used by every test here)
