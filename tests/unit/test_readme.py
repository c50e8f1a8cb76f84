"""The README and docs/ describe what is there (every path they name exists, the README's claim table is the
registry's), and the committed notebooks are executed."""
import re

import pytest

from talentcheck import paths
from talentcheck.report import readme

DOCUMENTS = ["README.md", *sorted(p.relative_to(paths.ROOT).as_posix() for p in (paths.ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_path_a_document_names_exists(document):
    text = (paths.ROOT / document).read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:notebooks|data|src|tests|benchmarks|docs|\.ci)/[^`*\s]*)`", text))
    missing = [p for p in sorted(named) if not (paths.ROOT / p.rstrip("/")).exists()]
    assert not missing


def test_the_readme_claim_table_is_generated_from_the_registry():
    text = (paths.ROOT / "README.md").read_text()
    assert readme.claim_table() in text, "run `talentcheck readme` to regenerate the claim table"


def test_committed_notebooks_are_executed_so_that_nbval_holds_them_to_outputs():
    """A notebook committed without outputs would pass nbval trivially."""
    import nbformat

    for path in paths.notebooks():
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and all(c.execution_count for c in code), f"{path.name}: run `talentcheck refresh` and commit it"
        assert "papermill" not in notebook.metadata, f"{path.name}: volatile papermill metadata left in"
