"""A pytest plugin (named in pyproject.toml's addopts): nbval starts each notebook's kernel with
`clients.BlockingReadyClient`, ready as soon as the kernel answers, not after 0.2 s of silence.
`-p no:talentcheck.run.kernel.nbval_plugin` runs nbval as it comes."""
from talentcheck.run.kernel import clients


def pytest_configure(config) -> None:
    clients.use_in_nbval()
