"""The figures notebook 04's texts (data/claim_texts.yaml) put in words, claim by claim: what the Tracker published
of its rankings, the full count's counts and ranks, the ranges Tracker-sized samples give, and how they stand to
the article's figures; with each claim's caveats (ties at the cut, the counting rule) and the sources its words
rest on. `observations` judges; this says."""
from __future__ import annotations

import numpy as np

from talentcheck import data
from talentcheck.claims import claim, settle_pct, texts
from talentcheck.claims.relations import count_relation, pair_relation
from talentcheck.claims.words import count, listing, ordinal, pct, word
from talentcheck.data import sources
from talentcheck.topics.top_institutions import samples
from talentcheck.topics.top_institutions.industry import industry_indicators, sector_share, share_words
from talentcheck.topics.top_institutions.ranking import COUNTINGS, PAIR, institution_ranking, rank_of, tie_note, top
from talentcheck.topics.tracker import sample_words

US = "United States"
TRACKER_CUT = 25
"""The length of the Tracker's published rankings: what it published of them is of its top 25."""
SHORT = {"Tsinghua University": "Tsinghua", "Peking University": "Peking", "Stanford University": "Stanford",
         "Massachusetts Institute of Technology": "MIT", "Carnegie Mellon University": "Carnegie Mellon",
         "Chinese Academy of Sciences": "the Chinese Academy of Sciences", "Shanghai Jiao Tong University": "Shanghai Jiao Tong",
         "Zhejiang University": "Zhejiang"}


def tracker_ranks(year: int) -> dict[str, tuple[int, int]]:
    """{institution: (best, worst)} for the ranks the Tracker's coverage gave for `year` (equal: published)."""
    named = data.load("tracker/top_institutions")
    named = named[named["year"] == year]
    return {row.institution: (int(row.rank_best), int(row.rank_worst)) for row in named.itertuples()}


def published_count(year: int, country: str = US):
    composition = data.load("tracker/top25_composition").set_index(["year", "country"])["institutions"]
    return int(composition[(year, country)]) if (year, country) in composition.index else None


def _urls(table: str, **where) -> list[str]:
    rows = data.load(table)
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return [u for cell in rows["source_url"] for u in sources.split(cell)]


def _drawn(context: dict, year: int, column: str):
    """One column of the year's Tracker-sized samples; None where none can be drawn (the oral papers)."""
    draws = context["draws"][year]
    return None if draws is None else draws[column]


def _range(values, words=False) -> str | None:
    if values is None:
        return None
    low, high = samples.interval(values)
    if words:
        return f"{ordinal(int(round(low)))} to {ordinal(int(round(high)))}"
    return f"{low:.0f} to {high:.0f}"


def _share(flags) -> str | None:
    return None if flags is None else pct(round(100 * float(np.mean(flags))))


def common(params: dict) -> dict:
    return {"counting_words": word("counting", params["counting"]), "top_n": str(params["top_n"]),
            "sample_2019": sample_words(2019), "sample_2022": sample_words(2022), "settle_pct": pct(settle_pct()),
            "level": pct(samples.LEVEL), "tier_words": ", oral papers only" if params["tier"] == "oral" else "",
            "papers_words": "oral paper" if params["tier"] == "oral" else "accepted paper"}


def no_sample(params: dict, years) -> str | None:
    """The sampling line of a claim read in `years` where no sample of the Tracker's size can be drawn from the tier's
    papers (data/claim_texts.yaml, method no_sample, once per such year); None where samples can be drawn."""
    lines = [texts.method("no_sample", {"year": str(y), "sample": sample_words(y),
                                        "population": f"{samples.population(y, params['tier']):,} {samples.sample_size(y)[0]}"})
             for y in years if not samples.drawable(y, params["tier"])]
    return " ".join(lines) or None


def for_claim(claim_id: str, params: dict, context: dict, observed: dict, published: dict, agree,
              holds=None) -> tuple[dict, list, list]:
    """(slots, caveats, source URLs) of one claim of the notebook under `params`; `holds` the share (%) of
    Tracker-sized samples in which the claim holds, read wholly from the sample."""
    found = common(params)
    if holds is not None:
        found["holds_pct"] = pct(round(holds))
    derived_urls = [u for cell in data.load("neurips/institutions")["source_url"].unique() for u in sources.split(cell)]
    builder = BUILDERS[claim_id]
    more, caveats, urls = builder(params, context, observed, published)
    if agree is not None:
        found["samples_pct"] = pct(round(agree)) if claim_id != "top25-2019-us-18" else more.get("samples_pct")
    return {**found, **more}, caveats, [*urls, *(derived_urls if params["basis"] != "tracker" else [])]


def _ties(context: dict, year: int, params: dict, country=None) -> list[str]:
    return ["ties at the cut"] if tie_note(context["ranked"][year], params["top_n"], country) else []


def us_2019(params: dict, context: dict, observed: dict, published: dict):
    stated = claim("top25-2019-us-18")["check"]["figures"]
    full = context["rederived"]["top25-2019-us-18"]
    inside = top(context["ranked"][2019], params["top_n"], params["ties"])
    missing = [n for n in samples.FOUR_COMPANIES if n not in set(inside["institution"])]
    names = {"Meta (Facebook)": "Facebook"}
    by_rule = {}
    for how in COUNTINGS:
        other = top(institution_ranking(2019, params["tier"], how, params["merge_google_deepmind"], params["china_scope"]),
                    params["top_n"], params["ties"])
        by_rule[how] = int((other["country"] == US).sum())
    sampled = context["sampled"]["top25-2019-us-18"]
    holds = None if sampled is None else (
        ((sampled["US institutions"] - stated["US institutions"]).abs() <= 1) &
        ((sampled["US universities"] - stated["US universities"]).abs() <= 1) &
        ((sampled["US companies"] - stated["US companies"]).abs() <= 1) & (sampled["Google, Microsoft, Facebook, IBM all in"] == "yes"))
    tied = tie_note(context["ranked"][2019], params["top_n"], US)
    found = {"us_n": str(full["US institutions"]), "us_uni": str(full["US universities"]), "us_co": str(full["US companies"]),
             "named_clause": (", including Google, Microsoft, Facebook and IBM" if not missing else
                              f", without {listing([names.get(n, n) for n in missing])}"),
             "us_relation": pair_relation([full[k] for k in ("US institutions", "US universities", "US companies")],
                                          [stated[k] for k in ("US institutions", "US universities", "US companies")], counts=True),
             "article_breakdown": listing([str(stated[k]) for k in ("US institutions", "US universities", "US companies")]),
             "by_rule": listing([f"{n} by {word('counting', how)}" for how, n in by_rule.items()]),
             "us_range": _range(_drawn(context, 2019, "US institutions")), "samples_pct": _share(holds)}
    found["caveat_tail"] = ("Institutions tied at the cut change it." if tied else
                            "Only one counting rule gives the article's total." if sum(n == stated["US institutions"] for n in by_rule.values()) == 1
                            else "No counting rule gives the article's total." if stated["US institutions"] not in by_rule.values()
                            else "More than one counting rule gives the article's total.")
    caveats = _ties(context, 2019, params, US) + (["the count depends on the counting rule"] if len(set(by_rule.values())) > 1 else [])
    return found, caveats, []


def china_2019(params: dict, context: dict, observed: dict, published: dict):
    ranked = context["ranked"][2019]
    inside = top(ranked, params["top_n"], params["ties"])
    chinese = inside[inside["country"] == "China"]
    low, high = claim("top25-2019-china-two-mid")["middle"]
    ranks = {name: (best, worst) for name, (best, worst) in tracker_ranks(2019).items()}
    tsinghua = ranks.get(PAIR[0])
    shared = tsinghua and tsinghua[0] == tsinghua[1] and sum(1 for b, w in ranks.values() if (b, w) == tsinghua) > 1
    peking = rank_of(ranked, PAIR[1])
    extra = chinese[~chinese["institution"].isin(PAIR)]
    peking_ranks = _drawn(context, 2019, "Peking rank")
    found = {"china_published": count(published_count(2019, "China") or 0),
             "tsinghua_published": (f"ranked {ordinal(tsinghua[0])}{' equal' if shared else ''}" if tsinghua and tsinghua[0] == tsinghua[1]
                                    else "rank not published"),
             "peking_rank": ordinal(peking) if peking else "absent from the list", "middle_range": f"{low} to {high}",
             "china_n": count(len(chinese)),
             "china_names": f" ({listing([SHORT.get(n, n) for n in chinese['institution']])})" if 1 <= len(chinese) <= 4 else "",
             "peking_mid_pct": _share(None if peking_ranks is None else (peking_ranks >= low) & (peking_ranks <= high)),
             "peking_range": _range(peking_ranks, words=True), "china_range": _range(_drawn(context, 2019, "Chinese institutions"))}
    if len(extra):
        found["caveat_sentence"] = (f"that count also has {listing([SHORT.get(n, n) for n in extra['institution']])} in the top "
                                    f"{params['top_n']} ({listing([ordinal(int(r)) for r in extra['rank']])}), which the Tracker's "
                                    "published fragments do not name.")
        found["rederived_difference"] = f"adds {listing([SHORT.get(n, n) for n in extra['institution']])}"
    elif tie_note(ranked, params["top_n"], "China"):
        found["caveat_sentence"] = f"institutions tied at the cut make the project's list longer or shorter than {params['top_n']}."
    else:
        found["caveat_sentence"] = f"the middle of a ranking is a reading: ranks {low} to {high} of {params['top_n']} here."
    if "rederived_difference" not in found:
        absent = [SHORT[n] for n in PAIR if n not in set(inside["institution"])]
        found["rederived_difference"] = (f"has {'neither Tsinghua nor Peking' if len(absent) == 2 else absent[0] if absent else ''} "
                                         f"in the top {params['top_n']}" if absent else
                                         f"puts {listing([SHORT[n] for n in PAIR if not (low <= (rank_of(ranked, n) or 0) <= high)])} "
                                         "outside the middle")
    caveats = _ties(context, 2019, params, "China") + (["another Chinese institution in the full count"] if len(extra) else [])
    return found, caveats, _urls("tracker/top_institutions", year=2019) + _urls("tracker/top25_composition", year=2019, country="China")


def us_2022(params: dict, context: dict, observed: dict, published: dict):
    stated_19 = claim("top25-2019-us-18")["check"]["figures"]["US institutions"]
    us = published_count(2022) if published_count(2022) is not None else observed.get("US institutions")
    ibm = rank_of(context["ranked"][2022], "IBM")
    changes = []
    for how in COUNTINGS:
        full = {y: int((top(institution_ranking(y, params["tier"], how, params["merge_google_deepmind"], params["china_scope"]),
                            params["top_n"], params["ties"])["country"] == US).sum()) for y in data.YEARS}
        changes.append(full[2019] - full[2022])
    own = change_words(changes)
    ibm_in = _drawn(context, 2022, "IBM in")
    ibm_2019 = rank_of(context["ranked"][2019], "IBM")
    full_us = context["rederived"]["top25-2022-us-15-ibm-out"]
    failed = []
    if observed.get("US institutions") is not None and observed["US institutions"] != 15 and "US institutions" not in published:
        failed.append(f"{observed['US institutions']} US institutions are in the 2022 top {params['top_n']}, not 15")
    if observed.get("IBM in the top 25") == "yes":
        failed.append(f"IBM ranks {ordinal(ibm)}, inside the top {params['top_n']}")
    if observed.get("IBM in the 2019 top 25") == "no":
        failed.append(f"IBM was not in the 2019 top {params['top_n']}")
    found = {"us_2022": str(us), "article_2019": str(stated_19), "change_relation": count_relation(us, stated_19),
             "us_full": str(full_us["US institutions"]), "us_range": _range(_drawn(context, 2022, "US institutions")),
             "ibm_rank_2022": ordinal(ibm) if ibm else "absent from the list", "own_change": own,
             "ibm_rank_2019": ordinal(ibm_2019) if ibm_2019 else "absent from the list",
             "ibm_pct": _share(ibm_in),
             "failed_part": listing(failed) or f"{full_us['US institutions']} US institutions are in the 2022 top {params['top_n']}",
             "reading_note": ("This reading sets aside the Tracker's published 15 and uses the project's count alone."
                              if params["basis"] == "rederived" else
                              "Counting oral papers only, the project's lists of both years do not show IBM leaving."
                              if params["top_n"] == TRACKER_CUT else
                              f"Cutting the list at {params['top_n']} rather than the Tracker's 25 changes the answer, so the "
                              "failure says more about the reading than the claim.")}
    caveats = ["the 2019 figure is the article's own"] + _ties(context, 2022, params, US)
    return found, caveats, _urls("tracker/top25_composition", year=2022, country=US)


def change_words(changes: list[int]) -> str:
    """The change in a count under each counting rule (positive: fewer), in words: "4 fewer under every counting rule",
    "3 to 5 fewer, depending on the counting rule", "1 to 2 more, ...", "1 more to 2 fewer, ..."; low to high by size."""
    word_ = lambda n: "fewer" if n >= 0 else "more"  # noqa: E731
    if len(set(changes)) == 1:
        return f"{abs(changes[0])} {word_(changes[0])} under every counting rule"
    low, high = sorted((min(changes), max(changes)), key=abs)
    said = (f"none to {abs(high)} {word_(high)}" if low == 0 else f"{abs(low)} to {abs(high)} {word_(high)}"
            if (low > 0) == (high > 0) else f"{abs(low)} {word_(low)} to {abs(high)} {word_(high)}")
    return f"{said}, depending on the counting rule"


def pair_2022(params: dict, context: dict, observed: dict, published: dict):
    ranked = context["ranked"][2022]
    who = [*PAIR, "Stanford University", "Massachusetts Institute of Technology", "Carnegie Mellon University"]
    universities = ranked[ranked["sector"] == "university"]
    universities = universities.assign(rank=universities["value"].rank(method="min", ascending=False).astype(int))

    def order(table):
        ranks = sorted(((rank_of(table, n) or 10**6, n) for n in who))
        return listing([f"{SHORT[n]} {ordinal(r)}" if r < 10**6 else f"{SHORT[n]} absent" for r, n in ranks])
    outside = [SHORT[n] for n in PAIR if (rank_of(ranked, n) or 10**6) > 5]
    ahead = {n: [u for u in universities.loc[universities["rank"] < (rank_of(universities, n) or 10**6), "institution"]
                 if u not in (*PAIR, "Stanford University")] for n in PAIR}
    bounds = {worst for name, (best, worst) in tracker_ranks(2022).items() if name in PAIR}
    found = {"order": order(ranked), "university_order": order(universities),
             "top5_part": (f"{listing(outside)} {'is' if len(outside) == 1 else 'are'} outside the top five" if outside
                           else "both are in the top five"),
             "university_part": (listing([f"{listing([SHORT.get(u, u) for u in names]) if len(names) <= 2 else f'{count(len(names))} other universities'} "
                                          f"also {'ranks' if len(names) == 1 else 'rank'} ahead of {SHORT[n]}"
                                          for n, names in ahead.items() if names])
                                 or "none but Stanford ranks ahead of either, as the article says"),
             "picture_pct": _share(_drawn(context, 2022, samples.PICTURE)),
             "peking_top5_pct": _share(_drawn(context, 2022, "Peking top 5")),
             "tsinghua_top5_pct": _share(_drawn(context, 2022, "Tsinghua top 5")),
             "published_bound": count(bounds.pop()) if len(bounds) == 1 else "25"}
    return found, [], _urls("tracker/top_institutions", year=2022, country="China")[:2] + \
        [u for n in PAIR for u in _urls("tracker/top_institutions", year=2022, institution=n)]


def entrants_2022(params: dict, context: dict, observed: dict, published: dict):
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    cut = {y: top(context["ranked"][y], params["top_n"], params["ties"]) for y in data.YEARS}
    already = [e for e in entrants if e in set(cut[2019]["institution"])]
    outside = [e for e in entrants if e not in set(cut[2022]["institution"])]
    name = lambda e: SHORT.get(e, e)  # noqa: E731
    rank19 = {e: rank_of(context["ranked"][2019], e) for e in already}
    found = {"china_2022": count(published_count(2022, "China") or 0), "published_cut": count(TRACKER_CUT),
             "entrants_pct": _share(_drawn(context, 2022, "entrants in")),
             "entrants_full": ("all four" if not outside else f"{count(len(entrants) - len(outside))} of the four"),
             "entrants_2019": ("none of them" if not already else listing([f"{name(e)} ({ordinal(rank19[e])})" for e in already]))}
    if already:
        found["caveat_sentence"] = (f"the project's count of every 2019 paper ({word('counting', params['counting'])}) already has "
                                    f"{listing([f'{name(e)} {ordinal(rank19[e])}' for e in already])} in its top {params['top_n']}, "
                                    "which the Tracker's published 2019 list does not.")
    elif outside:
        found["caveat_sentence"] = (f"by the project's count ({word('counting', params['counting'])}) {listing([name(e) for e in outside])} "
                                    f"{'falls' if len(outside) == 1 else 'fall'} outside the 2022 top {params['top_n']}.")
    else:
        found["caveat_sentence"] = (f"the project's count has institutions tied at the cut, so its list runs longer or shorter "
                                    f"than {params['top_n']}.")
    failed = [f"{name(e)} was already {ordinal(rank19[e])} in 2019" for e in already]
    if outside:
        failed.append(f"{listing([name(e) for e in outside])} {'is' if len(outside) == 1 else 'are'} outside the 2022 top {params['top_n']}")
    found["failed_part"] = listing(failed) or "the lists agree"
    caveats = (["an entrant already in the full 2019 count"] if already else []) + (["an entrant outside the full 2022 count"] if outside else []) \
        + _ties(context, 2022, params)
    return found, caveats, _urls("tracker/top_institutions", year=2022, country="China") + \
        _urls("tracker/top25_composition", year=2019, country="China")


def industry(params: dict, context: dict, observed: dict, published: dict):
    indicators = industry_indicators(params["tier"], params["counting"])
    table = data.load("industry/indicators")
    models = table[table["indicator"] == "notable_models"].dropna(subset=["industry_share_pct"]).sort_values("year")
    before, after = (round(sector_share(y, params["tier"], params["counting"], "company"), 1) for y in data.YEARS)
    measure = word("counting", params["counting"], column="name")
    rising = [i for i in indicators if i["trend"] == "rising"]
    falling = [i for i in indicators if i["trend"] == "falling"]
    verb = lambda n, one, many: one if n <= 1 else many  # noqa: E731 ("none falls", "one falls", "two fall")
    how_many = lambda n: "none" if n == 0 else count(n)  # noqa: E731
    published = models["source_published"].dropna().max() if "source_published" in models else None
    article = article_month()
    found = {"models_from": share_words(models.iloc[0]), "models_to": share_words(models.iloc[-1]),
             "models_published": month_words(published) if isinstance(published, str) and published else None,
             "models_timing": ("after" if published > article else "before" if published < article else "in the month of")
             if isinstance(published, str) and published and article else None,
             "article_month": month_words(article) if article else None,
             "models_years": f"{models['year'].iloc[0]}-{models['year'].iloc[-1]}", "models_last": str(models["year"].iloc[-1]),
             "neurips_measure": ("oral-paper " if params["tier"] == "oral" else "") + measure + ("," if "," in measure else ""),
             "neurips_moved": ("rose" if after > before else "fell" if after < before else "held") + f" from {pct(before)} to {pct(after)}",
             "neurips_years": f"{min(data.YEARS)}-{max(data.YEARS)}",
             "n_indicators": count(len(indicators)), "n_rising": how_many(len(rising)), "n_falling": how_many(len(falling)),
             "fall_verb": verb(len(falling), "falls", "fall"), "rise_verb": verb(len(rising), "rises", "rise"),
             "rising_list": "; ".join(i["text"] for i in rising), "falling_list": "; ".join(i["text"] for i in falling)}
    caveats = ["an indicator does not rise"] if rising and len(rising) < len(indicators) else []
    return found, caveats, [u for cell in table["source_url"].unique() for u in sources.split(cell)]


def article_month() -> str | None:
    """The article's publication month (YYYY-MM) as the source registry records it."""
    url = data.load("article")["source_url"].iloc[0]
    date = str(sources.row(url).get("date_published") or "")
    return date[:7] or None


def month_words(month: str) -> str:
    """"2025-04" -> "April 2025"."""
    import calendar

    year, number = month[:7].split("-")
    return f"{calendar.month_name[int(number)]} {year}"


BUILDERS = {"top25-2019-us-18": us_2019, "top25-2019-china-two-mid": china_2019, "top25-2022-us-15-ibm-out": us_2022,
            "top25-2022-tsinghua-peking-top5": pair_2022, "top25-2022-new-chinese-entrants": entrants_2022,
            "industry-driven-research": industry}
