"""xAI, compute-cost and money claims that mix areas: moving an assumption across its threshold changes the verdict."""
import pandas as pd
import pytest

from conftest import set_cell
from talentcheck import claims, data, energy, paths

PARAMS = {"hundreds_reading_musd": 200.0, "tolerance_factor": 1.5, "fleet": "gpt4_cluster", "power_basis": "server",
          "pue_basis": "hyperscale"}


def bill(gpus, **kw):
    v = energy.values(energy.inputs({"gpus": gpus}))
    return energy.yearly_bill(gpus, v["kw_per_gpu_server"], v["pue_hyperscale"], v["price_usd_per_kwh"], 1.0,
                              v["inference_kwh_per_day"], True)


def test_the_gpt4_cluster_pays_tens_of_millions_not_300():
    assert bill(25_000) == pytest.approx(31.6, abs=0.1)
    verdict = claims.judge("openai-electricity-300m", PARAMS, observed={"yearly electricity bill": bill(25_000)})
    assert verdict.verdict == "not_supported" and "9.5 times lower" in verdict.reason


def test_hundreds_of_megawatts_make_300m_reachable():
    v = energy.values(energy.inputs({}))
    assert energy.draw_mw(300, v["price_usd_per_kwh"]) == pytest.approx(424.9, abs=0.1)
    assert claims.judge("openai-electricity-300m", PARAMS, observed={"yearly electricity bill": bill(400_000)}).verdict == "supported_with_caveat"  # modelled, never published


def test_the_tolerance_factor_moves_the_electricity_verdict():
    observed = {"yearly electricity bill": bill(250_000)}  # about 184
    assert claims.judge("openai-electricity-300m", PARAMS, observed=observed).verdict == "not_supported"
    assert claims.judge("openai-electricity-300m", {**PARAMS, "tolerance_factor": 2.0}, observed=observed).verdict == "supported_with_caveat"


def test_the_reading_of_hundreds_of_millions_decides_the_training_cost():
    top = {"highest published estimate": 100.0}
    assert claims.judge("gpt4-training-cost", PARAMS, observed=top).verdict == "not_supported"
    assert claims.judge("gpt4-training-cost", {**PARAMS, "hundreds_reading_musd": 100.0}, observed=top).verdict == "supported"


def test_an_unknown_energy_input_is_refused():
    with pytest.raises(data.DataError, match=r"no input named \['gpu'\]"):
        energy.inputs({"gpu": 1})


def test_the_2024_fleet_makes_the_electricity_claim_hold_and_the_gpt4_cluster_does_not():
    v = energy.values(energy.inputs({}))
    bills = {f: energy.fleet_bill(f, v, "server", "hyperscale", 1.0, True) for f in energy.FLEETS}
    assert bills["gpt4_cluster"] == pytest.approx(31.6, abs=0.1)
    assert bills["inference_2024"] == pytest.approx(236.9, abs=0.1)  # inference is not added twice
    verdict = claims.judge("openai-electricity-300m", {**PARAMS, "fleet": "inference_2024"},
                           observed={"yearly electricity bill": bills["inference_2024"]},
                           alternatives=[({"fleet": "gpt4_cluster"}, {"yearly electricity bill": bills["gpt4_cluster"]})])
    assert verdict.verdict == "supported_with_caveat" and "no source publishes OpenAI's electricity bill" in verdict.reason
    assert "With the 2022 GPT-4 training cluster plus ChatGPT's 2023 inference instead, it does not hold" in verdict.reason


def test_one_fleet_row_moves_the_electricity_bill(data_copy):
    set_cell(data_copy / "compute/energy_inputs.csv", {"input": "inference_gpus_2024"}, "value", "100000")
    v = energy.values(energy.inputs({}))
    bill = energy.fleet_bill("inference_2024", v, "server", "hyperscale", 1.0, True)
    assert claims.judge("openai-electricity-300m", {**PARAMS, "fleet": "inference_2024"},
                        observed={"yearly electricity bill": bill}).verdict == "not_supported"


def test_quotations_carry_the_figure_they_support():
    quoted = data.load("compute/energy_inputs").dropna(subset=["source_quote"]).set_index("input")["source_quote"]
    for name, figure in {"gpus": "25,000", "pue_average": "1.58", "price_usd_per_kwh": "8.06", "kw_per_gpu_board": "400W",
                         "training_energy_gwh_iea": "42"}.items():
        assert figure in quoted[name], name


def test_a_computed_context_joins_the_reason_whatever_the_verdict():
    verdict = claims.judge("openai-electricity-300m", PARAMS, observed={"yearly electricity bill": 30.0},
                           context="The plausible range is 23-37.")
    assert verdict.verdict == "not_supported" and verdict.reason.endswith("The plausible range is 23-37.")


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


def test_the_reported_rent_bounds_the_modelled_bill():
    v = energy.values(energy.inputs({}))
    rent = energy.rent_musd(v["inference_gpus_2024"], v["inference_rent_usd_per_gpu_hour"])
    assert rent == pytest.approx(3985.8, abs=0.1)  # "about $4 billion in 2024"
    assert energy.fleet_bill("inference_2024", v, "server", "average", 1.0, True) < 0.1 * rent
