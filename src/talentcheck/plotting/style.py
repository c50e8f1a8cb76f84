"""One look for every chart: the seaborn theme, one colour per country, and each chart's text alternative."""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import seaborn as sns


COUNTRY_COLOURS = {  # one colour per country in every chart: China red, the US blue, the others distinct
    "United States": "#3b6fb6", "China": "#c8102e", "India": "#e69f00", "Canada": "#8e5ea2",
    "United Kingdom": "#009e73", "Europe": "#d4b106", "Europe (excl. UK)": "#d4b106", "Germany": "#cc79a7",
    "France": "#a6761d", "South Korea": "#66a61e", "Japan": "#e7298a", "Russia": "#525252",
    "Singapore": "#17becf", "Israel": "#bcbd22", "Switzerland": "#7f3c8d", "Australia": "#f27c5c",
}
OTHER_COLOUR = "#9aa5b1"  # regions and "others": grey
MISSING = "no data"


def setup() -> None:
    """The suite's theme; deterministic PNGs (no metadata that changes between runs)."""
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4.5),
                         "svg.hashsalt": "talentcheck", "axes.titleweight": "bold"})
    try:  # in a notebook: PNGs at twice the pixels (sharp on high-density screens), shown at the same size
        from IPython import get_ipython

        if get_ipython() is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("retina")
            _alt_text_on_each_png(get_ipython())
            if "inline" in plt.get_backend():
                # The inline backend renders each new figure once, when the cell ends; pyplot's own end-of-cell
                # redraw (for figures in windows) rendered it once more, for nothing: a quarter of a notebook's time.
                plt.uninstall_repl_displayhook()
    except ImportError:
        pass


def _alt_text_on_each_png(shell) -> None:
    """Have every chart's PNG output carry its text alternative (`alt_text`) and its titles (`titles`) in its
    metadata ("alt", "titles"), which the report's pages read; the formatter `set_matplotlib_formats` registered
    is wrapped, not replaced."""
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    render = formatter.lookup_by_type(Figure)

    def png_with_alt(fig):
        rendered = render(fig)
        if rendered is None:  # nothing drawn
            return None
        png, metadata = rendered if isinstance(rendered, tuple) else (rendered, {})
        return png, {**metadata, "alt": alt_text(fig), "titles": titles(fig)}

    formatter.for_type(Figure, png_with_alt)


def titles(fig) -> list[str]:
    """The chart's title and its panels' titles, one line each (what the code wrote, not the data's names)."""
    found = [fig.get_suptitle(), *(ax.get_title() or ax.get_title("left") for ax in fig.axes if ax.get_visible())]
    return [_plain(t) for t in found if _plain(t)]


def alt_text(fig) -> str:
    """A chart's text alternative, read off the figure as drawn: its title, and for each panel its title, what
    it draws (bars, lines, points) against which axes, its categories and its legend. Computed, so it says what
    this chart shows under any parameters."""
    said = [_plain(fig.get_suptitle())]
    for ax in fig.axes:
        if not ax.get_visible() or not (ax.patches or ax.lines or ax.collections):
            continue
        kind = "bars" if len(ax.patches) > 1 else "lines" if ax.lines else "points" if ax.collections else "shapes"
        title = _plain(ax.get_title()) or _plain(ax.get_title("left"))
        ylabel, xlabel = _plain(ax.get_ylabel()), _plain(ax.get_xlabel())
        panel = [(f"{title}: " if title else "") + kind + (f" of {ylabel}" if ylabel else "") + (f" against {xlabel}" if xlabel else "")]
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if axis.get_scale() == "log":
                panel.append(f"{name} axis on a log scale")
            categories = [_plain(t.get_text()) for t in axis.get_ticklabels() if _plain(t.get_text())]
            if categories and not all(_NUMBER.fullmatch(c) for c in categories):  # ticks that name things
                if name == "y" and not ax.yaxis_inverted():
                    categories.reverse()  # read top to bottom
                panel.append(f"{len(categories)} categories{_listed(categories)}")
        legend = ax.get_legend()
        if legend is not None and legend.get_texts():
            panel.append("legend" + _listed([_plain(t.get_text()) for t in legend.get_texts()]))
        said.append(", ".join(p for p in panel if p))
    for legend in fig.legends:
        said.append("legend" + _listed([_plain(t.get_text()) for t in legend.get_texts()]))
    said = [s for s in said if s]
    return "Chart. " + ". ".join(said) + "." if said else "Chart."


_NUMBER = re.compile(r"[-\u2212+]?[\d.,]+\s*%?|\$\\mathdefault\{[\d^{}.\u2212-]+\}\$")  # a tick's number, also as mathtext


def _listed(names: list[str], most: int = 6) -> str:
    """': “a”, “b”, ...': each name quoted (names hold commas: "University of California, Los Angeles")."""
    return ": " + ", ".join(f"“{n}”" for n in names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def _plain(text: str) -> str:
    """One line of words: no line breaks or runs of spaces."""
    return " ".join(str(text or "").split())


def country_palette(countries) -> dict:
    return {c: COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in countries}
