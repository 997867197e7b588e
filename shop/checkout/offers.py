"""Whether the shop has any offer at all, without asking the database on
every request.

Oscar's basket middleware applies the offers to the basket on every request
that reads it: two queries (the basket's vouchers, the site's active offers)
before every basket page and checkout step, even in a shop that has no offer
(a voucher gives nothing without an offer either). ``offers_exist`` keeps
the answer to "is there any ConditionalOffer row?" in the cache, so the
middleware skips the Applicator while there is none; with at least one
offer, every request applies them as Oscar does (dates, status and vouchers
are checked by Oscar each time, so a scheduled offer starts on time).

Invalidation: saving or deleting an offer deletes the flag after the commit
(a request between the write and the commit could otherwise store the old
answer again). Writes that send no signal (``QuerySet.update()``, a bulk
insert, SQL) are covered by the TTL: an offer added that way is applied at
most ``OFFERS_EXIST_TTL`` seconds late. While the cache is down the flag is
read from the database on each request (the cache fails open).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model

OFFERS_EXIST_KEY = "checkout:offers-exist"
OFFERS_EXIST_TTL = 60


def offers_exist() -> bool:
    exist = cache.get(OFFERS_EXIST_KEY)
    if exist is None:
        exist = get_model("offer", "ConditionalOffer").objects.exists()
        cache.set(OFFERS_EXIST_KEY, exist, OFFERS_EXIST_TTL)
    return exist


def _offer_changed(sender, raw=False, **kwargs):
    if raw:
        return
    transaction.on_commit(lambda: cache.delete(OFFERS_EXIST_KEY))


def connect() -> None:
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    post_save.connect(_offer_changed, sender=ConditionalOffer, dispatch_uid="shop.checkout.offers.saved")
    post_delete.connect(_offer_changed, sender=ConditionalOffer, dispatch_uid="shop.checkout.offers.deleted")
