"""The office sets the center's commission per producer and per OTOP
product type: 0 to 50 %, audit-logged, office staff only."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from catalog.producers.services.commission import otop_product_type_commission_rates_set, producer_settings_set

AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates_office(office):
    from django.contrib.auth.models import Permission

    office.user_permissions.add(Permission.objects.get(content_type__app_label="catalogue", codename="change_producer"))
    return type(office).objects.get(pk=office.pk)


def test_the_office_sets_a_producers_rate_and_the_producer_can_read_the_change(producer_a, rates_office):
    producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=Decimal("0.1250"), language="en")

    producer_a.refresh_from_db()
    assert (producer_a.commission_rate, producer_a.language) == (Decimal("0.1250"), "en")
    entry = AuditLog.objects.get(producer=producer_a)
    assert entry.by_office and entry.action == "producer.settings"
    assert entry.changes["commission_rate"] == {"old": None, "new": "12.5 %"}


def test_clearing_a_producers_rate_falls_back_and_is_logged(producer_a, rates_office):
    producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=Decimal("0.2"), language="th")
    producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=None, language="th")

    producer_a.refresh_from_db()
    assert producer_a.commission_rate is None
    assert AuditLog.objects.filter(producer=producer_a).count() == 2


def test_saving_the_same_settings_again_writes_no_log(producer_a, rates_office):
    for _ in range(2):
        producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=Decimal("0.15"), language="th")

    assert AuditLog.objects.count() == 1


@pytest.mark.parametrize(
    "rate", [Decimal("-0.01"), Decimal("0.5001"), Decimal("1"), Decimal("0.12345"), Decimal("NaN"), Decimal("Infinity")]
)
def test_rates_outside_0_to_50_percent_or_too_precise_are_refused(producer_a, rates_office, rate):
    with pytest.raises(ValidationError) as exc:
        producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=rate, language="th")

    assert "commission_rate" in exc.value.message_dict
    producer_a.refresh_from_db()
    assert producer_a.commission_rate is None and not AuditLog.objects.exists()


def test_the_bounds_0_and_50_percent_are_allowed(producer_a, rates_office):
    for rate in (Decimal("0"), Decimal("0.5")):
        producer_settings_set(producer=producer_a, actor=rates_office, commission_rate=rate, language="th")
        producer_a.refresh_from_db()
        assert producer_a.commission_rate == rate


def test_members_and_office_staff_without_change_producer_cannot_set_rates(producer_a, member_a, office, textiles):
    for actor in (member_a, office):
        with pytest.raises(PermissionDenied):
            producer_settings_set(producer=producer_a, actor=actor, commission_rate=Decimal("0.1"), language="th")
        with pytest.raises(PermissionDenied):
            otop_product_type_commission_rates_set(actor=actor, rates={textiles.pk: Decimal("0.1")})


def test_product_type_rates_are_set_together_and_logged_office_wide(rates_office, textiles, food):
    changed = otop_product_type_commission_rates_set(
        actor=rates_office, rates={textiles.pk: Decimal("0.2"), food.pk: None}
    )

    textiles.refresh_from_db()
    assert changed == 1 and textiles.commission_rate == Decimal("0.2")
    entry = AuditLog.objects.get()
    assert entry.producer is None and entry.object_repr == str(textiles)
    assert entry.changes == {"commission_rate": {"old": None, "new": "20 %"}}


def test_one_bad_product_type_rate_changes_none_of_them(rates_office, textiles, food):
    with pytest.raises(ValidationError) as exc:
        otop_product_type_commission_rates_set(
            actor=rates_office, rates={textiles.pk: Decimal("0.2"), food.pk: Decimal("0.75"), 999999: Decimal("0.1")}
        )

    assert set(exc.value.message_dict) == {f"rate_{food.pk}", "rate_999999"}
    textiles.refresh_from_db()
    assert textiles.commission_rate is None and not AuditLog.objects.exists()


def test_office_wide_log_rows_never_show_in_a_producers_activity_log(producer_a, rates_office, textiles):
    from catalog.producers.selectors import audit_log_for_producer

    otop_product_type_commission_rates_set(actor=rates_office, rates={textiles.pk: Decimal("0.2")})

    assert not audit_log_for_producer(producer=producer_a).exists()
