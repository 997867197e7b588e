"""The issue's "Done when", walked with the test client as a new user
would: a new producer registers, the office approves it, the producer adds
a product with photos and a certificate, submits it; the office rejects it
once with a comment (the producer is emailed), the producer fixes it and
resubmits, the office publishes it (emailed again), and it is in the
storefront with its passport badges in Thai, English and Chinese. Bad input
is tried at each step and changes nothing."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from oscar.core.loading import get_model
from PIL import Image

from tests.factories.catalog import DistrictFactory, jpeg_bytes, jpeg_with_gps_bytes

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProducerApplication = get_model("catalogue", "ProducerApplication")
AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-2568"


def product_form(textiles, silk_category, **overrides) -> dict:
    data = {
        "title": "ผ้าพันคอไหมย้อมคราม",
        "title_en": "Indigo silk scarf",
        "title_zh_hans": "靛蓝丝绸围巾",
        "description": "ทอมือด้วยไหมบ้าน ย้อมครามธรรมชาติ",
        "description_en": "Hand-woven, natural indigo.",
        "otop_type": textiles.pk,
        "category": silk_category.pk,
        "price": "1250",
        "sku": "TP-SCARF-01",
        "origin_tambon": "ต้นเปา",
        "otop_stars": "4",
        "otop_star_year": "2567",
        "fibre": "silk",
        "dye_type": "natural",
        "dye_source_plant": "indigo",
        "weaving_technique": "mudmee",
        "digital_wallet_eligible": "on",
        "weight_grams": "180",
    }
    data.update(overrides)
    return data


def test_register_approve_list_submit_reject_fix_publish_and_see_it_in_three_languages(
    home_page, textiles, silk_category, alcohol_category, office, mailoutbox, django_capture_on_commit_callbacks
):
    producer_browser, office_browser, visitor = Client(), Client(), Client()
    district = DistrictFactory()

    # 1. A new producer registers in Thai, with a photo. A wrong phone first.
    registration = {
        "name_th": "กลุ่มทอผ้าไหมบ้านต้นเปา",
        "name_en": "Ton Pao Silk Group",
        "kind": "community_enterprise",
        "district": district.pk,
        "tambon": "ต้นเปา",
        "postcode": "50130",
        "contact_name": "นางคำ ใจดี",
        "phone": "12345",
        "email": "kham@example.com",
        "product_types": [textiles.pk],
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    response = producer_browser.post("/shop/producers/register/", registration)
    assert "phone" in response.context["form"].errors
    assert not ProducerApplication.objects.exists()

    registration.update(
        phone="081 234 5678", photos=[SimpleUploadedFile("loom.jpg", jpeg_bytes(), content_type="image/jpeg")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = producer_browser.post("/shop/producers/register/", registration)
    assert response.status_code == 302
    verify_path = "/" + re.search(r"https?://\S+/verify/\S+/", mailoutbox[-1].body).group(0).split("/", 3)[3]
    assert producer_browser.post(verify_path).status_code == 200

    # 2. The office approves it in the dashboard; the applicant is emailed.
    office_browser.force_login(office)
    application = ProducerApplication.objects.get()
    assert application.name_th in office_browser.get("/dashboard/producers/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        office_browser.post(f"/dashboard/producers/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == "approved" and mailoutbox[-1].to == ["kham@example.com"]
    producer = application.producer

    # 3. The producer logs in and adds a product. Bad input first: a negative
    # price, a product type that does not exist, the wallet in an excluded category.
    assert producer_browser.login(username="kham@example.com", password=PASSWORD)
    for bad, field in (
        ({"price": "-5"}, "price"),
        ({"otop_type": "999999"}, "otop_type"),
        ({"category": alcohol_category.pk}, "digital_wallet_eligible"),
        ({"title": "ก" * 300}, "title"),
    ):
        response = producer_browser.post(
            "/dashboard/portal/products/new/", product_form(textiles, silk_category, **bad)
        )
        assert response.status_code == 400 and field in response.context["form"].errors, bad
    assert not Product.objects.exists()

    response = producer_browser.post("/dashboard/portal/products/new/", product_form(textiles, silk_category))
    product = Product.objects.get()
    assert response.status_code == 302 and (product.producer, product.listing_status) == (producer, "draft")

    # Photos: a PDF named .jpg is refused; two real ones are kept, the GPS one without its EXIF.
    fake = SimpleUploadedFile("scarf.jpg", b"%PDF-1.4\n%%EOF\n", content_type="image/jpeg")
    response = producer_browser.post(
        f"/dashboard/portal/products/{product.pk}/images/", {"image": fake, "alt_text": "x"}
    )
    assert response.status_code == 400 and not ProductImage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for name, content, alt in (
            ("scarf.jpg", jpeg_with_gps_bytes(), "Indigo silk scarf folded on a loom"),
            ("detail.jpg", jpeg_bytes(size=(800, 600)), "Close-up of the mudmee pattern"),
        ):
            producer_browser.post(
                f"/dashboard/portal/products/{product.pk}/images/",
                {
                    "image": SimpleUploadedFile(name, content, content_type="image/jpeg"),
                    "alt_text": alt,
                },
            )
    images = list(product.images.order_by("display_order"))
    assert [i.alt_text for i in images] == ["Indigo silk scarf folded on a loom", "Close-up of the mudmee pattern"]
    assert all(i.renditions_ready for i in images)
    with images[0].original.open("rb") as fh:
        assert not Image.open(fh).getexif()  # no GPS, no EXIF at all

    # A certificate for the passport.
    pdf = SimpleUploadedFile(
        "tcps.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", content_type="application/pdf"
    )
    expiry = (timezone.localdate() + timedelta(days=400)).isoformat()
    producer_browser.post(
        f"/dashboard/portal/products/{product.pk}/certifications/",
        {
            "kind": "tcps",
            "number": "มผช. 18/2567",
            "issuer": "สมอ.",
            "expiry_date": expiry,
            "document": pdf,
        },
    )
    assert product.certifications.count() == 1

    # 4. Submit; the producer cannot publish it themselves.
    producer_browser.post(f"/dashboard/portal/products/{product.pk}/status/", {"action": "submit"})
    producer_browser.post(f"/dashboard/portal/products/{product.pk}/status/", {"action": "publish"})
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("submitted", False)

    # 5. The office rejects it once with a comment (a rejection without one is refused) ...
    response = office_browser.post(f"/dashboard/producers/listings/{product.pk}/", {"action": "reject", "comment": ""})
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        office_browser.post(
            f"/dashboard/producers/listings/{product.pk}/", {"action": "reject", "comment": "โปรดระบุน้ำหนักหลังบรรจุ"}
        )
    product.refresh_from_db()
    assert product.listing_status == "rejected"
    assert "kham@example.com" in mailoutbox[-1].to and "โปรดระบุน้ำหนักหลังบรรจุ" in mailoutbox[-1].body
    assert "โปรดระบุน้ำหนักหลังบรรจุ" in producer_browser.get(f"/dashboard/portal/products/{product.pk}/").content.decode()

    # ... the producer fixes it and resubmits, the office publishes it.
    producer_browser.post(
        f"/dashboard/portal/products/{product.pk}/", product_form(textiles, silk_category, weight_grams="240")
    )
    producer_browser.post(f"/dashboard/portal/products/{product.pk}/status/", {"action": "submit"})
    with django_capture_on_commit_callbacks(execute=True):
        office_browser.post(f"/dashboard/producers/listings/{product.pk}/", {"action": "publish"})
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("published", True)
    with translation.override("th"):
        assert product.get_absolute_url() in mailoutbox[-1].body
    actions = list(AuditLog.objects.filter(producer=producer).values_list("action", flat=True))
    assert {
        "product.create",
        "image.add",
        "certification.add",
        "product.submit",
        "product.reject",
        "product.publish",
    } <= set(actions)

    # 6. It is in the storefront, with its passport badges, in three languages.
    for language, texts in {
        "th": [
            "ผ้าพันคอไหมย้อมคราม",
            "พาสปอร์ตสินค้า OTOP",
            "ต้นเปา",
            "2567",
            "มผช. 18/2567",
            "กลุ่มทอผ้าไหมบ้านต้นเปา",
            "ใช้ดิจิทัลวอลเล็ตได้",
        ],
        "en": [
            "Indigo silk scarf",
            "OTOP product passport",
            "Tambon Ton Pao",
            "B.E. 2567 (2024)",
            "No. มผช. 18/2567",
            "Natural dye: Indigo",
            "Digital wallet eligible",
            "Ton Pao Silk Group",
        ],
        "zh-hans": ["靛蓝丝绸围巾", "OTOP 产品护照", "2567", "มผช. 18/2567", "可使用数字钱包"],
    }.items():
        with translation.override(language):
            url = product.get_absolute_url()
            catalogue = "/" + ("" if language == "th" else f"{language}/") + "shop/catalogue/"
        response = visitor.get(url)
        assert response.status_code == 200, language
        html = response.content.decode()
        for text in texts:
            assert text in html, f"{language}: {text!r} missing"
        assert 'class="passport"' in html and 'type="image/webp"' in html
        assert url in visitor.get(catalogue).content.decode(), f"{language}: not in the catalogue"
