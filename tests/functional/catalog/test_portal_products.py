"""The producer portal's product pages: creating and editing through the
form, bad input answered next to the field with nothing changed, the
listing actions, and office staff acting on a producer's behalf with the
audit log the producer can read."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from catalog.producers.views.portal import SESSION_PRODUCER

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(textiles, silk_category):
    return {
        "title": "ผ้าพันคอไหมย้อมคราม",
        "title_en": "Indigo silk scarf",
        "title_zh_hans": "靛蓝丝绸围巾",
        "description": "ทอมือ ย้อมครามธรรมชาติ",
        "otop_type": textiles.pk,
        "category": silk_category.pk,
        "price": "1250.00",
        "sku": "SILK-IND-1",
        "origin_tambon": "สันกำแพง",
        "weight_grams": "150",
        "length_cm": "180",
        "width_cm": "45",
        "height_cm": "1",
        "otop_stars": "4",
        "otop_star_year": "2567",
        "fibre": "silk",
        "dye_type": "natural",
        "dye_source_plant": "indigo",
        "weaving_technique": "mudmee",
        "digital_wallet_eligible": "on",
    }


def snapshot():
    return (
        list(Product.objects.order_by("pk").values()),
        list(StockRecord.objects.order_by("pk").values("pk", "price", "partner_sku", "num_in_stock")),
        AuditLog.objects.count(),
    )


def test_a_member_creates_a_draft_with_all_its_passport_and_shipping_data(client, member_a, form):
    client.force_login(member_a)

    response = client.post("/dashboard/portal/products/new/", form)

    product = Product.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dashboard/portal/products/{product.pk}/images/"
    assert (product.listing_status, product.is_public, product.producer) == (
        "draft",
        False,
        member_a.partners.get().producer,
    )
    assert (product.title_zh_hans, product.weight_grams, product.length_cm) == ("靛蓝丝绸围巾", 150, Decimal("180.0"))
    assert (product.fibre, product.dye_source_plant, product.origin_tambon) == ("silk", "indigo", "สันกำแพง")
    assert StockRecord.objects.get(product=product).price == Decimal("1250.00")


BAD_INPUT = [
    ("price", "-1"),
    ("price", "0"),
    ("price", "1000000.01"),
    ("price", "99999999999"),
    ("price", "12.345"),
    ("price", "abc"),
    ("otop_type", "999999"),  # a product type that does not exist
    ("otop_type", "spaceships"),
    ("category", "999999"),
    ("title", "ก" * 256),
    ("title", ""),
    ("description", "ก" * 5001),
    ("sku", "has spaces!"),
    ("weight_grams", "-5"),
    ("weight_grams", "1000000"),
    ("length_cm", "0"),
    ("height_cm", "501"),
    ("otop_stars", "6"),
    ("otop_star_year", "2024"),  # a C.E. year where B.E. is asked
    ("fibre", "kevlar"),
    ("origin_tambon", "ช้างเผือก"),  # a tambon of another district
    ("origin_district", "999999"),
    ("dye_type", "chemical"),  # with an indigo dye source: only natural dyes have one
]


@pytest.mark.parametrize(("field", "value"), BAD_INPUT)
def test_bad_input_on_an_existing_product_gets_a_field_message_and_changes_nothing(
    client, member_a, product_a, form, field, value
):
    client.force_login(member_a)
    before = snapshot()

    response = client.post(f"/dashboard/portal/products/{product_a.pk}/", {**form, field: value})

    assert response.status_code == 400
    errors = response.context["form"].errors
    expected_field = "dye_source_plant" if field == "dye_type" else field
    assert expected_field in errors, errors
    assert snapshot() == before


def test_a_product_in_an_excluded_category_marked_wallet_eligible_is_refused_at_the_field(
    client, member_a, form, alcohol_category
):
    client.force_login(member_a)

    response = client.post("/dashboard/portal/products/new/", {**form, "category": alcohol_category.pk})

    assert "digital_wallet_eligible" in response.context["form"].errors
    assert not Product.objects.exists()


def test_a_member_submits_and_cannot_publish_through_the_portal(client, member_a, product_a):
    client.force_login(member_a)

    client.post(f"/dashboard/portal/products/{product_a.pk}/status/", {"action": "submit"})
    product_a.refresh_from_db()
    assert product_a.listing_status == "submitted"

    client.post(f"/dashboard/portal/products/{product_a.pk}/status/", {"action": "publish"})
    product_a.refresh_from_db()
    assert (product_a.listing_status, product_a.is_public) == ("submitted", False)


def test_the_office_publishes_from_its_review_screen(client, member_a, office, product_a):
    client.force_login(member_a)
    client.post(f"/dashboard/portal/products/{product_a.pk}/status/", {"action": "submit"})
    client.force_login(office)

    assert client.get("/dashboard/producers/listings/").status_code == 200
    response = client.post(f"/dashboard/producers/listings/{product_a.pk}/", {"action": "publish"})

    assert response.status_code == 302
    product_a.refresh_from_db()
    assert (product_a.listing_status, product_a.is_public) == ("published", True)


def test_a_member_cannot_use_the_office_review_screen(client, member_a, product_a):
    client.force_login(member_a)
    product_a.listing_status = "submitted"
    product_a.save()

    assert client.post(f"/dashboard/producers/listings/{product_a.pk}/", {"action": "publish"}).status_code == 403
    product_a.refresh_from_db()
    assert product_a.listing_status == "submitted"


def test_editing_a_published_price_warns_and_sends_it_back_to_review(client, member_a, published_a):
    from catalog.producers.forms import ProductForm

    client.force_login(member_a)
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in ProductForm.initial_for(published_a).items()}
    data = {k: v for k, v in data.items() if v is not False}
    data["price"] = "1500.00"

    response = client.post(f"/dashboard/portal/products/{published_a.pk}/", data, follow=True)

    published_a.refresh_from_db()
    assert (published_a.listing_status, published_a.is_public) == ("submitted", False)
    assert any(m.level_tag == "warning" for m in response.context["messages"])


def test_office_acts_for_a_producer_and_the_producer_reads_it_in_the_activity_log(
    client, office, member_a, product_a, form
):
    client.force_login(office)
    assert client.get("/dashboard/portal/").status_code == 302  # first choose whom to act for
    assert client.post("/dashboard/portal/act-as/", {"producer": product_a.producer_id}).status_code == 302
    assert client.session[SESSION_PRODUCER] == product_a.producer_id

    response = client.post(f"/dashboard/portal/products/{product_a.pk}/", {**form, "title_en": "Office's better title"})
    assert response.status_code == 302

    entry = AuditLog.objects.get(action="product.update")
    assert entry.by_office and entry.actor == office and entry.producer == product_a.producer
    assert entry.changes["title_en"] == {"old": "A's silk", "new": "Office's better title"}
    client.force_login(member_a)
    page = client.get("/dashboard/portal/activity/").content.decode()
    assert "office@example.com" in page and "Office&#x27;s better title" in page


def test_every_portal_page_renders_for_a_member(client, member_a, product_a):
    client.force_login(member_a)
    for url in (
        "/dashboard/portal/",
        "/dashboard/portal/products/new/",
        f"/dashboard/portal/products/{product_a.pk}/",
        f"/dashboard/portal/products/{product_a.pk}/images/",
        f"/dashboard/portal/products/{product_a.pk}/certifications/",
        "/dashboard/portal/bank/",
        "/dashboard/portal/activity/",
        "/dashboard/portal/import/",
        "/dashboard/portal/orders/",
        "/dashboard/",
    ):  # the dashboard's home sends a member to the portal
        assert client.get(url, follow=True).status_code == 200, url


def test_the_dashboard_menu_leads_members_to_the_portal_not_to_oscars_catalogue(client, member_a, office):
    client.force_login(member_a)
    html = client.get("/dashboard/", follow=True).content.decode()  # lands on the portal
    assert "/dashboard/portal/" in html and "/dashboard/catalogue/products/" not in html
    assert "/dashboard/producers/" not in html

    client.force_login(office)
    html = client.get("/dashboard/").content.decode()
    assert "/dashboard/producers/" in html and "/dashboard/producers/listings/" in html


def test_the_published_products_page_says_whether_edits_go_back_to_review(client, member_a, published_a, settings):
    from django.utils import translation

    client.force_login(member_a)
    url = f"/dashboard/portal/products/{published_a.pk}/"
    with translation.override("th"):  # the dashboard has no language prefix: Thai
        goes_back = translation.gettext(
            "In the shop. Changing the price, the texts or passport data sends it back to review, and it is hidden until the office publishes it again."
        )
        shows_at_once = translation.gettext("In the shop. Your changes show at once.")

    assert goes_back in client.get(url).content.decode()
    settings.PRODUCT_REVIEW_ON_EDIT = False
    assert shows_at_once in client.get(url).content.decode()
