from tests.integration.search.conftest import search_corpus, search_corpus_once  # noqa: F401  (the shared corpus fixtures)
