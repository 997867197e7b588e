"""The isolation matrix: producer A's member against producer B's objects,
for every portal URL and form. Each answer is a 404 (not a 403: ids do not
leak), nothing of B's is shown, and the database is unchanged."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from catalog.producers.services.producers import producer_bank_account_set
from catalog.producers.views.portal import SESSION_PRODUCER
from tests.factories.catalog import CertificationFactory, jpeg_bytes, producer_member

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Certification = get_model("catalogue", "Certification")
AuditLog = get_model("catalogue", "AuditLog")
ImportJob = get_model("catalogue", "ImportJob")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
MemberInvitation = get_model("catalogue", "MemberInvitation")

pytestmark = pytest.mark.django_db

WATCHED = (
    Product,
    StockRecord,
    ProductImage,
    Certification,
    AuditLog,
    ImportJob,
    ProducerBankAccount,
    MemberInvitation,
    Partner.users.through,
)


def database_state() -> dict:
    """Every row of every table the portal writes, in full."""
    state = {}
    for model in WATCHED:
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "content"]
        state[model.__name__] = list(model.objects.order_by("pk").values(*fields))
    return state


@pytest.fixture
def b_objects(product_b, member_b):
    image = product_b.images.get()
    cert = CertificationFactory(product=product_b, kind="fda", number="B-SECRET-CERT", expiry_date=date(2030, 1, 1))
    job = ImportJob.objects.create(
        producer=product_b.producer, created_by=member_b, filename="b-secret.csv", file_format="csv", content=b"x"
    )
    producer_bank_account_set(
        producer=product_b.producer,
        actor=member_b,
        bank="scb",
        account_name="B secret name",
        account_number="9876543210",
    )
    second_b = producer_member(product_b.producer, username="member-b2", email="member-b2@example.com")
    return {
        "product": product_b,
        "image": image,
        "cert": cert,
        "job": job,
        "member": member_b,
        "second_member": second_b,
    }


def product_form(product_type, category) -> dict:
    return {"title": "ยึดสินค้า", "otop_type": product_type.pk, "category": category.pk, "price": "1.00", "sku": "HIJACK"}


def requests_against_b(b, a_product, textiles, silk_category):
    """(method, url, data) for every portal URL and form, aimed at B."""
    p, img, cert, job = b["product"].pk, b["image"].pk, b["cert"].pk, b["job"].pk
    jpeg = SimpleUploadedFile("x.jpg", jpeg_bytes(), content_type="image/jpeg")
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", content_type="application/pdf")
    return [
        ("get", f"/dashboard/portal/products/{p}/", None),
        ("post", f"/dashboard/portal/products/{p}/", product_form(textiles, silk_category)),
        ("post", f"/dashboard/portal/products/{p}/status/", {"action": "submit"}),
        ("post", f"/dashboard/portal/products/{p}/status/", {"action": "archive"}),
        ("get", f"/dashboard/portal/products/{p}/images/", None),
        ("post", f"/dashboard/portal/products/{p}/images/", {"image": jpeg, "alt_text": "hijack"}),
        (
            "post",
            f"/dashboard/portal/products/{p}/images/{img}/",
            {f"img{img}-alt_text": "hijack", f"img{img}-position": "1"},
        ),
        ("post", f"/dashboard/portal/products/{p}/images/{img}/delete/", {}),
        # A's own product in the URL, B's image or certification id: still not found.
        (
            "post",
            f"/dashboard/portal/products/{a_product.pk}/images/{img}/",
            {f"img{img}-alt_text": "hijack", f"img{img}-position": "1"},
        ),
        ("post", f"/dashboard/portal/products/{a_product.pk}/images/{img}/delete/", {}),
        ("get", f"/dashboard/portal/products/{p}/certifications/", None),
        (
            "post",
            f"/dashboard/portal/products/{p}/certifications/",
            {"kind": "gi", "number": "X1", "issuer": "X", "document": pdf},
        ),
        ("post", f"/dashboard/portal/products/{p}/certifications/{cert}/delete/", {}),
        ("post", f"/dashboard/portal/products/{a_product.pk}/certifications/{cert}/delete/", {}),
        ("get", f"/dashboard/portal/import/{job}/", None),
        ("get", f"/dashboard/portal/import/{job}/status.json", None),
        # A form field naming B: choosing to act for producer B.
        ("post", "/dashboard/portal/act-as/", {"producer": b["product"].producer_id}),
        # B's members: removing either of them from A's members page.
        ("post", f"/dashboard/portal/members/{b['member'].pk}/remove/", {}),
        ("post", f"/dashboard/portal/members/{b['second_member'].pk}/remove/", {}),
        ("get", f"/dashboard/portal/members/{b['member'].pk}/remove/", None),
    ]


def test_every_portal_url_and_form_aimed_at_producer_b_is_a_404_and_changes_nothing(
    client, member_a, product_a, b_objects, textiles, silk_category
):
    client.force_login(member_a)
    before = database_state()

    for method, url, data in requests_against_b(b_objects, product_a, textiles, silk_category):
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 404, f"{method.upper()} {url} answered {response.status_code}"
        assert database_state() == before, f"{method.upper()} {url} changed the database"


def test_producer_a_pages_show_nothing_of_producer_b(client, member_a, product_a, b_objects):
    client.force_login(member_a)

    pages = [
        "/dashboard/portal/",
        "/dashboard/portal/?status=draft",
        "/dashboard/portal/bank/",
        "/dashboard/portal/activity/",
        "/dashboard/portal/import/",
        "/dashboard/portal/members/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in (
            "ผ้าฝ้ายของบี",
            "B&#x27;s cotton",
            "B's cotton",
            "B secret name",
            "••••••3210",
            "9876543210",
            "b-secret.csv",
            "B-SECRET-CERT",
            "member-b@example.com",
            "member-b2@example.com",
        ):
            assert secret not in html, f"{url} shows {secret!r}"
    assert "ผ้าไหมของเอ" in client.get("/dashboard/portal/").content.decode()


def test_a_tampered_session_cannot_switch_a_member_to_another_producer(client, member_a, product_a, b_objects):
    client.force_login(member_a)
    session = client.session
    session[SESSION_PRODUCER] = b_objects["product"].producer_id
    session.save()

    response = client.get("/dashboard/portal/")

    assert response.status_code == 200
    assert response.context["producer"] == product_a.producer
    assert "ผ้าฝ้ายของบี" not in response.content.decode()
    assert client.get(f"/dashboard/portal/products/{b_objects['product'].pk}/").status_code == 404


def test_a_logged_in_customer_who_is_no_member_gets_404_and_an_anonymous_visitor_the_login(client, b_objects):
    from tests.factories.catalog import UserFactory

    client.force_login(UserFactory())
    assert client.get("/dashboard/portal/").status_code == 404
    assert client.get(f"/dashboard/portal/products/{b_objects['product'].pk}/").status_code == 404
    client.logout()
    response = client.get("/dashboard/portal/")
    assert response.status_code == 302 and response["Location"].startswith("/dashboard/login/")


def test_a_member_of_a_pending_producer_has_no_portal(client, member_a, product_a):
    producer = product_a.producer
    producer.status = "pending"
    producer.save()
    client.force_login(member_a)

    assert client.get("/dashboard/portal/").status_code == 404
    assert client.get(f"/dashboard/portal/products/{product_a.pk}/").status_code == 404


def test_the_same_urls_work_for_the_owner(client, member_b, b_objects):
    client.force_login(member_b)
    p = b_objects["product"].pk
    for url in (
        f"/dashboard/portal/products/{p}/",
        f"/dashboard/portal/products/{p}/images/",
        f"/dashboard/portal/products/{p}/certifications/",
        f"/dashboard/portal/import/{b_objects['job'].pk}/",
        f"/dashboard/portal/import/{b_objects['job'].pk}/status.json",
    ):
        assert client.get(url).status_code == 200, url
