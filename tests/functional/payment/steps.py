"""Checkout steps the payment tests share."""

from django.urls import reverse


def checkout_to_preview(client, products, method: str) -> None:
    """One unit of each product in the basket, guest details (unless the
    client is signed in), pickup, the payment method: the preview is next."""
    for product in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    if "_auth_user_id" not in client.session:
        client.post(reverse("checkout:index"), {"username": "tourist@example.com", "options": "anonymous"})
    client.post(
        reverse("checkout:shipping-address"),
        {
            "first_name": "Anna",
            "last_name": "Berg",
            "phone_number": "+46701234567",
            "country": "TH",
            "pickup_only": "on",
        },
    )
    client.get(reverse("checkout:shipping-method"))
    chosen = client.post(reverse("checkout:payment-method"), {"method": method})
    assert chosen.status_code == 302, chosen.context["form"].errors if chosen.context else chosen
