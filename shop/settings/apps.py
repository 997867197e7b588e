"""INSTALLED_APPS and MIDDLEWARE, each written out once, in the order Django
uses them. Where the order matters a comment says why."""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Oscar's apps in Oscar's own order (oscar.INSTALLED_APPS), each fork in
    # the place of the app it replaces: a fork keeps Oscar's app label, so
    # Oscar's get_class/get_model find it, and bench/oscar_reference_settings.py
    # maps each fork back to Oscar's app to run stock Oscar beside the shop.
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "shop.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.reports.apps.ReportsConfig",
    "shop.customer.apps.CustomerConfig",
    # Thai-aware search (catalog/search/, docs/search.md) in place of Oscar's
    # Haystack search app; it keeps the app label, URL (/<lang>/shop/search/)
    # and URL names.
    "catalog.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    # Dashboard apps: Oscar gates a URL with one permission whatever the
    # method, so pages that read on GET and write on POST need more for the
    # POST (shop/common/permissions.py, shop/dashboard/configs.py).
    # Producers land on their portal, not on Oscar's statistics (shop/dashboard/index.py).
    "shop.dashboard.configs.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "shop.dashboard.configs.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    # Oscar's catalogue dashboard (/dashboard/catalogue/) is closed to producer
    # members, not only hidden from their menu: catalog/dashboard_catalogue.py
    # keeps Oscar's views but drops their partner.dashboard_access alternative.
    "catalog.dashboard_catalogue.CatalogueDashboardConfig",
    "shop.dashboard.configs.OffersDashboardConfig",
    # Office only (shop/dashboard/partners).
    "shop.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "shop.dashboard.configs.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "shop.dashboard.configs.ShippingDashboardConfig",
    # What Oscar's apps need. Not haystack (Oscar's search app is replaced
    # above; see HAYSTACK_CONNECTIONS in oscar.py) nor a thumbnailer app
    # (OSCAR_THUMBNAILER serves the project's renditions).
    "widget_tweaks",
    "treebeard",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Ours
    "shop.apps.ShopConfig",
    "shop.outbox.apps.OutboxConfig",
    "inventory.apps.InventoryConfig",
    "cms.apps.CmsConfig",
    # Security (docs/security.md): the Content-Security-Policy and login
    # throttling.
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: the HTTPS redirect and security headers apply to every response.
    "django.middleware.security.SecurityMiddleware",
    # Staff pages and their exports are never stored by a browser or a proxy
    # (NO_STORE_PATH_PREFIXES, shop/cache_control.py). Outermost after
    # SecurityMiddleware, so refusals and redirects made by the middleware
    # below are covered too.
    "shop.cache_control.NoStoreMiddleware",
    # The body-size guard (REQUEST_MAX_BODY_SIZE) runs before anything reads
    # the body.
    "shop.common.security.RequestSizeLimitMiddleware",
    # The Content-Security-Policy header on every response, refusals included.
    "shop.common.security.PathPolicyCSPMiddleware",
    # NUL bytes, control characters and invalid UTF-8 refused with a 400
    # before any middleware or view reads the request (shop/request_guard.py);
    # inside the CSP middleware so the refusal carries the headers.
    "shop.request_guard.RequestGuardMiddleware",
    # Static files are answered here, before sessions and the page cache.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, locale, auth and basket middleware: a cached page
    # costs none of their work (shop/common/pagecache.py).
    "shop.common.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session and before CommonMiddleware, which needs the active
    # language to resolve the URL (Django's documented order).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Oscar's, with the basket lines prefetched; after the session and auth
    # middleware, whose user and cookies it reads.
    "shop.checkout.basket.BasketMiddleware",
    # The two 404 fallbacks: a flat page, then a Wagtail redirect.
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Rate limits by URL name (RATE_LIMITS), once the URL is resolved.
    "shop.common.security.RateLimitMiddleware",
    # Last, so it sees the lockout flag its backend set during the view.
    "axes.middleware.AxesMiddleware",
]
