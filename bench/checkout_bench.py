"""Server time of the checkout flow (issue #5): median and p95 over 50 orders.

    .venv/bin/python bench/checkout_bench.py [--orders 50] [--json]

A logged-in customer buys one unit of a well-stocked product, paying by card
against the fake Stripe server (tests/fakestripe/): product page, add to
basket, basket, shipping (address and method), payment (method, preview,
place order, payment page, Stripe's payment_intent.succeeded webhook, the
customer's return) and the confirmation page. Requests go through Django's
test client in this process, so the times are server time only (no network,
no browser); the fake Stripe server answers over loopback like Stripe's API.
Celery runs eagerly here, so the webhook's task (placing the order) is
inside the payment step's time, where a production worker would do it
after the webhook answered.

It runs against the benchmark database made by bench/generate.py
(BENCH_DATABASE_URL), with DEBUG off (bench.shop_settings, static files
collected into a temporary directory). The orders it places are real orders
in that database (a few units of stock each run).

Exit status 3 and {"status": "pending"} when the checkout or the fake
Stripe server are not there yet.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dbtools import database_url_default  # noqa: E402

STEPS = ("product page", "add to basket", "basket", "shipping", "payment", "confirmation")
SHIPPING_CODE = "ems-thailand"
# A customer of its own per run: the demo customer's basket is filled by the
# load runner's add-to-basket test, and a basket left over from an earlier
# run would change the flow.
CUSTOMER_EMAIL = "checkout-{run}@bench.otop"
ADDRESS = {
    "first_name": "Emily",
    "last_name": "Carter",
    "line1": "99/1 Moo 3",
    "line2": "",
    "line3": "ต้นเปา",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
    "country": "TH",
    "phone_number": "+66812345678",
    "notes": "",
}
PENDING_EXIT = 3


class StepFailed(Exception):
    pass


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 50 values is the 48th smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def summarise(orders: list[dict[str, float]]) -> dict:
    """Median and p95 in milliseconds, per step and for the whole flow."""
    out = {}
    for step in (*STEPS, "total"):
        values = [o[step] * 1000 for o in orders if step in o]
        if values:
            out[step] = {"median_ms": round(statistics.median(values), 1), "p95_ms": round(percentile(values, 0.95), 1)}
    return out


def missing_parts() -> list[str]:
    """What the flow needs that is not in the tree yet."""
    missing = []
    for module, what in (
        ("tests.fakestripe", "the fake Stripe server (tests/fakestripe/)"),
        ("shop.payment.services", "the payment services (shop/payment/services.py)"),
        ("shop.demo.shipping", "the shipping rates seed (shop/demo/shipping.py)"),
    ):
        try:
            __import__(module)
        except ImportError:
            missing.append(what)
    return missing


def _expect(response, status: int | tuple, step: str):
    statuses = status if isinstance(status, tuple) else (status,)
    if response.status_code not in statuses:
        where = response.get("Location", "")
        raise StepFailed(f"{step}: HTTP {response.status_code} (wanted {statuses}) {where}")
    return response


class Clock:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    @contextmanager
    def step(self, name: str):
        t0 = time.perf_counter()
        yield
        self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - t0


def one_order(client, fake, product, webhook_post) -> dict[str, float]:
    from django.urls import reverse

    from shop.payment.models import PaymentAttempt

    clock = Clock()
    with clock.step("product page"):
        _expect(client.get(product.get_absolute_url()), 200, "product page")
    with clock.step("add to basket"):
        _expect(client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}), 302, "add to basket")
    with clock.step("basket"):
        _expect(client.get(reverse("basket:summary")), 200, "basket")
    with clock.step("shipping"):
        _expect(client.get(reverse("checkout:index")), 302, "checkout index")
        _expect(client.post(reverse("checkout:shipping-address"), ADDRESS), 302, "shipping address")
        _expect(
            client.post(reverse("checkout:shipping-method"), {"method_code": SHIPPING_CODE}), 302, "shipping method"
        )
    with clock.step("payment"):
        _expect(client.post(reverse("checkout:payment-method"), {"method": "card"}), 302, "payment method")
        _expect(client.get(reverse("checkout:preview")), 200, "preview")
        placed = _expect(client.post(reverse("checkout:preview"), {"action": "place_order"}), 302, "place order")
        page_url = placed["Location"]
        _expect(client.get(page_url), 200, "payment page")
        attempt = PaymentAttempt.objects.order_by("-pk").first()
        if attempt is None or not attempt.stripe_payment_intent:
            raise StepFailed("payment: no PaymentIntent was created")
        # The customer's card is charged at Stripe: not our server's time.
        t0 = time.perf_counter()
        event = fake.succeed(attempt.stripe_payment_intent)
        stripe_side = time.perf_counter() - t0
        # Then Stripe's webhook and the customer's return hit our server.
        _expect(webhook_post(client, fake, event), 200, "webhook")
        returned = _expect(client.get(page_url.rstrip("/") + "/return/"), (200, 302), "return")
    clock.times["payment"] -= stripe_side
    with clock.step("confirmation"):
        target = returned["Location"] if returned.status_code == 302 else reverse("checkout:thank-you")
        _expect(client.get(target), 200, "confirmation")
    clock.times["total"] = sum(clock.times[s] for s in STEPS)
    return clock.times


def run(*, orders: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db.models import F
    from django.test import Client
    from django.test.utils import override_settings
    from oscar.core.loading import get_model

    from shop.demo.shipping import seed_shipping_rates
    from tests.fakestripe import FakeStripe
    from tests.fakestripe.fixtures import webhook_post

    seed_shipping_rates()
    Product = get_model("catalogue", "Product")
    # Available units (on hand minus reserved for orders) decide what can be
    # bought: earlier runs' orders keep theirs allocated until dispatched.
    products = list(
        Product.objects.filter(
            is_public=True, parent=None, stockrecords__num_in_stock__gte=F("stockrecords__num_allocated") + 30
        ).order_by("pk")[:orders]
    )
    if not products:
        raise StepFailed("no product with 30 or more units available: run bench/generate.py first")
    email = CUSTOMER_EMAIL.format(run=time.strftime("%Y%m%d%H%M%S"))
    user = get_user_model().objects.create_user(
        username=email, email=email, password=None, first_name="Checkout", last_name="Bench"
    )
    fake = FakeStripe(secret_key="sk_test_bench", webhook_secret="whsec_bench").start()
    timings = []
    try:
        with override_settings(
            STRIPE_API_BASE=fake.url,
            STRIPE_SECRET_KEY="sk_test_bench",
            STRIPE_PUBLISHABLE_KEY="pk_test_bench",
            STRIPE_WEBHOOK_SECRET="whsec_bench",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ):
            for n in range(orders + 1):
                client = Client(HTTP_HOST="127.0.0.1")
                client.force_login(user, backend="oscar.apps.customer.auth_backends.EmailBackend")
                times = one_order(client, fake, products[n % len(products)], webhook_post)
                if n:  # the first order warms caches and imports: not counted
                    timings.append(times)
    finally:
        fake.stop()
    return {
        "status": "ok",
        "orders": len(timings),
        "steps": summarise(timings),
        "note": "server time via Django's test client; Celery eager (the order is placed inside the webhook)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print one JSON line (for bench/run.py)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", database_url_default())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.shop_settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-checkout-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    # The generated pictures (bench/generate.py), as the runner serves them.
    os.environ.setdefault("MEDIA_ROOT", os.environ.get("BENCH_MEDIA_ROOT", "/tmp/otop-bench/media"))
    os.environ.pop("CELERY_BROKER_URL", None)
    collect = not os.environ.get("BENCH_STATIC_ROOT")
    if collect:
        os.environ["BENCH_STATIC_ROOT"] = tempfile.mkdtemp(prefix="otop-bench-static-")
    import django

    django.setup()
    if collect:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    missing = missing_parts()
    if missing:
        result, code = {"status": "pending", "missing": missing}, PENDING_EXIT
    else:
        try:
            result, code = run(orders=args.orders), 0
        except StepFailed as exc:
            result, code = {"status": "failed", "error": str(exc)}, 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return code


if __name__ == "__main__":
    sys.exit(main())
