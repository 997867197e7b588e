from tests.integration.search.conftest import search_corpus  # noqa: F401  (the shared corpus fixture)
