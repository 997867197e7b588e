"""Every absolute link in an email starts with SITE_URL, the one configured
address of the site: not the Sites framework's unconfigured example.com
(Oscar's password reset), not a fixed http://127.0.0.1:8000.

Settings derive OSCAR_URL_SCHEMA and WAGTAILADMIN_BASE_URL from SITE_URL when
they load (tests/unit/security/test_site_url.py); a test that overrides
SITE_URL overrides those with it, and runs the `migrate` hook that writes
SITE_URL's host into the Sites row."""

import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse

from tests.factories.catalog import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://otop-chiangmai.test"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.OSCAR_URL_SCHEMA = "https"
    settings.WAGTAILADMIN_BASE_URL = SITE
    from shop.common.email_links import site_row_sync

    site_row_sync()  # what every `migrate` does
    return SITE


def test_migrate_writes_the_site_url_host_and_the_shop_name_into_the_sites_row(settings):
    settings.SITE_URL = SITE

    call_command("migrate", verbosity=0)

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("otop-chiangmai.test", "OTOP Chiang Mai")


def test_the_sites_row_is_written_when_the_sites_app_migrates_whichever_app_comes_last(settings):
    # It used to wait for the post_migrate of the last installed app, which
    # is never sent when that app has no models: the row kept example.com.
    settings.SITE_URL = SITE
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    sites = apps.get_app_config("sites")

    post_migrate.send(sender=sites, app_config=sites, verbosity=0, interactive=False, using="default", apps=apps,
                      plan=[])  # fmt: skip

    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("otop-chiangmai.test", "OTOP Chiang Mai")


def test_the_shop_password_reset_email_links_to_the_site_url(client, site_url):
    UserFactory(email="somchai@example.com")

    client.post("/en/shop/password-reset/", {"email": "somchai@example.com"})

    [email] = mail.outbox
    assert f"{SITE}/en/shop/password-reset/confirm/" in email.body
    assert "example.com" not in email.body.replace("somchai@example.com", "")
    assert "example.com" not in email.subject


def test_the_shop_password_reset_email_names_the_shop_not_the_sites_default_domain(client, site_url):
    UserFactory(email="somchai@example.com")

    client.post("/en/shop/password-reset/", {"email": "somchai@example.com"})

    [email] = mail.outbox
    assert "OTOP Chiang Mai" in email.subject


def test_oscar_email_templates_build_absolute_links_from_the_site_url(site_url):
    rendered = Template("{% load url_tags %}{% absolute_url site.domain path %}").render(
        Context({"site": Site.objects.get_current(), "path": "/en/shop/catalogue/silk_1/"})
    )

    assert rendered == f"{SITE}/en/shop/catalogue/silk_1/"


@override_settings(SITE_URL=SITE)
def test_order_emails_link_to_the_order_on_the_site_url():
    from shop.order.emails import order_status_url
    from tests.factories.order import order_place, stocked_product

    customer = UserFactory(email="buyer@example.com")
    order = order_place(lines=[(stocked_product(), 1)], user=customer)

    assert order_status_url(order=order).startswith(f"{SITE}/")


@override_settings(SITE_URL=SITE)
def test_producer_emails_link_to_the_site_url():
    from catalog.producers.services.emails import absolute_url

    assert absolute_url(reverse("producers:producer-list")) == f"{SITE}{reverse('producers:producer-list')}"


def test_the_wagtail_password_reset_email_links_to_the_site_url(client, site_url):
    UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)

    client.post("/cms/password_reset/", {"email": "editor@example.com"})

    [email] = mail.outbox
    assert f"{SITE}/cms/password_reset/confirm/" in email.body
