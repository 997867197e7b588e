"""The fake Stripe server speaks Stripe's wire format: the real stripe
library accepts its signatures and answers, and it keeps Stripe's
idempotency rules."""

import json
import time

import pytest
import stripe

from tests.fakestripe import FakeStripe, form_decode, stripe_signature


@pytest.fixture
def fake():
    server = FakeStripe(secret_key="sk_test_unit", webhook_secret="whsec_unit").start()
    yield server
    server.stop()


@pytest.fixture
def client(fake):
    return stripe.StripeClient(
        "sk_test_unit", base_addresses={"api": fake.url}, http_client=stripe.RequestsClient(timeout=5)
    )


def test_the_fakes_signature_is_accepted_by_stripes_own_verifier():
    payload = json.dumps({"id": "evt_1", "object": "event"})
    header = stripe_signature(payload=payload, secret="whsec_unit")

    assert stripe.WebhookSignature.verify_header(payload, header, "whsec_unit", tolerance=300) is True


def test_the_fakes_signature_is_the_same_as_stripes_test_helper():
    payload = '{"id": "evt_2"}'
    now = int(time.time())

    assert stripe_signature(payload=payload, secret="whsec_x", timestamp=now) == (
        stripe.WebhookSignature.generate_signature_header(payload, "whsec_x", timestamp=now)
    )


def test_a_signature_with_another_secret_is_refused_by_stripes_verifier():
    payload = '{"id": "evt_3"}'
    header = stripe_signature(payload=payload, secret="whsec_other")

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.WebhookSignature.verify_header(payload, header, "whsec_unit", tolerance=300)


def test_nested_form_keys_decode_into_dicts_and_lists():
    raw = "amount=1000&metadata[order_number]=100042&payment_method_types[0]=promptpay&created[gte]=5"

    assert form_decode(raw) == {
        "amount": "1000",
        "metadata": {"order_number": "100042"},
        "payment_method_types": ["promptpay"],
        "created": {"gte": "5"},
    }


def test_the_stripe_library_creates_and_retrieves_a_payment_intent(client, fake):
    created = client.v1.payment_intents.create(
        params={"amount": 90000, "currency": "thb", "metadata": {"order_number": "100001"}}
    )
    fetched = client.v1.payment_intents.retrieve(created.id)

    assert fetched.object == "payment_intent"
    assert (fetched.amount, fetched.currency, fetched.metadata["order_number"]) == (90000, "thb", "100001")
    assert fetched.client_secret.startswith(created.id)


def test_the_same_idempotency_key_and_parameters_return_the_same_payment_intent(client, fake):
    params = {"amount": 5000, "currency": "thb"}
    first = client.v1.payment_intents.create(params=params, options={"idempotency_key": "k-1"})
    again = client.v1.payment_intents.create(params=params, options={"idempotency_key": "k-1"})

    assert first.id == again.id
    assert len(fake.payment_intents) == 1


def test_the_same_idempotency_key_with_other_parameters_is_a_400_idempotency_error(client, fake):
    client.v1.payment_intents.create(params={"amount": 5000, "currency": "thb"}, options={"idempotency_key": "k-2"})

    with pytest.raises(stripe.IdempotencyError) as exc:
        client.v1.payment_intents.create(params={"amount": 6000, "currency": "thb"}, options={"idempotency_key": "k-2"})

    assert exc.value.http_status == 400
    assert len(fake.payment_intents) == 1


def test_an_unknown_payment_intent_is_a_404_in_stripes_error_envelope(client):
    with pytest.raises(stripe.InvalidRequestError) as exc:
        client.v1.payment_intents.retrieve("pi_missing")

    assert exc.value.http_status == 404
    assert exc.value.code == "resource_missing"


def test_a_wrong_api_key_is_a_401(fake):
    wrong = stripe.StripeClient("sk_test_wrong", base_addresses={"api": fake.url})

    with pytest.raises(stripe.AuthenticationError):
        wrong.v1.payment_intents.create(params={"amount": 5000, "currency": "thb"})


def test_a_promptpay_payment_intent_confirmed_at_create_shows_its_qr(client):
    pi = client.v1.payment_intents.create(
        params={
            "amount": 45000,
            "currency": "thb",
            "payment_method_types": ["promptpay"],
            "confirm": True,
            "payment_method_data": {"type": "promptpay", "billing_details": {"email": "a@example.com"}},
        }
    )

    assert pi.status == "requires_action"
    assert pi.next_action.type == "promptpay_display_qr_code"
    assert pi.next_action.promptpay_display_qr_code.image_url_png.endswith(".png")


def test_events_are_listed_newest_first_in_pages_with_has_more(client, fake):
    for amount in (1000, 2000, 3000):
        pi = client.v1.payment_intents.create(params={"amount": amount, "currency": "thb"})
        fake.succeed(pi.id)

    page = client.v1.events.list(params={"limit": 2, "created": {"gte": 0}})
    everything = list(client.v1.events.list(params={"limit": 2, "created": {"gte": 0}}).auto_paging_iter())

    assert page.has_more is True and len(page.data) == 2
    assert [e.id for e in everything] == [e["id"] for e in reversed(fake.events)]


def test_deliver_posts_the_event_signed_to_a_webhook_url(fake, client):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = {}

    class Receiver(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received["ok"] = stripe.WebhookSignature.verify_header(
                body.decode(), self.headers["Stripe-Signature"], "whsec_unit", tolerance=300
            )
            received["event"] = json.loads(body)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    ).start()  # quick shutdown()
    try:
        pi = client.v1.payment_intents.create(params={"amount": 5000, "currency": "thb"})
        event = fake.succeed(pi.id)
        status = fake.deliver(event, url=f"http://127.0.0.1:{server.server_address[1]}/payments/stripe/webhook/")
    finally:
        server.shutdown()
        server.server_close()

    assert status == 200 and received["ok"] is True
    assert received["event"]["type"] == "payment_intent.succeeded"
    assert received["event"]["data"]["object"]["status"] == "succeeded"
