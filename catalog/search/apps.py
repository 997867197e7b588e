"""Oscar's search app, forked: /shop/search/ (namespace ``search``, so the
header's {% url 'search:search' %} keeps working) now serves our Thai-aware
search instead of Haystack's, plus the autocomplete JSON endpoint.

Installed in place of ``oscar.apps.search.apps.SearchConfig``
(INSTALLED_APPS in shop/settings/apps.py)."""

from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    name = "catalog.search"
    label = "search"

    def ready(self):
        super().ready()
        from . import signals, views

        signals.connect()
        self.search_view = views.SearchView

    def get_urls(self):
        from . import views

        urlpatterns = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", views.autocomplete, name="autocomplete"),
        ]
        return self.post_process_urls(urlpatterns)
