"""Search of products, producers and stories (catalog/search/, docs/search.md):
the engine behind Wagtail's search backends, and the shop's limits."""

from .base import env

# The engine: Wagtail's database backend (SQLite FTS5 or PostgreSQL full text
# with GIN indexes, whichever DATABASE_URL is) unless SEARCH_URL names an
# Elasticsearch/OpenSearch server; SEARCH_BACKEND picks its backend module.
# Text is segmented and stemmed before it reaches any engine, so PostgreSQL
# uses the 'simple' configuration (no second stemming).
SEARCH_URL = env.str("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env.str("SEARCH_BACKEND", default="wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": env.str("SEARCH_INDEX", default="otop"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        # Wagtail's database backend, with relevance ranked in one FTS query on
        # SQLite (catalog/search/backends.py).
        "default": {"BACKEND": "catalog.search.backends", "SEARCH_CONFIG": "simple"},
    }
# At most this many products are ranked per query (the best by the engine's
# relevance); facets and counts are computed over them.
SEARCH_CANDIDATE_LIMIT = env.int("SEARCH_CANDIDATE_LIMIT", default=1000)
# Autocomplete requests allowed per client IP per window (shop/common/ratelimit.py),
# answered with a JSON 429 the search box understands.
SEARCH_AUTOCOMPLETE_RATE_LIMIT = env.int("SEARCH_AUTOCOMPLETE_RATE_LIMIT", default=120)
SEARCH_AUTOCOMPLETE_RATE_WINDOW = env.int("SEARCH_AUTOCOMPLETE_RATE_WINDOW", default=60)
