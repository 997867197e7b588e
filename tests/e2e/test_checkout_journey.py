"""A tourist buys in the browser: product -> basket -> checkout as a guest
with pickup at the center -> payment -> thank-you page with the order number
and the pickup code -> the confirmation email.

Two servers share the test database (tests/e2e/conftest.py): `site_server`
has no Stripe keys (DEBUG on: TEST PAYMENT and pay at pickup are offered),
`stripe_site_server` talks to the fake Stripe server (card and PromptPay).
Card payment is not walked here: the Payment Element comes from
https://js.stripe.com, unreachable offline (see tests/e2e/README.md)."""

import email.header
import re
import time

import pytest
from playwright.sync_api import expect

from tests.factories.order import stocked_product

pytestmark = pytest.mark.e2e

ORDER_NUMBER = re.compile(r"Order\s+(\S+?)\s*:")


def _text_of(message) -> str:
    """Subject and plain-text body of an email, decoded."""
    subject = "".join(
        part.decode(charset or "utf-8") if isinstance(part, bytes) else part
        for part, charset in email.header.decode_header(message.get("Subject", ""))
    )
    bodies = []
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            bodies.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
    return subject + "\n" + "\n".join(bodies)


def _emails_to(read_emails, address: str, *, containing: str, timeout: float = 10.0) -> list[str]:
    """The decoded emails to `address` that contain `containing` (the mail is
    sent on commit by an eager task: give the server a moment)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [
            _text_of(message) for message in read_emails()
            if address in message.get("To", "") and containing in _text_of(message)
        ]  # fmt: skip
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _checkout_as_guest_with_pickup(page, shot, axe, *, base: str, product, email_address: str, method: str):
    """From the product page to the payment method chosen and the order
    placed from the preview."""
    from django.utils import translation

    with translation.override("en"):
        product_path = product.get_absolute_url()
    page.goto(f"{base}{product_path}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(product.title_en)
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(f"{base}/en/shop/basket/")
    expect(page.locator("#content_inner")).to_contain_text(product.title_en)
    shot("01-basket")

    page.goto(f"{base}/en/shop/checkout/")
    page.locator("input[name=username]").fill(email_address)
    page.locator("input[name=options][value=anonymous]").check()
    # Oscar's gateway.html renders the password box without a <label> (reported).
    axe("checkout-gateway-en", known={"label": "#id_password"})
    shot("02-gateway")
    page.locator("input[name=options][value=anonymous]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).first.click()

    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/"))
    page.locator("input[name=pickup_only]").check()
    page.locator("input[name=first_name]").fill("Anna")
    page.locator("input[name=last_name]").fill("Berg")
    page.locator("input[name=phone_number]").fill("+46701234567")
    axe("checkout-address-en")
    shot("03-address-pickup")
    page.locator("input[name=pickup_only]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).last.click()

    if "/checkout/shipping-method/" in page.url:
        axe("checkout-shipping-method-en")
        shot("04-shipping-method")
        page.locator("form:has(input[value=pickup]) button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/checkout/payment-method/"))
    axe("checkout-payment-method-en")
    shot("05-payment-method")
    page.locator(f"input[name=method][value={method}]").check()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    expect(page.locator("body")).to_contain_text(product.title_en)
    # Oscar's checkout.html links the line's image to `form.instance.product`
    # (undefined in that loop: href="" and alt="") -- reported.
    axe("checkout-preview-en", known={"link-name": 'a[href=""]'})
    shot("06-preview")
    page.locator("#place-order").click()


def _order_number_and_pickup_code(page, *, email_address: str) -> tuple[str, str]:
    """The guest's order (from the database) and the pickup code the page
    shows; the page must show that order's number."""
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.filter(guest_email=email_address).latest("date_placed")
    expect(page.locator("body")).to_contain_text(order.number)
    pickup_code = page.locator("#pickup-code").inner_text().strip()
    assert pickup_code == order.pickup_code
    return order.number, pickup_code


def test_a_tourist_pays_at_pickup_and_sees_the_order_number_and_pickup_code(
    page, shot, axe, read_emails, site, site_server
):
    product = stocked_product(price="450.00", quantity=5, title="ตุ๊กตาไม้", title_en="Carved wooden elephant e2e-pickup")

    _checkout_as_guest_with_pickup(
        page, shot, axe, base=site_server, product=product, email_address="pickup.tourist@example.com",
        method="pickup",
    )  # fmt: skip

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("#pickup-code")).to_be_visible()
    number, pickup_code = _order_number_and_pickup_code(page, email_address="pickup.tourist@example.com")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", pickup_code), pickup_code
    # Oscar's thank_you.html gives the line's image alt="{{ product.get_title }}"
    # with no `product` in that loop: an image link without a name -- reported.
    axe("checkout-thank-you-en", known={"link-name": ".image_container > a"})
    shot("07-thank-you")

    sent = _emails_to(read_emails, "pickup.tourist@example.com", containing=number)
    assert sent, "no confirmation email with the order number"
    assert pickup_code in sent[-1]


def test_a_tourist_uses_the_test_payment_and_lands_on_the_thank_you_page(
    page, shot, axe, read_emails, site, site_server
):
    product = stocked_product(price="320.00", quantity=5, title="ร่มบ่อสร้าง", title_en="Bo Sang umbrella e2e-test-pay")

    _checkout_as_guest_with_pickup(
        page, shot, axe, base=site_server, product=product, email_address="test.payer@example.com", method="test"
    )

    expect(page).to_have_url(re.compile(r"/pay/"))
    expect(page.get_by_role("heading", name="TEST PAYMENT – no money moves").first).to_be_visible()
    axe("payment-test-en")
    shot("07-test-payment")
    page.get_by_role("button", name="Pay now (test)").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    number, pickup_code = _order_number_and_pickup_code(page, email_address="test.payer@example.com")
    shot("08-thank-you")
    sent = _emails_to(read_emails, "test.payer@example.com", containing=number)
    assert sent, "no confirmation email with the order number"
    assert pickup_code in "\n".join(sent)


def test_a_tourist_pays_by_promptpay_and_the_page_moves_on_when_the_webhook_arrives(
    page, shot, axe, read_emails, site, stripe_site_server, fake_stripe_session
):
    from shop.payment.models import PaymentAttempt

    product = stocked_product(price="590.00", quantity=5, title="ผ้าฝ้ายทอมือ", title_en="Handwoven cotton e2e-promptpay")
    before = set(PaymentAttempt.objects.values_list("pk", flat=True))

    _checkout_as_guest_with_pickup(
        page, shot, axe, base=stripe_site_server, product=product, email_address="promptpay.tourist@example.com",
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
    number, pickup_code = _order_number_and_pickup_code(page, email_address="promptpay.tourist@example.com")
    assert number == attempt.order_number
    shot("08-thank-you")
    sent = _emails_to(read_emails, "promptpay.tourist@example.com", containing=number)
    assert sent, "no confirmation email with the order number"
