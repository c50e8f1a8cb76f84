"""Running notebooks: selection, execution, cache, manifest, publishing, and the warm-kernel accelerator."""
