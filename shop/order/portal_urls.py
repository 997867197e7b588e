"""The producer portal's sales pages, /dashboard/portal/orders/: added by
shop/urls.py to the portal's own patterns (catalog.producers.urls), in its
namespace, so their names stay ``catalog-portal:order-lines`` and
``catalog-portal:order-line``."""

from django.urls import path

from .portal_views import OrderLineDetailView, OrderLineListView

urlpatterns = [
    path("orders/", OrderLineListView.as_view(), name="order-lines"),
    path("orders/<int:line_pk>/", OrderLineDetailView.as_view(), name="order-line"),
]
