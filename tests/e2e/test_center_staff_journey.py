"""Center staff at the San Kamphaeng counter, in a real browser: log in to
the dashboard (Thai: the dashboard has no language prefix), receive a producer's consignment and post it into stock,
print its labels (a PDF is served), then sell one piece at the counter."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "counter-Passphrase-2568"


def server_password_hash(password: str) -> str:
    """A hash the server can check: tests hash with MD5 for speed
    (tests/settings.py), the server only knows the production hashers."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt())


@pytest.fixture
def consignment(site, screen):
    from django.contrib.auth.models import Group

    from shop.common.roles import CENTER_STAFF
    from tests.factories.catalog import StockRecordFactory, UserFactory

    record = StockRecordFactory(
        price=Decimal("350.00"), num_in_stock=0, partner_sku=f"UMB-E2E-{screen.upper()}",
        product__title="ร่มบ่อสร้าง", product__title_en="Bo Sang umbrella",
        product__upc=f"885000009900{len(screen)}",  # one per screen: the journey runs at each
    )  # fmt: skip
    staff = UserFactory(username=f"counter-e2e-{screen}", email=f"counter-e2e-{screen}@example.com", is_staff=True)
    staff.password = server_password_hash(PASSWORD)
    staff.save()
    staff.groups.add(Group.objects.get(name=CENTER_STAFF))
    return record.product, staff


@pytest.mark.journey("staff-consignment")
def test_center_staff_receive_a_consignment_print_labels_and_sell_at_the_counter(page, shot, tap, consignment):
    sku = consignment[0].stockrecords.get().partner_sku
    from inventory.models import CounterSale, Receipt

    product, staff = consignment
    page.goto("/dashboard/login/")
    page.fill("#id_username", staff.email)
    page.fill("#id_password", PASSWORD)
    tap(page.locator("form [type=submit]").last)
    page.wait_for_url("**/dashboard/")
    shot("01-dashboard")

    page.goto(f"/dashboard/inventory/receipts/new/?producer={product.producer.pk}")
    page.select_option("#id_lines-0-product", str(product.pk))
    page.fill("#id_lines-0-quantity", "6")
    page.fill("#id_lines-0-lot_code", "E2E-LOT-1")
    shot("02-receipt-form")
    tap(page.locator("#content_inner form button[type=submit], .page-content form button[type=submit]").last)
    page.wait_for_url("**/dashboard/inventory/receipts/*/")
    shot("02-receipt-draft")
    tap(page.locator("form[action$='/post/'] button[type=submit]"))
    page.wait_for_load_state()
    receipt = Receipt.objects.get(producer=product.producer)
    assert receipt.status == Receipt.Status.POSTED
    shot("03-receipt-posted")

    labels = page.request.get(f"/dashboard/inventory/labels/products.pdf?receipt={receipt.pk}")
    assert labels.status == 200
    assert labels.headers["content-type"] == "application/pdf"
    assert labels.body().startswith(b"%PDF")

    # Received goods wait in the receiving bin until put away on a shelf.
    page.goto("/dashboard/inventory/moves/new/")
    page.select_option("#id_action", "put_away")
    page.fill("#id_product", sku)
    page.fill("#id_from_location", "SKP-RCV-01")
    page.fill("#id_lot", "E2E-LOT-1")
    page.fill("#id_quantity", "6")
    page.fill("#id_to_location", "SKP-A-01")
    shot("04-put-away-form")
    tap(page.locator(".page-content form [type=submit]").last)
    page.wait_for_load_state()
    shot("04-put-away")

    page.goto("/dashboard/inventory/counter-sales/new/")
    page.fill("#id_lines-0-code", sku)
    page.fill("#id_lines-0-quantity", "1")
    page.check("input[name=payment_method][value=cash]")
    shot("05-counter-sale-form")
    tap(page.locator(".page-content form button[type=submit]").last)
    page.wait_for_url(re.compile(r"/dashboard/inventory/counter-sales/\d+/$"))
    sale = CounterSale.objects.latest("pk")
    assert sale.total == Decimal("350.00")
    expect(page.locator("body")).to_contain_text("ร่มบ่อสร้าง")
    shot("06-counter-sale-done")


@pytest.fixture
def paid_parcel_order(site):
    """A tourist's order to be shipped by EMS, paid by card: what the
    checkout leaves for the center to fulfil."""
    from shop.order.services import order_payment_confirmed
    from tests.factories.order import order_place, stocked_product

    product = stocked_product(
        price="780.00", quantity=4, title="โคมล้านนา", title_en="Lanna paper lantern e2e-dispatch",
    )  # fmt: skip
    order = order_place(
        lines=[(product, 2)], shipping_code="ems-thailand", email="parcel.tourist@example.com", language="en"
    )
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    return order


@pytest.mark.journey("staff-dispatch")
def test_center_staff_pick_pack_and_dispatch_a_paid_order_from_its_dashboard_page(
    page, shot, tap, staff_user, dashboard_login, wait_for_email, paid_parcel_order, known_page_errors, screen
):
    from inventory.models import Reservation
    from shop.common.roles import CENTER_STAFF
    from shop.order import statuses

    order = paid_parcel_order
    staff = staff_user(f"picker-e2e-{screen}", role=CENTER_STAFF)
    tracking = f"EE12345678{len(screen)}TH"  # one per screen: the journey runs at each
    dashboard_login(page, staff)

    page.goto(f"/dashboard/orders/{order.number}/")
    fulfilment = page.locator("#fulfilment")
    expect(fulfilment).to_be_visible()
    shot("01-order-paid")

    # The pick list for this order: bins and lots to take the goods from.
    tap(fulfilment.locator("a[href*='/dashboard/inventory/pick-list/']"))
    expect(page.locator("body")).to_contain_text("โคมล้านนา")
    shot("02-pick-list")
    page.go_back()

    tap(fulfilment.locator("form:has(input[name=step][value=picking]) button[type=submit]"))
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == statuses.PICKING
    shot("03-picking")

    tap(fulfilment.locator("form:has(input[name=step][value=packed]) button[type=submit]"))
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == statuses.PACKED
    shot("04-packed")

    dispatch = fulfilment.locator("form:has(input[name=step][value=dispatch])")
    dispatch.locator("select[name=carrier]").select_option("thailand_post")
    dispatch.locator("input[name=tracking_number]").fill(tracking)
    shot("05-dispatch-form")
    tap(dispatch.locator("button[type=submit]"))
    page.wait_for_load_state()
    expect(page.locator("[data-order-status]").first).to_have_attribute("data-order-status", statuses.DISPATCHED)
    shot("06-dispatched")

    order.refresh_from_db()
    assert (order.status, order.carrier, order.tracking_number) == (statuses.DISPATCHED, "thailand_post", tracking)
    reference = f"order:{order.number}"
    assert Reservation.objects.get(reference=reference).status == Reservation.Status.CONSUMED
    sent = wait_for_email("parcel.tourist@example.com", containing=tracking)
    assert sent, "no dispatch email with the tracking number"
