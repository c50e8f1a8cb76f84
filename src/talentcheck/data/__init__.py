"""The evidence: tables loaded by name and checked against data/tables.yaml (`tables`), read strictly
(`files`), each cell as its column's type (`columns`), countries, the sources registry and the datapackage."""
from talentcheck.data.tables import *  # noqa: F401,F403
from talentcheck.data.tables import by_content, cached_table, fingerprint, schemas  # noqa: F401
