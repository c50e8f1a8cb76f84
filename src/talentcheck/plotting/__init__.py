"""Every chart the notebooks show, one function each, taking tidy data and returning the figure or axes.

`style` holds the theme, the colours and each chart's text alternative; `shared` the charts several notebooks use;
the other modules are named as the topics are (`talentcheck.topics`), one notebook's charts each. Importing this
package applies the theme.
"""
from talentcheck.plotting import (  # noqa: F401 (the charts, by topic: `plotting.money.rd_chart`)
    compute, flows, money, origin, shared, since_2022, style, top_institutions, work, work_rederived, xai)

style.setup()
