"""/dashboard/inventory/: the center's staff screens.

The order fulfilment screens under the same prefix and "inventory:" names
(pick-list, dispatch, order-shipping-label, order-packing-slip) are
shop/order/fulfilment/urls.py: shop/urls.py joins both lists into one
namespace, so inventory itself never imports shop.order."""

from django.urls import path

from .views import alerts, counter, counts, home, labels, moves, receipts, scan, stock

app_name = "inventory"

urlpatterns = [
    path("", home.index, name="index"),
    path("receipts/", receipts.receipt_list, name="receipt-list"),
    path("receipts/new/", receipts.receipt_create_view, name="receipt-create"),
    path("receipts/<int:pk>/", receipts.receipt_detail, name="receipt-detail"),
    path("receipts/<int:pk>/post/", receipts.receipt_post_view, name="receipt-post"),
    path("receipts/<int:pk>/sign/", receipts.receipt_sign, name="receipt-sign"),
    path("receipts/<int:pk>/print/", receipts.receipt_print, name="receipt-print"),
    path("stock/", stock.stock_browser, name="stock-list"),
    path("movements/", stock.movement_list, name="movement-list"),
    path("movements/export.csv", stock.movement_csv, name="movement-csv"),
    path("counter-sales/new/", counter.counter_sale_create, name="counter-sale-create"),
    path("counter-sales/<int:pk>/", counter.counter_sale_detail, name="counter-sale-detail"),
    path("counter-sales/<int:pk>/receipt.pdf", counter.counter_sale_receipt, name="counter-sale-receipt"),
    path("moves/new/", moves.stock_move, name="stock-move"),
    path("counts/", counts.count_list, name="count-list"),
    path("counts/<int:pk>/", counts.count_detail, name="count-detail"),
    path("counts/<int:pk>/submit/", counts.count_submit, name="count-submit"),
    path("counts/<int:pk>/approve/", counts.count_approve, name="count-approve"),
    path("counts/<int:pk>/cancel/", counts.count_cancel, name="count-cancel"),
    path("scan/", scan.scan_resolve, name="scan-resolve"),
    path("alerts/", alerts.alert_list, name="alert-list"),
    path("labels/products.pdf", labels.product_labels, name="labels-products"),
    path("labels/bins.pdf", labels.bin_labels, name="labels-bins"),
]
