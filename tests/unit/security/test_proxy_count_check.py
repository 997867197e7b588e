"""shop.W001: behind a proxy (SECURE_PROXY_SSL_HEADER set) with
RATE_LIMIT_TRUSTED_PROXY_COUNT still 0, every client has the proxy's address,
so 20 failed logins from anyone refuse logins to everyone (review R6)."""

from tests.unit.security.test_site_url import STRIPE
from tests.unit.shop.test_settings import PRODUCTION, run_manage


def test_behind_a_tls_proxy_with_no_trusted_proxy_the_checks_warn_that_one_address_can_lock_everyone_out():
    result = run_manage(["check"], **PRODUCTION, **STRIPE, SECURE_PROXY_SSL_HEADER_ENABLED="true")

    assert result.returncode == 0, result.stderr  # a warning: the site still starts
    assert "shop.W001" in result.stderr + result.stdout
    assert "RATE_LIMIT_TRUSTED_PROXY_COUNT" in result.stderr + result.stdout


def test_behind_a_tls_proxy_that_is_trusted_the_deployment_checklist_passes():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION, **STRIPE,
                        SECURE_PROXY_SSL_HEADER_ENABLED="true", RATE_LIMIT_TRUSTED_PROXY_COUNT="1")  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "shop.W001" not in result.stderr + result.stdout
