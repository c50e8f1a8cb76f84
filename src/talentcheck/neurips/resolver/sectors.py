"""The name rule: the sector of an institution that no reviewed table and not the university list names.

The sector of an institution comes, in this order, from the reviewed institutions of note
(data/neurips/institution_names.csv), the reviewed tables over every institution and string of the 2019
and 2022 lists (data/neurips/institution_review.csv, affiliation_review.csv), the Hipo list of
universities, and last from the words of its name (`by_name`). Every institution the tables count has a
reviewed sector (tests/test_resolve.py holds it); this rule serves strings outside the lists only, as
`talentcheck neurips resolve` may be given.
"""
from __future__ import annotations

import re

GOVERNMENT = re.compile(r"academy of sciences|national lab|max planck|\binria\b|\bcnrs\b|\briken\b|a\*star|csiro|"
                        r"national institute|fraunhofer|\bnasa\b|\bnih\b|\bcea\b|helmholtz|\baist\b|army research|"
                        r"naval research|air force research|national research council", re.I)
UNIVERSITY = re.compile(r"univ|college|école|ecole|school|institute of technology|polytechn|politecnic|\beth\b|\bepfl\b|"
                        r"\bkaist\b|academy|universit|hochschule|\btu\b", re.I)
COMPANY = re.compile(r"\binc\b|\bcorp|\bltd\b|\bllc\b|\bgmbh\b|technologies|\blabs?\b|\bco\.|\blimited\b|\bag\b$|"
                     r"\bs\.?a\.?s\b|\bplc\b|\.(ai|io|com)\b|\bai$", re.I)


def by_name(name: str) -> str:
    """government, university or company by the name's words, else "other"."""
    for sector, pattern in (("government", GOVERNMENT), ("university", UNIVERSITY), ("company", COMPANY)):
        if pattern.search(name):
            return sector
    return "other"
