"""Every value a notebook declares allowed works: each notebook runs under each allowed value of each of its
parameters (one at a time; the defaults are what nbval already runs), and every run succeeds.

It executes about forty notebooks, so `make test` skips it; `make sweep` (TALENTCHECK_SWEEP=1) runs it."""
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from talentcheck import parameters, paths
from talentcheck.run import execution

pytestmark = pytest.mark.skipif(os.environ.get("TALENTCHECK_SWEEP") != "1",
                                reason="executes ~40 notebooks; run it with `make sweep` (TALENTCHECK_SWEEP=1)")


def allowed_values(spec: parameters.Spec) -> list:
    """The values a declaration allows that can be listed: its choices, both booleans, a range's closed ends."""
    if spec.allowed is not None:
        return spec.allowed
    if spec.type == "bool":
        return [True, False]
    ends = [bound for op, bound in spec.bounds if op in (">=", "<=")]
    return [int(b) if spec.type == "int" else b for b in ends]


def cases() -> list[tuple]:
    return [(path, name, value) for path in paths.notebooks()
            for name, spec in parameters.declared(path).items()
            for value in allowed_values(spec) if value != spec.default]


def test_every_declared_value_has_a_case_to_run():
    """The sweep covers every listed choice: each notebook with a choice parameter appears."""
    covered = {(path.name, name) for path, name, _ in cases()}
    assert ("08_money.ipynb", "fx_source") in covered and ("04_top_institutions.ipynb", "top_n") in covered
    assert len(cases()) >= 30


def test_each_notebook_runs_under_each_allowed_value(tmp_path):
    jobs = {}
    for path, name, value in cases():
        target = tmp_path / f"{path.stem}-{name}-{value}.ipynb"
        jobs[(path.name, name, value)] = execution.Job(path, target, {name: value})
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {case: pool.submit(execution.execute_one, job) for case, job in jobs.items()}
        failed = {case: future.result().error for case, future in futures.items() if not future.result().ok}
    assert not failed, "\n".join(f"{nb} -p {name} {value}: {error}" for (nb, name, value), error in failed.items())


def test_every_claim_can_be_read_under_each_allowed_value_as_a_runs_own():
    """The cards' switch re-judges every claim under its readings, starting from the run's parameters: from each
    allowed value of each parameter, every reading has its text (no reading is left off a card)."""
    from talentcheck.topics import readings

    for path, name, value in cases():
        if path.name in readings.MODULES:
            params = {**parameters.defaults(path.name), name: value}
            readings.readings(path.name, params, strict=True)  # raises, naming claim and text, if one is missing
