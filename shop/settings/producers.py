"""Producers: online registration, the producer portal, the product passport
and the center's commission (catalog/, catalog/README.md)."""

from decimal import Decimal

from .base import SHOP_CENTER, env

# A producer member's edit of a published product's price, text or passport
# claims sends it back to the office for review (hidden until re-published).
PRODUCT_REVIEW_ON_EDIT = env.bool("PRODUCT_REVIEW_ON_EDIT", default=True)
# Categories (slug, matched with their sub-categories) the digital-wallet
# scheme excludes: a product in one can never be marked eligible.
DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS = env.list(
    "DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS", default=["alcohol", "tobacco", "cannabis", "lottery"]
)
# Registration POSTs allowed per client IP per window (shop/common/ratelimit.py).
PRODUCER_REGISTRATION_RATE_LIMIT = env.int("PRODUCER_REGISTRATION_RATE_LIMIT", default=5)
PRODUCER_REGISTRATION_RATE_WINDOW = env.int("PRODUCER_REGISTRATION_RATE_WINDOW", default=3600)
# Members a producer may add (each one is emailed) per 24 hours.
PRODUCER_MEMBER_INVITATIONS_PER_DAY = env.int("PRODUCER_MEMBER_INVITATIONS_PER_DAY", default=20)
# Who at the office hears about expiring certifications.
PRODUCERS_OFFICE_EMAILS = env.list("PRODUCERS_OFFICE_EMAILS", default=[SHOP_CENTER["email"]])
# The center's commission when neither the producer nor the product type has
# its own rate (fraction of the line's price incl. VAT).
OTOP_DEFAULT_COMMISSION_RATE = Decimal(env.str("OTOP_DEFAULT_COMMISSION_RATE", default="0.15"))
