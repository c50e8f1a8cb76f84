"""Provenance across tables: a row's standing is that of the URL it cites."""
import pandas as pd

from talentcheck import data, paths


def test_a_row_has_the_standing_of_the_url_it_cites():
    """Where the sources registry lists a row's (single) URL, the row's standing is the registry's."""
    registry = paths.ROOT / "data" / "sources.csv"
    standing = pd.read_csv(registry).set_index("url")["standing"].to_dict()
    checked = 0
    for table in ["compute/energy_inputs", "compute/gpt4_cost_estimates", "xai/descent_counts", "tracker/samples"]:
        for row in data.load(table).itertuples():
            if row.source_url in standing:
                assert row.source_standing == standing[row.source_url], (table, row.source_url)
                checked += 1
    assert checked >= 5
    ai_index = data.load("compute/gpt4_cost_estimates").set_index("source_name").loc["AI-INDEX"]
    assert "oodaloop" in ai_index["source_url"] and ai_index["source_standing"] == "secondary"  # a third-party copy
