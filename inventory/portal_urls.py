"""/dashboard/portal/stock/: a producer's own stock, movements and receipts
(included in shop/urls.py before the rest of the portal)."""

from django.urls import path

from .views import portal

app_name = "inventory-portal"

urlpatterns = [
    path("", portal.PortalStockView.as_view(), name="stock"),
    path("movements/", portal.PortalMovementListView.as_view(), name="movement-list"),
    path("movements/export.csv", portal.PortalMovementCsvView.as_view(), name="movement-csv"),
    path("receipts/", portal.PortalReceiptListView.as_view(), name="receipt-list"),
    path("receipts/<int:pk>/", portal.PortalReceiptDetailView.as_view(), name="receipt-detail"),
]
