"""The production configuration, loaded in a fresh interpreter the way the
server loads it (helpers from tests/unit/shop/test_settings.py)."""

import os
import subprocess
import sys

from tests.unit.shop.test_settings import BASE_DIR, CONTROLLED, PRODUCTION, load_settings

# Production takes cards: the payment app warns (payment.W001) without keys.
STRIPE = {
    "STRIPE_SECRET_KEY": "sk_test_ci",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_ci",
    "STRIPE_WEBHOOK_SECRET": "whsec_ci",
}


def test_production_passes_the_deployment_checklist_at_warning_level():
    env = {key: value for key, value in os.environ.items() if key not in CONTROLLED | STRIPE.keys()}
    env.update(PRODUCTION, **STRIPE, DJANGO_SETTINGS_MODULE="shop.settings")

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_secure_http_only_and_same_site():
    loaded = load_settings(
        ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
         "CSRF_COOKIE_SAMESITE", "X_FRAME_OPTIONS", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        **PRODUCTION,
    )  # fmt: skip

    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True
    assert loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert loaded["X_FRAME_OPTIONS"] == "DENY"
    assert loaded["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_without_stripe_the_policy_names_no_third_party_host():
    loaded = load_settings(["CONTENT_SECURITY_POLICY"], **PRODUCTION)

    policy = loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert all("stripe" not in " ".join(sources) for sources in policy.values())


def test_a_stripe_key_lets_stripe_js_load_frame_and_call_its_api_but_nothing_inline():
    loaded = load_settings(["CONTENT_SECURITY_POLICY"], STRIPE_PUBLISHABLE_KEY="pk_test_123", **PRODUCTION)

    policy = loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["script-src"] == ["'self'", "https://js.stripe.com"]
    assert set(policy["frame-src"]) >= {"https://js.stripe.com", "https://hooks.stripe.com"}
    assert "https://api.stripe.com" in policy["connect-src"]


def test_media_served_from_a_bucket_domain_is_allowed_as_images():
    loaded = load_settings(
        ["CONTENT_SECURITY_POLICY"], AWS_STORAGE_BUCKET_NAME="otop-media", AWS_S3_CUSTOM_DOMAIN="media.example",
        **PRODUCTION,
    )  # fmt: skip

    assert "https://media.example" in loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
