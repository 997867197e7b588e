"""What every page type shares: a sharing image, structured data for search
engines and the one-query loading of the products its blocks show."""

from __future__ import annotations

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


def lazy_value(load):
    """A context value read only when a template uses it, and then once:
    Django templates call a callable variable. For what the fragment-cached
    parts of a page show (cms_tags.cmsfragment)."""
    return functools.cache(load)


class BasePage(Page):
    """Abstract base of our page types (not a page type itself)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared (Open Graph); the page's main image is used when empty."),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"), FieldPanel("social_image")],
            heading=_("For search engines and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    # The page's main picture, used for sharing when social_image is empty.
    main_image_field = "hero_image"

    class Meta:
        abstract = True

    # --- Sharing and search engines --------------------------------------------------------

    def get_social_image(self):
        return self.social_image or getattr(self, self.main_image_field, None)

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    def get_structured_data(self, request) -> list[dict]:
        """schema.org objects for this page (JSON-LD), none by default."""
        return []

    # --- Products shown by blocks --------------------------------------------------------

    def get_extra_product_ids(self) -> list[int]:
        """Products the page shows outside its StreamFields (none by default)."""
        return []

    def get_context(self, request, *args, **kwargs):
        from ..selectors import products_for_blocks
        from ..streams import product_ids_in_page

        context = super().get_context(request, *args, **kwargs)
        # Every product of every product block on the page, loaded once with
        # prices, stock and images: the page costs the same number of queries
        # whether its blocks show one product or twelve.
        ids = product_ids_in_page(self) + self.get_extra_product_ids()
        context["products_by_id"] = products_for_blocks(ids=ids, request=request)
        # Read only if the <head> is rendered, not when it comes from the
        # fragment cache (cms_tags.cmsfragment): a callable, which the
        # template calls (once).
        context["structured_data"] = lazy_value(lambda: self.get_structured_data(request))
        return context


class PageProduct(models.Model):
    """Which published page shows which product in its blocks.

    Kept by cms.services.page_products_sync when a page is published or
    unpublished, so the product page can list "stories featuring this
    product" with one indexed query instead of searching StreamField JSON."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product")
    )

    class Meta:
        verbose_name = _("product shown on a page")
        verbose_name_plural = _("products shown on pages")
        constraints = [models.UniqueConstraint(fields=["page", "product"], name="cms_pageproduct_unique")]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.product_id}"
