"""One module per notebook subject, named as the notebook is: its observations and the figures its sentences state."""
