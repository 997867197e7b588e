"""A new producer, in a real browser: registers on the public page (Thai)
with a photo, confirms the email through the link in the email the server
wrote, the office approves the registration in the dashboard, the producer
logs in to the portal, adds a product with a photo, submits it, the office
publishes it, and a visitor finds it in the storefront.

The same steps, with bad input at each, run through Django's test client in
tests/functional/catalog/test_journey.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.catalog import jpeg_bytes

pytestmark = pytest.mark.e2e

PASSWORD = "Tonpao-Passphrase-2568"
VERIFY_LINK = re.compile(r"https?://\S+/register/verify/\S+/")


@pytest.fixture
def reference_data(site):
    """What the registration and product forms offer: a district, an OTOP
    product type and a public category."""
    from tests.factories.catalog import DistrictFactory, OtopProductTypeFactory, category_get_or_create

    district = DistrictFactory()
    textiles = OtopProductTypeFactory()
    root = category_get_or_create("textiles", "ผ้า · Textiles")
    silk = category_get_or_create("silk", "ผ้าไหม · Silk", parent=root)
    return district, textiles, silk


def _photo(name: str, colour: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_bytes(size=(640, 480), colour=colour)}


def test_a_producer_registers_is_approved_lists_a_product_and_the_office_publishes_it(
    page, other_person, shot, axe, tap, wait_for_email, staff_user, dashboard_login, reference_data, screen
):
    from oscar.core.loading import get_model

    from shop.common.roles import OFFICE_STAFF

    ProducerApplication = get_model("catalogue", "ProducerApplication")
    Product = get_model("catalogue", "Product")
    district, textiles, silk = reference_data
    EMAIL = f"tonpao.weavers.{screen}@example.com"  # the journey runs once per screen, on one database

    # 1. Registration, in Thai, with a photo of the loom.
    page.goto("/shop/producers/register/")
    page.fill("#id_name_th", f"กลุ่มทอผ้าไหมบ้านต้นเปา อีทูอี {screen}")
    page.fill("#id_name_en", f"Ton Pao Silk Group e2e {screen}")
    page.check("input[name=kind][value=community_enterprise]")
    page.check(f"input[name=product_types][value='{textiles.pk}']")
    page.set_input_files("#id_photos", [_photo("loom.jpg", "navy")])
    page.select_option("#id_district", str(district.pk))
    page.select_option("#id_tambon", "ต้นเปา")
    page.fill("#id_postcode", "50130")
    page.fill("#id_contact_name", "นางคำ ใจดี")
    page.fill("#id_phone", f"081 234 56{len(screen):02d}")  # one producer per phone number
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_consent")
    axe("producer-register-filled-th")
    shot("01-registration-form")
    tap(page.locator("form.register-form button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/shop/producers/register/thanks/$"))
    shot("02-registration-received")
    application = ProducerApplication.objects.get(email=EMAIL)
    assert application.email_verified_at is None

    # 2. The link in the email: GET shows a button (mail scanners fetch links).
    sent = wait_for_email(EMAIL, containing="/register/verify/")
    assert sent, "no email with the verification link"
    page.goto(VERIFY_LINK.search(sent[-1]).group(0))
    tap(page.locator(".page-plain form button[type=submit]"))
    expect(page.locator("h1")).to_have_text(re.compile(r"\S"))
    shot("03-email-confirmed")
    application.refresh_from_db()
    assert application.email_verified_at is not None

    # 3. The office approves it (a separate browser context: another person).
    office = staff_user(f"office-e2e-producers-{screen}", role=OFFICE_STAFF)
    office_page = other_person()
    dashboard_login(office_page, office)
    office_page.goto("/dashboard/producers/")
    expect(office_page.locator("body")).to_contain_text(application.name_th)
    tap(office_page.locator(f"a[href$='/dashboard/producers/{application.pk}/']").first)
    expect(office_page).to_have_url(re.compile(rf"/dashboard/producers/{application.pk}/$"))
    shot("04-office-application", of=office_page)
    tap(office_page.locator(f"form[action$='/{application.pk}/approve/'] button[type=submit]"))
    office_page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "approved"
    producer = application.producer
    approved = wait_for_email(EMAIL, containing="/dashboard/portal/")
    assert approved, "no approval email with the portal link"

    # 4. The producer logs in to the portal and adds a product.
    page.goto("/dashboard/login/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    tap(page.locator("form [type=submit]").last)
    page.wait_for_url(lambda url: "/login/" not in url)
    shot("04-portal-home")
    page.goto("/dashboard/portal/products/new/")
    page.fill("#id_title", f"ผ้าพันคอไหมย้อมคราม อีทูอี {screen}")
    page.fill("#id_title_en", f"Indigo silk scarf e2e {screen}")
    page.fill("#id_description_en", "Hand-woven, natural indigo.")
    page.select_option("#id_otop_type", str(textiles.pk))
    page.select_option("#id_category", str(silk.pk))
    page.fill("#id_price", "1250")
    page.fill("#id_sku", f"TP-E2E-SCARF-{screen.upper()}")
    shot("05-portal-new-product")
    tap(page.locator("form.portal-product-form button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/dashboard/portal/products/\d+/images/$"))
    product = Product.objects.get(producer=producer)
    assert product.listing_status == "draft"

    # 5. A photo (renditions are made by an eager task in the server).
    page.set_input_files("#id_image", _photo("scarf.jpg", "#1d3c78"))
    page.fill("#id_alt_text", "Indigo silk scarf folded on a loom")
    tap(page.locator("form[enctype='multipart/form-data'] button[type=submit]"))
    expect(page.locator(".card-img-top[alt='Indigo silk scarf folded on a loom']")).to_be_visible()
    shot("06-portal-photo")

    # 6. Submitted for review; the producer cannot publish it.
    page.goto(f"/dashboard/portal/products/{product.pk}/")
    tap(page.locator(".portal-status button[name=action][value=submit]"))
    page.wait_for_load_state()
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("submitted", False)
    expect(page.locator(".portal-status button[name=action][value=publish]")).to_have_count(0)
    shot("07-portal-submitted")

    # 7. The office publishes it from its review queue.
    office_page.goto("/dashboard/producers/listings/")
    shot("08-office-listings", of=office_page)
    tap(office_page.locator(f"a[href$='/dashboard/producers/listings/{product.pk}/']").first)
    shot("08-office-listing-review", of=office_page)
    tap(office_page.locator("button[name=action][value=publish]"))
    office_page.wait_for_load_state()
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("published", True)
    shot("08-office-published", of=office_page)

    # 8. A visitor finds it in the shop, with its photo.
    from django.utils import translation

    with translation.override("en"):
        url = product.get_absolute_url()
    page.context.clear_cookies()
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Indigo silk scarf e2e {screen}")
    expect(page.locator("img[alt='Indigo silk scarf folded on a loom']").first).to_be_visible()
    # Nothing is in stock yet, so Oscar's add_to_basket_form.html offers its
    axe("product-published-by-producer-en")
    shot("09-storefront-product")
