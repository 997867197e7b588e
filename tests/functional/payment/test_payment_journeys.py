"""A guest pays by card (with 3-D Secure), by PromptPay QR or in test mode:
the whole checkout through the Django test client, the real stripe library
talking to the fake Stripe server."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from inventory.models import StockBalance
from shop.order import statuses
from shop.payment.models import PaymentAttempt, StripeEvent
from tests.fakestripe.fixtures import webhook_post
from tests.functional.payment.steps import checkout_to_preview

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def _checkout_to_payment_page(client, products, method: str, capture):
    """Basket, guest details, pickup, the payment method, preview, "Pay":
    returns the payment page's URL and its attempt."""
    checkout_to_preview(client, products, method)
    with capture(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302, placed
    attempt = PaymentAttempt.objects.get()
    assert placed.url == reverse("pay:page", kwargs={"public_id": attempt.public_id})
    return placed.url, attempt


def _reserved(products) -> int:
    return sum(StockBalance.objects.filter(product__in=products).values_list("reserved", flat=True))


def test_a_guest_pays_by_card_with_3d_secure_and_lands_on_the_thank_you_page(
    client, fake_stripe, two_products, django_capture_on_commit_callbacks
):
    page_url, attempt = _checkout_to_payment_page(client, two_products, "card", django_capture_on_commit_callbacks)

    page = client.get(page_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert f'data-client-secret="{attempt.client_secret}"' in html
    assert "/static/js/payment/card.js" in html and "<script>" not in html  # no inline script
    assert _reserved(two_products) == 2

    # The bank asks for 3-D Secure; the customer comes back before finishing.
    fake_stripe.require_action(attempt.stripe_payment_intent)
    back = client.get(reverse("pay:return", kwargs={"public_id": attempt.public_id}))
    assert back.status_code == 302 and back.url == page_url

    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    with django_capture_on_commit_callbacks(execute=True):
        back = client.get(reverse("pay:return", kwargs={"public_id": attempt.public_id}))
    assert back.status_code == 302 and back.url == reverse("checkout:thank-you")
    thanks = client.get(back.url)
    order = thanks.context["order"]
    assert order.status == statuses.PAID and order.total_incl_tax * 100 == attempt.amount_satang
    assert order.sources.get().source_type.code == "stripe-card"

    # Stripe's webhook arrives afterwards: acknowledged, nothing changes.
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_post(Client(), fake_stripe, event).status_code == 200
    assert Order.objects.count() == 1 and StripeEvent.objects.get().processed_at is not None
    assert order.sources.get().transactions.count() == 1


def test_a_guest_pays_by_promptpay_and_the_page_moves_on_by_itself(
    client, fake_stripe, two_products, django_capture_on_commit_callbacks
):
    page_url, attempt = _checkout_to_payment_page(client, two_products, "promptpay", django_capture_on_commit_callbacks)
    status_url = reverse("pay:status", kwargs={"public_id": attempt.public_id})

    page = client.get(page_url)
    html = page.content.decode()
    assert 'src="data:image/png;base64,' in html  # the QR, drawn from next_action's data
    assert f'data-status-url="{status_url}"' in html
    assert re.search(r'data-expires-at="\d{4}-\d\d-\d\dT', html)
    assert "/static/js/payment/promptpay.js" in html
    assert client.get(status_url).json() == {
        "status": "requires_action",
        "redirect_url": "",
        "expires_at": attempt.qr_expires_at.isoformat(),
        "message": "",
    }

    fake_stripe.succeed(attempt.stripe_payment_intent)  # scanned and paid in the bank app
    PaymentAttempt.objects.filter(pk=attempt.pk).update(stripe_checked_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        polled = client.get(status_url).json()

    assert polled["status"] == "succeeded" and polled["redirect_url"] == reverse("checkout:thank-you")
    order = client.get(polled["redirect_url"]).context["order"]
    assert order.status == statuses.PAID
    assert order.sources.get().source_type.code == "stripe-promptpay"


def test_an_expired_qr_offers_a_new_one_and_releases_the_stock_meanwhile(
    client, fake_stripe, two_products, django_capture_on_commit_callbacks
):
    page_url, attempt = _checkout_to_payment_page(client, two_products, "promptpay", django_capture_on_commit_callbacks)
    PaymentAttempt.objects.filter(pk=attempt.pk).update(qr_expires_at=attempt.qr_expires_at - timedelta(hours=1))

    polled = client.get(reverse("pay:status", kwargs={"public_id": attempt.public_id})).json()
    page = client.get(page_url).content.decode()

    assert polled["status"] == "expired" and polled["redirect_url"] == ""
    assert _reserved(two_products) == 0
    assert "Get a new QR" in page
    renewed = client.post(reverse("pay:retry", kwargs={"public_id": attempt.public_id}))
    new = PaymentAttempt.objects.get(attempt_no=2)
    assert renewed.url == reverse("pay:page", kwargs={"public_id": new.public_id})
    assert new.status == "requires_action" and _reserved(two_products) == 2


def test_someone_elses_payment_page_and_status_are_not_found(
    client, fake_stripe, two_products, django_capture_on_commit_callbacks
):
    page_url, attempt = _checkout_to_payment_page(client, two_products, "promptpay", django_capture_on_commit_callbacks)
    assert client.get(page_url).status_code == 200  # the buyer's session owns it

    stranger = Client()
    assert stranger.get(page_url).status_code == 404
    assert stranger.get(reverse("pay:status", kwargs={"public_id": attempt.public_id})).status_code == 404
    assert (
        client.get(page_url.replace(str(attempt.public_id), "0" * 8 + "-0000-4000-8000-" + "0" * 12)).status_code == 404
    )


def test_in_development_without_keys_a_clearly_labelled_test_payment_completes_the_order(
    client, settings, two_products, django_capture_on_commit_callbacks
):
    settings.DEBUG, settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = True, "", ""
    page_url, attempt = _checkout_to_payment_page(client, two_products, "test", django_capture_on_commit_callbacks)

    page = client.get(page_url).content.decode()
    assert "TEST PAYMENT – no money moves" in page and "js.stripe.com" not in page
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(reverse("pay:test-pay", kwargs={"public_id": attempt.public_id}))

    assert paid.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == statuses.PAID and order.sources.get().source_type.code == "test"


def test_a_test_payment_is_refused_once_debug_is_off(
    client, settings, two_products, django_capture_on_commit_callbacks
):
    settings.DEBUG, settings.STRIPE_SECRET_KEY = True, ""
    page_url, attempt = _checkout_to_payment_page(client, two_products, "test", django_capture_on_commit_callbacks)
    settings.DEBUG = False

    refused = client.post(reverse("pay:test-pay", kwargs={"public_id": attempt.public_id}))

    assert refused.status_code == 302 and refused.url == page_url
    assert Order.objects.count() == 0
