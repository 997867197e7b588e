"""Sort expressions shared by the storefront's queries and the indexes that
serve them (catalog.models.Product.Meta.indexes): the planner uses an index
only for the very same expression."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce

# A product's OTOP stars for sorting: 1-5, unrated as 0, so best-rated first
# and unrated last in a descending sort. An expression rather than
# ``NULLS LAST``, which SQLite cannot put in an index.
STARS_RANK = Coalesce(F("otop_stars"), Value(0))

# The storefront's product sorts, by name: the listings (catalog.listing_selectors
# adds the price sorts) and the selectors (story and producer pages). "newest"
# and "stars" are the orders of the partial indexes on Product.
PRODUCT_ORDERINGS = {
    "newest": ("-date_created", "-pk"),
    "stars": (STARS_RANK.desc(), "-date_created", "-pk"),
    "title": ("title", "pk"),
}
