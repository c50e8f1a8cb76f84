"""The project's Jupyter kernel (launcher, server, clients, nbval plugin)."""
