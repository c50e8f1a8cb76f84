"""The HTML report: index, cards, notebook pages, sources, ClaimReview, changes, the README claim table."""
