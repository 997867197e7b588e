"""Low-stock and expiring-lot alerts: selector, daily digest, badge."""

from datetime import date, timedelta

from django.core import mail
from django.urls import reverse

from inventory.selectors import alert_count, expiring_balances, low_stock_records
from inventory.tasks import send_alert_digest
from tests.factories.inventory import stock_receive

TODAY = date(2026, 11, 25)


def test_low_stock_uses_the_records_threshold_or_the_default(settings, product, other_product):
    settings.INVENTORY_LOW_STOCK_DEFAULT = 3
    stock_receive(product=product, quantity=3)  # at the default: low
    stock_receive(product=other_product, quantity=3)
    record = other_product.stockrecords.get()
    record.low_stock_threshold = 1
    record.save(update_fields=["low_stock_threshold"])

    assert [r.product for r in low_stock_records()] == [product]


def test_lots_expiring_within_the_warning_window_are_reported(product, other_product):
    stock_receive(product=product, quantity=9, lot_code="SOON", best_before=TODAY + timedelta(days=10))
    stock_receive(product=other_product, quantity=9, lot_code="LATER", best_before=TODAY + timedelta(days=90))

    assert [b.lot.code for b in expiring_balances(days=30, today=TODAY)] == ["SOON"]


def test_the_digest_goes_to_center_staff_and_the_affected_producer_once_a_day(
    settings, center_staff, product, foreign_product
):
    settings.INVENTORY_ALERT_EMAILS = []
    product.producer.email = "weavers@example.com"
    product.producer.save(update_fields=["email"])
    stock_receive(product=product, quantity=1)
    stock_receive(product=foreign_product, quantity=50)  # not low: its producer hears nothing

    assert send_alert_digest() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([center_staff.email, "weavers@example.com"])
    producer_mail = next(m for m in mail.outbox if m.to == ["weavers@example.com"])
    assert product.get_title() in producer_mail.body and foreign_product.get_title() not in producer_mail.body

    assert send_alert_digest() == 0  # the same day: nothing more
    assert len(mail.outbox) == 2


def test_the_badge_counts_the_alerts_on_the_inventory_screens(staff_client, product):
    stock_receive(product=product, quantity=1)
    assert alert_count() == 1

    page = staff_client.get(reverse("inventory:stock-list")).content.decode()
    assert 'id="inventory-alert-badge"' in page and ">1</span>" in page
    assert staff_client.get(reverse("inventory:alert-list")).status_code == 200
