"""URL map (documented in the README):

/                       Wagtail home page in Thai (Thai has no prefix)
/en/, /zh-hans/         the same site in English and Simplified Chinese
/<lang>/shop/           Oscar storefront: catalogue, basket, checkout, accounts
/dashboard/             Oscar dashboard (office, center staff, producers)
/dashboard/producers/   office: producer registrations and listings to review
/dashboard/portal/      producer portal: a producer's own products, photos, imports
/dashboard/reports/otop/ office report (fiscal quarters), exports, settlements
/cms/                   Wagtail admin
/django-admin/          Django admin
/healthz/live/          liveness: the process answers (touches nothing)
/healthz/ready/         readiness for load balancers: the database (also /healthz/)
/healthz/status/        monitoring (staff or token): broker, cache, worker, outbox, Stripe events
/sitemap.xml            pages and products in every language, with hreflang
/robots.txt             crawler rules, pointing to the sitemap
everything else         Wagtail pages, matched last
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_POST
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account as wagtail_account
from wagtail.documents import urls as wagtaildocs_urls

from catalog import views as catalog_views
from catalog.producers import urls as producer_urls
from cms import views as cms_views
from cms.admin_guards import wagtail_admin_guards_install
from inventory import urls as inventory_urls
from shop import views as shop_views
from shop.admin_site import changelist_overflow_fix_install, django_admin_has_permission
from shop.order import portal_urls as order_portal_urls
from shop.order.fulfilment import urls as fulfilment_urls

# The Django admin is for superusers and office admins only (shop/admin_site.py).
admin.site.has_permission = django_admin_has_permission
changelist_overflow_fix_install()
# Wagtail admin views that raised on a POST missing fields: a 400 instead (cms/admin_guards.py).
wagtail_admin_guards_install(wagtailadmin_urls.urlpatterns)

urlpatterns = [
    path("healthz/", shop_views.healthz, name="healthz"),
    path("healthz/live/", shop_views.healthz_live, name="healthz-live"),
    path("healthz/ready/", shop_views.healthz, name="healthz-ready"),
    path("healthz/status/", shop_views.healthz_status, name="healthz-status"),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots-txt"),
    path("django-admin/", admin.site.urls),
    path("dashboard/producers/", include(producer_urls.office_urls)),
    path("dashboard/portal/stock/", include("inventory.portal_urls")),
    # The producer portal, one "catalog-portal:" namespace: the catalogue's pages
    # and the sales pages, which sit in shop.order above the catalogue because
    # they read orders.
    path(
        "dashboard/portal/",
        include((producer_urls.portal_urlpatterns + order_portal_urls.urlpatterns, producer_urls.PORTAL_NAMESPACE)),
    ),
    # The center's screens, one "inventory:" namespace: inventory's own and the
    # order fulfilment ones (pick list, dispatch, parcel paperwork), which sit
    # in shop.order above inventory because they drive orders (docs/architecture.md).
    path(
        "dashboard/inventory/",
        include((inventory_urls.urlpatterns + fulfilment_urls.urlpatterns, inventory_urls.app_name)),
    ),
    path("payments/", include("shop.payment.urls")),
    path("dashboard/reports/otop/", include("shop.reports.urls")),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    # Wagtail's logout answers a GET with 405 but still deletes the session
    # cookie, so any page could log an editor out: refuse a GET before it.
    path("cms/logout/", require_POST(wagtail_account.LogoutView.as_view()), name="wagtailadmin_logout"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("shop/producers/", include(producer_urls.producer_urls)),
    # Search: products of one district, with the catalogue's filters (catalog/listing_selectors.py).
    path("shop/districts/<slug:slug>/", catalog_views.DistrictProductsView.as_view(), name="district-products"),
    path("shop/pay/", include("shop.payment.urls_customer")),
    # Wagtail's catch-all must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Friendly 400 / 413 pages for refused requests (shop/common/security.py).
handler400 = "shop.common.security.bad_request"
# A 503 "back in a moment" page when the database is unreachable, else the 500 page (shop/unavailable.py).
handler500 = "shop.unavailable.server_error"
