"""Wagtail page types. The foundation ships the home page and simple stories;
the storytelling issue adds districts, campaigns, experiences and the center."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Reads go through selectors so the page type holds no query logic.
        from catalog.selectors import products_featured

        from .selectors import stories_latest

        context = super().get_context(request, *args, **kwargs)
        context["latest_stories"] = stories_latest(locale=self.locale, limit=3)
        context["featured_products"] = products_featured(limit=8)
        return context


class StoryIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = StoryPage.objects.child_of(self).live().order_by("-first_published_at")
        return context


class StoryPage(Page):
    """A story of a producer or family (One Family One Soft Power)."""

    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        "catalogue.District", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    producer = models.ForeignKey(
        "catalogue.Producer", null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("district"),
        FieldPanel("producer"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_context(self, request, *args, **kwargs):
        from catalog.selectors import products_by_producer

        context = super().get_context(request, *args, **kwargs)
        context["story_products"] = (
            products_by_producer(producer=self.producer, limit=4) if self.producer_id else []
        )
        return context
