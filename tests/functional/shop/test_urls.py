"""Every top-level URL of the URL map answers an anonymous visitor, in the
language its prefix says (Thai without a prefix, /en/, /zh-hans/)."""

import pytest

from tests.factories.catalog import StockRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def storefront(home_page):
    # One public product with stock and a price, so the catalogue, search and
    # producer pages render a product card rather than only an empty state.
    record = StockRecordFactory(product__title="ผ้าไหมยกดอก", product__title_en="Silk brocade")
    return record.product


PAGES = [
    # (url, expected language)
    ("/", "th"),
    ("/en/", "en"),
    ("/zh-hans/", "zh-hans"),
    ("/shop/catalogue/", "th"),
    ("/en/shop/catalogue/", "en"),
    ("/zh-hans/shop/catalogue/", "zh-hans"),
    ("/en/shop/basket/", "en"),
    ("/en/shop/accounts/login/", "en"),
    ("/en/shop/search/?q=silk", "en"),
    ("/en/shop/producers/", "en"),
    ("/zh-hans/shop/producers/", "zh-hans"),
]


@pytest.mark.parametrize(("url", "language"), PAGES)
def test_public_page_answers_200_in_the_language_of_its_prefix(client, storefront, url, language):
    response = client.get(url)

    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response["Content-Language"] == language


@pytest.mark.parametrize(("url", "language"), [("/", "th"), ("/en/", "en"), ("/zh-hans/", "zh-hans")])
def test_home_url_serves_the_home_page_translation_of_its_language(client, home_page, url, language):
    response = client.get(url)

    page = response.context["page"]
    assert page.translation_key == home_page.translation_key
    assert page.locale.language_code == language


def test_unprefixed_url_is_thai_even_when_the_browser_prefers_english(client, storefront):
    # Thai is the default language and has no prefix: a visitor's
    # Accept-Language must not turn "/" into another language.
    response = client.get("/shop/catalogue/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Language"] == "th"


STAFF_AREAS = [
    # (url, where an anonymous visitor is sent to log in)
    ("/dashboard/", "/dashboard/login/"),
    ("/cms/", "/cms/login/"),
    ("/django-admin/", "/django-admin/login/"),
]


@pytest.mark.parametrize(("url", "login_path"), STAFF_AREAS)
def test_staff_area_redirects_an_anonymous_visitor_to_its_login(client, url, login_path):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(login_path)
    assert f"next={url}" in response["Location"]


@pytest.mark.parametrize("login_path", [login for _, login in STAFF_AREAS])
def test_staff_login_page_answers_200(client, login_path):
    response = client.get(login_path)

    assert response.status_code == 200


def test_dashboard_is_outside_the_language_prefix(client):
    # The dashboard is a single-language staff tool (shop/config.py): Oscar's
    # copy under /<lang>/shop/dashboard/ must not exist.
    assert client.get("/en/shop/dashboard/").status_code == 404


@pytest.mark.parametrize("path", ["/healthz/", "/healthz/live/", "/healthz/ready/"])
def test_health_checks_for_load_balancers_answer_200_with_json(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
