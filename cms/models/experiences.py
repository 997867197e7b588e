"""Community-tourism workshops: weaving, dyeing, umbrella painting..."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyBlock, ScheduleItemBlock
from .base import BasePage


class ExperienceIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ExperiencePage"]
    max_count_per_parent = 1
    main_image_field = "social_image"

    class Meta:
        verbose_name = _("workshop index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import experiences_in_index

        context = super().get_context(request, *args, **kwargs)
        context["experiences"] = experiences_in_index(index=self)
        return context


class ExperiencePage(BasePage):
    class Kind(models.TextChoices):
        WEAVING = "weaving", _("Weaving")
        DYEING = "dyeing", _("Natural dyeing")
        UMBRELLA_PAINTING = "umbrella_painting", _("Umbrella painting")
        CARVING = "carving", _("Wood carving")
        COOKING = "cooking", _("Cooking")
        FARM = "farm", _("Farm visit")

    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    intro = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
    )
    schedule_text = models.CharField(
        _("when"), max_length=200, help_text=_("e.g. Every Saturday, 09:00–12:00, November to February")
    )
    schedule = StreamField([("item", ScheduleItemBlock())], verbose_name=_("programme"), blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), validators=[MinValueValidator(15)])
    price = models.DecimalField(
        _("price per person (THB)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    capacity = models.PositiveSmallIntegerField(_("places per session"), validators=[MinValueValidator(1)])
    meeting_point = models.TextField(_("meeting point"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    how_to_book = RichTextField(_("how to book"), features=RICH_TEXT_FEATURES)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("schedule_text"),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("price"), FieldPanel("capacity")]),
                FieldPanel("schedule"),
            ],
            heading=_("Schedule and price"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("host"),
                FieldPanel("meeting_point"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("how_to_book"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.FilterField("kind")]
    parent_page_types = ["cms.ExperienceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    @property
    def map_value(self) -> dict:
        """The meeting point as a map block value (templates/blocks/map_block.html)."""
        return {"title": "", "address": self.meeting_point, "latitude": self.latitude, "longitude": self.longitude}
