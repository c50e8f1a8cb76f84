"""An electricity model for AI compute: every input a published figure (data/compute/energy_inputs.csv)
that a notebook parameter may override.

Energy (kWh) = GPUs x kW per GPU x hours x PUE; cost = energy x price per kWh.
"""
from __future__ import annotations

import pandas as pd

from talentcheck import data

HOURS_PER_YEAR = 24 * 365


def inputs(overrides: dict) -> pd.DataFrame:
    """The model's inputs: the published value, the value used, and where the used one comes from."""
    table = data.load("compute/energy_inputs")
    unknown = set(overrides) - set(table["input"])
    if unknown:
        raise data.DataError(f"compute/energy_inputs has no input named {sorted(unknown)}")
    used = [overrides.get(name) for name in table["input"]]
    return table.assign(
        used=[v if v is not None else published for v, published in zip(used, table["value"])],
        used_from=["parameter" if v is not None else source for v, source in zip(used, table["source_name"])],
    )


def values(table: pd.DataFrame) -> dict[str, float]:
    """{input: value used}, from the table `inputs` returns."""
    return dict(zip(table["input"], table["used"].astype(float)))


def energy_gwh(gpus: float, kw_per_gpu: float, hours: float, pue: float) -> float:
    return gpus * kw_per_gpu * hours * pue / 1e6


def draw_mw(cost_musd_per_year: float, price_usd_per_kwh: float) -> float:
    """The continuous draw (MW, at the meter) that a yearly electricity bill pays for."""
    return cost_musd_per_year * 1e6 / price_usd_per_kwh / HOURS_PER_YEAR / 1e3


def scenarios(gpus: float, kw_per_gpu: float, training_days: float, pue: float, price_usd_per_kwh: float,
              utilisation: float, inference_kwh_per_day: float) -> pd.DataFrame:
    """Electricity and its cost: the training run, the cluster over a year, and ChatGPT's inference over a year."""
    rows = [
        ("GPT-4 training run", energy_gwh(gpus, kw_per_gpu, training_days * 24, pue)),
        ("training cluster, a full year", energy_gwh(gpus, kw_per_gpu, HOURS_PER_YEAR * utilisation, pue)),
        ("ChatGPT inference, a year", inference_kwh_per_day * 365 / 1e6),
    ]
    table = pd.DataFrame(rows, columns=["scenario", "energy_gwh"])
    return table.assign(cost_musd=table["energy_gwh"] * price_usd_per_kwh)


def yearly_bill(gpus: float, kw_per_gpu: float, pue: float, price_usd_per_kwh: float, utilisation: float,
                inference_kwh_per_day: float, include_inference: bool) -> float:
    """USD million a year: the cluster drawing power for the year (and ChatGPT's inference, if included)."""
    cluster = energy_gwh(gpus, kw_per_gpu, HOURS_PER_YEAR * utilisation, pue) * price_usd_per_kwh
    inference = inference_kwh_per_day * 365 / 1e6 * price_usd_per_kwh if include_inference else 0.0
    return cluster + inference


# The fleets a yearly bill can be modelled for: the energy input that gives each one's GPU count.
FLEETS = {"gpt4_cluster": "gpus", "inference_2024": "inference_gpus_2024"}


def fleet_bill(fleet: str, v: dict[str, float], power_basis: str, pue_basis: str, utilisation: float,
               include_inference: bool, gpus: float | None = None) -> float:
    """USD million a year for a fleet of `FLEETS` (or `gpus` GPUs), with the inputs `values` returns.

    ChatGPT's inference electricity is added only to the GPT-4 training cluster: the 2024 fleet is
    itself the inference fleet, so adding it again would count it twice.
    """
    if fleet not in FLEETS:
        raise data.DataError(f"fleet must be one of {tuple(FLEETS)}, not {fleet!r}")
    count = gpus if gpus is not None else v[FLEETS[fleet]]
    return yearly_bill(count, v[f"kw_per_gpu_{power_basis}"], v[f"pue_{pue_basis}"], v["price_usd_per_kwh"], utilisation,
                       v["inference_kwh_per_day"], include_inference and fleet == "gpt4_cluster")


def rent_musd(gpus: float, usd_per_gpu_hour: float, utilisation: float = 1.0) -> float:
    """USD million a year to rent `gpus` GPUs at an hourly price (the rent includes the electricity)."""
    return gpus * usd_per_gpu_hour * HOURS_PER_YEAR * utilisation / 1e6
