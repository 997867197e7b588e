"""The San Kamphaeng OTOP distribution center: visiting and consigning."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import BodyBlock, OpeningHoursBlock
from .base import BasePage


class CenterPage(BasePage):
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    center_name = models.CharField(_("center name"), max_length=200)
    address = models.TextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = StreamField([("hours", OpeningHoursBlock())], verbose_name=_("opening hours"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("visiting"), blank=True)
    consign = StreamField(
        BodyBlock(),
        verbose_name=_("how producers consign goods"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("center_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("email")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("opening_hours"),
            ],
            heading=_("Address and opening hours"),
        ),
        FieldPanel("body"),
        FieldPanel("consign"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ContentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("center page")

    @property
    def map_value(self) -> dict:
        """The address as a map block value (templates/blocks/map_block.html)."""
        address = self.address
        if self.postcode and self.postcode not in address:
            address = f"{address} {self.postcode}"
        return {"title": "", "address": address, "latitude": self.latitude, "longitude": self.longitude}

    def get_structured_data(self, request):
        from ..seo import organization_jsonld

        return [organization_jsonld(request=request, center=self)]
