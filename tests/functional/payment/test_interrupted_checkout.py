"""A checkout interrupted after "Pay" resumes (issue #17, item 4).

The drill: a gunicorn worker is killed while the buyer presses "Pay". The
payment attempt and its stock hold are committed, the PaymentIntent may have
been created at Stripe, but its id was never stored and the buyer's
connection dropped (no response, no session saved, no cookie set). Here the
kill is ``WorkerKilled``, a BaseException raised right after Stripe answered
the create call: Django's handler does not catch it, so no middleware sees a
response, exactly as when the process dies.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from inventory.models import Reservation, StockBalance, StockMovement
from shop.order import statuses
from shop.payment import services, stripe_client
from shop.payment.models import PaymentAttempt
from tests.factories.catalog import UserFactory
from tests.functional.payment.steps import checkout_to_preview

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


class WorkerKilled(BaseException):
    """The web process died: nothing after this point runs."""


@pytest.fixture(params=["guest", "customer"])
def buyer(request) -> Client:
    client = Client()
    if request.param == "customer":
        client.force_login(
            UserFactory(email="somchai@example.com"), backend="oscar.apps.customer.auth_backends.EmailBackend"
        )
    return client


def _pay_and_get_killed(client, products, method: str, monkeypatch) -> PaymentAttempt:
    """Press "Pay"; the worker dies right after Stripe created the
    PaymentIntent, before its id is stored."""
    checkout_to_preview(client, products, method)
    real_create = stripe_client.payment_intent_create

    def create_then_die(**kwargs):
        real_create(**kwargs)
        raise WorkerKilled

    monkeypatch.setattr(stripe_client, "payment_intent_create", create_then_die)
    with pytest.raises(WorkerKilled):
        client.post(reverse("checkout:preview"), {"action": "place_order"})
    monkeypatch.setattr(stripe_client, "payment_intent_create", real_create)
    attempt = PaymentAttempt.objects.get()
    assert attempt.is_open and attempt.stripe_payment_intent is None
    return attempt


def _reserved(products) -> int:
    return sum(StockBalance.objects.filter(product__in=products).values_list("reserved", flat=True))


def _page(attempt) -> str:
    return reverse("pay:page", kwargs={"public_id": attempt.public_id})


def test_a_buyer_whose_worker_died_after_pay_is_led_back_to_the_payment_page_and_pays_once(
    buyer, fake_stripe, two_products, monkeypatch, django_capture_on_commit_callbacks
):
    attempt = _pay_and_get_killed(buyer, two_products, "card", monkeypatch)
    assert len(fake_stripe.payment_intents) == 1 and _reserved(two_products) == 2

    reloaded = buyer.get(reverse("checkout:preview"))
    assert reloaded.status_code == 302 and reloaded.url == _page(attempt)
    pressed_again = buyer.post(reverse("checkout:preview"), {"action": "place_order"})
    assert pressed_again.status_code == 302 and pressed_again.url == _page(attempt)
    basket_page = buyer.get(reverse("basket:summary"))
    assert basket_page.status_code == 302 and basket_page.url == _page(attempt)

    page = buyer.get(_page(attempt))
    attempt.refresh_from_db()
    assert page.status_code == 200
    # The same PaymentIntent the lost call created: Stripe replayed it for the same key.
    assert list(fake_stripe.payment_intents) == [attempt.stripe_payment_intent]
    key = f"otop-pi-{attempt.basket_ref}-1"
    assert fake_stripe.idempotency_keys == [key, key]
    assert f'data-client-secret="{attempt.client_secret}"' in page.content.decode()

    fake_stripe.succeed(attempt.stripe_payment_intent)
    with django_capture_on_commit_callbacks(execute=True):
        back = buyer.get(reverse("pay:return", kwargs={"public_id": attempt.public_id}))
    assert back.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == statuses.PAID and PaymentAttempt.objects.count() == 1
    # Held once: one hold, one reservation movement per line, nothing released or held again.
    assert Reservation.objects.filter(reference=f"order:{order.number}").count() == 2
    moves = StockMovement.objects.filter(product__in=two_products)
    assert moves.filter(kind=StockMovement.Kind.RESERVATION).count() == 2
    assert not moves.filter(kind=StockMovement.Kind.RELEASE).exists()
    assert _reserved(two_products) == 2


def test_an_interrupted_promptpay_payment_shows_the_qr_of_the_payment_intent_already_created(
    client, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(client, two_products, "promptpay", monkeypatch)

    page = client.get(client.get(reverse("checkout:preview")).url)

    attempt.refresh_from_db()
    assert list(fake_stripe.payment_intents) == [attempt.stripe_payment_intent]
    assert attempt.status == PaymentAttempt.Status.REQUIRES_ACTION
    assert 'src="data:image/png;base64,' in page.content.decode()


def test_an_interrupted_payment_whose_hold_ran_out_unfreezes_the_basket_with_a_message(
    buyer, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(buyer, two_products, "card", monkeypatch)
    later = timezone.now() + timedelta(minutes=16)
    assert services.attempts_expire_due(now=later) == 1

    preview = buyer.get(reverse("checkout:preview"), follow=True)

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.EXPIRED and _reserved(two_products) == 0
    assert preview.status_code == 200 and preview.templates[0].name == "oscar/checkout/preview.html"
    assert "was not completed" in preview.content.decode()
    assert Basket.objects.get(pk=attempt.basket_ref).status == Basket.OPEN
    # "Pay" works again: a new attempt holds the units once more.
    placed = buyer.post(reverse("checkout:preview"), {"action": "place_order"})
    new = PaymentAttempt.objects.get(attempt_no=2)
    assert placed.url == _page(new) and _reserved(two_products) == 2


def test_try_again_on_an_old_payment_page_after_the_basket_reopened_goes_back_to_the_checkout(
    client, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(client, two_products, "card", monkeypatch)
    services.attempts_expire_due(now=timezone.now() + timedelta(minutes=16))
    client.get(reverse("basket:summary"))  # reopened: the buyer may change it now

    retried = client.post(reverse("pay:retry", kwargs={"public_id": attempt.public_id}))

    assert retried.status_code == 302 and retried.url == reverse("checkout:preview")
    assert PaymentAttempt.objects.count() == 1 and _reserved(two_products) == 0


def test_a_promptpay_attempt_that_never_got_its_qr_expires_with_its_stock_hold(
    client, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(client, two_products, "promptpay", monkeypatch)

    assert services.attempts_expire_due(now=timezone.now() + timedelta(minutes=16)) == 1

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.EXPIRED and _reserved(two_products) == 0


def test_the_payment_page_of_an_interrupted_attempt_past_its_hold_creates_no_payment_intent(
    client, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(client, two_products, "card", monkeypatch)
    PaymentAttempt.objects.filter(pk=attempt.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))

    page = client.get(_page(attempt)).content.decode()

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.EXPIRED and attempt.stripe_payment_intent is None
    assert fake_stripe.idempotency_keys == [f"otop-pi-{attempt.basket_ref}-1"]  # only the lost call
    assert "Try again" in page and _reserved(two_products) == 0


def test_the_buyer_can_cancel_an_interrupted_payment_and_change_the_basket(
    buyer, fake_stripe, two_products, monkeypatch
):
    attempt = _pay_and_get_killed(buyer, two_products, "card", monkeypatch)
    page = buyer.get(_page(attempt)).content.decode()
    cancel_url = reverse("pay:cancel", kwargs={"public_id": attempt.public_id})
    assert f'action="{cancel_url}"' in page

    cancelled = buyer.post(cancel_url, follow=True)

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.CANCELED and _reserved(two_products) == 0
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "canceled"
    assert cancelled.redirect_chain[-1][0] == reverse("basket:summary")
    assert cancelled.context["basket"].pk == attempt.basket_ref and cancelled.context["basket"].num_lines == 2
    assert "cancelled" in cancelled.content.decode()


def test_pressing_pay_in_a_second_tab_joins_the_open_payment_instead_of_holding_the_stock_again(
    fake_stripe, two_products
):
    from tests.factories.payment import checkout_ready

    basket, snapshot = checkout_ready(lines=[(two_products[0], 2)])

    first = services.payment_start(basket=basket, snapshot=snapshot, method="card")
    second = services.payment_start(basket=basket, snapshot=snapshot, method="card")

    assert second.pk == first.pk and second.status == PaymentAttempt.Status.CREATED
    assert len(fake_stripe.payment_intents) == 1
    assert StockMovement.objects.filter(kind=StockMovement.Kind.RESERVATION).count() == 1
    assert _reserved(two_products) == 2


def test_a_basket_whose_payment_was_refunded_stays_frozen_and_the_buyer_can_pay_a_new_basket(
    buyer, fake_stripe, two_products
):
    # Paid, but the order could not be placed (the hold ran out and the units
    # were sold): the money went back. Such a basket can never be paid again
    # (payment_start: "already paid"), so thawing it would be a dead end.
    checkout_to_preview(buyer, two_products[:1], "card")
    buyer.post(reverse("checkout:preview"), {"action": "place_order"})
    attempt = PaymentAttempt.objects.get()
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        status=PaymentAttempt.Status.REFUNDED,
        needs_refund=True,
        amount_received_satang=attempt.amount_satang,
        amount_refunded_satang=attempt.amount_satang,
    )

    checkout_to_preview(buyer, two_products[1:], "card")
    placed = buyer.post(reverse("checkout:preview"), {"action": "place_order"})

    new = PaymentAttempt.objects.exclude(pk=attempt.pk).get()
    assert placed.status_code == 302 and placed.url == _page(new)
    assert new.basket_ref != attempt.basket_ref
    assert Basket.objects.get(pk=attempt.basket_ref).status == Basket.FROZEN
