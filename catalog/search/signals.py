"""Thin triggers: a saved or deleted product, producer or category link asks
for the index to be brought up to date after commit. All the work is in
catalog.search.services.

Listing status changes (publish, unpublish, archive) go through
``product.save(update_fields=...)`` in catalog.producers.services.products, so
``post_save`` sees them. Price and stock are not in the index (read live).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.core.loading import get_model

from . import services

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")
ProductCategory = get_model("catalogue", "ProductCategory")


def _product_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    services.search_index_product_later(product_id=instance.parent_id or instance.pk)


def _producer_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    services.search_index_producer_later(producer_id=instance.pk)


def _product_category_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    services.search_index_product_later(product_id=instance.product_id)


def _categories_m2m_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Product):
        services.search_index_product_later(product_id=instance.pk)
    else:  # category.product_set.add(...)
        for product_id in pk_set or ():
            services.search_index_product_later(product_id=product_id)


def connect() -> None:
    uid = "catalog.search"
    post_save.connect(_product_changed, sender=Product, dispatch_uid=f"{uid}.product_saved")
    post_delete.connect(_product_changed, sender=Product, dispatch_uid=f"{uid}.product_deleted")
    post_save.connect(_producer_changed, sender=Producer, dispatch_uid=f"{uid}.producer_saved")
    post_delete.connect(_producer_changed, sender=Producer, dispatch_uid=f"{uid}.producer_deleted")
    post_save.connect(_product_category_changed, sender=ProductCategory, dispatch_uid=f"{uid}.category_link_saved")
    post_delete.connect(_product_category_changed, sender=ProductCategory, dispatch_uid=f"{uid}.category_link_deleted")
    m2m_changed.connect(_categories_m2m_changed, sender=Product.categories.through, dispatch_uid=f"{uid}.m2m")
