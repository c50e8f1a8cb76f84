"""xAI and compute-cost claims: moving an assumption across its threshold changes the verdict."""
import pandas as pd
import pytest

from conftest import set_cell
from talentcheck import claims, data, energy, paths, people

PARAMS = {"hundreds_reading_musd": 200.0, "tolerance_factor": 1.5, "fleet": "gpt4_cluster", "power_basis": "server",
          "pue_basis": "hyperscale"}
PEOPLE = {"count_musk": True, "foundation": "undergraduate", "groups": "both"}


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


def test_five_of_twelve_founders_and_five_of_eleven_without_musk():
    assert people.chinese_descent_count(people.founders(True)) == {"of Chinese descent": 5, "founding members": 12}
    eleven = people.chinese_descent_count(people.founders(False))
    assert claims.judge("xai-founders-5-of-12", PEOPLE, observed=eleven).verdict == "supported_with_caveat"


def test_education_words_must_all_appear():
    founders = people.founders(True)
    assert people.education_matches(founders, {"Zihang Dai": ["Tsinghua", "Carnegie Mellon"]}) == {"Zihang Dai": "yes"}
    assert people.education_matches(founders, {"Zihang Dai": ["Peking"]}) == {"Zihang Dai": "no"}


def test_foundation_keeps_unknowns_unknown_and_follows_its_reading():
    sora = data.load("xai/sora_authors")
    assert people.foundation(sora, "undergraduate").value_counts().to_dict() == {"unknown": 2, "China": 1}
    assert people.foundation(sora, "school").value_counts().to_dict() == {"China": 2, "unknown": 1}
    xai = people.foundation(people.founders(True), "undergraduate")
    assert xai.to_dict() == {"Yuhuai (Tony) Wu": "elsewhere", "Jimmy Ba": "elsewhere", "Greg Yang": "elsewhere",
                             "Guodong Zhang": "China", "Zihang Dai": "China"}
    # schooling in China, where the cited sources give it, counts under the "school" reading only
    school = people.foundation(people.founders(True), "school")
    assert school.to_dict() == {"Yuhuai (Tony) Wu": "China", "Jimmy Ba": "unknown", "Greg Yang": "China",
                                "Guodong Zhang": "China", "Zihang Dai": "China"}


def test_the_foundation_reading_flips_the_verdict_and_the_reason_says_so():
    def verdict(basis):
        trained = people.foundations("both", basis)
        other = "school" if basis == "undergraduate" else "undergraduate"
        return claims.judge("chinese-educated-foundation", {**PEOPLE, "foundation": basis},
                            observed=people.share_trained_in_china(trained),
                            alternatives=[({"foundation": other}, people.share_trained_in_china(people.foundations("both", other)))])
    undergraduate, school = verdict("undergraduate"), verdict("school")
    assert (undergraduate.verdict, school.verdict) == ("not_supported", "supported_with_caveat")
    assert "With any schooling (primary school to degree) instead, it holds" in undergraduate.reason
    assert "With an undergraduate degree instead, it does not hold" in school.reason


def test_one_schooling_row_decides_the_school_reading(data_copy):
    assert people.share_trained_in_china(people.foundations("both", "school")) == {"trained in China": 100.0}
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "school_country", "United States")
    share = people.share_trained_in_china(people.foundations("both", "school"))
    assert share == {"trained in China": 83.3}
    verdict = claims.judge("chinese-educated-foundation", {**PEOPLE, "foundation": "school"}, observed=share)
    assert verdict.verdict == "not_supported"


def test_a_descent_resting_on_sources_after_the_article_is_named(data_copy):
    assert people.named_after_article(people.founders(True)) == ["Jimmy Ba", "Greg Yang"]
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "descent_source_date", "2024-05")
    assert people.named_after_article(people.founders(True)) == ["Greg Yang"]


def test_sources_count_the_chinese_founders_differently():
    counts = data.load("xai/descent_counts").set_index("source_name")["chinese_founders"].to_dict()
    assert counts == {"ZAKER": 5, "ITHOME": 4}


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
    for table in ("xai/founders", "xai/sora_authors"):
        people_rows = data.load(table)
        assert people_rows[people_rows["chinese_descent"] == "yes"]["source_quote"].notna().all(), table


def test_a_founder_whose_undergraduate_country_changes_moves_the_share(data_copy):
    for name in ["Yuhuai (Tony) Wu", "Jimmy Ba", "Greg Yang"]:
        set_cell(data_copy / "xai/founders.csv", {"name": name}, "undergrad_country", "China")
    trained = people.foundation(people.founders(True), "undergraduate")
    share = 100 * (trained == "China").mean()
    assert claims.judge("chinese-educated-foundation", PEOPLE, observed={"trained in China": share}).verdict == "supported_with_caveat"


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


def test_one_row_moves_the_caveats_of_the_founders_count(data_copy):
    def reason():
        everyone = people.founders(True)
        count = people.chinese_descent_count(everyone)
        caveats = people.descent_caveats(everyone, data.load("xai/descent_counts"), count["of Chinese descent"])
        return claims.judge("xai-founders-5-of-12", PEOPLE, observed=count, caveats=caveats)
    before = reason()
    assert before.verdict == "supported_with_caveat"
    assert "the sources that state the Chinese descent of Jimmy Ba and Greg Yang are dated after the article" in before.reason
    assert "ITHOME (2023-07) counts 4 Chinese founders of 12" in before.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "chinese_descent", "no")  # as IT之家 and cnyes count
    after = reason()
    assert after.observed == "of Chinese descent 4, founding members 12" and "off by 1" in after.reason
    assert "Jimmy Ba" not in after.reason and "ITHOME" not in after.reason and "ZAKER (2026-02) counts 5" in after.reason


def test_the_reported_rent_bounds_the_modelled_bill():
    v = energy.values(energy.inputs({}))
    rent = energy.rent_musd(v["inference_gpus_2024"], v["inference_rent_usd_per_gpu_hour"])
    assert rent == pytest.approx(3985.8, abs=0.1)  # "about $4 billion in 2024"
    assert energy.fleet_bill("inference_2024", v, "server", "average", 1.0, True) < 0.1 * rent
