"""Charts of notebooks 01-03: the Tracker's shares by country against the article's figures, and the flows."""
from __future__ import annotations
