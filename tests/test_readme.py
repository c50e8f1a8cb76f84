"""The README is the user's manual: every path it names exists, and its claim table is the registry's."""
import re

from talentcheck import paths, readme


def test_every_path_the_readme_names_exists():
    text = (paths.ROOT / "README.md").read_text()
    named = set(re.findall(r"`((?:notebooks|data|src|tests|benchmarks|\.ci)/[^`*\s]*)`", text))
    assert named, "the README should name the project's files"
    missing = [p for p in sorted(named) if not (paths.ROOT / p.rstrip("/")).exists()]
    assert not missing


def test_the_readme_claim_table_is_generated_from_the_registry():
    text = (paths.ROOT / "README.md").read_text()
    assert readme.claim_table() in text, "run `talentcheck readme` to regenerate the claim table"
