"""Charts of notebook 06: xAI's founders and where they studied."""
from __future__ import annotations
