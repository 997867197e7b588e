"""catalog.services (reference data, product creation) and catalog.producers.services.producer_create."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model
from PIL import Image

from catalog import services
from catalog.producers import services as producer_services
from tests.factories.catalog import DistrictFactory, OtopProductTypeFactory, ProducerFactory

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Partner = get_model("partner", "Partner")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(out, format="JPEG")
    return out.getvalue()


def _producer_kwargs(**overrides):
    kwargs = dict(
        slug="bo-sang-test",
        name_th="กลุ่มร่มบ่อสร้างทดสอบ",
        name_en="Bo Sang Test Umbrellas",
        kind=Producer.Kind.COMMUNITY_ENTERPRISE,
        district=DistrictFactory(),
        phone="+66 81 234 5678",
    )
    kwargs.update(overrides)
    return kwargs


# --- Reference data -----------------------------------------------------------------


def test_district_sync_loads_the_25_official_districts():
    result = services.district_sync_reference_data()

    assert result.created == 25
    codes = list(District.objects.order_by("code").values_list("code", flat=True))
    assert codes == [str(code) for code in range(5001, 5026)]
    san_kamphaeng = District.objects.get(code="5013")
    assert (san_kamphaeng.slug, san_kamphaeng.name_th, san_kamphaeng.name_en) == (
        "san-kamphaeng",
        "สันกำแพง",
        "San Kamphaeng",
    )
    assert all(District.objects.values_list("name_zh_hans", flat=True))


def test_district_sync_twice_changes_nothing():
    services.district_sync_reference_data()

    again = services.district_sync_reference_data()

    assert (again.created, again.updated, again.unchanged) == (0, 0, 25)


def test_district_sync_repairs_an_edited_name():
    services.district_sync_reference_data()
    District.objects.filter(code="5015").update(name_en="Hangdong")

    result = services.district_sync_reference_data()

    assert result.updated == 1
    assert District.objects.get(code="5015").name_en == "Hang Dong"


def test_district_sync_reads_another_file_when_given_one(tmp_path):
    path = tmp_path / "districts.json"
    row = {"code": "5013", "slug": "san-kamphaeng", "name_th": "สันกำแพง", "name_en": "San Kamphaeng"}
    path.write_text(json.dumps({"districts": [row]}), encoding="utf-8")

    assert services.district_sync_reference_data(path=path).created == 1


def test_product_type_sync_loads_the_five_otop_types_in_order():
    services.otop_product_type_sync_reference_data()

    assert list(OtopProductType.objects.values_list("code", flat=True)) == [
        "food",
        "beverages",
        "textiles",
        "household",
        "herbal",
    ]
    assert OtopProductType.objects.get(code="herbal").name_th == "สมุนไพรที่ไม่ใช่อาหาร"


# --- Producers ------------------------------------------------------------------------


def test_producer_create_makes_a_pending_producer_with_its_partner():
    producer = producer_services.producer_create(**_producer_kwargs())

    assert producer.status == Producer.Status.PENDING
    assert producer.partner.name == "กลุ่มร่มบ่อสร้างทดสอบ"
    assert producer.partner.code == "bo-sang-test"


def test_producer_create_stores_the_phone_as_0xxxxxxxxx():
    producer = producer_services.producer_create(**_producer_kwargs(phone="+66 81 234 5678"))

    assert producer.phone == "0812345678"


def test_producer_create_accepts_no_phone():
    assert producer_services.producer_create(**_producer_kwargs(phone="")).phone == ""


def test_producer_create_rejects_a_bad_phone_and_leaves_no_partner_behind():
    with pytest.raises(ValidationError):
        producer_services.producer_create(**_producer_kwargs(phone="12345"))

    assert not Partner.objects.exists()


def test_producer_create_rejects_a_taken_slug():
    producer_services.producer_create(**_producer_kwargs())

    with pytest.raises(ValidationError):
        producer_services.producer_create(**_producer_kwargs(name_th="อีกกลุ่มหนึ่ง"))
    assert Partner.objects.count() == 1


def test_producer_create_takes_keyword_arguments_only():
    with pytest.raises(TypeError):
        producer_services.producer_create("bo-sang-test", "ชื่อ")


# --- Products --------------------------------------------------------------------------


def test_product_create_makes_a_public_otop_product_from_the_producers_district():
    producer = ProducerFactory()
    category = Category.add_root(name="ร่ม · Umbrellas", slug="umbrella")

    product = services.product_create(
        title="ร่มกระดาษสา สีแดง",
        title_en="Saa paper umbrella, red",
        title_zh_hans="桑皮纸伞 红色",
        producer=producer,
        otop_type=OtopProductTypeFactory(code="household", name_th="ของใช้", name_en="Household"),
        otop_stars=5,
        otop_star_year=2567,
        upc="8851013000019",
        categories=[category],
    )

    assert product.is_public and product.origin_district == producer.district
    assert product.product_class.name == "OTOP product"
    assert product.product_class.track_stock and product.product_class.requires_shipping
    assert list(product.categories.all()) == [category]
    assert product.slug == "saa-paper-umbrella-red-000019"


def test_product_create_refuses_stars_without_the_assessment_year():
    with pytest.raises(ValidationError):
        services.product_create(
            title="กาแฟ", producer=ProducerFactory(), otop_type=OtopProductTypeFactory(), otop_stars=4
        )


def test_product_create_refuses_six_stars():
    with pytest.raises(ValidationError):
        services.product_create(
            title="กาแฟ",
            producer=ProducerFactory(),
            otop_type=OtopProductTypeFactory(),
            otop_stars=6,
            otop_star_year=2567,
        )


def test_product_create_refuses_a_duplicate_upc():
    producer, otop_type = ProducerFactory(), OtopProductTypeFactory()
    services.product_create(title="น้ำผึ้ง", producer=producer, otop_type=otop_type, upc="8851031000005")

    with pytest.raises(ValidationError):
        services.product_create(title="น้ำผึ้งป่า", producer=producer, otop_type=otop_type, upc="8851031000005")


def test_product_class_is_created_once():
    assert services.product_class_get_otop() == services.product_class_get_otop()


def test_product_image_add_puts_new_images_after_existing_ones():
    product = services.product_create(title="ผ้าไหม", producer=ProducerFactory(), otop_type=OtopProductTypeFactory())

    first = services.product_image_add(product=product, content=_jpeg(), filename="a.jpg", caption="silk")
    second = services.product_image_add(product=product, content=_jpeg(), filename="b.jpg")

    assert (first.display_order, second.display_order) == (0, 1)
    assert first.original.name.endswith(".jpg") and first.caption == "silk"
    assert product.primary_image() == first
