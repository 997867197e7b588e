"""StreamField blocks shared by the page types.

Every block has a template in templates/blocks/, an icon and a preview for
the block picker (Meta.preview_value + Meta.preview_template). A block's
template must render sensibly with empty or partial data: pages are edited
over time, products get deleted, images get removed.

Product, producer and district blocks use the choosers of cms/choosers.py.
The product block never queries per product: the page gathers every product
id of all its product blocks and loads them once (see
cms.selectors.products_for_blocks and cms.models.base.ProductBlocksMixin);
the block only looks its products up in the map it finds in the context.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.field_block import ChooserBlock
from wagtail.coreutils import resolve_model_string
from wagtail.images.blocks import ImageChooserBlock

from . import previews
from .sanitize import sanitize_html
from .video import video_embed

PREVIEW_TEMPLATE = "blocks/preview.html"


# --- Choosers for catalogue models ------------------------------------------------------


class _CatalogueChooserBlock(ChooserBlock):
    """A ChooserBlock for a model named by string (resolved lazily) using the
    chooser modal of a ChooserViewSet from cms/choosers.py."""

    target_model_name: str = ""
    viewset_name: str = ""
    select_related: tuple[str, ...] = ()

    @cached_property
    def target_model(self):
        return resolve_model_string(self.target_model_name)

    @cached_property
    def widget(self):
        from . import choosers

        return getattr(choosers, self.viewset_name).widget_class()

    def normalize(self, value):
        # Accept a primary key as well as an instance (tests, preview values).
        if value is None or isinstance(value, self.target_model):
            return value
        return self.to_python(value)

    def bulk_to_python(self, values):
        # As ChooserBlock, but one query with the relations the card shows,
        # and None for ids that no longer exist (a deleted producer or product
        # renders nothing rather than failing).
        found = self.target_model.objects.select_related(*self.select_related).in_bulk(
            [value for value in values if value is not None]
        )
        return [found.get(value) if value is not None else None for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


class ProductChooserBlock(_CatalogueChooserBlock):
    """One catalogue.Product. Its value is the plain product (what the admin
    needs); templates show products from the page's `products_by_id` map,
    which only holds public products that can be bought right now."""

    target_model_name = "catalogue.Product"
    viewset_name = "product_chooser_viewset"

    class Meta:
        icon = "tag"


class ProducerChooserBlock(_CatalogueChooserBlock):
    target_model_name = "catalogue.Producer"
    viewset_name = "producer_chooser_viewset"
    select_related = ("district",)

    class Meta:
        icon = "group"


class DistrictChooserBlock(_CatalogueChooserBlock):
    target_model_name = "catalogue.District"
    viewset_name = "district_chooser_viewset"

    class Meta:
        icon = "site"


# --- Text ---------------------------------------------------------------------------------


class HeadingBlock(blocks.CharBlock):
    """A section heading (h2): the page title is the only h1."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("form_classname", "title")
        super().__init__(**kwargs)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = _("Three generations at the loom")
        description = _("A section heading inside the page.")


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text, cleaned once more when rendered (see cms/sanitize.py)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["html"] = sanitize_html(value.__html__() if value is not None else "")
        return context

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<p>Every morning Mae Kampan picks mulberry leaves for the silkworms; "
            "four weeks later the <b>golden cocoons</b> are boiled and reeled.</p>"
        )
        description = _("Text with bold, italic, links and lists.")


RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


# --- Media --------------------------------------------------------------------------------


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for visitors who cannot see it (required)."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(previews.image_value)
        description = _("One picture with alternative text, caption and photographer's credit.")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    images = blocks.ListBlock(ImageWithCaptionBlock(), label=_("images"), min_num=1, max_num=24)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(previews.gallery_value)
        description = _("A grid of pictures; each opens full size.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"text": "Each cloth tells the story of our home.", "attribution": "Kampan Jaiboon"}
        description = _("A quotation from a maker, with who said it.")


class VideoValue(blocks.StructValue):
    @cached_property
    def embed(self):
        return video_embed(self.get("url"))


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video. The embed URL is built from the link without
    fetching anything (cms/video.py); other links render as a plain link."""

    url = blocks.URLBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(
        label=_("title"), max_length=200, help_text=_("Describes the video for screen readers and search engines.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and video_embed(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a YouTube or Vimeo link."))}
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Weaving silk in San Kamphaeng",
            "caption": "",
        }
        description = _("A YouTube or Vimeo video, loaded only when the visitor scrolls to it.")


# --- Shop ---------------------------------------------------------------------------------


class ProductsBlock(blocks.StructBlock):
    """One or several products with live price, stock and an add-to-basket
    button. Products that are not public, are sold out or no longer exist
    are left out; with none left the block renders nothing."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    products = blocks.ListBlock(ProductChooserBlock(label=_("product")), label=_("products"), min_num=1, max_num=12)

    def get_context(self, value, parent_context=None):
        from .selectors import products_for_blocks

        context = super().get_context(value, parent_context=parent_context)
        chosen = [product.pk for product in (value.get("products") or []) if product is not None]
        by_id = context.get("products_by_id")
        if by_id is None:
            # Rendered outside a page that preloads (block preview, another
            # template): load just this block's products.
            by_id = products_for_blocks(ids=chosen, request=context.get("request"))
        context["products"] = [by_id[pk] for pk in dict.fromkeys(chosen) if pk in by_id]
        return context

    class Meta:
        icon = "tag"
        label = _("Products")
        template = "blocks/products_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(previews.products_value)
        description = _("Products to buy from the page, with live price and stock.")


class ProducerCardBlock(blocks.StructBlock):
    producer = ProducerChooserBlock(label=_("producer"))
    note = blocks.TextBlock(label=_("note"), required=False, max_length=300)

    class Meta:
        icon = "group"
        label = _("Producer card")
        template = "blocks/producer_card_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(previews.producer_value)
        description = _("A maker's card linking to their profile and products.")


class DistrictCardBlock(blocks.StructBlock):
    district = DistrictChooserBlock(label=_("district"))
    note = blocks.TextBlock(label=_("note"), required=False, max_length=300)

    def get_context(self, value, parent_context=None):
        from .selectors import district_page_for

        context = super().get_context(value, parent_context=parent_context)
        district = value.get("district")
        context["district_page"] = district_page_for(district=district) if district else None
        return context

    class Meta:
        icon = "site"
        label = _("District card")
        template = "blocks/district_card_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = staticmethod(previews.district_value)
        description = _("A district with its natural-dye fabric source, linking to its page.")


class LinkValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        if page:
            return page.localized.url or ""
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    button_text = blocks.CharBlock(label=_("button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    external_url = blocks.URLBlock(label=_("or external link"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = LinkValue
        preview_value = {
            "title": "Visit the weavers",
            "text": "Join a natural-dye workshop in Doi Saket.",
            "button_text": "Book a workshop",
            "external_url": "https://example.com/",
        }
        description = _("A highlighted box with one button.")


class MapBlock(blocks.StructBlock):
    """An address, always shown as text, with an OpenStreetMap frame when
    coordinates are given. The frame is lazy and the address does not depend
    on it, so offline (or with third-party frames blocked) visitors still get
    where to go."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    address = blocks.TextBlock(label=_("address"), max_length=400)
    latitude = blocks.DecimalBlock(label=_("latitude"), required=False, min_value=-90, max_value=90, decimal_places=6)
    longitude = blocks.DecimalBlock(
        label=_("longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )

    class Meta:
        icon = "site"
        label = _("Map")
        template = "blocks/map_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "San Kamphaeng OTOP Distribution Center",
            "address": "San Kamphaeng District, Chiang Mai 50130, Thailand",
            "latitude": Decimal("18.745000"),
            "longitude": Decimal("99.120000"),
        }
        description = _("An address with a map.")


class PlaceBlock(blocks.StructBlock):
    """A place to visit in a district."""

    name = blocks.CharBlock(label=_("name"), max_length=120)
    description = blocks.TextBlock(label=_("description"), required=False, max_length=600)
    image = ImageChooserBlock(label=_("image"), required=False)
    link = blocks.URLBlock(label=_("link"), required=False)

    class Meta:
        icon = "site"
        label = _("Place to visit")
        template = "blocks/place_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "name": "Bo Sang Umbrella Village",
            "description": "Watch umbrellas being painted by hand.",
        }
        description = _("A place worth the trip, with a short description.")


class ScheduleItemBlock(blocks.StructBlock):
    """One line of an experience's programme."""

    time = blocks.CharBlock(label=_("time"), max_length=40, help_text=_("e.g. 09:00 or Day 1"))
    activity = blocks.CharBlock(label=_("activity"), max_length=200)

    class Meta:
        icon = "time"
        label = _("Schedule item")
        template = "blocks/schedule_item_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"time": "09:00", "activity": "Meet the dyers and pick indigo leaves"}
        description = _("A time and what happens then.")


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(label=_("days"), max_length=60)
    hours = blocks.CharBlock(label=_("hours"), max_length=60, help_text=_("e.g. 09:00–18:00, or Closed"))

    class Meta:
        icon = "time"
        label = _("Opening hours")
        template = "blocks/opening_hours_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"days": "Every day", "hours": "09:00–18:00"}
        description = _("Days and hours the center is open.")


# --- The body -----------------------------------------------------------------------------


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("heading"))
    paragraph = SafeRichTextBlock(label=_("paragraph"), features=RICH_TEXT_FEATURES)
    image = ImageWithCaptionBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    products = ProductsBlock()
    producer = ProducerCardBlock()
    district = DistrictCardBlock()
    call_to_action = CallToActionBlock()
    map = MapBlock()
