"""How `pytest --nbval` runs these notebooks: each kernel counts as ready as soon as it answers
(`talentcheck.clients`), not after 0.2 s of silence."""
from talentcheck import clients

clients.use_in_nbval()
