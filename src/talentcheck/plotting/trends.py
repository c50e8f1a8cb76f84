"""Charts of notebook 09: regions, institutions' ranks and collaboration since 2022."""
from __future__ import annotations
