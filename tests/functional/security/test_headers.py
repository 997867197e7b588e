"""Security headers on real responses: the storefront's strict
Content-Security-Policy, the staff tools' per-path policies, frame denial,
nosniff and the referrer policy."""

import re

import pytest

from tests.factories.catalog import StockRecordFactory, UserFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def product(home_page):
    return StockRecordFactory(product__title_en="Silk brocade").product


STOREFRONT_PAGES = ["/", "/en/", "/en/shop/catalogue/", "/en/shop/basket/", "/en/shop/accounts/login/",
                    "/en/shop/producers/register/"]  # fmt: skip


@pytest.mark.parametrize("url", STOREFRONT_PAGES)
def test_storefront_pages_allow_scripts_and_styles_from_the_site_only(client, home_page, url):
    response = client.get(url)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "data:" in policy["img-src"]


def test_product_page_carries_the_strict_policy_and_frame_denial(client, product):
    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/dashboard/login/", "/django-admin/login/", "/cms/login/"])
def test_no_policy_anywhere_allows_eval(client, url):
    response = client.get(url)

    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/dashboard/login/", "/django-admin/login/"])
def test_dashboard_and_django_admin_run_no_inline_script_but_may_style_inline(client, url):
    policy = directives(client.get(url))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_wagtail_admin_has_its_own_policy_and_may_frame_its_preview(client):
    response = client.get("/cms/login/")

    policy = directives(response)
    # Wagtail's admin templates still carry inline scripts (docs/security.md).
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_storefront_keeps_the_strict_policy_for_a_logged_in_editor(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    policy = directives(client.get("/en/"))

    assert policy["script-src"] == ["'self'"]


# --- No inline code in what the site renders ------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)


@pytest.mark.parametrize("url", [*STOREFRONT_PAGES, "/en/shop/catalogue/"])
def test_storefront_pages_have_no_inline_script_event_handler_or_style_attribute(client, home_page, product, url):
    html = client.get(url).content.decode()

    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)
    assert not EVENT_HANDLER.findall(html), EVENT_HANDLER.findall(html)
    assert not STYLE_ATTRIBUTE.findall(html), STYLE_ATTRIBUTE.findall(html)


def test_product_page_has_no_inline_script_or_event_handler(client, product):
    html = client.get(product.get_absolute_url()).content.decode()

    assert not INLINE_SCRIPT.findall(html)
    assert not EVENT_HANDLER.findall(html)
    assert not STYLE_ATTRIBUTE.findall(html), STYLE_ATTRIBUTE.findall(html)


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/catalogue/", "/dashboard/orders/", "/dashboard/inventory/"])
def test_dashboard_pages_have_no_inline_script(client, url):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)
    assert "js/dashboard/oscar-init.js" in html
