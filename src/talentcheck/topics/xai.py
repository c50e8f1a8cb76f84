"""Notebook 06, xAI's founders, Grok-3's presenters and the Sora team: the people behind the claims, counts,
education paths, and the four verdicts with their caveats."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data
from talentcheck.claims import ARTICLE_MONTH, markup
from talentcheck.claims.verdicts import Verdict
from talentcheck.claims.words import VALUE_WORDS

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
        text = " ".join(str(v) for v in rows.iloc[0].dropna())
        found[name] = "yes" if all(w.lower() in text.lower() for w in words) else "no"
    return found


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


def other_count_caveats(counts: pd.DataFrame, counted: int) -> list[str]:
    """One caveat per source (xai/descent_counts) that counts a different number of Chinese founders."""
    return [f"{row.source_name} ({row.date}) counts {row.chinese_founders} Chinese founders of {row.founders_counted} "
            f"(its words: \"{row.source_quote}\")" for row in counts[counts["chinese_founders"] != counted].itertuples()]


def count_with_and_without_musk(params: dict) -> pd.DataFrame:
    """The founders' count, and the verdict on the count alone (before caveats), with and without Musk."""
    rows = []
    for count_musk in (True, False):
        count = chinese_descent_count(founders(count_musk))
        verdict = claims.judge("xai-founders-5-of-12", {**params, "count_musk": count_musk}, observed=count).verdict
        rows.append({"count_musk": count_musk, **count, "verdict": verdict})
    return pd.DataFrame(rows)


def presenters_verdict(params: dict) -> Verdict:
    on_stage = presenters()
    observed = presenters_count(on_stage)
    return claims.judge("grok3-presenters-chinese-descent", params, observed=observed,
                        caveats=late_source_caveats(founders(True), among=set(on_stage["presenter"])))


def founders_count_verdict(params: dict) -> Verdict:
    count_musk = params["count_musk"]
    count = chinese_descent_count(founders(count_musk))
    caveats = late_source_caveats(founders(True)) + other_count_caveats(descent_counts(), count["founders of Chinese descent"])
    return claims.judge("xai-founders-5-of-12", params, observed=count, caveats=caveats,
                        alternatives=[({"count_musk": not count_musk}, chinese_descent_count(founders(not count_musk)))])


def education_verdict(params: dict) -> Verdict:
    everyone = founders(True)  # the article may name Musk's education too, whether or not he is counted
    return claims.judge("xai-founders-education", params, observed=education_matches(everyone, education_expected()),
                        caveats=confidence_caveats(education_named(everyone)))


def foundation_verdict(params: dict) -> Verdict:
    """The share trained in China under the chosen reading, checked against the other readings and groups."""
    groups, basis = params["groups"], params["foundation"]
    by_basis = {b: foundation_places(groups, b) for b in FOUNDATIONS}
    trained = by_basis[basis]
    others = [({"foundation": other}, share_trained_in_china(by_basis[other])) for other in FOUNDATIONS if other != basis]
    others += [({"groups": other}, share_trained_in_china(foundation_places(other, basis)))
               for other in GROUPS if other != groups]
    return claims.judge("chinese-educated-foundation", params, observed=share_trained_in_china(trained),
                        caveats=[who_counts_caveat(trained)], alternatives=others,
                        context=" ".join(known_sentence(places, b) for b, places in by_basis.items()))


def known_sentence(trained: pd.Series, basis: str) -> str:
    """How many of those whose training is known trained in China under a reading, and whose is not known."""
    known, unknown = trained[trained != "unknown"], list(trained[trained == "unknown"].index)
    return (f"With {VALUE_WORDS['foundation'][basis]}, {int((known == 'China').sum())} of the {len(known)} people whose "
            f"training is known trained in China" + (f"; not known: {', '.join(unknown)}." if unknown else "."))


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
