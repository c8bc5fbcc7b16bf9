"""Rule finders of the report extractor, one idea per module (see :mod:`qdkg.loaders.pipeline`)."""
