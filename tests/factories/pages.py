"""Wagtail pages for tests: the site's home page in every language, the page
types of cms/, images, and StreamField values that show products."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.models import (
    CampaignPage,
    CenterPage,
    ContentPage,
    DistrictIndexPage,
    DistrictPage,
    ExperienceIndexPage,
    ExperiencePage,
    HomePage,
    StoryIndexPage,
    StoryPage,
)


class _PageFactory(factory.django.DjangoModelFactory):
    """Pages are created with add_child under `parent` (so the tree paths are
    right) and, unless publish=False, published through a revision like an
    editor would (which also fires page_published)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, tags=(), **kwargs):
        if parent is None:
            raise TypeError(f"{cls.__name__} needs parent=<the parent page>")
        page = model_class(*args, **kwargs)
        if tags:
            page.tags.set(list(tags))
        if not publish:
            page.live = False
        page = parent.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        else:
            page.save_revision()
        return page


class HomePageFactory(factory.django.DjangoModelFactory):
    """A HomePage added under the tree root (Wagtail pages are created with
    add_child, not a plain save, so the tree paths are right)."""

    class Meta:
        model = HomePage

    title = "OTOP เชียงใหม่"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_title = "ของดีชุมชนเชียงใหม่"
    hero_text = "หัตถกรรมและอาหารจากชุมชนสันกำแพง"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or Page.get_first_root_node()
        return parent.add_child(instance=model_class(*args, **kwargs))


def install_home_page(languages=("en", "zh-hans")) -> HomePage:
    """Replace Wagtail's "Welcome" page (made by its migrations) with our
    HomePage as the default site's root, in Thai, and publish a translation
    for each of `languages`, as the editors do with simple_translation."""
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = HomePageFactory(locale=Locale.get_default())
    site.root_page = home
    site.save()
    if welcome.pk != home.pk and welcome.depth > 1:
        welcome.delete()
    for code in languages:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        translation = home.copy_for_translation(locale)
        translation.title = f"OTOP Chiang Mai ({code})"
        translation.save_revision().publish()
    Site.clear_site_root_paths_cache()
    return home


def translate(page: Page, language: str, **fields) -> Page:
    """Publish a translation of `page` (its parent must be translated)."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def image_create(title: str = "Silk on the loom", *, size=(96, 64), colour="#9b1b30"):
    """A small Wagtail image, drawn in memory."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name=f"{title.replace(' ', '-').lower()}.jpg")
    image.save()
    return image


# --- StreamField values ------------------------------------------------------------------------


def products_block(products, heading: str = "Shop the story") -> dict:
    """A raw ProductsBlock (products or product ids)."""
    return {"type": "products", "value": {"heading": heading, "products": [getattr(p, "pk", p) for p in products]}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


# --- Page types ----------------------------------------------------------------------------------


class StoryIndexPageFactory(_PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "เรื่องเล่าจากชุมชน"
    slug = factory.Sequence(lambda n: f"stories-{n}")
    intro = "เรื่องราวของผู้ผลิต"


class StoryPageFactory(_PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"เรื่องเล่าที่ {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    date = datetime.date(2025, 1, 15)
    author = "ณัฐธิดา คำมา"
    intro = "ผ้าไหมสันกำแพงยังทอด้วยมือของแม่บ้านในหมู่บ้าน"
    body = factory.LazyFunction(lambda: [paragraph("<p>ทุกเช้าแม่คำปันเก็บใบหม่อนให้หนอนไหม</p>")])


class DistrictIndexPageFactory(_PageFactory):
    class Meta:
        model = DistrictIndexPage

    title = "25 อำเภอ"
    slug = factory.Sequence(lambda n: f"districts-{n}")


class DistrictPageFactory(_PageFactory):
    class Meta:
        model = DistrictPage

    title = "อำเภอสันกำแพง"
    slug = factory.Sequence(lambda n: f"district-{n}")
    intro = "ถนนสายหัตถกรรม"
    dye_plant = "ครั่ง"
    dye_colour = "แดงครั่ง"
    dye_colour_hex = "#9b1b30"
    dye_technique = "ย้อมเส้นไหมด้วยครั่งก่อนทอ"
    dye_community = "กลุ่มทอผ้าไหมบ้านสันกำแพง"
    dye_village = "บ้านสันกำแพง"


class CampaignPageFactory(_PageFactory):
    class Meta:
        model = CampaignPage

    title = "ผ้าไทยใส่ให้สนุก"
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    intro = "ชวนทุกคนใส่ผ้าไทย"
    start_date = datetime.date(2024, 10, 1)
    end_date = datetime.date(2025, 9, 30)


class ExperienceIndexPageFactory(_PageFactory):
    class Meta:
        model = ExperienceIndexPage

    title = "เวิร์กช็อปชุมชน"
    slug = factory.Sequence(lambda n: f"workshops-{n}")


class ExperiencePageFactory(_PageFactory):
    class Meta:
        model = ExperiencePage

    title = "ย้อมผ้าคราม"
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = ExperiencePage.Kind.DYEING
    intro = "เรียนย้อมครามกับครอบครัวสุวรรณ"
    schedule_text = "ทุกวันเสาร์ 09:00–12:00 น."
    duration_minutes = 180
    price = Decimal("850.00")
    capacity = 10
    meeting_point = "บ้านลวงเหนือ อ.ดอยสะเก็ด"
    latitude = Decimal("18.875400")
    longitude = Decimal("99.138200")
    how_to_book = "<p>โทรหาศูนย์ล่วงหน้าสามวัน</p>"


class CenterPageFactory(_PageFactory):
    class Meta:
        model = CenterPage

    title = "ศูนย์ OTOP สันกำแพง"
    slug = factory.Sequence(lambda n: f"center-{n}")
    center_name = "ศูนย์จำหน่ายสินค้า OTOP อำเภอสันกำแพง"
    address = "ถนนเชียงใหม่–สันกำแพง อ.สันกำแพง จ.เชียงใหม่"
    postcode = "50130"
    phone = "053-000-000"
    email = "center@otop-chiangmai.example"
    latitude = Decimal("18.745000")
    longitude = Decimal("99.120000")
    opening_hours = factory.LazyFunction(lambda: [{"type": "hours", "value": {"days": "ทุกวัน", "hours": "09:00–18:00"}}])


class ContentPageFactory(_PageFactory):
    class Meta:
        model = ContentPage

    title = "เกี่ยวกับเรา"
    slug = factory.Sequence(lambda n: f"about-{n}")


# --- pytest fixtures, imported by tests/*/cms/conftest.py -----------------------------------

import pytest  # noqa: E402


@pytest.fixture
def cms_site(home_page):
    """The home page in th/en/zh-hans with a story index in Thai and English,
    and the staff role groups with their page permissions on every home."""
    from types import SimpleNamespace

    from shop.common.roles import roles_sync

    roles_sync()
    index = StoryIndexPageFactory(parent=home_page, slug="stories")
    index_en = translate(index, "en", title="Stories")
    return SimpleNamespace(
        home=home_page,
        home_en=home_page.get_translation(Locale.objects.get(language_code="en")),
        home_zh=home_page.get_translation(Locale.objects.get(language_code="zh-hans")),
        index=index,
        index_en=index_en,
    )


@pytest.fixture
def make_product(db):
    """make_product(price="450.00", stock=10, public=True, **product_fields):
    a product with its producer's stock record, as the storefront sells it."""
    from tests.factories.catalog import StockRecordFactory

    def make(*, price="450.00", stock=10, public=True, **fields):
        record = StockRecordFactory(
            price=Decimal(price),
            num_in_stock=stock,
            product__is_public=public,
            **{f"product__{name}": value for name, value in fields.items()},
        )
        return record.product

    return make
