"""Publishing: the public read model, the search index, exports and the static report."""
