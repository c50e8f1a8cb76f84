"""Every chart the notebooks show, one function each, taking tidy data and returning the axes.

`style` holds the theme and the colours; `shared` the charts several notebooks use; the other modules
one notebook's charts each. Importing this package applies the theme.
"""
from talentcheck.plotting import costs, founders, rankings, shared, spending, style, tracker, trends  # noqa: F401
from talentcheck.plotting.shared import alluvial, shares_chart  # noqa: F401
from talentcheck.plotting.style import (  # noqa: F401
    COUNTRY_COLOURS, LEGEND_WORDS, MISSING, OTHER_COLOUR, VERDICT_COLOURS, country_palette, setup,
)

setup()
