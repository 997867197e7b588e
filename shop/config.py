"""Oscar's root app config, customised only to move the dashboard out of the
storefront: the storefront lives under /<lang>/shop/ while the dashboard is a
single-language staff tool at /dashboard/ (see shop/urls.py)."""

from oscar.config import Shop as OscarShop


class Shop(OscarShop):
    name = "oscar"  # keep Oscar's templates, static files and translations

    def get_urls(self):
        return [pattern for pattern in super().get_urls() if str(pattern.pattern) != "dashboard/"]
