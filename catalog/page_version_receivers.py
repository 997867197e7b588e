"""Bumps of the page versions (shop/common/page_versions.py) when a model that
storefront pages show is saved or deleted.

Model signals, not service calls, because most of these rows are written by
Oscar's and Django's own forms (the dashboard, the admin, the producer
portal's Oscar forms), which call no service of ours; the receiver only
schedules a cache delete for after the commit. Writes that send no signal
bump in their service instead: the inventory's bulk stock update
(inventory/services/stock_records.py) and ``QuerySet.update()`` callers.
Wagtail's models are handled by cms/page_version_receivers.py.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.core.loading import get_model

from shop.common.page_versions import (
    CATALOGUE,
    REFERENCE,
    page_versions_bump,
    producer_version_name,
    product_versions_bump,
)

UID = "shop.common.page_versions"


def _product_ids(instance) -> list[int]:
    if isinstance(instance, get_model("catalogue", "Product")):
        # The parent named here, not only looked up by product_versions_bump:
        # on post_delete the child's row is already gone, and the parent's
        # page lists its variants.
        return [instance.pk, instance.parent_id]
    if isinstance(instance, get_model("catalogue", "ProductRecommendation")):
        return [instance.primary_id]  # the primary's page shows its recommendations
    if isinstance(instance, get_model("reviews", "Vote")):  # a review's helpfulness count
        review = get_model("reviews", "ProductReview").objects.filter(pk=instance.review_id)
        return list(review.values_list("product_id", flat=True))
    return [instance.product_id]


def _product_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    product_versions_bump(product_ids=_product_ids(instance))


def _categories_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if not action.startswith("post_"):
        return
    # product.categories.add(...) or category.product_set.add(...)
    product_ids = list(pk_set or []) if reverse else [instance.pk]
    product_versions_bump(product_ids=product_ids)


def _producer_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Its products' pages show the producer (name, district, story): they are
    # bumped too, rather than each product page reading the producer's token
    # after the product row (a change in between would go unseen).
    page_versions_bump(names=[producer_version_name(instance.pk)])
    product_ids = get_model("catalogue", "Product").objects.filter(producer_id=instance.pk).values_list("pk", flat=True)
    product_versions_bump(product_ids=list(product_ids))


# The fields of a user a product page shows: a review's author name.
_REVIEWER_FIELDS = {"first_name", "last_name"}


def _reviewer_changed(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    # A user is saved at every sign-in (last_login) and by many forms; only a
    # change that may touch the name, by someone who wrote reviews, makes
    # product pages stale. No bump without reviews: product_versions_bump
    # would make every listing stale too.
    if raw or created or (update_fields is not None and not _REVIEWER_FIELDS & set(update_fields)):
        return
    ProductReview = get_model("reviews", "ProductReview")
    product_ids = list(ProductReview.objects.filter(user_id=instance.pk).values_list("product_id", flat=True))
    if product_ids:
        product_versions_bump(product_ids=product_ids)


def _reference_changed(sender, raw=False, **kwargs):
    if raw:
        return
    page_versions_bump(names=[CATALOGUE, REFERENCE])


def connect() -> None:
    product_models = [
        get_model("catalogue", "Product"),
        get_model("catalogue", "ProductImage"),
        get_model("catalogue", "ProductCategory"),
        get_model("catalogue", "ProductAttributeValue"),
        get_model("catalogue", "Certification"),  # one product's certificate (the passport)
        get_model("catalogue", "ProductRecommendation"),  # written by the dashboard's formset, no product save needed
        get_model("partner", "StockRecord"),
        get_model("reviews", "ProductReview"),
        get_model("reviews", "Vote"),
    ]
    for model in product_models:
        post_save.connect(_product_changed, sender=model, dispatch_uid=f"{UID}.{model.__name__}.saved")
        post_delete.connect(_product_changed, sender=model, dispatch_uid=f"{UID}.{model.__name__}.deleted")
    post_save.connect(_reviewer_changed, sender=get_user_model(), dispatch_uid=f"{UID}.User.saved")
    Producer = get_model("catalogue", "Producer")
    post_save.connect(_producer_changed, sender=Producer, dispatch_uid=f"{UID}.Producer.saved")
    post_delete.connect(_producer_changed, sender=Producer, dispatch_uid=f"{UID}.Producer.deleted")
    # ProductAttribute and its options: the product page shows the attribute's
    # name and an option's value next to each ProductAttributeValue.
    for name in (
        "Category",
        "District",
        "OtopProductType",
        "ProductClass",
        "Option",
        "ProductAttribute",
        "AttributeOptionGroup",
        "AttributeOption",
    ):
        model = get_model("catalogue", name)
        post_save.connect(_reference_changed, sender=model, dispatch_uid=f"{UID}.{name}.saved")
        post_delete.connect(_reference_changed, sender=model, dispatch_uid=f"{UID}.{name}.deleted")
    Product = get_model("catalogue", "Product")
    m2m_changed.connect(_categories_changed, sender=Product.categories.through, dispatch_uid=f"{UID}.categories")
