"""Notebook 07: GPT-4's training cost and OpenAI's modelled electricity bill. Each test moves a data row or a
parameter and watches the bill, a sentence, a table or a verdict follow."""
from dataclasses import replace

import pytest

from helpers import set_cell
from talentcheck.claims.comparison import COMPARE
from talentcheck import claims, data
from talentcheck.topics import compute

PARAMS = {"hundreds_reading_musd": 200.0, "fleet": "gpt4_cluster", "gpus": None, "power_basis": "server",
          "pue_basis": "hyperscale", "price_usd_per_kwh": None, "utilisation": 1.0, "include_inference": True,
          "tolerance_factor": 1.5}
DEFAULTS = {**PARAMS, "fleet": "inference_2024"}  # the notebook's saved defaults
INPUTS = "compute/energy_inputs.csv"


def bill(gpus, **params):
    return compute.scenario({**PARAMS, "gpus": gpus, **params}, compute.used_inputs({**PARAMS, "gpus": gpus})).yearly_bill()


def verdict_on(bill_musd, **params):
    return claims.decide(compute.ELECTRICITY, {**PARAMS, **params}, observed={compute.BILL: bill_musd})["verdict"]


def electricity(**params):
    return compute.electricity_verdict({**DEFAULTS, **params})


# --- the model ---------------------------------------------------------------------------------------------
def test_the_gpt4_cluster_pays_tens_of_millions_not_300():
    assert bill(25_000) == pytest.approx(31.6, abs=0.1)
    assert verdict_on(bill(25_000)) == "unverifiable"
    assert claims.outcome(compute.ELECTRICITY, PARAMS, {compute.BILL: bill(25_000)}) == "fails"
    cluster = electricity(fleet="gpt4_cluster")
    assert "GPT-4's 25,000-GPU training cluster and ChatGPT" in cluster.finding and "about $32 million a year" in cluster.finding
    assert "about a tenth of the article's $300 million" in cluster.finding


def test_hundreds_of_megawatts_make_300m_reachable():
    inputs = compute.used_inputs(PARAMS)
    assert compute.draw_mw(300, inputs["price_usd_per_kwh"]) == pytest.approx(424.9, abs=0.1)
    assert claims.outcome(compute.ELECTRICITY, PARAMS, {compute.BILL: bill(400_000)}) == "holds"  # by the model; never published


def test_the_tolerance_factor_moves_the_electricity_verdict():
    about_184 = bill(250_000)
    assert claims.outcome(compute.ELECTRICITY, PARAMS, {compute.BILL: about_184}) == "fails"
    assert claims.outcome(compute.ELECTRICITY, {**PARAMS, "tolerance_factor": 2.0}, {compute.BILL: about_184}) == "holds"


def test_an_unknown_energy_input_is_refused():
    with pytest.raises(data.DataError, match=r"no input named \['gpu'\]"):
        compute.input_table({"gpu": 1})


def test_a_parameter_overrides_an_input_and_says_so():
    table = compute.input_table({"gpus": 1000.0, "price_usd_per_kwh": None}).set_index("input")
    assert (table.loc["gpus", "used"], table.loc["gpus", "used_from"]) == (1000.0, "parameter")
    assert table.loc["price_usd_per_kwh", "used_from"] == "EIA"
    assert compute.input_values(table.reset_index())["gpus"] == 1000.0


def test_an_unknown_fleet_is_refused():
    with pytest.raises(data.DataError, match="fleet must be one of"):
        compute.scenario({**PARAMS, "fleet": "gpt5"}, compute.used_inputs(PARAMS))


def test_the_2024_fleet_makes_the_electricity_claim_hold_and_the_gpt4_cluster_does_not():
    inputs = compute.used_inputs(PARAMS)
    bills = {f: compute.scenario(PARAMS, inputs, fleet=f).yearly_bill() for f in compute.FLEETS}
    assert bills["gpt4_cluster"] == pytest.approx(31.6, abs=0.1)
    assert bills["inference_2024"] == pytest.approx(236.9, abs=0.1)  # inference is not added twice
    verdict = electricity()
    assert verdict.verdict == "unverifiable" and "appears in no published account" in verdict.reason
    assert "about $240 million a year, about four-fifths of the article's $300 million: plausible" in verdict.finding
    assert "assumes every GPU draws full power all year" in verdict.reason  # the model's assumption, said
    assert "With fewer than about 295,000 GPUs, or full power for less than 84% of the year" in verdict.reason


def test_one_fleet_row_moves_the_electricity_verdict(data_copy):
    set_cell(data_copy / INPUTS, {"input": "inference_gpus_2024"}, "value", "100000")
    verdict = electricity()
    assert "OpenAI's 100,000 inference GPUs" in verdict.finding and "about $68 million a year" in verdict.finding
    assert "the article's figure is about four and a half times what the model gives" in verdict.reason


def test_quotations_carry_the_figure_they_support():
    quoted = data.load("compute/energy_inputs").dropna(subset=["source_quote"]).set_index("input")["source_quote"]
    for name, figure in {"gpus": "25,000", "pue_average": "1.58", "price_usd_per_kwh": "8.06", "kw_per_gpu_board": "400W",
                         "training_energy_gwh_iea": "42"}.items():
        assert figure in quoted[name], name


def test_the_model_that_falls_short_says_so_in_its_own_words():
    short = electricity(utilisation=0.5)
    assert short.verdict == "unverifiable" and "at full power for 50% of the year" in short.finding
    assert "A model cannot refute a figure nobody published" in short.reason and "plausible" not in short.finding


def test_the_reported_rent_bounds_the_modelled_bill():
    inputs = compute.used_inputs(PARAMS)
    rent = compute.rent_musd(inputs["inference_gpus_2024"], inputs["inference_rent_usd_per_gpu_hour"])
    assert rent == pytest.approx(3985.8, abs=0.1)  # "about $4 billion in 2024"
    assert compute.scenario(DEFAULTS, inputs, pue_basis="average").yearly_bill() < 0.1 * rent


def test_inference_is_added_only_to_the_gpt4_cluster_and_only_if_asked():
    inputs = compute.used_inputs(PARAMS)
    with_it, without = compute.scenario(PARAMS, inputs), compute.scenario({**PARAMS, "include_inference": False}, inputs)
    assert with_it.yearly_bill() - without.yearly_bill() == pytest.approx(14.7, abs=0.1)  # 500 MWh a day at 8.06 cents
    assert not compute.scenario(DEFAULTS, inputs).include_inference


# --- the training cost -------------------------------------------------------------------------------------
def test_the_reading_of_hundreds_of_millions_decides_the_training_cost():
    assert compute.training_cost_verdict(PARAMS).verdict == "unverifiable"
    assert compute.training_cost_verdict({**PARAMS, "hundreds_reading_musd": 100.0}).verdict == "supported_with_caveat"


def test_a_lower_bound_short_of_the_reading_settles_nothing_and_a_point_estimate_refutes(data_copy):
    """Altman's "more than $100 million" cannot rule out $200 million; were it a point estimate, it would."""
    verdict = compute.training_cost_verdict(PARAMS)
    assert verdict.verdict == "unverifiable" and 'Sam Altman\'s "more than" $100 million is a floor' in verdict.finding
    set_cell(data_copy / "compute/gpt4_cost_estimates.csv", {"estimate": "Altman at an MIT event"}, "kind", "point")
    verdict = compute.training_cost_verdict(PARAMS)
    assert verdict.verdict == "not_supported" and "are all under $200 million" in verdict.finding


def test_the_loosest_reading_is_a_reading_of_the_card_and_turns_the_verdict():
    from talentcheck.topics import readings

    found = {r["label"]: r["row"]["verdict"] for r in readings.readings(compute.NOTEBOOK, DEFAULTS)[compute.TRAINING_COST]}
    assert found == {"“hundreds of millions” read as at least $100 million": "supported_with_caveat",
                     "“hundreds of millions” read as at least $300 million": "unverifiable"}


def test_a_floor_is_called_a_floor_only_while_the_data_say_so(data_copy):
    assert "is a floor" in compute.training_cost_verdict(PARAMS).finding
    set_cell(data_copy / "compute/gpt4_cost_estimates.csv", {"estimate": "Altman at an MIT event"}, "kind", "point")
    assert "floor" not in compute.training_cost_verdict(PARAMS).finding


def test_a_higher_estimate_in_the_data_makes_hundreds_of_millions_hold(data_copy):
    set_cell(data_copy / "compute/gpt4_cost_estimates.csv", {"estimate": "SemiAnalysis"}, "value_musd", "250")
    verdict = compute.training_cost_verdict(PARAMS)
    assert verdict.verdict == "supported" and verdict.observed == "highest published estimate 250"
    assert "$250 million (SemiAnalysis)" in verdict.finding and "reach $200 million" in verdict.finding


# --- the context sentence ----------------------------------------------------------------------------------
def test_the_why_names_the_inputs_the_model_multiplies():
    why = electricity().reason
    assert ("0.81 kW per GPU (its share of an eight-GPU server), a data-centre overhead of 1.18 and 8.06 cents per kWh "
            "(the 2023 US industrial average)") in why
    assert "0.4 kW per GPU (the chip alone)" in electricity(power_basis="board").reason


def test_the_price_row_moves_the_bill_and_the_why(data_copy):
    set_cell(data_copy / INPUTS, {"input": "price_usd_per_kwh"}, "value", "0.1612")  # twice the price: twice the bill
    verdict = electricity()
    assert "16.1 cents per kWh" in verdict.reason and "about $470 million a year" in verdict.finding


def test_a_parameter_price_is_not_called_the_published_average():
    assert "(the 2023 US industrial average)" not in electricity(price_usd_per_kwh=0.12).reason
    assert "12 cents per kWh" in electricity(price_usd_per_kwh=0.12).reason


def test_dollar_amounts_read_as_a_person_writes_them_to_two_significant_figures(data_copy):
    """The modelled bill to two significant figures with "about" (never "$236.9 million"); a billion and more in
    billions; a smaller or larger fleet in the data and the sentence follows."""
    finding = electricity().finding
    assert "about $240 million a year" in finding and "236.9" not in finding
    set_cell(data_copy / INPUTS, {"input": "inference_gpus_2024"}, "value", "20000")
    assert "about $14 million a year" in electricity().finding
    set_cell(data_copy / INPUTS, {"input": "inference_gpus_2024"}, "value", "2000000")
    big = electricity()
    assert "about $1.4 billion a year, about four and a half times the article's $300 million" in big.finding


def test_within_a_factor_holds_for_every_figure_or_none():
    assert COMPARE["within_factor"]({"bill": 250.0}, {"bill": 300}, {"factor": 1.5}) == "supported"
    assert COMPARE["within_factor"]({"bill": 250.0, "rent": 4000.0}, {"bill": 300, "rent": 3500}, {"factor": 1.5}) == "supported"
    assert COMPARE["within_factor"]({"bill": 250.0, "rent": 9000.0}, {"bill": 300, "rent": 3500}, {"factor": 1.5}) == "not_supported"


def test_no_power_drawn_still_reads_as_written():
    """The sweep's utilisation 0: no GPU draws power, and every text still fills."""
    params = {**DEFAULTS, "utilisation": 0.0}
    verdicts = compute.verdicts(params)
    assert [v.verdict for v in verdicts] == ["unverifiable", "unverifiable"]
    assert "for 0% of the year gives about $0 million a year" in verdicts[1].finding


# --- tables and chart data ---------------------------------------------------------------------------------
def test_the_scenarios_follow_the_training_days_row(data_copy):
    before = compute.scenarios_table(PARAMS).set_index("scenario")
    assert before.loc["GPT-4 training run", "energy_gwh"] == pytest.approx(54.6, abs=0.1)
    set_cell(data_copy / INPUTS, {"input": "training_days"}, "value", "190")
    after = compute.scenarios_table(PARAMS).set_index("scenario")
    assert after.loc["GPT-4 training run", "energy_gwh"] == pytest.approx(2 * before.loc["GPT-4 training run", "energy_gwh"])
    assert after.loc["ChatGPT inference, a year", "cost_musd"] == before.loc["ChatGPT inference, a year", "cost_musd"]


def test_the_summary_and_the_band_take_the_article_figure_from_the_claims(data_copy):
    assert "draw that $300M a year pays for at this price (MW)" in compute.fleet_summary(DEFAULTS).index
    registry = data_copy / "claims.yaml"
    registry.write_text(registry.read_text().replace('figures: {"yearly electricity bill": 300}',
                                                     'figures: {"yearly electricity bill": 600}'))
    claims.registry.cache_clear()
    summary = compute.fleet_summary(DEFAULTS)
    assert summary["draw that $600M a year pays for at this price (MW)"] == pytest.approx(849.7, abs=0.1)
    band = compute.claim_band({**DEFAULTS, "tolerance_factor": 2.0})
    chosen = compute.scenario(DEFAULTS, compute.used_inputs(DEFAULTS))
    assert band == {"stated": 600, "low": 300.0, "high": 1200.0, "label": "article: $600M a year",
                    "band_label": "where the model would bear the claim out: within a factor of 2, 300 to 1200 USD million",
                    "estimate": round(chosen.yearly_bill(), 1), "gpus": chosen.gpus}


def test_the_bill_curves_span_the_decades_around_the_fleets_in_the_data(data_copy):
    curves = compute.bill_curves(DEFAULTS)
    assert len(curves) == 4 * 60 and set(curves.groupby(["power_basis", "pue_basis"]).size()) == {60}
    assert (curves["gpus"].min(), curves["gpus"].max()) == pytest.approx((10_000, 1_000_000))
    at_most = curves[curves["gpus"] == curves["gpus"].max()].set_index(["power_basis", "pue_basis"])["bill_musd"]
    assert at_most["server", "average"] == pytest.approx(1_000_000 / 350_000 * 317.2, rel=0.01)
    set_cell(data_copy / INPUTS, {"input": "gpus"}, "value", "2000")
    assert compute.bill_curves(DEFAULTS)["gpus"].min() == pytest.approx(1000)
    sizes = compute.fleet_sizes(DEFAULTS).set_index("fleet")
    assert sizes.loc["gpt4_cluster", "gpus"] == 2000 and sizes["chosen"].to_dict() == {"gpt4_cluster": False, "inference_2024": True}


def test_the_verdict_changes_at_the_edges_of_the_band():
    table = compute.verdict_changes(DEFAULTS).set_index("size")
    assert list(table["by the model"]) == ["fails", "holds", "holds", "holds"]
    fewest, most = table.loc["fewest GPUs for which the claim holds", "gpus"], table.loc["most GPUs for which it holds", "gpus"]
    chosen = compute.scenario(DEFAULTS, compute.used_inputs(DEFAULTS))
    for gpus, holds in ((fewest, True), (fewest - 1, False), (most, True), (most + 1, False)):
        bill = replace(chosen, gpus=gpus).yearly_bill()
        assert (claims.outcome(compute.ELECTRICITY, DEFAULTS, {compute.BILL: bill}) == "holds") == holds
    wider = compute.verdict_changes({**DEFAULTS, "tolerance_factor": 3.0}).set_index("size")
    assert wider.loc["fewest GPUs for which the claim holds", "gpus"] < fewest < most < wider.loc["most GPUs for which it holds", "gpus"]


def test_no_fleet_size_changes_the_verdict_when_no_power_is_drawn():
    table = compute.verdict_changes({**DEFAULTS, "utilisation": 0.0})
    assert list(table["size"]) == ["size of gpt4_cluster", "size of inference_2024"]
    assert set(table["yearly bill (USD million)"]) == {0.0}


def test_the_bill_chart_draws_one_line_per_basis_and_names_the_article_figure():
    import matplotlib

    matplotlib.use("Agg")
    from talentcheck import plotting

    ax = plotting.compute.bill_curves(compute.bill_curves(DEFAULTS), compute.fleet_sizes(DEFAULTS), compute.claim_band(DEFAULTS))
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["the chip's own power, a hyperscale data centre", "the chip's own power, an average data centre",
                      "a server's power per GPU, a hyperscale data centre", "a server's power per GPU, an average data centre",
                      "article: $300M a year",
                      "where the model would bear the claim out: within a factor of 1.5, 200 to 450 USD million",
                      "the GPT-4 training cluster, plus ChatGPT's inference: 25,000 GPUs",
                      "OpenAI's 2024 inference fleet: 350,000 GPUs (chosen)",
                      "estimate (modelled, not published): $236.9M a year"]
    assert ax.get_title() == "Modelled bill $237M a year, within the band around the article's $300M: a model, not a published bill"
    marked = ax.collections[-1].get_offsets()[0]  # the estimate sits on the chosen fleet at the verdict's bill
    assert tuple(marked) == pytest.approx((350_000, 236.9))
    matplotlib.pyplot.close(ax.figure)
    ax = plotting.compute.bill_curves(compute.bill_curves(DEFAULTS), compute.fleet_sizes(DEFAULTS),
                                    compute.claim_band({**DEFAULTS, "tolerance_factor": 1.2}))
    assert ax.get_title() == "Modelled bill $237M a year, outside the band around the article's $300M: a model, not a published bill"
    matplotlib.pyplot.close(ax.figure)


def test_a_modelled_claim_is_unverifiable_whatever_the_model_gives():
    """No source publishes OpenAI's bill: the model can bear the $300 million out or not, never confirm it."""
    assert verdict_on(250.0) == verdict_on(30.0) == "unverifiable"
    assert claims.outcome(compute.ELECTRICITY, PARAMS, {compute.BILL: 250.0}) == "holds"
    assert claims.outcome(compute.ELECTRICITY, PARAMS, {compute.BILL: 30.0}) == "fails"
