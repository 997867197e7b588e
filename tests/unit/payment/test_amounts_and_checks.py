"""Amounts in satang are exact, and test payments cannot be switched on in
production."""

from decimal import Decimal

import pytest

from shop.payment import selectors
from shop.payment.checks import payment_settings_check
from shop.payment.stripe_client import satang_to_thb, thb_to_satang


@pytest.mark.parametrize(("thb", "satang"), [("450.00", 45000), ("0.01", 1), ("1234.5", 123450), ("99999.99", 9999999)])
def test_baht_become_whole_satang_exactly(thb, satang):
    assert thb_to_satang(Decimal(thb)) == satang
    assert satang_to_thb(satang) == Decimal(thb).quantize(Decimal("0.01"))


def test_a_fraction_of_a_satang_is_refused_not_rounded():
    with pytest.raises(ValueError, match="whole number of satang"):
        thb_to_satang(Decimal("10.005"))


def test_test_payments_exist_only_in_debug_without_a_secret_key(settings):
    settings.DEBUG, settings.STRIPE_SECRET_KEY, settings.STRIPE_TEST_MODE = True, "", None
    assert selectors.payment_test_mode_enabled() is True

    settings.STRIPE_SECRET_KEY = "sk_live_x"
    assert selectors.payment_test_mode_enabled() is False

    settings.DEBUG, settings.STRIPE_SECRET_KEY, settings.STRIPE_TEST_MODE = False, "", True
    assert selectors.payment_test_mode_enabled() is False


def test_the_system_check_refuses_test_mode_forced_with_debug_off(settings):
    settings.DEBUG, settings.STRIPE_TEST_MODE = False, True

    ids = [problem.id for problem in payment_settings_check()]

    assert "payment.E001" in ids


def test_the_system_check_is_quiet_in_development_without_keys(settings):
    settings.DEBUG, settings.STRIPE_TEST_MODE, settings.STRIPE_SECRET_KEY = True, None, ""

    assert payment_settings_check() == []


def test_a_secret_key_without_a_webhook_secret_is_an_error(settings):
    settings.DEBUG, settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = False, "sk_live_x", ""

    assert "payment.E002" in [problem.id for problem in payment_settings_check()]
