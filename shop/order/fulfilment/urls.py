"""The center's order fulfilment screens under /dashboard/inventory/.

No app_name of their own: shop/urls.py joins these patterns into the
"inventory:" namespace beside inventory/urls.py, so the names stay
inventory:pick-list, inventory:dispatch, inventory:order-shipping-label and
inventory:order-packing-slip (templates, nav and bookmarks use them).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("pick-list/", views.pick_list, name="pick-list"),
    path("dispatch/", views.dispatch, name="dispatch"),
    path("orders/<str:number>/shipping-label.pdf", views.shipping_label, name="order-shipping-label"),
    path("orders/<str:number>/packing-slip.pdf", views.packing_slip, name="order-packing-slip"),
]
