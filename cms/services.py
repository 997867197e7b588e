"""Writes of the CMS app (reads are in selectors.py)."""

from __future__ import annotations

from django.db import transaction
from oscar.core.loading import get_model

from .models import PageProduct
from .streams import product_ids_in_page

Product = get_model("catalogue", "Product")


@transaction.atomic
def page_products_sync(*, page) -> set[int]:
    """Record which products the *published* content of `page` shows in its
    product blocks (see PageProduct). Call with the live page right after it
    is published; unknown product ids are ignored. Returns the product ids."""
    wanted = set(Product.objects.filter(pk__in=set(product_ids_in_page(page))).values_list("pk", flat=True))
    current = set(PageProduct.objects.filter(page_id=page.pk).values_list("product_id", flat=True))
    if current - wanted:
        PageProduct.objects.filter(page_id=page.pk, product_id__in=current - wanted).delete()
    PageProduct.objects.bulk_create(
        [PageProduct(page_id=page.pk, product_id=pk) for pk in sorted(wanted - current)], ignore_conflicts=True
    )
    return wanted


def page_products_clear(*, page) -> None:
    """Forget the products of an unpublished page."""
    PageProduct.objects.filter(page_id=page.pk).delete()
