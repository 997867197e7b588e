"""Inventory: stock holds, alerts and counts (inventory/, docs/inventory.md).
Its periodic tasks are in celery.py, its menu in inventory/nav.py."""

from decimal import Decimal

from .base import SHOP_CENTER, env

# Stock is held for a paying customer this long before the sweep releases it.
INVENTORY_RESERVATION_MINUTES = env.int("INVENTORY_RESERVATION_MINUTES", default=15)
# Low-stock alert threshold for products without their own (alerts step).
INVENTORY_LOW_STOCK_DEFAULT = env.int("INVENTORY_LOW_STOCK_DEFAULT", default=3)
# Lots whose best-before date falls within this many days are reported.
INVENTORY_EXPIRY_WARNING_DAYS = env.int("INVENTORY_EXPIRY_WARNING_DAYS", default=30)
# A count line whose variance is above this many units, or worth more than
# this many baht (at the product's price), needs a center manager's approval
# before the count is posted. None switches that limit off.
INVENTORY_COUNT_APPROVAL_THRESHOLD = {
    "units": env.int("INVENTORY_COUNT_APPROVAL_UNITS", default=5),
    "value": Decimal(env.str("INVENTORY_COUNT_APPROVAL_VALUE", default="2000.00")),
}
# Who hears about ledger/cache differences found by the nightly check;
# empty means the ADMINS (mail_admins).
INVENTORY_ALERT_EMAILS = env.list("INVENTORY_ALERT_EMAILS", default=[SHOP_CENTER["email"]])
