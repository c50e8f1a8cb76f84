"""Notebook 07, GPT-4's cost and OpenAI's electricity: the published estimates of GPT-4's training cost, and an
electricity model for AI compute, every input a published figure (data/compute/energy_inputs.csv) that a
notebook parameter may override; and the notebook's verdicts built from them.

Energy (kWh) = GPUs x kW per GPU x hours x PUE; cost = energy x price per kWh.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from talentcheck import claims, data
from talentcheck.claims.comparison import LowerBound
from talentcheck.claims.relations import ratio_relation
from talentcheck.claims.verdicts import Verdict
from talentcheck.claims.words import listing, money, money_range, number_words, word
from talentcheck.data import sources
from talentcheck.errors import DataError

NOTEBOOK = "07_compute_costs.ipynb"

HOURS_PER_YEAR = 24 * 365
KW_PER_MW = 1000
POWER_BASES = ("board", "server")
PUE_BASES = ("hyperscale", "average")
# The fleets a yearly bill can be modelled for: the energy input that gives each one's GPU count.
FLEETS = {"gpt4_cluster": "gpus", "inference_2024": "inference_gpus_2024"}

TRAINING_COST, ELECTRICITY = "gpt4-training-cost", "openai-electricity-300m"
HIGHEST_ESTIMATE, BILL = "highest published estimate", "yearly electricity bill"
LOOSEST_HUNDREDS_READING_MUSD = 100.0  # "hundreds" read as "a hundred or more", the loosest reading of the words


def cost_estimates() -> pd.DataFrame:
    """Each published estimate of GPT-4's training cost, what it covers, and the source's words."""
    return data.load("compute/gpt4_cost_estimates")[["estimate", "value_musd", "kind", "scope", "source_name",
                                                    "source_standing", "source_quote"]]


def input_table(overrides: dict) -> pd.DataFrame:
    """The model's inputs: the published value, the value used, and where the used one comes from."""
    table = data.load("compute/energy_inputs")
    unknown = set(overrides) - set(table["input"])
    if unknown:
        raise DataError(f"compute/energy_inputs has no input named {sorted(unknown)}")
    used = [overrides.get(name) for name in table["input"]]
    return table.assign(
        used=[value if value is not None else published for value, published in zip(used, table["value"])],
        used_from=["parameter" if value is not None else source for value, source in zip(used, table["source_name"])],
    )


def input_values(table: pd.DataFrame) -> dict[str, float]:
    """{input: value used}, from the table `input_table` returns."""
    return dict(zip(table["input"], table["used"].astype(float)))


def model_inputs(params: dict) -> pd.DataFrame:
    """`input_table` under notebook 07's parameters (`gpus` and `price_usd_per_kwh` override the data)."""
    return input_table({"gpus": params["gpus"], "price_usd_per_kwh": params["price_usd_per_kwh"]})


def inputs_shown(params: dict) -> pd.DataFrame:
    """The model's inputs as the notebook shows them: the value used, its unit, and where it comes from."""
    return model_inputs(params)[["input", "used", "unit", "used_from", "source_standing", "source_quote"]]


def used_inputs(params: dict) -> dict[str, float]:
    """{input: value used} under notebook 07's parameters."""
    return input_values(model_inputs(params))


def energy_gwh(gpus: float, kw_per_gpu: float, hours: float, pue: float) -> float:
    return gpus * kw_per_gpu * hours * pue / 1e6


def inference_gwh(inference_kwh_per_day: float) -> float:
    """ChatGPT's inference electricity over a year."""
    return inference_kwh_per_day * 365 / 1e6


def draw_mw(cost_musd_per_year: float, price_usd_per_kwh: float) -> float:
    """The continuous draw (MW, at the meter) that a yearly electricity bill pays for."""
    return cost_musd_per_year * 1e6 / price_usd_per_kwh / HOURS_PER_YEAR / KW_PER_MW


def rent_musd(gpus: float, usd_per_gpu_hour: float, utilisation: float = 1.0) -> float:
    """USD million a year to rent `gpus` GPUs at an hourly price (the rent includes the electricity)."""
    return gpus * usd_per_gpu_hour * HOURS_PER_YEAR * utilisation / 1e6


@dataclass(frozen=True)
class Scenario:
    """What one yearly bill is modelled from: a fleet drawing power for a share of the year, at a price,
    plus ChatGPT's inference electricity if included."""
    gpus: float
    kw_per_gpu: float
    pue: float
    price_usd_per_kwh: float
    utilisation: float
    inference_kwh_per_day: float
    include_inference: bool

    def yearly_bill(self) -> float:
        """USD million a year."""
        cluster = energy_gwh(self.gpus, self.kw_per_gpu, HOURS_PER_YEAR * self.utilisation, self.pue) * self.price_usd_per_kwh
        inference = inference_gwh(self.inference_kwh_per_day) * self.price_usd_per_kwh if self.include_inference else 0.0
        return cluster + inference

    def draw_mw(self) -> float:
        """The fleet's continuous draw at full power, data-centre overhead included."""
        return self.gpus * self.kw_per_gpu * self.pue / KW_PER_MW


def scenario(params: dict, inputs: dict[str, float], fleet: str | None = None, power_basis: str | None = None,
             pue_basis: str | None = None) -> Scenario:
    """The model under notebook 07's parameters, or with another fleet or basis than the chosen one.

    The `gpus` parameter sizes the chosen fleet only. ChatGPT's inference electricity is added only to the
    GPT-4 training cluster: the 2024 fleet is itself the inference fleet, so adding it again would count it twice.
    """
    fleet = fleet or params["fleet"]
    if fleet not in FLEETS:
        raise DataError(f"fleet must be one of {tuple(FLEETS)}, not {fleet!r}")
    sized = params["gpus"] is not None and fleet == params["fleet"]
    return Scenario(gpus=params["gpus"] if sized else inputs[FLEETS[fleet]],
                    kw_per_gpu=inputs[f"kw_per_gpu_{power_basis or params['power_basis']}"],
                    pue=inputs[f"pue_{pue_basis or params['pue_basis']}"],
                    price_usd_per_kwh=inputs["price_usd_per_kwh"], utilisation=params["utilisation"],
                    inference_kwh_per_day=inputs["inference_kwh_per_day"],
                    include_inference=params["include_inference"] and fleet == "gpt4_cluster")


def stated_bill() -> float:
    """The article's yearly electricity bill (USD million), from data/claims.yaml."""
    return claims.stated_figures(ELECTRICITY)[BILL]


def scenarios_table(params: dict) -> pd.DataFrame:
    """Electricity and its cost: the GPT-4 training run, its cluster over a year, and ChatGPT's inference over a year."""
    inputs = used_inputs(params)
    cluster = scenario(params, inputs, fleet="gpt4_cluster")
    rows = [
        ("GPT-4 training run", energy_gwh(cluster.gpus, cluster.kw_per_gpu, inputs["training_days"] * 24, cluster.pue)),
        ("training cluster, a full year", energy_gwh(cluster.gpus, cluster.kw_per_gpu, HOURS_PER_YEAR * cluster.utilisation, cluster.pue)),
        ("ChatGPT inference, a year", inference_gwh(cluster.inference_kwh_per_day)),
    ]
    table = pd.DataFrame(rows, columns=["scenario", "energy_gwh"])
    return table.assign(cost_musd=table["energy_gwh"] * cluster.price_usd_per_kwh)


def fleet_summary(params: dict) -> pd.Series:
    """The chosen fleet's size, yearly bill and draw, and the draw the article's bill pays for."""
    inputs = used_inputs(params)
    chosen, stated = scenario(params, inputs), stated_bill()
    return pd.Series({
        "fleet": params["fleet"], "GPUs": f"{chosen.gpus:,.0f}",
        "estimated yearly bill (USD million)": round(chosen.yearly_bill(), 1),
        "fleet's continuous draw (MW)": round(chosen.draw_mw(), 1),
        f"draw that ${stated:g}M a year pays for at this price (MW)": round(draw_mw(stated, chosen.price_usd_per_kwh), 1),
        "published training-energy estimates (GWh)": f"{inputs['training_energy_gwh']:g} and {inputs['training_energy_gwh_iea']:g}",
    })


# --- when does the electricity verdict change ------------------------------------------------------------
def fleet_sizes(params: dict) -> pd.DataFrame:
    """The GPU count of each fleet in `FLEETS` as the inputs give it, and which fleet is chosen.

    The `gpus` parameter overrides the input `gpus` (the GPT-4 cluster's count) whichever fleet is chosen.
    """
    inputs = used_inputs(params)
    return pd.DataFrame([{"fleet": name, "gpus": inputs[column], "chosen": name == params["fleet"]}
                         for name, column in FLEETS.items()])


def claim_band(params: dict) -> dict:
    """The article's yearly bill, the band around it in which the claim holds (with legends for both), and the
    modelled bill (`estimate`) of the chosen fleet (`gpus`), which the chart marks as an estimate."""
    stated, factor = stated_bill(), params["tolerance_factor"]
    chosen = scenario(params, used_inputs(params))
    return {"stated": stated, "low": stated / factor, "high": stated * factor, "label": f"article: ${stated:g}M a year",
            "band_label": f"where the model would bear the claim out: within a factor of {factor:g}, {stated / factor:.0f} to {stated * factor:.0f} USD million",
            "estimate": round(chosen.yearly_bill(), 1), "gpus": chosen.gpus}


def bill_curves(params: dict, points: int = 60) -> pd.DataFrame:
    """The yearly bill (USD million) of fleets from the decade below the smallest fleet in the data to the
    decade above the largest, at every power and PUE basis: one row per GPU count and basis."""
    sizes = fleet_sizes(params)["gpus"]
    smallest, largest = 10 ** math.floor(math.log10(sizes.min())), 10 ** math.ceil(math.log10(sizes.max()))
    inputs = used_inputs(params)
    return pd.DataFrame([
        {"gpus": gpus, "power_basis": power, "pue_basis": pue,
         "bill_musd": replace(scenario(params, inputs, power_basis=power, pue_basis=pue), gpus=gpus).yearly_bill()}
        for power in POWER_BASES for pue in PUE_BASES
        for gpus in np.geomspace(smallest, max(largest, 10 * smallest), points)])


def _holds(params: dict, bill: float) -> bool:
    return claims.outcome(ELECTRICITY, params, {BILL: bill}) == "holds"


def verdict_changes(params: dict) -> pd.DataFrame:
    """The chosen model's bill at the size of each fleet in the data, and at the fewest and the most GPUs for
    which it bears the claim out (the edges of the tolerance band), with whether it does ("holds" or "fails")."""
    inputs = used_inputs(params)
    chosen, band = scenario(params, inputs), claim_band(params)
    sizes = {f"size of {row.fleet}": row.gpus for row in fleet_sizes(params).itertuples()}
    fixed = replace(chosen, gpus=0).yearly_bill()  # ChatGPT's inference, when added: it does not grow with the fleet
    per_gpu = replace(chosen, gpus=1).yearly_bill() - fixed
    if per_gpu > 0:
        fewest = max(0, math.ceil((band["low"] - fixed) / per_gpu))
        most = math.floor((band["high"] - fixed) / per_gpu)
        fewest += not _holds(params, replace(chosen, gpus=fewest).yearly_bill())  # a rounding error at the edge
        most -= not _holds(params, replace(chosen, gpus=most).yearly_bill())
        if 0 <= fewest <= most:
            sizes.update({"fewest GPUs for which the claim holds": fewest, "most GPUs for which it holds": most})
    rows = []
    for size, gpus in sorted(sizes.items(), key=lambda item: item[1]):
        bill = replace(chosen, gpus=gpus).yearly_bill()
        rows.append({"size": size, "gpus": int(gpus) if float(gpus).is_integer() else gpus, "yearly bill (USD million)": round(bill, 1),
                     "by the model": claims.outcome(ELECTRICITY, params, {BILL: bill})})
    return pd.DataFrame(rows)


# --- the verdicts ----------------------------------------------------------------------------------------
def training_cost_verdict(params: dict) -> Verdict:
    """The highest published estimate of GPT-4's training cost against the reading of "hundreds of millions"."""
    estimates = data.load("compute/gpt4_cost_estimates")
    top = estimates.loc[estimates["value_musd"].idxmax()]
    value = float(top["value_musd"])
    observed = {HIGHEST_ESTIMATE: LowerBound(value) if top["kind"] == "lower_bound" else value}
    caveats = ["the highest figure is a lower bound"] if top["kind"] == "lower_bound" else []
    loosest = LOOSEST_HUNDREDS_READING_MUSD
    alternatives = [({"hundreds_reading_musd": loosest}, observed)] if params["hundreds_reading_musd"] != loosest else []
    return claims.judge(TRAINING_COST, params, observed=observed, caveats=caveats, alternatives=alternatives,
                        slots=training_cost_slots(params, estimates), sources=_urls(estimates))


def _urls(rows: pd.DataFrame) -> list[str]:
    return [u for cell in rows["source_url"] for u in sources.split(cell)]


def training_cost_slots(params: dict, estimates: pd.DataFrame) -> dict:
    """Every published estimate with its source and what it measures, and the floor Sam Altman gave."""
    figures = estimates[estimates["kind"].isin(["point", "range"])].sort_values("date")
    who = {r.source_name: word("source", r.source_name) for r in figures.itertuples()}
    listed = [f"{money_range(r.low_musd, r.high_musd) if r.kind == 'range' else money(r.value_musd)} ({who[r.source_name]})"
              for r in figures.itertuples()]
    floor = estimates[estimates["kind"] == "lower_bound"]
    return {"estimates_list": listing(listed), "reading_floor": money(params["hundreds_reading_musd"]),
            "altman_bound": money(floor["value_musd"].max()) if len(floor) else None,
            "scopes": "; ".join(f"{who[r.source_name]}, {word('estimate_scope', r.scope)}" for r in figures.itertuples())}


def electricity_verdict(params: dict) -> Verdict:
    """The modelled yearly bill of the chosen fleet against the article's, with the other fleet and bases as alternatives."""
    inputs = used_inputs(params)
    chosen = scenario(params, inputs)
    bill = round(chosen.yearly_bill(), 1)
    variant = "model_bears_out" if _holds(params, bill) else "model_falls_short"
    return claims.judge(ELECTRICITY, params, observed={BILL: bill}, slots=electricity_slots(params, inputs, chosen),
                        variant=variant, sources=list(dict.fromkeys(_urls(used_rows(params)) + _urls(chart_rows(params)))))


def chart_rows(params: dict) -> pd.DataFrame:
    """The rows of the model's inputs the chart draws beside the chosen reading (`bill_curves`, `fleet_sizes`): every
    fleet's GPU count, every power and PUE basis, the price (an input a parameter sets is not a source)."""
    table = model_inputs(params)
    names = {*FLEETS.values(), *(f"kw_per_gpu_{b}" for b in POWER_BASES), *(f"pue_{b}" for b in PUE_BASES), "price_usd_per_kwh"}
    return table[table["input"].isin(names) & (table["used_from"] != "parameter")]


def used_rows(params: dict) -> pd.DataFrame:
    """The rows of the model's inputs that this reading uses (an input a parameter sets is not a source)."""
    table = model_inputs(params)
    names = {FLEETS[params["fleet"]], f"kw_per_gpu_{params['power_basis']}", f"pue_{params['pue_basis']}", "price_usd_per_kwh"}
    if params["include_inference"] and params["fleet"] == "gpt4_cluster":
        names.add("inference_kwh_per_day")
    return table[table["input"].isin(names) & (table["used_from"] != "parameter")]


def electricity_slots(params: dict, inputs: dict[str, float], chosen: Scenario) -> dict:
    """The model in words: the fleet, its power and overhead, the price, the bill to two significant figures, how it
    stands to the article's, and where it would fall outside the band (fewest GPUs, least share of the year)."""
    stated, factor = stated_bill(), float(params["tolerance_factor"])
    bill = chosen.yearly_bill()
    gpus = number_words(round(chosen.gpus))
    fleet = (f"OpenAI's {gpus} inference GPUs" if params["fleet"] == "inference_2024" else
             f"GPT-4's {gpus}-GPU training cluster" + (" and ChatGPT" if params["include_inference"] else ""))
    kw = chosen.kw_per_gpu
    price = chosen.price_usd_per_kwh
    fixed = replace(chosen, gpus=0).yearly_bill()  # ChatGPT's inference, when added: it does not grow with the fleet
    per_gpu = replace(chosen, gpus=1).yearly_bill() - fixed
    at_full = replace(chosen, utilisation=1.0).yearly_bill() - replace(chosen, utilisation=0.0).yearly_bill()
    found = {"fleet_words": fleet,
             "utilisation_words": "all year" if chosen.utilisation == 1 else f"for {100 * chosen.utilisation:g}% of the year",
             "bill": f"about {money(float(f'{bill:.2g}'))}", "bill_relation": ratio_relation(bill, stated),
             "article_bill": money(stated), "factor": f"{factor:g}",
             "kw_words": (f"{kw:.2g} kW per GPU (its share of an eight-GPU server)" if params["power_basis"] == "server"
                          else f"{kw:g} kW per GPU (the chip alone)"),
             "pue": f"{chosen.pue:.2f}",
             "price": f"{100 * price:.3g} cents per kWh" + (" (the 2023 US industrial average)" if params["price_usd_per_kwh"] is None else ""),
             "short_relation": ratio_relation(stated, bill) if bill > 0 else "far more than"}
    if per_gpu > 0 and stated / factor > fixed:
        found["fewest_gpus"] = f"about {number_words(round((stated / factor - fixed) / per_gpu, -3))}"
    if at_full > 0:
        found["least_utilisation"] = f"{max(0, 100 * (stated / factor - replace(chosen, utilisation=0.0).yearly_bill()) / at_full):.0f}%"
    return found


def verdicts(params: dict) -> list[Verdict]:
    """Notebook 07's verdicts: GPT-4's training cost and OpenAI's yearly electricity bill."""
    return [training_cost_verdict(params), electricity_verdict(params)]
