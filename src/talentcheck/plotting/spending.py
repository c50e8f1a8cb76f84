"""Charts of notebook 08: Huawei's R&D by year and the universities' budgets."""
from __future__ import annotations
