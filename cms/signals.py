"""Keep PageProduct in step with what is published. Connected in apps.py."""


def on_page_published(sender, instance, **kwargs):
    from .services import page_products_sync

    page_products_sync(page=instance)


def on_page_unpublished(sender, instance, **kwargs):
    from .services import page_products_clear

    page_products_clear(page=instance)
