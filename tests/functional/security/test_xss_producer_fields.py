"""An XSS corpus through every field a producer (or an applicant) can
write, entered through the site's own forms, then every page that shows
the text: 0 unescaped payloads (issue 9, section 4).

What is checked on each page: no payload containing a markup character
comes out raw, nothing executable is in the parsed HTML (assert_clean,
shared with the CMS XSS tests), and where a page shows a field whole, its
escaped form is there (so an empty page cannot pass)."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.factories.catalog import ProductImageFactory, category_get_or_create, jpeg_bytes
from tests.factories.pages import StoryPageFactory
from tests.functional.security import garbage
from tests.functional.security.role_data import world_build
from tests.integration.cms.test_xss import assert_clean

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    '<a href="javascript:alert(4)">x</a>',
    "javascript:alert(5)",
    '<div style="background:url(javascript:alert(6))">',
    '<p style="width:expression(alert(7))">',
    "{{ 7|add:42 }}",
    "{% now 'Y' %}",
    "\\u003cscript\\u003ealert(8)\\u003c/script\\u003e",
    "&lt;script&gt;alert(9)&lt;/script&gt;",
    "</textarea><script>alert(10)</script>",
    "</title><script>alert(11)</script>",
    "<iframe src=//evil.example></iframe>",
    "<details open ontoggle=alert(12)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>",
    "</script><script>alert(14)</script>",
    "<base href=//evil.example/>",
    "<!--<img src=x onerror=alert(15)>-->",
    "\u202e<svg/onload=alert(16)>",
]
# A payload without a markup character is plain text wherever it lands
# (javascript: only matters in a URL attribute, which assert_clean checks).
MARKUP = [p for p in PAYLOADS if set(p) & set("<>\"'&")]


def packed(limit: int, *, start: int = 0) -> str:
    """As many payloads as fit in ``limit`` characters, from ``start`` on."""
    text = ""
    for offset in range(len(PAYLOADS)):
        payload = PAYLOADS[(start + offset) % len(PAYLOADS)]
        if len(text) + len(payload) + 1 > limit:
            break
        text += payload + " "
    return text.strip()


def assert_no_raw_payload(html: str, where: str) -> None:
    raw = [p for p in MARKUP if p in html]
    assert not raw, f"{where}: unescaped {raw}"
    assert_clean(html)


def submit(client, url: str, values: dict, *, files: dict | None = None, status: int = 302):
    """GET ``url``, take its form holding the fields of ``values``, keep what
    the page filled in, set ``values``, POST it (as a browser would)."""
    page = client.get(url)
    assert page.status_code == 200, url
    forms = [
        f for f in garbage.forms_in(page.content.decode(), url)
        if set(values) <= set(f.names()) and "logout" not in f.action
    ]  # fmt: skip
    assert forms, f"no form with {sorted(values)} on {url}"
    data: dict[str, list] = {}
    for key, value in forms[0].defaults():
        data.setdefault(key, []).append(value)
    data.update({key: [value] for key, value in values.items()})
    data.update(files or {})
    response = client.post(forms[0].action, data)
    assert response.status_code == status, (url, response.status_code, _errors(response))
    return response


def _errors(response) -> str:
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    return str(form.errors) if form is not None else ""


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def world(home_page):
    return world_build(home_page)


def test_producer_text_entered_through_the_portal_is_escaped_on_every_page_that_shows_it(client, world):
    product = world.public_a
    image = ProductImageFactory(product=product)  # publishing needs a photo
    titles = {"title": packed(255), "title_en": packed(255, start=3), "title_zh_hans": packed(255, start=6)}
    descriptions = {name: packed(5000, start=i) for i, name in enumerate(
        ("description", "description_en", "description_zh_hans"))}  # fmt: skip
    # The certificate number only takes letters, digits, spaces and . / - ( ): markup goes through the issuer.
    alt_text, issuer, number = packed(200, start=9), packed(200, start=12), "TCPS 2567/001-(A)"

    client.force_login(world.users["producer_a"])
    category = category_get_or_create("silk")  # the form requires one; the factory product has none
    submit(client, en("catalog-portal:product-edit", pk=product.pk),
           {**titles, **descriptions, "category": str(category.pk)})  # fmt: skip
    # The photo's form lives on the photos page (the edit URL takes posts only), its fields prefixed per photo.
    submit(client, en("catalog-portal:product-images", pk=product.pk), {f"img{image.pk}-alt_text": alt_text})
    submit(client, en("catalog-portal:product-certifications", pk=product.pk),
           {"kind": "tcps", "number": number, "issuer": issuer, "expiry_date": "2030-01-01"},
           files={"document": [SimpleUploadedFile("cert.jpg", jpeg_bytes(), "image/jpeg")]})  # fmt: skip
    client.force_login(world.users["office_staff"])
    office_pages = [en("catalog-office:listing-list"), en("catalog-office:listing-review", pk=product.pk)]
    for url in office_pages:
        assert_no_raw_payload(client.get(url).content.decode(), url)
    submit(client, en("catalog-office:listing-review", pk=product.pk), {}, status=302)
    product.refresh_from_db()
    assert product.is_public, "the office's publish did not publish: the storefront would show nothing"

    client.logout()
    pages = {}
    for language in ("th", "en", "zh-hans"):
        with translation.override(language):
            pages[f"product page ({language})"] = product.get_absolute_url()
            pages[f"listing ({language})"] = reverse("catalogue:index")
            pages[f"search ({language})"] = reverse("search:search") + "?q=alert"
            pages[f"producer page ({language})"] = world.producer_a.get_absolute_url()
    story = StoryPageFactory(
        parent=home_page_index(world),
        body=[{"type": "products", "value": {"heading": "", "products": [product.pk]}},
              {"type": "producer", "value": {"producer": world.producer_a.pk, "note": ""}}],
    )  # fmt: skip
    pages["story with product and producer blocks"] = story.url
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (where, url)
        assert_no_raw_payload(response.content.decode(), f"{where} {url}")

    english = client.get(pages["product page (en)"]).content.decode()
    assert (
        escape(PAYLOADS[0]) in english or escape(PAYLOADS[0]) in client.get(pages["product page (th)"]).content.decode()
    )
    assert escape(alt_text) in english, "the photo's alt text is not on the product page"

    with translation.override("en"):
        autocomplete = client.get(reverse("search:autocomplete") + "?q=" + product.title_en[:3])
    assert autocomplete["Content-Type"].startswith("application/json")
    assert autocomplete["X-Content-Type-Options"] == "nosniff"  # never sniffed into HTML

    client.force_login(world.users["producer_a"])
    for url in (en("catalog-portal:product-list"), en("catalog-portal:product-edit", pk=product.pk),
                en("catalog-portal:product-images", pk=product.pk),
                en("catalog-portal:product-certifications", pk=product.pk), en("catalog-portal:audit")):  # fmt: skip
        html = client.get(url).content.decode()
        assert_no_raw_payload(html, url)
    assert escape(issuer) in client.get(en("catalog-portal:product-certifications", pk=product.pk)).content.decode()


def home_page_index(world):
    from tests.factories.pages import StoryIndexPageFactory

    return StoryIndexPageFactory(parent=world.home_page)


def test_bank_details_with_markup_are_escaped_in_the_portal(client, world):
    account_name = packed(200, start=4)
    client.force_login(world.users["producer_a"])

    submit(client, en("catalog-portal:bank"), {"bank": "kbank", "account_name": account_name,
                                               "account_number": "1234567890"})  # fmt: skip

    html = client.get(en("catalog-portal:bank")).content.decode()
    assert_no_raw_payload(html, "bank page")
    client.force_login(world.users["office_staff"])
    url = en("catalog-office:producer-settings", pk=world.producer_a.pk)
    assert_no_raw_payload(client.get(url).content.decode(), url)


def assert_html_emails_escaped() -> None:
    """Plain-text emails show text as text; an HTML part must escape it."""
    for message in mail.outbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_no_raw_payload(content, f"email {message.subject}")


def test_a_registration_full_of_markup_is_escaped_for_the_office_in_emails_and_once_approved(client, world):
    from tests.factories.catalog import DistrictFactory, OtopProductTypeFactory

    values = {
        "name_th": "กลุ่ม " + packed(190), "name_en": packed(200, start=2), "kind": "community_enterprise",
        "district": DistrictFactory().pk, "tambon": "ต้นเปา", "village": packed(100, start=5),
        "address": packed(500, start=7), "postcode": "50130", "contact_name": packed(200, start=11),
        "phone": "+66 81 234 5678", "email": "xss-applicant@example.com", "story": packed(2000, start=13),
        "product_types": [OtopProductTypeFactory().pk], "password1": "a-long-Passphrase-2568",
        "password2": "a-long-Passphrase-2568", "consent": "on",
    }  # fmt: skip

    response = client.post(en("producers:register"), values)

    assert response.status_code == 302, _errors(response)
    application = type(world.application).objects.exclude(pk=world.application.pk).get()
    client.force_login(world.users["office_staff"])
    for url in (en("catalog-office:application-list"), en("catalog-office:application-detail", pk=application.pk)):
        assert_no_raw_payload(client.get(url).content.decode(), url)

    response = client.post(en("catalog-office:application-approve", pk=application.pk))
    assert response.status_code == 302
    application.refresh_from_db()
    producer = application.producer if hasattr(application, "producer") else None
    assert_html_emails_escaped()
    client.logout()
    for language in ("th", "en"):
        with translation.override(language):
            urls = [reverse("producers:producer-list")] + ([producer.get_absolute_url()] if producer else [])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_no_raw_payload(response.content.decode(), url)


def test_a_csv_import_full_of_markup_is_escaped_in_the_portal(client, world):
    from catalog.producers.services.imports import HEADER

    row = {name: "" for name in HEADER}
    row.update({"sku": "XSS-1", "title_th": packed(255), "title_en": packed(255, start=3),
                "description_th": packed(5000, start=5), "otop_type": "textiles", "price_thb": "100",
                "category": PAYLOADS[0], "fibre": PAYLOADS[1]})  # fmt: skip
    content = io.StringIO()
    import csv

    writer = csv.writer(content)
    writer.writerow(HEADER)
    writer.writerow([row[name] for name in HEADER])
    upload = SimpleUploadedFile("products.csv", content.getvalue().encode(), "text/csv")
    client.force_login(world.users["producer_a"])

    response = client.post(en("catalog-portal:import"), {"file": upload})

    assert response.status_code == 302, _errors(response)
    for url in (response["Location"], en("catalog-portal:product-list"), en("catalog-portal:import")):
        html = client.get(url).content.decode()
        assert_no_raw_payload(html, url)
