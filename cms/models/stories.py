"""Stories of producers and families (One Family One Soft Power)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog.search.fields import story_search_fields

from ..blocks import BodyBlock, ImageWithCaptionBlock, ProductChooserBlock, VideoBlock
from .base import BasePage

STORIES_PER_PAGE = 12


class StoryIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    max_count_per_parent = 1
    main_image_field = "social_image"

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import stories_in_index

        context = super().get_context(request, *args, **kwargs)
        tag = (request.GET.get("tag") or "").strip()[:100]
        paginator = Paginator(stories_in_index(index=self, tag=tag or None), STORIES_PER_PAGE)
        try:
            stories = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            stories = paginator.page(1)
        context.update(stories=stories, tag=tag)
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(BasePage):
    """A story of a producer or family, which sells what it tells about."""

    date = models.DateField(_("date"))
    author = models.CharField(_("author"), max_length=120, blank=True)
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
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    producer = models.ForeignKey(
        "catalogue.Producer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("producer"),
    )
    tags = ClusterTaggableManager(_("tags"), through=StoryPageTag, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    gallery = StreamField([("image", ImageWithCaptionBlock())], verbose_name=_("gallery"), blank=True, max_num=24)
    video = StreamField([("video", VideoBlock())], verbose_name=_("video"), blank=True, max_num=1)
    shop_products = StreamField(
        [("product", ProductChooserBlock(label=_("product")))],
        verbose_name=_("shop the story"),
        blank=True,
        max_num=12,
        help_text=_("Products sold with the story. Empty: the producer's best products."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author"),
                FieldPanel("district"),
                FieldPanel("producer"),
                FieldPanel("tags"),
            ],
            heading=_("About the story"),
        ),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("video"),
        FieldPanel("shop_products"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        # Thai segmented into words, so a search for ไหม finds ผ้าไหม.
        *story_search_fields(),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    is_article = True  # og:type and the Article JSON-LD
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_structured_data(self, request):
        from ..seo import article_jsonld

        return [article_jsonld(self, request)]

    def get_context(self, request, *args, **kwargs):
        from ..selectors import products_buyable_by_producer
        from ..streams import product_ids_in_stream

        context = super().get_context(request, *args, **kwargs)
        by_id = context["products_by_id"]
        # The ids from the stored JSON: iterating the field would load its products once more.
        picked = product_ids_in_stream(self._meta.get_field("shop_products").stream_block, self.shop_products)
        if picked:
            # The editor's order; unpublished, sold-out or deleted ones drop out.
            context["story_products"] = [by_id[pk] for pk in dict.fromkeys(picked) if pk in by_id]
        elif self.producer_id:
            context["story_products"] = products_buyable_by_producer(
                producer_id=self.producer_id, request=request, limit=4
            )
        else:
            context["story_products"] = []
        return context
