"""A tourist buys in the browser: product -> basket -> checkout as a guest
with pickup at the center -> payment -> thank-you page with the order number
and the pickup code -> the confirmation email.

Two servers share the test database (tests/e2e/conftest.py): `site_server`
has no Stripe keys (DEBUG on: TEST PAYMENT and pay at pickup are offered),
`stripe_site_server` talks to the fake Stripe server (card and PromptPay).
Card payment is not walked here: the Payment Element comes from
https://js.stripe.com, unreachable offline (see tests/e2e/README.md)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.order import stocked_product

pytestmark = pytest.mark.e2e


@pytest.mark.journey("checkout-pickup")
def test_a_tourist_pays_at_pickup_and_sees_the_order_number_and_pickup_code(
    page, shot, axe, wait_for_email, guest_checkout, order_on_thank_you, site, site_server
):
    product = stocked_product(price="450.00", quantity=5, title="ตุ๊กตาไม้", title_en="Carved wooden elephant e2e-pickup")

    guest_checkout(page, base=site_server, product=product, email_address="pickup.tourist@example.com", method="pickup")

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("#pickup-code")).to_be_visible()
    number, pickup_code = order_on_thank_you(page, email_address="pickup.tourist@example.com")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", pickup_code), pickup_code
    axe("checkout-thank-you-en")
    shot("07-thank-you")

    sent = wait_for_email("pickup.tourist@example.com", containing=number)
    assert sent, "no confirmation email with the order number"
    assert pickup_code in sent[-1]


@pytest.mark.journey("checkout-test-payment")
@pytest.mark.parametrize("language", ["en", "th"], ids=["english", "thai"])
def test_a_tourist_uses_the_test_payment_and_lands_on_the_thank_you_page(
    page, shot, axe, tap, wait_for_email, guest_checkout, order_on_thank_you, site, site_server, language
):
    product = stocked_product(
        price="320.00", quantity=5, title=f"ร่มบ่อสร้าง {language}", title_en=f"Bo Sang umbrella e2e-test-pay-{language}"
    )
    address = f"test.payer.{language}@example.com"

    guest_checkout(page, base=site_server, product=product, email_address=address, method="test", language=language)

    expect(page).to_have_url(re.compile(r"/pay/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    pay = page.locator("form[action$='/test-pay/'] button[type=submit]")
    expect(pay).to_be_visible()
    axe(f"payment-test-{language}")
    shot("07-test-payment")
    tap(pay)

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    number, pickup_code = order_on_thank_you(page, email_address=address)
    axe(f"checkout-thank-you-{language}")
    shot("08-thank-you")
    sent = wait_for_email(address, containing=number)
    assert sent, "no confirmation email with the order number"
    assert pickup_code in "\n".join(sent)


@pytest.mark.journey("checkout-promptpay")
def test_a_tourist_pays_by_promptpay_and_the_page_moves_on_when_the_webhook_arrives(
    page, shot, axe, wait_for_email, guest_checkout, order_on_thank_you, site, stripe_site_server, fake_stripe_session
):
    from shop.payment.models import PaymentAttempt

    product = stocked_product(price="590.00", quantity=5, title="ผ้าฝ้ายทอมือ", title_en="Handwoven cotton e2e-promptpay")
    before = set(PaymentAttempt.objects.values_list("pk", flat=True))

    guest_checkout(
        page, base=stripe_site_server, product=product, email_address="promptpay.tourist@example.com",
        method="promptpay",
    )  # fmt: skip

    expect(page).to_have_url(re.compile(r"/pay/"))
    qr = page.locator("img.otop-promptpay-qr")
    expect(qr).to_be_visible()
    assert (qr.get_attribute("src") or "").startswith("data:image/png;base64,")
    expect(page.locator("#promptpay-countdown")).to_have_text(re.compile(r"^\d+:\d\d$"))
    axe("payment-promptpay-en")
    shot("07-promptpay-qr")

    attempt = PaymentAttempt.objects.exclude(pk__in=before).get()
    # Scanned and paid in the bank app; Stripe sends the signed webhook.
    event = fake_stripe_session.succeed(attempt.stripe_payment_intent)
    status = fake_stripe_session.deliver(event, url=f"{stripe_site_server}/payments/stripe/webhook/")
    assert status == 200

    # No click: the page's own poll (every 3 s) takes it to the confirmation.
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"), timeout=15_000)
    number, pickup_code = order_on_thank_you(page, email_address="promptpay.tourist@example.com")
    assert number == attempt.order_number
    shot("08-thank-you")
    sent = wait_for_email("promptpay.tourist@example.com", containing=number)
    assert sent, "no confirmation email with the order number"
