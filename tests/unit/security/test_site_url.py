"""SITE_URL: the one address absolute links in emails start with. Required
with DEBUG off (system check shop.E001 stops manage.py commands and the
server's start-up), https for the deployment checklist (shop.E002), and the
source of Wagtail's WAGTAILADMIN_BASE_URL and Oscar's OSCAR_URL_SCHEMA."""

from tests.unit.shop.test_settings import PRODUCTION, load_settings, run_manage

STRIPE = {
    "STRIPE_SECRET_KEY": "sk_test_ci",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_ci",
    "STRIPE_WEBHOOK_SECRET": "whsec_ci",
}
WITHOUT_SITE_URL = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}


def test_development_links_to_the_local_server_by_default():
    loaded = load_settings(["SITE_URL", "WAGTAILADMIN_BASE_URL"], DEBUG="true")

    assert loaded == {"SITE_URL": "http://127.0.0.1:8000", "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}


def test_wagtail_and_oscar_links_are_derived_from_the_site_url():
    loaded = load_settings(
        ["WAGTAILADMIN_BASE_URL", "OSCAR_URL_SCHEMA"], DEBUG="true", SITE_URL="https://shop.otop-chiangmai.example/"
    )

    assert loaded["WAGTAILADMIN_BASE_URL"] == "https://shop.otop-chiangmai.example"
    assert loaded["OSCAR_URL_SCHEMA"] == "https"


def test_production_without_a_site_url_fails_the_system_checks():
    result = run_manage(["check"], **WITHOUT_SITE_URL, **STRIPE)

    assert result.returncode != 0
    assert "shop.E001" in result.stderr and "SITE_URL" in result.stderr


def test_production_with_a_plain_http_site_url_fails_the_deployment_checklist():
    result = run_manage(
        ["check", "--deploy"], **{**PRODUCTION, "SITE_URL": "http://shop.otop-chiangmai.example"}, **STRIPE
    )

    assert result.returncode != 0
    assert "shop.E002" in result.stderr


def test_production_with_an_https_site_url_passes_the_deployment_checklist():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION, **STRIPE)

    assert result.returncode == 0, result.stderr
