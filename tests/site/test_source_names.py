"""How the report names its sources: a title as the registry records it, on every card that cites the source; an
untitled source by its publisher, site and date marked "(title not recorded)", never "Untitled page"; no two
pages alike; and "the project computed figures from it" only where a claim's own rows are the project's sums."""
import html
import re

import nbformat

from helpers import opaque_words, set_cell
from talentcheck import data, paths
from talentcheck.data import sources
from talentcheck.report import site
from talentcheck.report.sources import named
from talentcheck.run.results import collect_notes, collect_verdicts

SOURCE = re.compile(r'<a class="source-title" href="([^"]+)"[^>]*>([^<]+)</a>')
TRACKER = "https://www.damienma.com/work-1/aitalent"
KR = ("https://www.36kr.com/p/2655375112700163", "https://www.36kr.com/p/3701395448639617")


def shown(page) -> list[tuple[str, str]]:
    """(url, heading) of every source a page lists."""
    return [(html.unescape(u), html.unescape(h)) for u, h in SOURCE.findall(page.read_text(encoding="utf-8"))]


def rebuilt(tmp_path):
    executed = {p.name: nbformat.read(p, as_version=4) for p in paths.notebooks()}
    site.write(tmp_path, collect_verdicts(executed), collect_notes(executed), executed)
    return tmp_path / "report"


def test_no_page_a_reader_sees_says_untitled_page(built, data_copy):
    pages = [p for p in built.rglob("*.html")]
    assert len(pages) > 30 and [p.name for p in pages if "Untitled page" in p.read_text(encoding="utf-8")] == []
    untitled = {r["url"] for r in sources.rows() if not r["title"]}
    listed = [(u, h) for p in (built / "sources.html", *built.glob("claims/*.html")) for u, h in shown(p) if u in untitled]
    assert len(listed) > 100 and [h for _, h in listed if not h.endswith(" (title not recorded)")] == []
    wired = "https://www.wired.com/story/openai-ceo-sam-altman-the-age-of-giant-ai-models-is-already-over/"
    assert named(wired)["heading"] == "OpenAI's CEO Says the Age of Giant AI Models Is Already Over"
    set_cell(data_copy / "sources.csv", {"url": wired}, "title", "")
    assert named(wired)["heading"] == "Wired, wired.com, 17 April 2023 (title not recorded)"


def test_two_pages_of_one_publisher_never_share_a_name(data_copy):
    names = {r["url"]: named(r["url"])["heading"] for r in sources.rows()}
    assert len(set(names.values())) == len(names)
    assert names["https://aiwiki.ai/wiki/christian_szegedy/raw"] == \
        "AI Wiki (aiwiki.ai), “christian szegedy” in its address (title not recorded)"
    assert names["https://aiwiki.ai/wiki/greg_yang/raw"] == "AI Wiki (aiwiki.ai), “greg yang” in its address (title not recorded)"
    assert names[KR[0]] == "36Kr, 36kr.com, 19 February 2024 (title not recorded)"
    set_cell(data_copy / "sources.csv", {"url": KR[1]}, "date_published", "2024-02-19")  # two pages of one day
    same_day = [named(url)["heading"] for url in KR]
    assert same_day == ["36Kr, 36kr.com, 19 February 2024, page 1 of 2 (title not recorded)",
                        "36Kr, 36kr.com, 19 February 2024, page 2 of 2 (title not recorded)"]
    assert not [w for h in same_day for w in opaque_words(h)]  # the addresses' article numbers are not shown


def test_a_recorded_title_is_what_every_card_citing_it_shows(built, data_copy, tmp_path):
    titles = {r["url"]: r["title"] for r in sources.rows() if r["title"]}
    on_cards = [(card.name, url, heading) for card in built.glob("claims/*.html") for url, heading in shown(card)
                if url in titles]
    assert len({url for _, url, _ in on_cards}) >= 10
    assert [(card, heading) for card, url, heading in on_cards if heading != titles[url]] == []
    assert ("xai-founders-5-of-12.html", "https://fortune.com/2023/07/12/elon-musk-ai-startup-xai-deepmind-microsoft-executives",
            "Elon Musk unveils A.I. startup with execs from DeepMind and Microsoft, with goal to ‘understand the true "
            "nature of the universe’") in on_cards
    greg = "https://aiwiki.ai/wiki/greg_yang/raw"
    citing = sorted(card.name for card in built.glob("claims/*.html") if greg in dict(shown(card)))
    assert citing  # an untitled page, cited by the xAI cards whose words rest on it
    set_cell(data_copy / "sources.csv", {"url": greg}, "title", "Greg Yang (a test title)")
    report = rebuilt(tmp_path)
    for card in citing:
        assert (greg, "Greg Yang (a test title)") in shown(report / "claims" / card), card


def test_a_card_says_the_project_computed_from_a_source_only_where_the_claims_rows_are_its_sums(built, data_copy, tmp_path):
    """Damien Ma's page gives the Tracker's figures the origin card transcribes; a row elsewhere that adds two of
    its figures (tracker/flows, 2019) does not make the card say the project computed from it. Marking the card's
    own row as the project's derivation does."""
    def standing(report):
        card = (report / "claims" / "origin-47-18-5.html").read_text(encoding="utf-8")
        return re.search(re.escape(f'href="{TRACKER}"') + r'.*?data-label="Standing">([^<]*)</td>', card, re.S)[1]

    assert (data.load("tracker/flows")["source_standing"] == "derived").any()
    assert standing(built) == "author"
    table = data_copy / "tracker" / "origin_undergrad.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(f"DM,author,{TRACKER}", f"DM,derived,{TRACKER}"),
                     encoding="utf-8")
    assert standing(rebuilt(tmp_path)) == "author (the project computed figures from it)"
