"""Notebook 04: the top institutions of 2019 and 2022."""
