"""Charts of notebooks 04 and 05: the top institutions and the re-derived regions."""
from __future__ import annotations
