"""The public registration page: Thai first, English too; field messages
for bad input with nothing written; rate limit; the email link; and the
office's queue approving or rejecting through the dashboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from tests.factories.catalog import (
    DistrictFactory,
    ProducerApplicationFactory,
    ProducerFactory,
    UserFactory,
    jpeg_bytes,
)

ProducerApplication = get_model("catalogue", "ProducerApplication")
Producer = get_model("catalogue", "Producer")
Partner = get_model("partner", "Partner")
User = get_user_model()

pytestmark = pytest.mark.django_db

REGISTER_TH = "/shop/producers/register/"
REGISTER_EN = "/en/shop/producers/register/"


@pytest.fixture
def form_data(textiles):
    return {
        "name_th": "กลุ่มทอผ้าบ้านต้นเปา",
        "name_en": "Ton Pao Weavers",
        "kind": "community_enterprise",
        "otop_registration_number": "OTOP-5013-777",
        "district": DistrictFactory().pk,
        "tambon": "ต้นเปา",
        "village": "บ้านต้นเปา หมู่ 2",
        "address": "12/3",
        "postcode": "50130",
        "contact_name": "นางคำ ใจดี",
        "phone": "+66 81 234 5678",
        "line_id": "tonpao.weavers",
        "email": "Kham@Example.com",
        "product_types": [textiles.pk],
        "story": "ทอผ้าฝ้ายมือสามรุ่น",
        "password1": "a-long-Passphrase-2568",
        "password2": "a-long-Passphrase-2568",
        "consent": "on",
    }


def counts() -> tuple[int, int, int, int]:
    return (
        ProducerApplication.objects.count(),
        User.objects.count(),
        Producer.objects.count(),
        Partner.objects.count(),
    )


@pytest.mark.parametrize(("url", "language"), [(REGISTER_TH, "th"), (REGISTER_EN, "en")])
def test_the_registration_page_answers_in_thai_and_english(client, url, language, textiles):
    response = client.get(url)

    assert response.status_code == 200 and response["Content-Language"] == language
    assert b'name="tambon"' in response.content and b"<optgroup" in response.content


def test_registering_in_english_creates_a_pending_application_with_photos_and_emails_a_link_in_english(
    client, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER_EN, {**form_data, "photos": photos})

    assert response.status_code == 302 and response["Location"] == "/en/shop/producers/register/thanks/"
    application = ProducerApplication.objects.get()
    assert (application.status, application.language, application.phone, application.email) == (
        "pending",
        "en",
        "0812345678",
        "kham@example.com",
    )
    assert application.photos.count() == 2
    assert not application.applicant.is_active
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == "We received your OTOP producer registration"
    link = re.search(r"https?://\S+/verify/\S+/", mailoutbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    assert client.get(path).status_code == 200  # GET only shows the button
    assert not User.objects.get(pk=application.applicant_id).is_active
    assert client.post(path).status_code == 200
    assert User.objects.get(pk=application.applicant_id).is_active


BAD_INPUT = [
    ("phone", "12345"),
    ("phone", "081-234-567a"),
    ("postcode", "5013"),
    ("postcode", "ABCDE"),
    ("name_th", "ก" * 201),
    ("story", "ก" * 2001),
    ("story", "เลขบัตรประชาชน 1-1017-00207-18-8"),  # a valid Thai national ID (checksum)
    ("otop_registration_number", "<script>"),
    ("line_id", "has spaces in it"),
    ("email", "not-an-email"),
    ("kind", "spaceship"),
    ("district", "999999"),
    ("tambon", "ไม่มีตำบลนี้"),
    ("product_types", ["999999"]),
    ("password2", "something-else-2568"),
    ("consent", ""),
]


@pytest.mark.parametrize(("field", "value"), BAD_INPUT)
def test_bad_input_gets_a_message_next_to_the_field_and_writes_nothing(client, form_data, field, value):
    before = counts()

    response = client.post(REGISTER_EN, {**form_data, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert counts() == before


def test_a_tambon_of_another_district_is_refused_by_the_service_with_a_field_message(client, form_data):
    response = client.post(REGISTER_EN, {**form_data, "tambon": "ช้างเผือก"})

    assert "tambon" in response.context["form"].errors
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("existing", "field"),
    [
        ({"otop_registration_number": "OTOP-5013-777"}, "otop_registration_number"),
        ({"phone": "0812345678"}, "phone"),
        ({"name_th": "กลุ่มทอผ้าบ้านต้นเปา", "tambon": "ต้นเปา"}, "name_th"),
    ],
    ids=["same-otop-number", "same-phone", "same-name-same-tambon"],
)
def test_duplicates_of_a_registered_producer_are_caught_with_a_clear_message(client, form_data, existing, field):
    ProducerFactory(district=DistrictFactory(), **existing)
    before = counts()

    response = client.post(REGISTER_EN, form_data)

    assert response.status_code == 200
    assert "registered producer" in response.context["form"].errors[field][0]
    assert counts() == before


def test_a_bad_photo_is_refused_and_nothing_is_written(client, form_data):
    pdf_named_jpg = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 fake", content_type="image/jpeg")

    response = client.post(REGISTER_EN, {**form_data, "photos": [pdf_named_jpg]})

    assert "photos" in response.context["form"].errors
    assert counts() == (0, 0, 0, 0)


def test_six_photos_are_too_many(client, form_data):
    photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(6)]

    response = client.post(REGISTER_EN, {**form_data, "photos": photos})

    assert "photos" in response.context["form"].errors
    assert counts() == (0, 0, 0, 0)


def test_registration_posts_are_rate_limited_per_ip(client, form_data, settings):
    settings.PRODUCER_REGISTRATION_RATE_LIMIT = 2
    bad = {**form_data, "phone": "nope"}

    statuses = [client.post(REGISTER_EN, bad, REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]
    other_ip = client.post(REGISTER_EN, bad, REMOTE_ADDR="203.0.113.10").status_code
    blocked_good = client.post(REGISTER_EN, form_data, REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 429] and other_ip == 200
    assert blocked_good.status_code == 429
    assert counts() == (0, 0, 0, 0)
    assert client.get(REGISTER_EN, REMOTE_ADDR="203.0.113.9").status_code == 200  # reading is not limited


def test_a_logged_in_customer_registers_from_their_account_without_a_password(client, form_data):
    user = UserFactory(email="kham@example.com")
    client.force_login(user)
    data = {k: v for k, v in form_data.items() if not k.startswith("password")}

    response = client.post(REGISTER_EN, data)

    assert response.status_code == 302
    application = ProducerApplication.objects.get()
    assert application.applicant == user and application.email_verified_at is not None


# --- The office's queue -------------------------------------------------------------------------


def test_the_office_approves_from_the_dashboard_and_the_applicant_reaches_the_portal(
    client, office, textiles, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = UserFactory(email="kham@example.com")
    application = ProducerApplicationFactory(
        applicant=applicant, email="kham@example.com", language="en", tambon="ต้นเปา"
    )
    client.force_login(office)

    assert client.get("/dashboard/producers/").status_code == 200
    assert client.get(f"/dashboard/producers/{application.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dashboard/producers/{application.pk}/approve/")

    assert response.status_code == 302
    producer = Producer.objects.get()
    assert applicant in producer.partner.users.all()
    assert mailoutbox[-1].subject == "Your OTOP producer registration is approved"
    client.force_login(User.objects.get(pk=applicant.pk))
    assert client.get("/dashboard/portal/").status_code == 200


def test_the_office_rejects_with_a_reason_from_the_dashboard(
    client, office, textiles, mailoutbox, django_capture_on_commit_callbacks
):
    application = ProducerApplicationFactory(language="en")
    client.force_login(office)

    empty = client.post(f"/dashboard/producers/{application.pk}/reject/", {"reason": ""})
    assert empty.status_code == 400 and "reason" in empty.context["reject_form"].errors

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/dashboard/producers/{application.pk}/reject/", {"reason": "Photos missing"})
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("rejected", "Photos missing")
    assert "Photos missing" in mailoutbox[-1].body


def test_producer_members_and_center_staff_cannot_open_the_queue(client, member_a, textiles):
    application = ProducerApplicationFactory()
    center = UserFactory(is_staff=True)

    for user in (member_a, center):
        client.force_login(user)
        assert client.get("/dashboard/producers/").status_code == 403
        assert client.post(f"/dashboard/producers/{application.pk}/approve/").status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"


def test_an_anonymous_visitor_is_sent_to_the_dashboard_login(client):
    response = client.get("/dashboard/producers/")
    assert response.status_code == 302 and response["Location"].startswith("/dashboard/login/")
