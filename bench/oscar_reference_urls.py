"""URLs of the stock-Oscar reference, as in Oscar's sandbox: the language
switcher at /i18n/ and Oscar's storefront at the root (catalogue at
/catalogue/, search at /search/)."""

from django.apps import apps
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
