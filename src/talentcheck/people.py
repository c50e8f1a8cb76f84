"""People behind the claims about xAI's founders and OpenAI's Sora team: counts and education paths."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.claims import ARTICLE_MONTH

FOUNDATIONS = ("undergraduate", "school")
GROUPS = ("xai", "sora", "both")


def founders(count_musk: bool) -> pd.DataFrame:
    """xAI's founding members as listed at launch, with or without Elon Musk."""
    table = data.load("xai/founders")
    return table if count_musk else table[table["role"] != "ceo"].reset_index(drop=True)


def chinese_descent_count(people: pd.DataFrame) -> dict:
    return {"of Chinese descent": int((people["chinese_descent"] == "yes").sum()), "founding members": len(people)}


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


def foundation(people: pd.DataFrame, basis: str) -> pd.Series:
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


def foundations(groups: str, basis: str) -> pd.Series:
    """`foundation` for every Chinese-descent person of xAI's founders, the Sora authors, or both."""
    if groups not in GROUPS:
        raise data.DataError(f"groups must be one of {GROUPS}, not {groups!r}")
    tables = {"xai": [founders(True)], "sora": [data.load("xai/sora_authors")]}
    chosen = tables["xai"] + tables["sora"] if groups == "both" else tables[groups]
    return pd.concat([foundation(table, basis) for table in chosen])


def named_after_article(people: pd.Series | pd.DataFrame) -> list[str]:
    """People of Chinese descent whose earliest cited source for it is dated after the article's month."""
    rows = people[(people["chinese_descent"] == "yes")
                  & (people["descent_source_date"].fillna("").astype(str).str[:7] > ARTICLE_MONTH)]
    return list(rows["name"])


def who(trained: pd.Series) -> dict[str, list[str]]:
    """{where (China, elsewhere, unknown): the names `foundation(s)` puts there}."""
    return {place: list(trained[trained == place].index) for place in ("China", "elsewhere", "unknown")}


def share_trained_in_china(trained: pd.Series) -> dict:
    """The claim's observed figure: % trained in China among those whose training is known (none if nobody's is)."""
    known = trained[trained != "unknown"]
    return {"trained in China": round(float(100 * (known == "China").mean()), 1)} if len(known) else {}


def descent_caveats(everyone: pd.DataFrame, counts: pd.DataFrame, counted: int, among: set[str] | None = None) -> list[str]:
    """Caveats on a count of people of Chinese descent: sources dated after the article (for the people
    in `among`, default all), and sources (xai/descent_counts) that count a different number."""
    late = [name for name in named_after_article(everyone) if among is None or name in among]
    caveats = [f"the sources that state the Chinese descent of {' and '.join(late)} are dated after the article"] if late else []
    return caveats + [f"{row.source_name} ({row.date}) counts {row.chinese_founders} Chinese founders of {row.founders_counted} "
                      f"(its words: \"{row.source_quote}\")" for row in counts[counts["chinese_founders"] != counted].itertuples()]
