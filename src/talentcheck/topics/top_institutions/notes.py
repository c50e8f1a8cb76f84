"""The computed sentences of notebook 04's top-25 reasons (used by `observations`): ties at the cut, the range
Tracker-sized samples give, what the Tracker published and what it did not, the full count's figures and ranks
behind each claim, and the rule that leaves a claim open when the full count fails it but a sample of the
Tracker's size could have given what the article reports.

The Tracker coded a sample (data/tracker/samples.csv); the re-derivation counts every author. So each count is
also drawn many times at the Tracker's sample size (`samples.DRAWS` times: `samples.sampled`).
"""
from __future__ import annotations

from talentcheck import data
from talentcheck.claims import claim
from talentcheck.claims.findings import FULL_COUNT
from talentcheck.claims.words import VALUE_WORDS, count, counting_words, listing
from talentcheck.data.countries import DEFAULT_SCOPE
from talentcheck.topics.top_institutions import samples
from talentcheck.topics.top_institutions.industry import industry_indicators
from talentcheck.topics.top_institutions.ranking import (BEHIND_THE_PAIR, COUNTINGS, PAIR, PICTURE, TIE_RULES,
                                                         institution_ranking, rank_of, tie_note, top)

US = "United States"
TOP25 = ("top25-2019-us-18", "top25-2019-china-two-mid", "top25-2022-us-15-ibm-out", "top25-2022-tsinghua-peking-top5",
         "top25-2022-new-chinese-entrants", "industry-driven-research")


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def versus(observed: int, stated: int, whose: str = "the article's") -> str:
    """"17, 1 fewer than the article's 18"; "4, as stated"."""
    if observed == stated:
        return f"{observed}, as stated"
    return f"{observed}, {abs(observed - stated)} {'fewer' if observed < stated else 'more'} than {whose} {stated}"


def breakdown(table, country: str = US) -> str:
    """A country's institutions in a top list as the article gives them: "18 = 14 + 4" (all, universities,
    companies), or with what is neither: "17 (13 universities, 3 companies, 1 other)"."""
    rows = table[table["country"] == country]
    total, universities, companies = len(rows), int((rows["sector"] == "university").sum()), int((rows["sector"] == "company").sum())
    if universities + companies == total:
        return f"{total} = {universities} + {companies}"
    return f"{total} ({universities} universities, {companies} companies, {total - universities - companies} other)"


def tracker_ranks(year: int) -> dict[str, tuple[int, int]]:
    """{institution: (best, worst)} for the ranks the Tracker's coverage gave for `year` (equal: published)."""
    named = data.load("tracker/top_institutions")
    named = named[named["year"] == year]
    return {row.institution: (int(row.rank_best), int(row.rank_worst)) for row in named.itertuples()}


def published_count(year: int, country: str = US):
    composition = data.load("tracker/top25_composition").set_index(["year", "country"])["institutions"]
    return int(composition[(year, country)]) if (year, country) in composition.index else None


def counted(counting: str, tier: str = "all_accepted") -> str:
    """The counting rule in a few words: "distinct authors", "fractional papers, oral papers only"."""
    return counting_words(counting) + (", oral papers only" if tier == "oral" else "")


def _range(values) -> str:
    low, high = samples.interval(values)
    return f"{low:.0f} to {high:.0f}"


def _sample_words(year: int, draws) -> str:
    unit, size = samples.sample_size(year)
    return f"Samples of the Tracker's size ({size} {unit} drawn at random from the {year} accepted papers, {len(draws)} draws)"


def us_2019(ranked, draws, top_n: int, counting: str, tier: str, ties: str) -> str:
    """The 2019 US count and its parts against the article's 18 = 14 + 4, who published what, and the
    range of both counts in Tracker-sized samples."""
    stated = claim("top25-2019-us-18")["check"]["figures"]
    us = top(ranked, top_n, ties)
    us = us[us["country"] == US]
    n, universities, companies = len(us), int((us["sector"] == "university").sum()), int((us["sector"] == "company").sum())
    text = (f"By the full 2019 count ({counted(counting, tier)}), US institutions are {versus(n, stated['US institutions'])}; "
            f"US universities {versus(universities, stated['US universities'], 'its')}; "
            f"US companies {versus(companies, stated['US companies'], 'its')}.")
    if published_count(2019) is None:
        text += (" No count of US institutions in the Tracker's 2019 ranking was found in what the Tracker or the press "
                 "published, so the article's figures are checked against the re-derivation.")
    full = {"US institutions": n, "US universities": universities}
    inside = {what: (lambda lo_hi: lo_hi[0] <= stated[what] <= lo_hi[1])(samples.interval(draws[what])) for what in full}
    first, second = (stated[what] for what in full)
    if all(inside.values()):
        verdict = (f"the article's {first} and {second} both lie inside them" +
                   (", so a sample of the Tracker's size could give them although the full count does not"
                    if any(full[w] != stated[w] for w in full) else ""))
    elif not any(inside.values()):
        verdict = f"the article's {first} and {second} both lie outside them: sampling alone does not explain them"
    else:
        verdict = f"the article's {first} lies {'inside' if inside['US institutions'] else 'outside'} its range, its {second} " \
                  f"{'inside' if inside['US universities'] else 'outside'}"
    return text + (f" {_sample_words(2019, draws)} give {_range(draws['US institutions'])} US institutions and "
                   f"{_range(draws['US universities'])} US universities in the top {top_n} in {samples.LEVEL}% of draws; {verdict}.")


def us_2022(ranked, draws, top_n: int, ties: str) -> str:
    """What "three fewer" rests on (the Tracker's published counts, else the article's), the full count's
    change from 2019 to 2022, IBM's ranks, and the 2022 count's range in samples."""
    stated_19 = claim("top25-2019-us-18")["check"]["figures"]["US institutions"]
    published = {year: published_count(year) for year in data.YEARS}
    if published[2019] is not None and published[2022] is not None:
        text = f"The Tracker published both counts ({published[2019]} US institutions in 2019, {published[2022]} in 2022)."
    elif published[2022] is not None:
        text = (f"The Tracker's 2022 count ({published[2022]} US institutions) was published, but no 2019 count was found, "
                f"so “{count(stated_19 - published[2022])} fewer” rests on the article's {stated_19} for 2019.")
    else:
        text = "No count of US institutions in the Tracker's rankings was found: the change rests on the article's figures."
    full = {year: int((top(ranked[year], top_n, ties)["country"] == US).sum()) for year in data.YEARS}
    change = full[2019] - full[2022]
    text += (f" The full count goes from {full[2019]} US institutions in 2019 to {full[2022]} in 2022 "
             f"({abs(change)} {'fewer' if change >= 0 else 'more'}).")
    ibm = {year: rank_of(ranked[year], "IBM") for year in data.YEARS}
    text += " By the full count IBM " + " and ".join(f"ranks {ibm[y]} in {y}" if ibm[y] else f"is absent from the {y} list"
                                                    for y in data.YEARS) + "."
    low, high = samples.interval(draws["US institutions"])
    claimed = published[2022] if published[2022] is not None else claim("top25-2022-us-15-ibm-out")["check"]["figures"]["US institutions"]
    return (text + f" {_sample_words(2022, draws)} give {_range(draws['US institutions'])} US institutions in the top {top_n} "
            f"in {samples.LEVEL}% of draws; the stated {claimed} lies {'inside' if low <= claimed <= high else 'outside'} "
            f"that range{', so the sample alone could explain a difference from the full count' if low <= claimed <= high else ': sampling alone does not explain it'}. "
            f"IBM is in the top {top_n} of {pct(draws['IBM in'].mean())} of the samples.")


def pair_2022(ranked, draws, counting: str, tier: str) -> tuple[str, str, dict]:
    """(context, open, figures): the full count's ranks of Tsinghua, Peking and Stanford and who is ahead of the
    lower of the pair, how often Tracker-sized samples give the article's picture, what the Tracker
    published of its ranks; where the claim's rule leaves it open, the words of its verdict ("" if not); and
    the figures its finding states (`findings.FULL_COUNT`: the pair's full-count ranks and the share of samples
    giving the article's picture), none where the Tracker's published ranks settle the claim instead."""
    threshold = claim("top25-2022-tsinghua-peking-top5")["open_if_samples_give_pct"]
    where = {name: rank_of(ranked, name) for name in (*PAIR, "Stanford University")}
    short = {name: name.split()[0] for name in where}
    text = f"By the full 2022 count ({counted(counting, tier)}), " + listing(
        [f"{short[n]} ranks {r}" if r else f"{short[n]} is absent from the list" for n, r in sorted(where.items(), key=lambda i: i[1] or 10**6)]) + "."
    lower = max(PAIR, key=lambda n: where[n] or 10**6)
    if where[lower]:
        ahead = ranked[ranked["rank"] < where[lower]]
        named = [f"{row.institution} ({row.rank})" for row in ahead.head(8).itertuples()]
        more = [f"{len(ahead) - len(named)} more"] if len(ahead) > len(named) else []
        text += f" Ahead of {short[lower]}: {listing(named + more)}." if named else ""
    share = draws[PICTURE].mean()
    text += (f" {_sample_words(2022, draws)} give the article's whole picture (both in the top 5, no university but Stanford "
             f"ahead of either, both ahead of {' and '.join(n.replace('Massachusetts Institute of Technology', 'MIT').replace('Carnegie Mellon University', 'CMU') for n in BEHIND_THE_PAIR)}) "
             f"in {pct(share)} of draws, Tsinghua in the top 5 in {pct(draws['Tsinghua top 5'].mean())} and Peking in "
             f"{pct(draws['Peking top 5'].mean())}.")
    ranks_given = tracker_ranks(2022)  # a published range that settles "in the top 5" settles the question
    pinned = [n for n in PAIR if n in ranks_given and (ranks_given[n][1] <= 5 or ranks_given[n][0] > 5)]
    if pinned:
        text += " The Tracker's published 2022 ranks settle it: " + listing(
            [f"{short[n]} {best}" if best == worst else f"{short[n]} {best} to {worst}" for n in pinned for best, worst in [ranks_given[n]]]) + "."
    else:
        bounds = {ranks_given[n][1] for n in PAIR if n in ranks_given}
        text += (" The Tracker's own 2022 ranks of Tsinghua and Peking were not found" +
                 (f": press coverage says only that both were in its top {bounds.pop()}." if len(bounds) == 1 and all(n in ranks_given for n in PAIR)
                  else "."))
    often = 100 * share >= threshold
    text += (f" The rule: where the full count fails the claim, at least {threshold:g}% of Tracker-sized samples give the "
             "article's picture and the Tracker's own ranks are unpublished, the claim is unverifiable"
             + ("; here too few samples give it, so the full count's verdict stands." if not (often or pinned) else "."))
    opened = "" if pinned or not often else (
        "The full count contradicts the claim ({why}), but a sample of the Tracker's size gives the article's picture in "
        f"{pct(share)} of draws and the Tracker's own ranks were not found, so the evidence cannot settle it")
    figures = {} if pinned else {FULL_COUNT: {
        "year": 2022, "counted": counted(counting, tier), "ranks": {short[n]: where[n] for n in PAIR},
        "samples_pct": round(100 * share, 1)}}
    return text, opened, figures


def rederived_notes(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted",
                    ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> dict[str, dict]:
    """{claim id: {"caveats": [...], "context": "...", "open": "...", "figures": {...}}}: ties at the cut (a caveat: the count
    depends on the tie rule), the counts by every counting rule, the context sentences above, and for a
    claim the full count fails but a sample could bear out, "open": the why of its unverifiable verdict
    (a template with "{why}" for the comparison's words; see claims.judge), and "figures": figures the claim's
    finding states beside the ones compared (see `pair_2022`)."""
    ranked = {y: institution_ranking(y, tier, counting, merge_google_deepmind, china_scope) for y in data.YEARS}
    draws = {y: samples.sampled(y, top_n, counting, merge_google_deepmind, ties, china_scope) for y in data.YEARS}
    notes = {cid: {"caveats": [], "context": ""} for cid in TOP25}
    for cid, year, country in (("top25-2019-us-18", 2019, US), ("top25-2019-china-two-mid", 2019, "China"),
                               ("top25-2022-us-15-ibm-out", 2022, US), ("top25-2022-new-chinese-entrants", 2022, None)):
        tie = tie_note(ranked[year], top_n, country)
        if tie:
            notes[cid]["caveats"].append(f"the count depends on the tie rule (here {VALUE_WORDS['ties'][ties]}): {tie}")
    stated = "{} = {} + {}".format(*(claim("top25-2019-us-18")["check"]["figures"][k]
                                     for k in ("US institutions", "US universities", "US companies")))
    for cid, year in (("top25-2019-us-18", 2019), ("top25-2022-us-15-ibm-out", 2022)):
        by_rule = []
        for how in COUNTINGS:
            other = institution_ranking(year, tier, how, merge_google_deepmind, china_scope)
            counts = {rule: int((top(other, top_n, rule)["country"] == US).sum()) for rule in TIE_RULES}
            shown = breakdown(top(other, top_n, ties)) if year == 2019 else counts[ties]
            by_rule.append(f"{shown} by {counting_words(how)}"
                           + (" (the article's breakdown)" if shown == stated else "")
                           + (f" ({counts['exclude']} without the institutions tied at the cut)" if ties == "include"
                              else f" ({counts['include']} with the institutions tied at the cut)")
                           * (counts["include"] != counts["exclude"]))
        notes[cid]["caveats"].append(f"the US count depends on the counting and tie rules: {', '.join(by_rule)}")
    notes["top25-2019-us-18"]["context"] = us_2019(ranked[2019], draws[2019], top_n, counting, tier, ties)
    low, high = samples.interval(draws[2019]["Chinese institutions"])
    notes["top25-2019-china-two-mid"]["context"] = (
        samples.range_sentence(2019, list(draws[2019]["Chinese institutions"]), f"Chinese institutions in the top {top_n}") +
        f" The stated 2 lies {'inside' if low <= 2 <= high else 'outside'} that range" +
        (": the sample alone can explain a difference from the full count." if low <= 2 <= high else ": sampling alone does not explain it."))
    notes["top25-2022-us-15-ibm-out"]["context"] = us_2022(ranked, draws[2022], top_n, ties)
    context, opened, figures = pair_2022(ranked[2022], draws[2022], counting, tier)
    notes["top25-2022-tsinghua-peking-top5"].update(context=context, open=opened, figures=figures)
    notes["top25-2022-new-chinese-entrants"]["context"] = entrants_2022(ranked, draws[2022], top_n, counting, tier, ties)
    notes["industry-driven-research"] = industry_note(tier, counting)
    return notes


def entrants_2022(ranked, draws, top_n: int, counting: str, tier: str, ties: str) -> str:
    """The four entrants' full-count ranks (and how often each is in a Tracker-sized sample's top N), so
    that the share of samples holding all four is not read alone."""
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    cut = {y: set(top(ranked[y], top_n, ties)["institution"]) for y in data.YEARS}
    ranks_22 = {e: rank_of(ranked[2022], e) for e in entrants}
    inside = [e for e in entrants if e in cut[2022]]
    text = (f"By the full 2022 count ({counted(counting, tier)}), " + listing(
        [f"{e} {'ranks ' if i == 0 else ''}{ranks_22[e]}" if ranks_22[e] else f"{e} absent from the list" for i, e in enumerate(entrants)]) +
        f" ({'all four' if len(inside) == len(entrants) else count(len(inside)) + ' of them' if inside else 'none of them'} in the top {top_n}).")
    text += (" In Tracker-sized 2022 samples, " + listing(
        [f"{e} is in the top {top_n} in {pct(draws[f'{e} in'].mean())} of draws" if i == 0 else f"{e} in {pct(draws[f'{e} in'].mean())}"
         for i, e in enumerate(entrants)]) + f"; all four together in {pct(draws['entrants in'].mean())}.")
    already = [e for e in entrants if e in cut[2019]]
    return text + (f" The full 2019 list already has {' and '.join(already)} in its top {top_n}." if already else "")


def industry_note(tier: str, counting: str) -> dict:
    indicators = industry_indicators(tier, counting)
    agree = [i for i in indicators if i["rising"]]
    others = [i for i in indicators if not i["rising"]]
    return {"caveats": [f"{len(others)} of {len(indicators)} indicators do not show industry's share rising "
                        f"({', '.join(i['name'].replace('_', ' ') for i in others)})"] if others and agree else [],
            "context": (f"Indicators: {'; '.join(i['text'] for i in indicators)}. {len(agree)} of {len(indicators)} show industry's "
                        f"share rising ({', '.join(i['name'].replace('_', ' ') for i in agree) or 'none'}).")}
