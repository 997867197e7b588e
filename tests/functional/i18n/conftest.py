"""A small shop as the demo builds it (categories and shipping from the
demo's own data, a producer, products named in three languages, pages in
three languages, a customer with a pickup order and a paid order) for the
translation check."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.utils import override_settings
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.demo.products import seed_categories
from shop.demo.shipping import seed_shipping_rates
from shop.order import statuses
from tests.factories.catalog import (
    DistrictFactory,
    OtopProductTypeFactory,
    ProducerFactory,
    UserFactory,
)
from tests.factories.order import THAI_ADDRESS, order_place, stocked_product
from tests.factories.pages import (
    CenterPageFactory,
    DistrictIndexPageFactory,
    DistrictPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    install_home_page,
    paragraph,
    translate,
)
from tests.testdb import module_transaction

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

PASSWORD = "correct-horse-battery"


def _story_pages(home, district):
    index = StoryIndexPageFactory(parent=home, slug="stories")
    story = StoryPageFactory(parent=index, slug="silk-story", date=datetime.date(2026, 11, 7))
    district_index = DistrictIndexPageFactory(parent=home, slug="districts")
    district_page = DistrictPageFactory(parent=district_index, slug="san-kamphaeng", district=district)
    center = CenterPageFactory(parent=home, slug="center")
    translated = {
        "en": dict(
            index=dict(title="Stories", intro="Producers' stories"),
            story=dict(
                title="Silk of San Kamphaeng",
                author="Natthida Khamma",
                intro="Silk still woven by hand",
                body=[paragraph("<p>Every morning Mae Kham Pan picks mulberry leaves.</p>")],
            ),
            districts=dict(title="25 districts"),
            district=dict(
                title="San Kamphaeng",
                intro="The craft road",
                dye_plant="Lac",
                dye_colour="Lac red",
                dye_technique="Silk dyed with lac before weaving",
                dye_community="San Kamphaeng weavers",
                dye_village="Ban San Kamphaeng",
            ),
            center=dict(
                title="The San Kamphaeng OTOP center",
                center_name="San Kamphaeng OTOP Distribution Center",
                address="Chiang Mai–San Kamphaeng road, San Kamphaeng, Chiang Mai",
                opening_hours=[{"type": "hours", "value": {"days": "Daily", "hours": "09:00–18:00"}}],
            ),
        ),
        "zh-hans": dict(
            index=dict(title="社区故事", intro="生产者的故事"),
            story=dict(
                title="汕甘烹丝绸",
                author="纳缇达",
                intro="丝绸仍由村里的妇女手工织造",
                body=[paragraph("<p>每天早上，甘潘妈妈都会采摘桑叶。</p>")],
            ),
            districts=dict(title="25个县"),
            district=dict(
                title="汕甘烹县",
                intro="手工艺之路",
                dye_plant="紫胶",
                dye_colour="紫胶红",
                dye_technique="织造前用紫胶染丝",
                dye_community="汕甘烹织造社",
                dye_village="汕甘烹村",
            ),
            center=dict(
                title="汕甘烹 OTOP 中心",
                center_name="汕甘烹县 OTOP 产品销售中心",
                address="清迈府汕甘烹县清迈—汕甘烹公路",
                opening_hours=[{"type": "hours", "value": {"days": "每天", "hours": "09:00–18:00"}}],
            ),
        ),
    }
    pages = {"th": dict(index=index, story=story, districts=district_index, district=district_page, center=center)}
    for language, fields in translated.items():
        pages[language] = {}
        for name in ("index", "story", "districts", "district", "center"):
            pages[language][name] = translate(pages["th"][name], language, **fields[name])
    return pages


def _paid_with_test_payment(order):
    source_type, _ = SourceType.objects.get_or_create(code="test", defaults={"name": "Test payment"})
    source = Source.objects.create(
        order=order,
        source_type=source_type,
        currency=order.currency,
        amount_allocated=order.total_incl_tax,
        reference="test-090f1c2a-0000-4000-8000-000000000000",
        label="Test payment",
    )
    source.debit(order.total_incl_tax, reference="test", status="succeeded")
    order.paid_at = timezone.now()
    order.status = statuses.PAID
    order.save()
    return order


def _world_build() -> SimpleNamespace:
    seed_shipping_rates()
    categories = seed_categories()
    home = install_home_page()
    district = DistrictFactory(name_zh_hans="汕甘烹县")
    textiles = OtopProductTypeFactory(name_zh_hans="纺织品与服装")
    producer = ProducerFactory(
        district=district,
        name_th="กลุ่มทอผ้าไหมบ้านสันกำแพง",
        name_en="Ban San Kamphaeng Silk Weavers",
        slug="san-kamphaeng-weavers",
    )
    silk = stocked_product(
        producer=producer,
        price="1850.00",
        quantity=5,
        otop_type=textiles,
        title="ผ้าไหมมัดหมี่สันกำแพง",
        title_en="San Kamphaeng mudmee silk",
        title_zh_hans="汕甘烹扎经丝绸",
        description="ทอมือด้วยไหมแท้",
        description_en="Hand-woven pure silk",
        description_zh_hans="纯蚕丝手工织造",
    )
    silk.categories.add(categories["silk"])
    scarf = stocked_product(
        producer=producer,
        price="450.00",
        quantity=5,
        otop_type=textiles,
        title="ผ้าพันคอไหม",
        title_en="Silk scarf",
        title_zh_hans="丝绸围巾",
    )
    scarf.categories.add(categories["silk"])
    customer = UserFactory(username="tourist", email="tourist@example.com", first_name="Anna", last_name="Berg")
    pickup_order = order_place(lines=[(silk, 1)], user=customer, language="th")
    paid_order = _paid_with_test_payment(
        order_place(
            lines=[(scarf, 1)], user=customer, shipping_code="ems-thailand", language="zh-hans", address=THAI_ADDRESS
        )
    )
    guest_order = order_place(lines=[(scarf, 1)], email="guest@example.com", language="th")
    # Placed on 7 December 2026 (Bangkok): the order list shows the date.
    placed = timezone.make_aware(datetime.datetime(2026, 12, 7, 10, 30))
    for order in (pickup_order, paid_order, guest_order):
        type(order).objects.filter(pk=order.pk).update(date_placed=placed)
        order.refresh_from_db()
    pages = _story_pages(home, district)
    return SimpleNamespace(
        home=home,
        pages=lambda: pages,
        categories=categories,
        district=district,
        producer=producer,
        silk=silk,
        scarf=scarf,
        customer=customer,
        password=PASSWORD,
        pickup_order=pickup_order,
        paid_order=paid_order,
        guest_order=guest_order,
        total=Decimal(pickup_order.total_incl_tax),
    )


@pytest.fixture(scope="module")
def shop_world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The shop built once for the module (pages in three languages are the
    slow part), its pictures in a folder of its own, rolled back after the
    last test (tests/testdb.py; the module is in XDIST_GROUPS)."""
    media_root = tmp_path_factory.mktemp("i18n-media")
    with override_settings(MEDIA_ROOT=str(media_root)), module_transaction(django_db_blocker):
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            cache.clear()  # as each test starts: nothing of the test before leaks into the build
            world = _world_build()
        yield world, media_root


@pytest.fixture
def shop_world(shop_world_once, db, settings):
    """The module's shop, read in this test's savepoint. A copy: the e-mail
    tests change and save its orders, and the next test must see them as built."""
    world, media_root = shop_world_once
    settings.MEDIA_ROOT = str(media_root)
    return copy.deepcopy(world)
