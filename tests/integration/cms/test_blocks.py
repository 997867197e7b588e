"""Every StreamField block renders with data, renders quietly without it, and
has a preview for the admin's block picker."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from cms.blocks import BodyBlock, VideoBlock
from cms.models import StoryPage
from tests.factories.catalog import DistrictFactory, ProducerFactory
from tests.factories.pages import image_create

pytestmark = pytest.mark.django_db

BODY = BodyBlock()


def render(name: str, raw, **context) -> str:
    block = BODY.child_blocks[name]
    value = block.to_python(raw)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    # What Oscar's basket middleware gives every storefront request.
    request.strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    request.basket = get_model("basket", "Basket")()
    request.basket.strategy = request.strategy
    return block.render(value, context={"request": request, **context}).strip()


@pytest.fixture
def full_values(make_product):
    image = image_create("Indigo vat")
    producer = ProducerFactory(name_en="Suwan Indigo Family", story_en="We grow indigo.")
    product = make_product(price="890.00", title_en="Indigo scarf")
    district = DistrictFactory()
    return {
        "heading": ("Three generations at the loom", "Three generations at the loom"),
        "paragraph": ("<p>Mae Kampan picks <b>mulberry</b> leaves.</p>", "<b>mulberry</b>"),
        "image": (
            {"image": image.pk, "alt_text": "An indigo vat", "caption": "At dawn", "credit": "OTOP"},
            'alt="An indigo vat"',
        ),
        "gallery": (
            {"title": "Village", "images": [{"image": image.pk, "alt_text": "Vat", "caption": "", "credit": ""}]},
            'alt="Vat"',
        ),
        "quote": ({"text": "Each cloth tells our story.", "attribution": "Kampan"}, "— Kampan"),
        "video": (
            {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Weaving", "caption": ""},
            "youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        "products": ({"heading": "Buy it", "products": [product.pk]}, "Indigo scarf"),
        "producer": ({"producer": producer.pk, "note": ""}, "Suwan Indigo Family"),
        "district": ({"district": district.pk, "note": "Lac and indigo"}, "San Kamphaeng"),
        "call_to_action": (
            {
                "title": "Join a workshop",
                "text": "",
                "button_text": "Book",
                "page": None,
                "external_url": "https://example.com/",
            },
            'href="https://example.com/"',
        ),
        "map": (
            {
                "title": "Center",
                "address": "San Kamphaeng 50130",
                "latitude": Decimal("18.745"),
                "longitude": Decimal("99.12"),
            },
            "San Kamphaeng 50130",
        ),
    }


EMPTY_VALUES = {
    "heading": "",
    "paragraph": "",
    "image": {"image": None, "alt_text": "", "caption": "", "credit": ""},
    "gallery": {"title": "", "images": []},
    "quote": {"text": "", "attribution": ""},
    "video": {"url": "", "title": "", "caption": ""},
    "products": {"heading": "Nothing", "products": []},
    "producer": {"producer": None, "note": ""},
    "district": {"district": None, "note": ""},
    "call_to_action": {"title": "", "text": "", "button_text": "", "page": None, "external_url": ""},
    "map": {"title": "", "address": "", "latitude": None, "longitude": None},
}


def test_every_body_block_is_covered_by_these_tests():
    assert set(BODY.child_blocks) == set(EMPTY_VALUES)


@pytest.mark.parametrize("name", sorted(EMPTY_VALUES))
def test_block_renders_its_data_with_its_template(name, full_values):
    raw, expected = full_values[name]

    with translation.override("en"):
        html = render(name, raw)

    assert expected in html


@pytest.mark.parametrize("name", sorted(EMPTY_VALUES))
def test_block_without_data_renders_nothing(name):
    assert render(name, EMPTY_VALUES[name]) == ""


def test_block_with_a_deleted_choice_renders_nothing(make_product):
    product = make_product()
    producer = ProducerFactory()
    product_id, producer_id = product.pk, producer.pk
    product.stockrecords.all().delete()
    product.delete()
    producer.delete()

    assert render("products", {"heading": "Gone", "products": [product_id]}) == ""
    assert render("producer", {"producer": producer_id, "note": ""}) == ""


def test_image_block_serves_webp_with_a_jpeg_fallback_lazily():
    image = image_create("Silk")

    html = render("image", {"image": image.pk, "alt_text": "Silk threads", "caption": "", "credit": ""})

    assert "<picture>" in html and 'type="image/webp"' in html
    assert ".jpg" in html.split("<img")[1] and 'loading="lazy"' in html and "srcset=" in html


def test_image_alt_text_is_required_for_story_images():
    block = BODY.child_blocks["image"]
    image = image_create("Silk")

    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": "", "credit": ""}))

    assert "alt_text" in str(error.value.block_errors)


def test_video_block_rejects_links_it_cannot_embed():
    block = VideoBlock()

    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"url": "https://example.com/clip.mp4", "title": "Clip", "caption": ""}))

    assert "url" in error.value.block_errors


def test_map_without_coordinates_still_shows_the_address():
    html = render("map", {"title": "", "address": "San Kamphaeng 50130", "latitude": None, "longitude": None})

    assert "San Kamphaeng 50130" in html and "<iframe" not in html


def test_map_frame_is_lazy_and_the_address_is_outside_it():
    html = render(
        "map", {"title": "", "address": "Bo Sang", "latitude": Decimal("18.76"), "longitude": Decimal("99.08")}
    )

    assert 'loading="lazy"' in html
    assert html.index("<address") > html.index("</iframe>")


def test_producer_text_in_a_card_is_escaped():
    producer = ProducerFactory(name_th="<script>alert(1)</script>", story_th='<img src=x onerror="alert(1)">')

    html = render("producer", {"producer": producer.pk, "note": ""})

    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("name", sorted(EMPTY_VALUES))
def test_block_has_an_icon_a_template_and_a_preview(name):
    block = BODY.child_blocks[name]

    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.get_template() and block.is_previewable


@pytest.mark.parametrize("name", sorted(EMPTY_VALUES))
def test_block_preview_renders_in_the_admin(name, client, make_product):
    make_product()
    image_create("Preview picture")
    ProducerFactory()
    DistrictFactory()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "admin-pass-2568")
    client.force_login(admin)
    block = StoryPage._meta.get_field("body").stream_block.child_blocks[name]

    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    assert b"cms/css/cms.css" in response.content
