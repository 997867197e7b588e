"""The home page: a Chiang Mai crafts magazine cover that sells."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import BodyBlock, ProductChooserBlock
from .base import BasePage, lazy_value

FEATURED_PRODUCTS_AUTOMATIC = 8


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    featured_campaign = models.ForeignKey(
        "cms.CampaignPage",
        verbose_name=_("featured campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_products = StreamField(
        [("product", ProductChooserBlock(label=_("product")))],
        verbose_name=_("featured products"),
        blank=True,
        max_num=12,
        help_text=_("Leave empty to show the best-rated products in stock."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("featured_campaign"),
        FieldPanel("featured_products"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StoryIndexPage",
        "cms.DistrictIndexPage",
        "cms.ExperienceIndexPage",
        "cms.CampaignPage",
        "cms.CenterPage",
        "cms.ContentPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_structured_data(self, request):
        from ..seo import organization_jsonld, website_jsonld

        return [website_jsonld(self, request), organization_jsonld(request=request, center=self._center_page())]

    def _center_page(self):
        from ..selectors import center_page_live

        if not hasattr(self, "_center_cache"):
            self._center_cache = center_page_live(locale=self.locale)
        return self._center_cache

    def get_context(self, request, *args, **kwargs):
        # Reads go through selectors so the page type holds no query logic.
        from catalog.selectors import products_featured

        from ..selectors import (
            campaign_in_language,
            district_index_live,
            district_pages_in_index,
            experiences_latest,
            stories_latest,
        )
        from ..streams import product_ids_in_stream

        context = super().get_context(request, *args, **kwargs)
        by_id = context["products_by_id"]
        # The ids from the stored JSON: iterating the field would load its products once more.
        picked = product_ids_in_stream(self._meta.get_field("featured_products").stream_block, self.featured_products)
        if picked:
            # Picked products keep the editor's order; unavailable ones drop out.
            context["featured_products"] = [by_id[pk] for pk in picked if pk in by_id]
        else:
            context["featured_products"] = list(products_featured(limit=FEATURED_PRODUCTS_AUTOMATIC))

        # What the cached parts of the page show (templates/cms/home_page.html,
        # cms_tags.cmsfragment) is read only when they are rendered.
        def campaign():
            return campaign_in_language(campaign=self.featured_campaign)

        def district_index():
            return district_index_live(locale=self.locale)

        district_index = lazy_value(district_index)
        context["featured_campaign"] = lazy_value(campaign)
        context["latest_stories"] = lazy_value(lambda: list(stories_latest(locale=self.locale, limit=3)))
        context["district_index"] = district_index
        context["district_pages"] = lazy_value(
            lambda: district_pages_in_index(index=district_index()) if district_index() else []
        )
        context["experiences"] = lazy_value(lambda: list(experiences_latest(locale=self.locale, limit=2)))
        context["center_page"] = lazy_value(self._center_page)
        return context
