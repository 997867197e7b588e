"""GET /dashboard/inventory/dispatch/ (a bookmark, a typed URL, a reload):
the pick list with its dispatch forms, never a blank 405 page (issue 19,
point 12). Dispatching itself stays a POST (test_pick_and_dispatch.py)."""

from django.urls import reverse

from inventory.models import StockMovement

from .conftest import messages_of

URL = "/dashboard/inventory/dispatch/"


def test_opening_the_dispatch_url_leads_to_the_pick_list_and_says_where_to_dispatch(staff_client):
    assert reverse("inventory:dispatch") == URL

    response = staff_client.get(URL, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("inventory:pick-list")
    [(level, _text)] = messages_of(response)
    assert level == "info"
    assert not StockMovement.objects.filter(kind="dispatch").exists()


def test_an_order_number_in_the_dispatch_url_opens_that_orders_pick_list(staff_client):
    response = staff_client.get(URL, {"reference": "100042"})

    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:pick-list") + "?reference=100042"


def test_office_staff_who_open_the_dispatch_url_read_the_pick_list_but_still_cannot_dispatch(client, office_staff):
    client.force_login(office_staff)

    assert client.get(URL, follow=True).status_code == 200
    assert client.post(URL, {"reference": "100042", "carrier": "kerry", "tracking_number": "X1"}).status_code == 403
