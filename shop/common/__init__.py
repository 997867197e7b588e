"""Shared libraries every app may use: the bottom layer (docs/architecture.md).

Nothing here imports an app of this project (catalog, inventory, cms or the
Oscar forks in shop/): images, roles, request security and rate limits,
Buddhist-Era dates and the Thai fiscal year, greetings, e-mail links, the
strict cache, shaped PDF text, the per-visitor header data, page version
tokens and the page cache. The import contracts in pyproject.toml check it.
"""
