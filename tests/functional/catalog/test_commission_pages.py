"""The office's producer screen and product-type rates screen: percent in,
fraction stored, bad input answered next to the field, office only."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates_client(client, office):
    office.user_permissions.add(Permission.objects.get(content_type__app_label="catalogue", codename="change_producer"))
    client.force_login(office)
    return client


def test_the_office_sets_a_producers_rate_in_percent(rates_client, producer_a):
    url = f"/dashboard/producers/directory/{producer_a.pk}/"
    assert rates_client.get(url).status_code == 200

    response = rates_client.post(url, {"commission_percent": "12.5", "language": "en"})

    assert response.status_code == 302
    producer_a.refresh_from_db()
    assert producer_a.commission_rate == Decimal("0.1250") and producer_a.language == "en"
    listing = rates_client.get("/dashboard/producers/directory/?q=เอ").content.decode()
    assert "12.5 %" in listing


@pytest.mark.parametrize(
    "percent, code",
    [
        ("50.01", "max_value"),
        ("-1", "min_value"),
        ("abc", "invalid"),
        ("12.345", "max_decimal_places"),
        ("1e3", "max_value"),
        ("NaN", "invalid"),
    ],
)
def test_bad_rates_are_answered_next_to_the_field_and_change_nothing(rates_client, producer_a, percent, code):
    response = rates_client.post(
        f"/dashboard/producers/directory/{producer_a.pk}/", {"commission_percent": percent, "language": "th"}
    )

    assert response.status_code == 400
    # Compared by code: the dashboard answers in the browser's language.
    assert code in [error.code for error in response.context["form"].errors.as_data()["commission_percent"]]
    producer_a.refresh_from_db()
    assert producer_a.commission_rate is None and not AuditLog.objects.exists()


def test_an_unknown_language_is_refused(rates_client, producer_a):
    response = rates_client.post(
        f"/dashboard/producers/directory/{producer_a.pk}/", {"commission_percent": "", "language": "xx"}
    )

    assert response.status_code == 400 and "language" in response.context["form"].errors


def test_an_unknown_producer_is_a_404(rates_client):
    assert rates_client.get("/dashboard/producers/directory/999999/").status_code == 404


def test_product_type_rates_screen_saves_every_type_and_lists_the_change(rates_client, textiles, food):
    response = rates_client.post(
        "/dashboard/producers/commission-rates/", {f"rate_{textiles.pk}": "20", f"rate_{food.pk}": ""}
    )

    assert response.status_code == 302
    textiles.refresh_from_db()
    food.refresh_from_db()
    assert (textiles.commission_rate, food.commission_rate) == (Decimal("0.2000"), None)
    assert "20 %" in rates_client.get("/dashboard/producers/commission-rates/").content.decode()


def test_a_bad_product_type_rate_changes_no_type(rates_client, textiles, food):
    response = rates_client.post(
        "/dashboard/producers/commission-rates/", {f"rate_{textiles.pk}": "20", f"rate_{food.pk}": "51"}
    )

    assert response.status_code == 400
    textiles.refresh_from_db()
    assert textiles.commission_rate is None


def test_producer_members_and_office_staff_without_the_right_cannot_open_the_rate_screens(
    client, member_a, office, producer_a
):
    for user, expected in ((member_a, 403), (office, 403)):
        client.force_login(user)
        assert client.get(f"/dashboard/producers/directory/{producer_a.pk}/").status_code == expected
        assert client.post("/dashboard/producers/commission-rates/", {}).status_code == expected
    client.force_login(member_a)
    assert client.get("/dashboard/producers/directory/").status_code == 403


def test_the_producer_list_is_read_with_a_fixed_number_of_queries(rates_client, producer_a, producer_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.catalog import ProducerFactory

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert rates_client.get("/dashboard/producers/directory/").status_code == 200
        return len(captured)

    with_two = queries()
    ProducerFactory.create_batch(5)
    assert queries() == with_two
