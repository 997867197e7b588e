"""Chiang Mai's 25 districts, each with its natural-dye fabric source.

The province's plan asks for one natural-dye fabric source in every district;
a district page tells where it is (plant, colour, technique, community) and
shows the district's producers and products live from the catalogue.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock, PlaceBlock
from .base import BasePage, lazy_value

DISTRICT_PRODUCTS_SHOWN = 8

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class DistrictIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.DistrictPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("district index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import district_pages_in_index

        context = super().get_context(request, *args, **kwargs)
        context["district_pages"] = district_pages_in_index(index=self)
        return context


class DistrictPage(BasePage):
    district = models.ForeignKey(
        "catalogue.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    # The district's natural-dye fabric source.
    dye_plant = models.CharField(_("dye plant"), max_length=120, blank=True)
    dye_colour = models.CharField(_("colour"), max_length=80, blank=True)
    dye_colour_hex = models.CharField(
        _("colour swatch"), max_length=7, blank=True, validators=[hex_colour], help_text=_("e.g. #23305E")
    )
    dye_technique = models.TextField(_("technique"), blank=True)
    dye_community = models.CharField(_("community"), max_length=200, blank=True)
    dye_village = models.CharField(_("village"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    places = StreamField([("place", PlaceBlock())], verbose_name=_("places to visit"), blank=True, max_num=12)

    content_panels = Page.content_panels + [
        FieldPanel("district"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("dye_plant"),
                FieldPanel("dye_colour"),
                FieldPanel("dye_colour_hex"),
                FieldPanel("dye_technique"),
                FieldPanel("dye_community"),
                FieldPanel("dye_village"),
            ],
            heading=_("Natural-dye fabric source"),
        ),
        FieldPanel("body"),
        FieldPanel("places"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("dye_plant"),
        index.SearchField("dye_community"),
    ]
    parent_page_types = ["cms.DistrictIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def clean(self):
        from ..selectors import district_page_taken

        super().clean()
        # One page per district in each language: a second one would split
        # the district's producers and stories between two URLs.
        if self.district_id and district_page_taken(
            district_id=self.district_id, locale_id=self.locale_id, exclude_pk=self.pk
        ):
            raise ValidationError({"district": _("This district already has a page in this language.")})

    def get_context(self, request, *args, **kwargs):
        from ..selectors import producers_in_district, products_in_district, stories_in_district

        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's cached part is rendered (cms_tags.cmsfragment).
        context["producers"] = lazy_value(lambda: list(producers_in_district(district_id=self.district_id)))
        context["products"] = products_in_district(
            district_id=self.district_id, request=request, limit=DISTRICT_PRODUCTS_SHOWN
        )
        context["stories"] = lazy_value(
            lambda: stories_in_district(district_id=self.district_id, locale=self.locale, limit=3)
        )
        return context
