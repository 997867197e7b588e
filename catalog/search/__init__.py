"""Thai-aware search of products, producers and stories (issue 7).

The engine is Wagtail's search framework (django-modelsearch): SQLite FTS5 in
the embedded default, PostgreSQL full text in production, Elasticsearch or
OpenSearch by setting. Engines cannot split Thai into words, so the text is
segmented here first (``text``) and the index only ever sees words separated
by spaces. See docs/search.md.

Keep this module empty: catalog/models/__init__.py imports ``catalog.search.fields``.
"""
