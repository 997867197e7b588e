"""Soft-power campaigns (the Thai-fabric campaign, CNX Soft Power...)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock, ProductChooserBlock
from .base import BasePage


class CampaignPage(BasePage):
    intro = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    products = StreamField(
        [("product", ProductChooserBlock(label=_("product")))],
        verbose_name=_("product selection"),
        blank=True,
        max_num=24,
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])], heading=_("Dates")),
        FieldPanel("body"),
        FieldPanel("products"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        by_id = context["products_by_id"]
        chosen = [block.value.pk for block in self.products if block.value is not None]
        context["campaign_products"] = [by_id[pk] for pk in dict.fromkeys(chosen) if pk in by_id]
        return context
