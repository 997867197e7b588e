"""The home page: a Chiang Mai crafts magazine cover that sells."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import BodyBlock, ProductChooserBlock
from .base import BasePage

FEATURED_PRODUCTS_AUTOMATIC = 8


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")),
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

        from ..selectors import district_index_live, district_pages_in_index, experiences_latest, stories_latest

        context = super().get_context(request, *args, **kwargs)
        by_id = context["products_by_id"]
        picked = [block.value for block in self.featured_products if block.value is not None]
        if picked:
            # Picked products keep the editor's order; unavailable ones drop out.
            context["featured_products"] = [by_id[p.pk] for p in picked if p.pk in by_id]
        else:
            context["featured_products"] = list(products_featured(limit=FEATURED_PRODUCTS_AUTOMATIC))
        campaign = self.featured_campaign
        context["featured_campaign"] = campaign.localized.specific if campaign and campaign.live else None
        context["latest_stories"] = stories_latest(locale=self.locale, limit=3)
        district_index = district_index_live(locale=self.locale)
        context["district_index"] = district_index
        context["district_pages"] = district_pages_in_index(index=district_index) if district_index else []
        context["experiences"] = experiences_latest(locale=self.locale, limit=2)
        context["center_page"] = self._center_page()
        return context
