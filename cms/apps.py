from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Stories and pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model
        from wagtail.models import UploadedFile
        from wagtail.signals import page_published, page_unpublished

        from . import images, listing_fixes, page_version_receivers, signals, slugs

        # Sent for every page type (sender is the specific class), so connect
        # without a sender; the handlers work for any page.
        page_published.connect(signals.on_page_published, dispatch_uid="cms.page_products_published")
        page_unpublished.connect(signals.on_page_unpublished, dispatch_uid="cms.page_products_unpublished")
        # Every Wagtail image enters through the safe-image intake (cms/images.py).
        pre_save.connect(images.on_image_pre_save, sender=get_image_model(), dispatch_uid="cms.image_intake")
        pre_save.connect(images.on_uploaded_file_pre_save, sender=UploadedFile, dispatch_uid="cms.upload_intake")
        images.install_rendition_guard()
        # Wagtail 8.0's image/document listings: search + usage-count filter was a 500.
        listing_fixes.install_usage_count_search_fix()
        # A publish, move, snippet or setting change makes cached pages stale (#18).
        page_version_receivers.connect()
        # Slugs made from Thai titles keep their vowels and tone marks (#19).
        slugs.install()
        # The catalogue imports no cms: cms plugs its stories into the
        # catalogue's product page and search page (catalog/hooks.py).
        from catalog import hooks

        from . import selectors, story_search

        hooks.product_page_annotation_register(name="has_stories", build=selectors.stories_exist_for_product)
        hooks.search_source_register(source=story_search.STORIES)
