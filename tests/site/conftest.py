"""The report as a run writes it, built in this process from the committed notebooks (`built`) or from an edited
copy of the data: every page on disk, read as a reader's browser would get it. Like tests/unit these start no
process (`no_processes`), but each build takes seconds: `make test` runs them, `make check` does not.
"""
from helpers import no_processes, review_date  # noqa: F401 (fixtures, used by every test here)
