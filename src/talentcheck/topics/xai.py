"""Notebook 06, xAI's founders, Grok-3's presenters and the Sora team: the people behind the claims, counts,
education paths, and the four verdicts with their caveats."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data
from talentcheck.claims import ARTICLE_MONTH, markup
from talentcheck.claims.relations import count_relation
from talentcheck.claims.verdicts import Verdict
from talentcheck.claims.words import count, listing, word
from talentcheck.data import sources

NOTEBOOK = "06_xai_founders.ipynb"

FOUNDATIONS = ("undergraduate", "school")
GROUPS = ("xai", "sora", "both")
PLACES = ("China", "elsewhere", "unknown")
XAI_STAGE = ("xAI (2023)", "United States")  # the last stage of every founder's path: xAI, launched in the US


def founders(count_musk: bool) -> pd.DataFrame:
    """xAI's founding members as listed at launch, with or without Elon Musk."""
    table = data.load("xai/founders")
    return table if count_musk else table[table["role"] != "ceo"].reset_index(drop=True)


def presenters() -> pd.DataFrame:
    """The people on stage at Grok-3's launch."""
    return data.load("xai/grok3_presenters")


def descent_counts() -> pd.DataFrame:
    """What other sources count as xAI's founders of Chinese descent."""
    return data.load("xai/descent_counts")


def founders_table(people: pd.DataFrame) -> pd.DataFrame:
    """The founding members `founders` gives, with their schooling, degrees and sources."""
    return people[["name", "chinese_descent", "descent_source_date", "school_country", "undergrad_institution",
                   "undergrad_country", "phd_institution", "left_xai", "confidence", "source_quote"]]


def presenters_table() -> pd.DataFrame:
    """Grok-3's presenters and what the sources say of their descent."""
    return presenters()[["presenter", "role_stated", "chinese_descent", "source_url", "source_quote"]]


def descent_counts_table() -> pd.DataFrame:
    """Each other source's count of founders of Chinese descent, in its words."""
    return descent_counts()[["source_name", "date", "chinese_founders", "founders_counted", "source_quote"]]


def evidence_sentence() -> str:
    """How many people each table of the notebook holds, in words a reader can check against the tables (as
    Markdown: the notebook shows it so)."""
    everyone, sora = founders(True), data.load("xai/sora_authors")
    ceo = list(everyone[everyone["role"] == "ceo"]["name"])
    return markup.escape(f"The tables hold the {len(everyone)} people xAI listed at its launch ({' and '.join(ceo)} and "
                         f"{len(everyone) - len(ceo)} others), the {len(presenters())} people on stage at Grok-3's "
                         f"launch, and the {len(sora)} authors of OpenAI's Sora report.", "markdown")


def chinese_descent_count(people: pd.DataFrame) -> dict:
    return {"founders of Chinese descent": int((people["chinese_descent"] == "yes").sum()), "founding members": len(people)}


def presenters_count(on_stage: pd.DataFrame) -> dict:
    return {"presenters of Chinese descent": int((on_stage["chinese_descent"] == "yes").sum())}


def education_matches(people: pd.DataFrame, expected: dict[str, list[str]]) -> dict[str, str]:
    """For each person, "yes" if every expected word appears in their record (institutions, descent note)."""
    found = {}
    for name, words in expected.items():
        rows = people[people["name"] == name]
        if rows.empty:
            raise data.DataError(f"xai/founders has no person named {name!r}")
        found[name] = "yes" if all(w.lower() in record_text(rows.iloc[0]).lower() for w in words) else "no"
    return found


URL_COLUMNS = ("source_url", "descent_source_url", "education_source_url")


def record_text(row: pd.Series) -> str:
    """A person's record as one text, without its source addresses (a word in an address is not a record of it)."""
    return " ".join(str(v) for k, v in row.dropna().items() if k not in URL_COLUMNS)


def education_expected() -> dict[str, list[str]]:
    """{founder: the words (institutions, places) the article attaches to them}, from the claim."""
    return claims.claim("xai-founders-education")["check"]["words"]


def education_named(people: pd.DataFrame) -> pd.DataFrame:
    """The rows of the founders whose education the article describes."""
    return people[people["name"].isin(education_expected())]


def education_table(people: pd.DataFrame) -> pd.DataFrame:
    """The records of the founders whose education the article describes."""
    return education_named(people)[["name", "undergrad_institution", "phd_institution", "descent_note", "confidence"]]


def confidence_caveats(named: pd.DataFrame) -> list[str]:
    """A caveat naming the people whose record rests on sources of less than high confidence."""
    weak = named[named["confidence"] != "high"]
    return [f"{', '.join(weak['name'])}: sources of {'/'.join(sorted(set(weak['confidence'])))} confidence only"] \
        if len(weak) else []


def foundation_places_of(people: pd.DataFrame, basis: str) -> pd.Series:
    """Where each Chinese-descent person got their 'foundational training': China, elsewhere, or unknown.

    `basis` "undergraduate" looks at the undergraduate country; "school" also counts schooling in China
    (a secondary school there, where a source reports one). Unknowns stay unknown.
    """
    if basis not in FOUNDATIONS:
        raise data.DataError(f"foundation basis must be one of {FOUNDATIONS}, not {basis!r}")
    subset = people[people["chinese_descent"] == "yes"]

    def where(row) -> str:
        stages = ["undergrad_country"] + (["school_country"] if basis == "school" else [])
        countries = [row.get(stage) for stage in stages]
        if "China" in countries:
            return "China"
        return "elsewhere" if all(isinstance(c, str) and c for c in countries) else "unknown"

    return pd.Series([where(r) for _, r in subset.iterrows()], index=subset["name"], name="foundation")


def foundation_places(groups: str, basis: str) -> pd.Series:
    """`foundation_places_of` every Chinese-descent person of xAI's founders, the Sora authors, or both."""
    if groups not in GROUPS:
        raise data.DataError(f"groups must be one of {GROUPS}, not {groups!r}")
    tables = {"xai": [founders(True)], "sora": [data.load("xai/sora_authors")]}
    chosen = tables["xai"] + tables["sora"] if groups == "both" else tables[groups]
    return pd.concat([foundation_places_of(table, basis) for table in chosen])


def foundation_table(groups: str, basis: str) -> pd.DataFrame:
    """Where each Chinese-descent person of the chosen groups got their foundational training, as a table."""
    return foundation_places(groups, basis).to_frame()


def foundation_readings() -> pd.DataFrame:
    """How many people each reading of "foundation" and each choice of groups puts in each place."""
    return pd.DataFrame([{"foundation": basis, "groups": group,
                          **foundation_places(group, basis).value_counts().reindex(list(PLACES), fill_value=0)}
                         for basis in FOUNDATIONS for group in GROUPS])


def named_after_article(people: pd.DataFrame) -> list[str]:
    """People of Chinese descent whose earliest cited source for it is dated after the article's month."""
    rows = people[(people["chinese_descent"] == "yes")
                  & (people["descent_source_date"].fillna("").astype(str).str[:7] > ARTICLE_MONTH)]
    return list(rows["name"])


def who(trained: pd.Series) -> dict[str, list[str]]:
    """{where (China, elsewhere, unknown): the names `foundation_places(_of)` puts there}."""
    return {place: list(trained[trained == place].index) for place in PLACES}


def who_counts_caveat(trained: pd.Series) -> str:
    listed = [f"{place}: {', '.join(names) if names else 'nobody'}" for place, names in who(trained).items()]
    return f"who counts under this reading ({'; '.join(listed)})"


def share_trained_in_china(trained: pd.Series) -> dict:
    """The claim's observed figure: % trained in China among those whose training is known (none if nobody's is)."""
    known = trained[trained != "unknown"]
    return {"trained in China": round(float(100 * (known == "China").mean()), 1)} if len(known) else {}


def late_source_caveats(everyone: pd.DataFrame, among: set[str] | None = None) -> list[str]:
    """A caveat naming the people (of `among`, default all) whose Chinese descent rests on sources after the article."""
    late = [name for name in named_after_article(everyone) if among is None or name in among]
    return [f"the sources that state the Chinese descent of {' and '.join(late)} are dated after the article"] if late else []


def count_with_and_without_musk(params: dict) -> pd.DataFrame:
    """The founders' count, and the verdict on the count alone (before caveats), with and without Musk."""
    rows = []
    for count_musk in (True, False):
        found = chinese_descent_count(founders(count_musk))
        verdict = claims.decide("xai-founders-5-of-12", {**params, "count_musk": count_musk}, observed=found)["verdict"]
        rows.append({"count_musk": count_musk, **found, "verdict": verdict})
    return pd.DataFrame(rows)


def month_year(date: str) -> str:
    """"2025-07" or "2025-07-12" as a sentence says it: "July 2025"."""
    import calendar

    year, month = str(date)[:7].split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def urls(*tables: pd.DataFrame, column: str = "source_url") -> list[str]:
    """The sources `column` cites in the rows of `tables` (a table without that column: its `source_url`)."""
    return [u for table in tables for cell in table[column if column in table.columns else "source_url"].fillna("")
            for u in sources.split(cell)]


def roster_urls(everyone: pd.DataFrame) -> list[str]:
    """The sources of xAI's launch list (the press copies cited on its CEO's row)."""
    return urls(everyone[everyone["role"] == "ceo"])


def source_said(url: str) -> str:
    """A source as a sentence names it: its publisher and date ("Guancha (observersnews.com), 21 February 2025")."""
    import calendar

    row = sources.row(url)
    date = str(row.get("date_published") or "")
    parts = date.split("-")
    when = (f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}" if len(parts) == 3 else
            month_year(date) if len(parts) == 2 else date)
    return ", ".join(p for p in (row["publisher"], when) if p)


def late_slots(everyone: pd.DataFrame, among: set[str]) -> dict:
    """The people of `among` whose Chinese descent rests on sources dated after the article, and the first such date."""
    late = [n for n in named_after_article(everyone) if n in among]
    dates = everyone[everyone["name"].isin(late)]["descent_source_date"].astype(str)
    return {"late_names": listing(late), "late_first_date": month_year(min(dates))} if late else {}


def presenters_verdict(params: dict) -> Verdict:
    on_stage, everyone = presenters(), founders(True)
    observed = presenters_count(on_stage)
    descent = list(on_stage[on_stage["chinese_descent"] == "yes"]["presenter"])
    found = {"presenters_n": count(len(on_stage)), "descent_n_cap": count(len(descent)).capitalize(),
             "descent_names": listing(descent) or "no one", "presenter_names": listing(list(on_stage["presenter"])),
             "count_relation": count_relation(len(descent), claims.stated_figures("grok3-presenters-chinese-descent")
                                              ["presenters of Chinese descent"]),
             **late_slots(everyone, set(descent))}
    return claims.judge("grok3-presenters-chinese-descent", params, observed=observed, slots=found,
                        caveats=late_source_caveats(everyone, among=set(on_stage["presenter"])),
                        sources=urls(on_stage) + urls(everyone[everyone["name"].isin(descent)], column="descent_source_url"))


def founders_count_verdict(params: dict) -> Verdict:
    count_musk = params["count_musk"]
    everyone, counted = founders(True), founders(count_musk)
    found_count = chinese_descent_count(counted)
    descent = list(counted[counted["chinese_descent"] == "yes"]["name"])
    others = descent_counts()
    differing = others[others["chinese_founders"] != len(descent)]
    musk = everyone[everyone["role"] == "ceo"]
    listed = month_year(sources.row(sources.split(musk["source_url"].iloc[0])[0])["date_published"]) if len(musk) else ""
    stated = claims.stated_figures("xai-founders-5-of-12")
    found = {"descent_n": count(len(descent)), "descent_names": listing(descent),
             "members_words": (f"{count(len(counted))} founders xAI listed in {listed} (Elon Musk included)" if count_musk
                               else f"{count(len(counted))} founders xAI listed beside Elon Musk in {listed}"),
             "members_note": "" if count_musk else f"; its {stated['founding members']} counts Musk too",
             "members_all": count(len(everyone)),
             "count_relation": count_relation(len(descent), stated["founders of Chinese descent"]),
             "other_counts": listing([f"{word('source', r.source_name)} counted {count(int(r.chinese_founders))} in "
                                      f"{month_year(r.date)}" for r in differing.itertuples()]),
             **late_slots(everyone, set(descent))}
    caveats = late_source_caveats(everyone) + [f"{r.source_name} counts {r.chinese_founders}" for r in differing.itertuples()]
    return claims.judge("xai-founders-5-of-12", params, observed=found_count, caveats=caveats, slots=found,
                        alternatives=[({"count_musk": not count_musk}, chinese_descent_count(founders(not count_musk)))],
                        sources=roster_urls(everyone) + urls(counted[counted["chinese_descent"] == "yes"], column="descent_source_url")
                        + urls(others))


def education_verdict(params: dict) -> Verdict:
    everyone = founders(True)  # the article may name Musk's education too, whether or not he is counted
    expected = education_expected()
    named = education_named(everyone)
    weak = list(named[named["confidence"] != "high"]["name"])
    matches = education_matches(everyone, expected)
    lacking = {name: [w for w in words if w.lower() not in " ".join(str(v) for v in named[named["name"] == name].iloc[0].dropna()).lower()]
               for name, words in expected.items()}
    found = {"matched_people": ", ".join(f"{name} to {' and '.join(words)}" for name, words in list(expected.items())[:-1])
             + f", and {list(expected)[-1]} to {' and '.join(list(expected.values())[-1])}",
             **education_source_slots(named, weak, expected), "people_n": count(len(expected)),
             "matched_count": count(sum(v == "yes" for v in matches.values())),
             "unmatched": listing([n for n, v in matches.items() if v != "yes"]),
             "missing": " ".join(f"{name}'s record does not name {listing(words)}." for name, words in lacking.items() if words)}
    return claims.judge("xai-founders-education", params, observed=matches,
                        caveats=confidence_caveats(named) + late_source_caveats(everyone, among=set(expected)), slots=found,
                        sources=urls(named, column="education_source_url") + urls(named, column="descent_source_url")
                        + chart_urls(everyone))


def chart_urls(everyone: pd.DataFrame) -> list[str]:
    """The sources of the degrees the education chart draws (`education_paths`: every founding member but the CEO):
    a card lists the sources of every row its chart draws, not only of the people its claim names."""
    drawn = set(education_paths(everyone)["name"])
    return urls(everyone[everyone["name"].isin(drawn)], column="education_source_url")


def education_source_slots(named: pd.DataFrame, weak: list[str], expected: dict[str, list[str]]) -> dict:
    """Whose first degree rests on press reports only, and which (publisher and date), and whose origin rests only on
    sources dated after the article: the sourcing the education claim's caveat names."""
    weak_rows = named[named["name"].isin(weak)]
    press = list(dict.fromkeys(u for u in urls(weak_rows, column="education_source_url") if sources.row(u)["language"] == "zh"))
    late = []
    for row in named[named["name"].isin(named_after_article(named))].itertuples():
        words = [w for w in expected.get(row.name, []) if w.lower() in str(row.descent_note).lower()]
        cited = sources.split(row.descent_source_url if isinstance(row.descent_source_url, str) else "")
        late.append(f"The only source found for {row.name}'s origin in {listing(words) or 'China'}, "
                    f"{listing([source_said(u) for u in cited])}, dates from after the article.")
    return {"weak_short": (f"{count(len(weak)) if len(weak) > 1 else 'one'} first degree{'s' if len(weak) > 1 else ''} "
                           f"rest{'' if len(weak) > 1 else 's'} on {count(len(press)) if press else 'no'} press "
                           f"report{'' if len(press) == 1 else 's'} alone") if weak
            else "an origin rests only on a source from after the article",
            "weak_sources": (f"{listing([n + chr(39) + 's' for n in weak])} first degree{'s' if len(weak) > 1 else ''} "
                             f"rest{'' if len(weak) > 1 else 's'} only on Chinese press reports ({'; '.join(source_said(u) for u in press)}), "
                             "not on the universities or the people themselves.") if weak else "",
            "late_origin": " ".join(late)}


def foundation_verdict(params: dict) -> Verdict:
    """The share trained in China under the chosen reading, checked against the other readings and groups."""
    groups, basis = params["groups"], params["foundation"]
    by_basis = {b: foundation_places(groups, b) for b in FOUNDATIONS}
    trained = by_basis[basis]
    others = [({"foundation": other}, share_trained_in_china(by_basis[other])) for other in FOUNDATIONS if other != basis]
    others += [({"groups": other}, share_trained_in_china(foundation_places(other, basis)))
               for other in GROUPS if other != groups]
    return claims.judge("chinese-educated-foundation", params, observed=share_trained_in_china(trained),
                        caveats=[who_counts_caveat(trained)], alternatives=others, unsettled=too_few_known(trained),
                        slots=foundation_slots(groups, basis, by_basis),
                        sources=[u for column in ("education_source_url", "descent_source_url")
                                 for u in urls(*people_of(groups), column=column)])


KNOWN_AT_LEAST = 0.5
"""A claim about all of a group ("received their foundational training in China") is judged only where the
foundation of at least this share of the group is known; below it the records cannot settle it (unverifiable):
on the Sora team, one person of three with a known first degree is no evidence about "all of them"."""


def too_few_known(trained: pd.Series) -> bool:
    """Whether fewer than KNOWN_AT_LEAST of the people have a known foundation (`foundation_places`)."""
    return len(trained) > 0 and (trained != "unknown").mean() < KNOWN_AT_LEAST


def people_of(groups: str) -> list[pd.DataFrame]:
    """The Chinese-descent people's rows of the chosen groups (the rows the foundation claim rests on)."""
    tables = {"xai": [founders(True)], "sora": [data.load("xai/sora_authors")]}
    chosen = tables["xai"] + tables["sora"] if groups == "both" else tables[groups]
    return [t[t["chinese_descent"] == "yes"] for t in chosen]


def foundation_slots(groups: str, basis: str, by_basis: dict[str, pd.Series]) -> dict:
    """Who of the chosen groups had their foundational training in China, by first degree and by any schooling."""
    degree, school = by_basis["undergraduate"], by_basis["school"]
    degree_known, school_known = degree[degree != "unknown"], school[school != "unknown"]
    people = pd.concat(people_of(groups))
    country = dict(zip(people["name"], people["undergrad_country"]))
    elsewhere = [f"{n} ({'the US' if country[n] == 'United States' else country[n]})" for n in degree[degree == "elsewhere"].index]
    unknown = list(by_basis[basis][by_basis[basis] == "unknown"].index)
    chosen_known = degree_known if basis == "undergraduate" else school_known
    n_degree_china, n_school_china = int((degree_known == "China").sum()), int((school_known == "China").sum())
    chosen = by_basis[basis]
    found = {"groups_words": word("groups", groups), "degree_known": count(len(degree_known)),
             "group_n": count(len(chosen)), "known_china": count(int((chosen == "China").sum())),
             "known_n": count(int((chosen != "unknown").sum())),
             "degree_china_cap": count(n_degree_china).capitalize(), "degree_china": count(n_degree_china),
             "school_known": count(len(school_known)), "school_china": count(n_school_china),
             "degree_elsewhere": listing(elsewhere),
             "unknown_sentence": (f"The {'first degree' if basis == 'undergraduate' else 'schooling'} of {listing(unknown)} "
                                  "is unknown." if unknown else ""),
             "foundation_words": word("foundation", basis),
             "known_words": f"{count(len(chosen_known))} {'person' if len(chosen_known) == 1 else 'people'}",
             "foundation_definition": word("foundation", basis, column="definition")}
    if basis == "school":
        found["other_clause"] = f"by first degree alone, {count(n_degree_china)} of {count(len(degree_known))} did"
        found["caveat_clause"] = (f"by first degree, the foundation most readers would take the article to mean, only "
                                  f"{count(n_degree_china)} of {count(len(degree_known))} studied in China")
    else:
        found["other_clause"] = f"counting any schooling, {count(n_school_china)} of {count(len(school_known))} did"
        found["caveat_clause"] = (f"the Sora team has only {count(len(degree_known))} "
                                  f"{'person' if len(degree_known) == 1 else 'people'} of Chinese descent whose first degree is "
                                  "known, and the article names xAI's founders too")
    return found


def verdicts(params: dict) -> list[Verdict]:
    """The four verdicts of notebook 06 under its parameters (count_musk, foundation, groups)."""
    return [presenters_verdict(params), founders_count_verdict(params), education_verdict(params),
            foundation_verdict(params)]


def education_paths(people: pd.DataFrame) -> pd.DataFrame:
    """Each founding member's path but the CEO's, tidy: name, stage (undergraduate, PhD, xAI), country.

    A country not found stays empty (None). Everyone's last stage is xAI, in the United States.
    """
    members = people[people["role"] != "ceo"]
    rows = []
    for member in members.itertuples():
        rows += [{"name": member.name, "stage": "undergraduate", "country": member.undergrad_country},
                 {"name": member.name, "stage": "PhD", "country": member.phd_country},
                 {"name": member.name, "stage": XAI_STAGE[0], "country": XAI_STAGE[1]}]
    return pd.DataFrame(rows, columns=["name", "stage", "country"])


def education_paths_title(paths: pd.DataFrame) -> str:
    """The chart's title: how many took their first degree in China (and how many are unknown), naming (by
    surname) the founders of the launch list that the paths leave out."""
    left_out = [name.split()[-1] for name in founders(True)["name"] if name not in set(paths["name"])]
    without = f" (without {' and '.join(left_out)})" if left_out else ""
    first = paths[paths["stage"] == "undergraduate"]
    in_china, unknown = int((first["country"] == "China").sum()), int(first["country"].isna().sum())
    return (f"xAI's founding members{without}: {in_china} of {len(first)} took their first degree in China"
            + (f" ({unknown} unknown)" if unknown else ""))


FOUNDATION_STAGES = ("first degree", "any schooling (first degree included)")


def foundation_paths(groups: str) -> pd.DataFrame:
    """The people the foundation claim is about (Chinese descent, in the chosen groups), tidy: name, stage, country;
    None where no source gives one. The stages are the two readings of "foundation" the finding counts: the first
    degree, and any schooling, the first degree included ("school" in `foundation_places_of`): China where the
    school or the first degree was there, else the school's country where both are known, else unknown; so the
    chart's second column counts what the finding's "counting any schooling" counts."""
    rows = []
    for table in people_of(groups):
        for person in table.itertuples():
            degree, school = (v if isinstance(v, str) and v else None for v in (person.undergrad_country, person.school_country))
            schooling = "China" if "China" in (degree, school) else school if degree and school else None
            rows += [{"name": person.name, "stage": FOUNDATION_STAGES[0], "country": degree},
                     {"name": person.name, "stage": FOUNDATION_STAGES[1], "country": schooling}]
    return pd.DataFrame(rows, columns=["name", "stage", "country"])


def foundation_paths_title(groups: str, paths: pd.DataFrame) -> str:
    """The foundation chart's title: how many of the people with a known first degree took it in China."""
    first = paths[paths["stage"] == FOUNDATION_STAGES[0]]["country"]
    known = first.dropna()
    return (f"Researchers of Chinese descent {word('groups', groups)}: {int((known == 'China').sum())} of {len(known)} "
            f"with a known first degree took it in China" + (f" ({int(first.isna().sum())} unknown)" if first.isna().any() else ""))
