"""Claims and verdicts: the registry (data/claims.yaml), comparisons, judging, verdict rows, findings."""
from talentcheck.claims.judging import *  # noqa: F401,F403
