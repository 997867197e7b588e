"""Upload caps at the server: too large a body is refused with 413 before it
is read, too many files or fields with 400, each with a page that says what
to do, and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from tests.factories.catalog import DistrictFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

ProducerApplication = get_model("catalogue", "ProducerApplication")
REGISTER = "/en/shop/producers/register/"


def test_a_body_over_the_request_cap_is_refused_with_413_unread(client, settings):
    response = client.post(REGISTER, {"name_th": "x"}, CONTENT_LENGTH=str(settings.REQUEST_MAX_BODY_SIZE + 1))

    assert response.status_code == 413
    assert b'id="security-request-too-large"' in response.content
    assert response["Content-Language"] == "en"
    assert ProducerApplication.objects.count() == 0


def test_the_request_cap_leaves_room_for_five_photos_of_15_mb():
    from django.conf import settings

    assert settings.REQUEST_MAX_BODY_SIZE >= 5 * 15 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES >= 5


def test_more_files_than_the_cap_get_the_400_page_and_nothing_is_saved(client, settings):
    DistrictFactory()
    photos = [SimpleUploadedFile(f"p{i}.jpg", jpeg_bytes(), "image/jpeg")
              for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]  # fmt: skip

    response = client.post(REGISTER, {"name_th": "กลุ่มทอผ้า", "photos": photos})

    assert response.status_code == 400
    assert b'id="security-bad-request"' in response.content
    assert ProducerApplication.objects.count() == 0


def test_more_fields_than_the_cap_get_the_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50

    response = client.post(REGISTER, {f"field{i}": "x" for i in range(60)})

    assert response.status_code == 400
    assert b'id="security-bad-request"' in response.content


def test_form_fields_over_the_memory_cap_get_the_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = client.post(REGISTER, {"story": "ก" * 4096})

    assert response.status_code == 413
    assert b'id="security-request-too-large"' in response.content
