"""Charts of notebook 07: GPT-4's cost and the modelled electricity bill."""
from __future__ import annotations
