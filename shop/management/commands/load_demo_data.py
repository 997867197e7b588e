"""`manage.py load_demo_data [--products N]`: a complete demo shop.

Loads reference data, producers, products with pictures and stock, Wagtail
pages in three languages, staff roles and demo users. Every section is
idempotent and runs in its own transaction, so the command can be re-run
(it then only fills in what is missing) and a failure leaves earlier
sections in place. Demo passwords are printed at the end: demo use only.
"""

from __future__ import annotations

import logging
import time
import warnings
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.core.loading import get_model

from shop.common import roles
from shop.demo.accounts import seed_demo_users
from shop.demo.listings import seed_listings
from shop.demo.orders import seed_order_history
from shop.demo.pages import seed_pages
from shop.demo.passport import seed_passport
from shop.demo.producers import seed_producers
from shop.demo.products import seed_products
from shop.demo.reference import seed_reference
from shop.demo.shipping import seed_shipping_rates

DEFAULT_PRODUCTS = 300
# Wagtail logs every page created/published, django-tasks every search index
# task and Oscar every stock-alert run: hundreds of INFO lines that would
# bury the progress report.
NOISY_LOGGERS = ("wagtail", "django_tasks", "modelsearch", "oscar.alerts", "celery.app.trace")


@contextmanager
def _quiet(names, *, enabled: bool):
    loggers = [logging.getLogger(name) for name in names] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            if enabled:
                # Oscar's realtime Haystack processor meets the simple backend on every product save.
                warnings.filterwarnings("ignore", message="update is not implemented in this backend")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load demo data: districts, producers, products with images and stock, CMS pages, roles and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=DEFAULT_PRODUCTS,
            metavar="N",
            help=f"number of demo products (default {DEFAULT_PRODUCTS}; tests use a few dozen)",
        )

    def handle(self, *args, products: int, **options):
        if products < 0:
            raise CommandError("--products must be zero or more.")
        with _quiet(NOISY_LOGGERS, enabled=options["verbosity"] < 2):
            self._load(products)

    def _load(self, products: int) -> None:
        started = time.monotonic()

        ref = self._section("Reference data", seed_reference)
        self._done(
            f"{ref['districts'].total} districts, {ref['product_types'].total} OTOP product types "
            f"({ref['districts'].created + ref['product_types'].created} new)"
        )
        made = self._section("Producers", seed_producers)
        self._done(f"{made.created} new, {made.existing} already there")

        result = self._section("Products", lambda: seed_products(count=products))
        self._done(
            f"{result.created} new, {result.existing} already there; "
            f"{result.images_created} images, {result.stock_created} stock records added"
        )
        passport = self._section("Product passports", lambda: seed_passport(count=products))
        self._done(
            f"{passport.products_updated} products filled in, {passport.certifications_created} certifications added"
        )
        listings = self._section("Listing states and registrations", seed_listings)
        self._done(
            f"{listings.products_created} example listings, "
            f"{'1 pending registration' if listings.application_created else 'registration queue already seeded'}"
        )
        self._done(self._section("Shipping rates", seed_shipping_rates))
        pages = self._section("CMS pages", seed_pages)
        self._done(f"{len(pages.created)} pages published" if pages.created else "nothing to add")

        # After the pages, so editors get page permissions on every home page.
        synced = self._section("Roles", roles.roles_sync)
        self._done(f"{len(roles.ALL_ROLES)} groups ({len(synced.groups_created)} new)")
        if synced.missing_permissions:
            self.stdout.write(
                self.style.WARNING(f"  permissions not found (yet): {', '.join(synced.missing_permissions)}")
            )

        logins = self._section("Demo users", seed_demo_users)
        self._done(f"{sum(login.created for login in logins)} new, {sum(not login.created for login in logins)} kept")
        self._done(str(self._section("Order history (paid orders, counter sales, settlement)", seed_order_history)))

        self._summary(logins, time.monotonic() - started)

    def _section(self, title: str, func):
        self.stdout.write(f"{title} ... ", ending="")
        self.stdout.flush()
        self._started = time.monotonic()
        with transaction.atomic():
            return func()

    def _done(self, text: str) -> None:
        self.stdout.write(f"{text} [{time.monotonic() - self._started:.1f}s]")

    def _summary(self, logins, elapsed: float) -> None:
        from wagtail.models import Page

        from cms.models import StoryPage

        counts = {
            "districts": get_model("catalogue", "District").objects.count(),
            "OTOP product types": get_model("catalogue", "OtopProductType").objects.count(),
            "producers": get_model("catalogue", "Producer").objects.count(),
            "products": get_model("catalogue", "Product").objects.count(),
            "product images": get_model("catalogue", "ProductImage").objects.count(),
            "certifications": get_model("catalogue", "Certification").objects.count(),
            "pending registrations": get_model("catalogue", "ProducerApplication")
            .objects.filter(status="pending")
            .count(),
            "stock records": get_model("partner", "StockRecord").objects.count(),
            "categories": get_model("catalogue", "Category").objects.count(),
            "live pages": Page.objects.live().filter(depth__gt=1).count(),
            "stories (all languages)": StoryPage.objects.live().count(),
            "groups": Group.objects.count(),
            "users": get_user_model().objects.count(),
        }
        self.stdout.write(self.style.SUCCESS(f"\nDemo data ready in {elapsed:.1f}s"))
        for name, value in counts.items():
            self.stdout.write(f"  {name:<24} {value}")
        self.stdout.write("\nDemo logins (DEMO ONLY - public passwords, never use in production):")
        for login in logins:
            note = "" if login.created else "  (existed, left unchanged)"
            self.stdout.write(f"  {login.label:<16} {login.email:<22} {login.password}{note}")
        self.stdout.write("  Storefront /  /en/  /zh-hans/   Oscar dashboard /dashboard/   Wagtail /cms/")
