"""The issue's "Done when", walked with the test client: a new producer
registers, the office approves, the producer adds a product with a photo
and submits it, the office publishes it, and it is in the storefront with
its passport badges in Thai, English and Chinese."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories.catalog import DistrictFactory, jpeg_bytes

Product = get_model("catalogue", "Product")
ProducerApplication = get_model("catalogue", "ProducerApplication")

pytestmark = pytest.mark.django_db


def test_register_approve_list_submit_publish_and_see_it_in_three_languages(
    home_page, textiles, silk_category, office, mailoutbox, django_capture_on_commit_callbacks
):
    producer_browser, office_browser, visitor = Client(), Client(), Client()

    # 1. A new producer registers in Thai, with a photo.
    with django_capture_on_commit_callbacks(execute=True):
        response = producer_browser.post("/shop/producers/register/", {
            "name_th": "กลุ่มทอผ้าไหมบ้านต้นเปา", "name_en": "Ton Pao Silk Group", "kind": "community_enterprise",
            "district": DistrictFactory().pk, "tambon": "ต้นเปา", "postcode": "50130", "contact_name": "นางคำ ใจดี",
            "phone": "081 234 5678", "email": "kham@example.com", "product_types": [textiles.pk],
            "password1": "a-long-Passphrase-2568", "password2": "a-long-Passphrase-2568", "consent": "on",
            "photos": [SimpleUploadedFile("loom.jpg", jpeg_bytes(), content_type="image/jpeg")],
        })
    assert response.status_code == 302
    verify_path = "/" + re.search(r"https?://\S+/verify/\S+/", mailoutbox[-1].body).group(0).split("/", 3)[3]
    assert producer_browser.post(verify_path).status_code == 200

    # 2. The office approves it in the dashboard.
    office_browser.force_login(office)
    application = ProducerApplication.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        office_browser.post(f"/dashboard/producers/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == "approved" and mailoutbox[-1].to == ["kham@example.com"]

    # 3. The producer logs in and adds a product with a photo, then submits it.
    assert producer_browser.login(username="kham@example.com", password="a-long-Passphrase-2568")
    response = producer_browser.post("/dashboard/portal/products/new/", {
        "title": "ผ้าพันคอไหมย้อมคราม", "title_en": "Indigo silk scarf", "title_zh_hans": "靛蓝丝绸围巾",
        "otop_type": textiles.pk, "category": silk_category.pk, "price": "1250", "origin_tambon": "ต้นเปา",
        "otop_stars": "4", "otop_star_year": "2567", "fibre": "silk", "dye_type": "natural",
        "dye_source_plant": "indigo", "weaving_technique": "mudmee", "digital_wallet_eligible": "on",
    })
    product = Product.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        producer_browser.post(f"/dashboard/portal/products/{product.pk}/images/", {
            "image": SimpleUploadedFile("scarf.jpg", jpeg_bytes(size=(800, 600)), content_type="image/jpeg"),
            "alt_text": "Indigo silk scarf folded on a loom",
        })
    producer_browser.post(f"/dashboard/portal/products/{product.pk}/status/", {"action": "submit"})
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("submitted", False)
    assert product.images.get().renditions_ready

    # 4. The office publishes it.
    office_browser.post(f"/dashboard/producers/listings/{product.pk}/", {"action": "publish"})
    product.refresh_from_db()
    assert (product.listing_status, product.is_public) == ("published", True)

    # 5. It is in the storefront, with its passport, in three languages.
    for language, texts in {
        "th": ["ผ้าพันคอไหมย้อมคราม", "ต้นเปา", "2567"],
        "en": ["Indigo silk scarf", "Tambon Ton Pao", "B.E. 2567 (2024)", "Natural dye: Indigo", "Digital wallet eligible"],
        "zh-hans": ["靛蓝丝绸围巾", "2567"],
    }.items():
        with translation.override(language):
            url, catalogue = product.get_absolute_url(), "/" + ("" if language == "th" else f"{language}/") + "shop/catalogue/"
        html = visitor.get(url).content.decode()
        for text in texts:
            assert text in html, f"{language}: {text!r} missing"
        assert 'class="passport"' in html
        assert product.get_absolute_url().split("/")[-2] in visitor.get(catalogue).content.decode()
