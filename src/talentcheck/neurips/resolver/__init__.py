"""Affiliation strings to institutions, countries and sectors."""
