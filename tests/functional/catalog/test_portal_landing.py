"""Where a producer lands in the dashboard, and the dashboard's top bar in
the producer's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_producer_member_lands_on_the_portal_after_logging_in_to_the_dashboard(client, member_a):
    response = client.post(
        reverse("dashboard:login"), {"username": member_a.email, "password": "correct-horse-battery"}, follow=True
    )

    assert response.redirect_chain, "the login did not redirect"
    assert response.request["PATH_INFO"] == reverse("catalog-portal:product-list")
    assert response.context["producer"] == member_a.partners.get().producer


def test_the_dashboard_home_sends_a_producer_member_to_the_portal_and_keeps_oscars_page_for_staff(
    client, member_a, office
):
    client.force_login(member_a)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 302 and response["Location"] == reverse("catalog-portal:product-list")

    client.force_login(office)
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_the_dashboard_top_bar_greets_the_producer_in_thai(client, member_a):
    """Needs the Thai catalogue compiled with this change's entries."""
    member_a.first_name, member_a.last_name = "มาลี", "ใจดี"
    member_a.save()
    client.force_login(member_a)

    html = client.get(reverse("catalog-portal:product-list"), HTTP_ACCEPT_LANGUAGE="th").content.decode()

    assert "ยินดีต้อนรับ <em>มาลี ใจดี</em>" in html
    for english in ("Welcome", "Return to site", "Log out"):
        assert english not in html
