"""One look for every chart: the seaborn theme, one colour per country, a drawing for phones beside the desktop's,
and each chart's text alternative (its main figures in a sentence, then what it draws).

A chart function is decorated with `chart`: it draws for a desktop by default and for a phone with `phone=True`
(about 360 CSS px wide: panels stacked, fewer words per line, larger type relative to the width). The figure it
returns remembers how to draw its phone version; in a notebook, each chart's PNG output carries that drawing in its
metadata ("phone", a base64 PNG) beside its text alternative ("alt") and titles ("titles"), for the report's pages.
"""
from __future__ import annotations

import base64
import functools
import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns


COUNTRY_COLOURS = {  # one colour per country in every chart: China red, the US blue, the others distinct
    "United States": "#3b6fb6", "China": "#c8102e", "India": "#e69f00", "Canada": "#8e5ea2",
    "United Kingdom": "#009e73", "Europe": "#d4b106", "Europe (excl. UK)": "#d4b106", "Germany": "#cc79a7",
    "France": "#a6761d", "South Korea": "#66a61e", "Japan": "#e7298a", "Russia": "#525252",
    "Singapore": "#17becf", "Israel": "#bcbd22", "Switzerland": "#7f3c8d", "Australia": "#f27c5c",
    "Hungary": "#8c564b",  # its own colour: the grey of "other" was hard to tell from an empty (unknown) circle
}
OTHER_COLOUR = "#9aa5b1"  # regions and "others": grey
MISSING = "no data"
PHONE_WIDTH = 3.6
"""A phone's drawing is 3.6 inches wide at 100 dpi: 360 px, shown at about as many CSS px (its PNG has twice the
pixels, for high-density screens)."""
PHONE_CHARACTERS = 40  # a title's line on a phone's drawing, in characters (bold 10.5 pt in 360 px)
PHONE_TYPE = {"axes.titlesize": 10.5, "axes.labelsize": 9, "xtick.labelsize": 8.5, "ytick.labelsize": 8.5,
              "legend.fontsize": 7.5, "legend.title_fontsize": 8, "figure.titlesize": 11}
"""Type sizes on a phone's drawing (points), smaller than the theme's, in a figure a third of the width: larger
relative to the chart, and at about 11-14 CSS px on the screen."""


def chart(draw=None, *, show: bool = False):
    """Decorate a chart function `draw(..., phone=False)`: the figure it draws for a desktop remembers how to draw
    itself for a phone (`phone_drawing`); with `show`, the figure is shown at once (`plt.show()`, as a notebook
    cell that ends in it: the inline backend's end-of-cell display draws some figures twice)."""
    if draw is None:
        return functools.partial(chart, show=show)

    @functools.wraps(draw)
    def drawn(*args, phone: bool = False, **kwargs):
        if phone:
            with plt.rc_context(PHONE_TYPE):
                return draw(*args, phone=True, **kwargs)
        result = draw(*args, phone=False, **kwargs)
        figure_of(result).talentcheck_phone = lambda: figure_of(drawn(*args, phone=True, **kwargs))
        if show:
            plt.show()
        return result
    return drawn


def phone_png(fig) -> bytes:
    """A phone's drawing as a PNG at twice its pixels (as the notebook's retina PNGs), its colours reduced to 128: a
    chart's flat colours lose nothing a reader sees, and the notebook carries a third of the bytes."""
    import io

    from PIL import Image

    drawn = io.BytesIO()
    fig.savefig(drawn, format="png", dpi=2 * fig.dpi, bbox_inches="tight", facecolor="white")
    image = Image.open(drawn).convert("RGB").quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small = io.BytesIO()
    image.save(small, format="PNG")
    return small.getvalue()


def figure_of(drawn):
    """The figure of what a chart function returns: a figure, an axes, or an array of axes."""
    if hasattr(drawn, "savefig"):
        return drawn
    return drawn.figure if hasattr(drawn, "figure") else np.ravel(drawn)[0].figure


def phone_drawing(fig):
    """The phone's version of a figure a `chart` function drew (a new figure, which the caller closes), or None."""
    draw = getattr(fig, "talentcheck_phone", None)
    return draw() if draw else None


def panels(count: int, phone: bool, wide: tuple[float, float], tall: float, **shared):
    """A figure of `count` panels: side by side for a desktop (`wide`: its size in inches), one above the other on
    a phone (each `tall` inches high). Returns the figure and a flat list of axes."""
    if phone:
        fig, axes = plt.subplots(count, 1, figsize=(PHONE_WIDTH, tall * count), squeeze=False)
    else:
        fig, axes = plt.subplots(1, count, figsize=wide, squeeze=False, **shared)
    return fig, list(axes.flat)


def wrapped(text: str, phone: bool, width: int = PHONE_CHARACTERS) -> str:
    """A title as it fits: on a phone, its lines re-wrapped to `width` characters."""
    if not phone:
        return text
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))


def legend_below(ax, handles=None, labels=None, ncol: int = 1, **options):
    """A legend under everything the axes draw (tick labels, axis label, notes), off the data: call it once the
    layout is done (`tight_layout`); the PNG's tight bounding box takes it in."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    old = ax.get_legend()
    if old is not None:
        old.remove()
    below = ax.get_tightbbox(ax.figure.canvas.get_renderer())
    left, top = ax.transAxes.inverted().transform((below.x0, below.y0))
    return ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(left, top - 0.02), ncol=ncol, frameon=False,
                     fontsize=options.pop("fontsize", 8), borderaxespad=0, **options)


def summary(fig, sentence: str):
    """Give the figure its main figures in a sentence (computed by the chart function from the data it draws): the
    start of its text alternative."""
    fig.talentcheck_summary = sentence
    return fig


def percent(value) -> str:
    """A share as a chart's text alternative says it: "47%", "12.5%"."""
    return f"{float(value):.1f}".removesuffix(".0") + "%"


def setup() -> None:
    """The suite's theme; deterministic PNGs (no metadata that changes between runs); in a notebook, each chart's
    PNG with its phone drawing and text alternative, and every data frame shown as a table of words
    (`talentcheck.claims.display`)."""
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4.5),
                         "svg.hashsalt": "talentcheck", "axes.titleweight": "bold"})
    try:  # in a notebook: PNGs at twice the pixels (sharp on high-density screens), shown at the same size
        from IPython import get_ipython

        if get_ipython() is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("retina")
            _alt_text_on_each_png(get_ipython())
            from talentcheck.claims.display import show_tables

            show_tables(get_ipython())  # data frames in the report's words, as its pages show them
            if "inline" in plt.get_backend():
                # The inline backend renders each new figure once, when the cell ends; pyplot's own end-of-cell
                # redraw (for figures in windows) rendered it once more, for nothing: a quarter of a notebook's time.
                plt.uninstall_repl_displayhook()
    except ImportError:
        pass


def _alt_text_on_each_png(shell) -> None:
    """Have every chart's PNG output carry its text alternative (`alt_text`), its titles (`titles`) and its phone
    drawing (`phone_drawing`, rendered as the desktop's is) in its metadata ("alt", "titles", "phone"), which the
    report's pages read; the formatter `set_matplotlib_formats` registered is wrapped, not replaced."""
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    render = formatter.lookup_by_type(Figure)

    def png_with_alt(fig):
        rendered = render(fig)
        if rendered is None:  # nothing drawn
            return None
        png, metadata = rendered if isinstance(rendered, tuple) else (rendered, {})
        metadata = {**metadata, "alt": alt_text(fig), "titles": titles(fig)}
        phone = phone_drawing(fig)
        if phone is not None:
            try:
                metadata["phone"] = base64.b64encode(phone_png(phone)).decode("ascii")
            finally:
                plt.close(phone)
        return png, metadata

    formatter.for_type(Figure, png_with_alt)


def titles(fig) -> list[str]:
    """The chart's title and its panels' titles, one line each (what the code wrote, not the data's names)."""
    found = [fig.get_suptitle(), *(ax.get_title() or ax.get_title("left") for ax in fig.axes if ax.get_visible())]
    return [_plain(t) for t in found if _plain(t)]


def alt_text(fig) -> str:
    """A chart's text alternative: its main figures in a sentence (`summary`, computed by the chart function from
    the data it draws), then what is read off the figure as drawn: its title, and for each panel its title, what
    it draws (bars, lines, points) against which axes, its categories and its legend. Computed, so it says what
    this chart shows under any parameters."""
    said = [_plain(getattr(fig, "talentcheck_summary", "")).rstrip("."), _plain(fig.get_suptitle())]
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
