"""The product page's passport panel in Thai, English and Chinese, the
Thai fallback of untranslated text, and photos from their renditions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.services.images import product_image_renditions_build
from tests.factories.catalog import (
    CertificationFactory,
    DistrictFactory,
    ProductFactory,
    ProductImageFactory,
    StockRecordFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport_product(home_page, textiles, producer_a):
    product = ProductFactory(
        producer=producer_a,
        otop_type=textiles,
        title="ผ้าซิ่นตีนจกย้อมคราม",
        title_en="Indigo teen jok sarong",
        title_zh_hans="",
        description="ทอมือที่แม่แจ่ม",
        description_zh_hans="",
        origin_district=DistrictFactory(),
        origin_tambon="ออนใต้",
        otop_stars=5,
        otop_star_year=2567,
        fibre="cotton",
        dye_type="natural",
        dye_source_plant="indigo",
        weaving_technique="jok",
        digital_wallet_eligible=True,
        not_shippable_abroad=True,
    )
    StockRecordFactory(product=product, partner=producer_a.partner)
    today = timezone.localdate()
    CertificationFactory(
        product=product, kind="tcps", number="มผช. 18/2565", issuer="สมอ.", expiry_date=today + timedelta(days=300)
    )
    CertificationFactory(
        product=product, kind="halal", number="EXPIRED-1", issuer="CICOT", expiry_date=today - timedelta(days=1)
    )
    return product


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["passport", "2567", "ออนใต้", "มผช. 18/2565", "กลุ่มทอผ้าไหม เอ"]),
        (
            "/en",
            [
                "OTOP product passport",
                "B.E. 2567 (2024)",
                "Tambon On Tai",
                "San Kamphaeng district",
                "No. มผช. 18/2565",
                "Thai Community Product Standard",
                "Natural dye: Indigo",
                "Jok",
                "Digital wallet eligible",
                "Ships within Thailand only",
                "/en/shop/producers/producer-a/",
            ],
        ),
        ("/zh-hans", ["passport", "2567", "มผช. 18/2565"]),
    ],
)
def test_the_passport_panel_shows_stars_origin_certifications_textile_and_wallet_in_each_language(
    client, passport_product, prefix, expected
):
    from django.utils import translation

    with translation.override({"": "th", "/en": "en", "/zh-hans": "zh-hans"}[prefix]):
        url = passport_product.get_absolute_url()
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, f"{url}: {text!r} missing"
    assert "EXPIRED-1" not in html  # an expired certification is not shown as valid


def test_chinese_visitors_see_the_thai_title_when_there_is_no_chinese_one(client, passport_product):
    from django.utils import translation

    with translation.override("zh-hans"):
        url = passport_product.get_absolute_url()
    html = client.get(url).content.decode()

    assert "ผ้าซิ่นตีนจกย้อมคราม" in html and "ทอมือที่แม่แจ่ม" in html


def test_a_photo_with_renditions_is_served_as_webp_with_a_jpeg_fallback_and_its_alt_text(client, passport_product):
    image = ProductImageFactory(product=passport_product, alt_text="Sarong hem with indigo jok pattern")
    product_image_renditions_build(image_id=image.pk)
    from django.utils import translation

    with translation.override("en"):
        url = passport_product.get_absolute_url()
    html = client.get(url).content.decode()

    assert 'type="image/webp"' in html and f"renditions/{image.pk}/zoom.webp" in html
    assert f"renditions/{image.pk}/zoom.jpg" in html
    assert 'alt="Sarong hem with indigo jok pattern"' in html


def test_a_photo_without_renditions_shows_a_placeholder_until_the_task_has_built_them(client, passport_product):
    from django.utils import translation

    image = ProductImageFactory(product=passport_product, alt_text="Sarong hem with indigo jok pattern")
    with translation.override("en"):
        url = passport_product.get_absolute_url()

    html = client.get(url).content.decode()
    assert "gallery-placeholder" in html and "Photo being prepared" in html
    assert "/cache/" not in html  # no on-request resize of the original

    product_image_renditions_build(image_id=image.pk)
    html = client.get(url).content.decode()
    assert "gallery-placeholder" not in html and f"renditions/{image.pk}/zoom.webp" in html


def test_unpublished_products_are_not_in_the_storefront(client, home_page, product_a):
    from django.utils import translation

    with translation.override("en"):
        url = product_a.get_absolute_url()
    assert client.get(url).status_code == 404
    assert "ผ้าไหมของเอ" not in client.get("/en/shop/catalogue/").content.decode()
