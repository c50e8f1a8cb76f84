"""What a notebook shows of a data frame (`talentcheck.claims.display`): a table of words, while the frame keeps its
columns for code."""
import pandas as pd

from helpers import internal_names, set_cell
from talentcheck import clear_caches
from talentcheck.claims import display
from talentcheck.topics import origin


def test_a_frame_is_shown_in_words_without_row_numbers_cut_text_or_missing_markers():
    note = "CONFLICT: 17 per GIGAZINE reading the chart; " + "a long note " * 12 + "end"
    frame = pd.DataFrame({"cohort": ["top_tier", "most_elite"], "share_pct": [47.0, None], "source_name": ["DM", "NYT"],
                          "verdict": ["supported_with_caveat", "not_supported"], "gpus": [25000.0, 0.8125],
                          "in_window": [True, False], "note": [note, None]}, index=[8, 21])
    shown = display.reader_frame(frame)
    assert list(shown.columns) == ["Cohort", "Share (%)", "Source", "Verdict", "GPUs", "In the ten years summed", "Note"]
    assert shown.iloc[0].tolist() == ["top-tier", "47", "Damien Ma's site (the Tracker's author)", "Supported, with a caveat",
                                      "25,000", "yes", note.removeprefix("CONFLICT: ")]  # the table says what it lists
    assert shown.iloc[1].tolist() == ["most elite", "–", "The New York Times", "Not supported", "0.8125", "no", "–"]
    html = display.table(frame)._repr_html_()
    assert "tex2jax_ignore" in html and 'data-label="Share (%)"' in html and ">8<" not in html
    assert internal_names(display.table_text(shown) + html) == []
    assert list(frame.columns)[:2] == ["cohort", "share_pct"]  # the frame itself is unchanged, for code


def test_a_pivot_keeps_its_labels_as_columns_and_says_its_levels_in_words():
    frame = pd.DataFrame({"claim": ["origin-47-18-5"] * 2, "counting": ["authors"] * 2, "merge": [False, True],
                          "outcome": ["holds", "fails"]}).pivot(index="claim", columns=["counting", "merge"], values="outcome")
    shown = display.reader_frame(frame)
    assert list(shown.columns) == ["Claim", "Distinct authors, DeepMind counted in Google: no",
                                   "Distinct authors, DeepMind counted in Google: yes"]
    assert shown.iloc[0].tolist()[1:] == ["holds", "does not hold"] and shown.iloc[0, 0].startswith("Worldwide, 47%")
    years = display.reader_frame(pd.Series({2019: 1234.0, 2022: 20886.0}, name="rows").rename_axis("year"))
    assert years.values.tolist() == [["2019", "1,234"], ["2022", "20,886"]]  # years as years, counts with separators


def test_a_notebooks_table_follows_the_data_and_names_each_source(data_copy):
    shown = display.reader_frame(origin.of_year(origin.shares("best_standing"), "as_stated"))
    assert "Damien Ma's site (the Tracker's author)" in set(shown["Source"])
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"},
             "source_name", "NYT")
    clear_caches()
    shown = display.reader_frame(origin.of_year(origin.shares("best_standing"), "as_stated"))
    assert shown[shown["Country"] == "China"]["Source"].tolist()[0] == "The New York Times"


def test_every_data_frame_a_notebook_displays_is_shown_as_a_table_of_words():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        display.show_tables(shell)
        bundle, _ = shell.display_formatter.format(pd.DataFrame({"share_pct": [12.5]}))
        assert "Share (%)" in bundle["text/html"] and "share_pct" not in bundle["text/html"] + bundle["text/plain"]
        bundle, _ = shell.display_formatter.format(pd.Series({"fleet": "inference_2024"}))
        assert "OpenAI's 2024 inference fleet" in bundle["text/plain"] and "dtype" not in bundle["text/plain"]
    finally:
        InteractiveShell.clear_instance()  # no shell left for the other tests' get_ipython()
