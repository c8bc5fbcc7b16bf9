"""qdkg: a project-portfolio knowledge graph built from government work reports.

The import package maps onto the repository's top-level folders:
``qdkg.graph`` (graph/), ``qdkg.loaders`` (loaders/) and ``qdkg.queries`` (queries/).
"""

__version__ = "0.1.0"
