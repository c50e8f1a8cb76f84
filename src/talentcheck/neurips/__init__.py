"""The NeurIPS re-derivation: upstream inputs, the pipeline that writes data/neurips/, and the resolver."""
