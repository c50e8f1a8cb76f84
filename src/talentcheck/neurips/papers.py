"""The two accepted-paper lists, derived from their upstream files (every step that was once done by hand is here).

- 2019: the HTML capture of the NeurIPS 2019 "Initial List of Accepted Papers"
  (dcharrezt/NeurIPS-2019-Stats, `raw_data_090819.txt`): one `<p><b>title</b><br><i>author (institution)
  &middot; ...</i></p>` per paper.
- 2022: the poster crawl of dongkwan-kim/neurips2022_analysis, two Python pickles of string lists
  (`pp_names.txt`: titles; `pp_authors.txt`: per paper, "author (institution)"). They are read with an
  unpickler that refuses every global, so a pickle can build lists and strings and nothing else.

Both lists come out as [{"title": ..., "authors": [{"name": ..., "institution": ...}]}], the shape
`pipeline.papers_to_pairs` takes.
"""
from __future__ import annotations

import html
import io
import pickle
import re
from pathlib import Path

PAPER_2019 = re.compile(r"<p><b>(.*?)</b><br><i>(.*?)</i></p>", re.S)


def author(text: str) -> dict:
    """"Name (Institution (Lab))" -> {"name", "institution"}: the name ends at the first " (", the
    institution is the rest without its closing parenthesis; no parenthesis, no institution."""
    text = text.strip()
    cut = text.find(" (")
    if cut < 0 or not text.endswith(")"):
        return {"name": text, "institution": ""}
    return {"name": text[:cut].strip(), "institution": text[cut + 2:-1].strip()}


def parse_2019_html(text: str) -> list[dict]:
    """The papers of the 2019 accepted-papers page, HTML entities decoded."""
    return [{"title": html.unescape(title).strip(),
             "authors": [author(html.unescape(a)) for a in authors.split("&middot;")]}
            for title, authors in PAPER_2019.findall(text)]


class ListsOnly(pickle.Unpickler):
    """An unpickler that builds only built-in containers and strings: any global (a class, a function)
    is refused, so loading a pickle cannot run code."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused: the pickle asks for the global {module}.{name}")


def load_pickle(raw: bytes, what: str):
    try:
        return ListsOnly(io.BytesIO(raw)).load()
    except (pickle.UnpicklingError, EOFError, ValueError) as err:
        raise ValueError(f"{what}: not a pickle of plain lists ({err})") from None


def convert_2022_pickles(names: bytes, authors: bytes) -> list[dict]:
    """The 2022 posters from the two pickles: titles and, per title, "author (institution)" strings."""
    titles, people = load_pickle(names, "pp_names.txt"), load_pickle(authors, "pp_authors.txt")
    if not (isinstance(titles, list) and isinstance(people, list) and len(titles) == len(people)):
        raise ValueError("pp_names.txt and pp_authors.txt: expected two lists of the same length")
    papers = []
    for i, (title, names_) in enumerate(zip(titles, people)):
        if not isinstance(title, str) or not isinstance(names_, list) or not all(isinstance(n, str) for n in names_):
            raise ValueError(f"pp_names.txt/pp_authors.txt item {i}: expected a title and a list of strings")
        papers.append({"title": title.strip(), "authors": [author(n) for n in names_]})
    return papers


def read_papers(year: int, paths: dict[str, Path]) -> list[dict]:
    """The accepted-paper list of `year` with authors and institutions, derived from the upstream files."""
    if year == 2019:
        return parse_2019_html(paths["affiliations_2019"].read_text(encoding="utf-8"))
    if year == 2022:
        return convert_2022_pickles(paths["titles_2022"].read_bytes(), paths["affiliations_2022"].read_bytes())
    raise ValueError(f"no accepted-paper list for {year}")
