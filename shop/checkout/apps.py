import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        from . import offers

        offers.connect()

    def get_urls(self):
        from . import views

        urls = super().get_urls()
        urls += [
            path("pickup-qr/<str:order_number>/<str:hash>/", views.pickup_qr, name="pickup-qr"),
            path("order-lookup/", views.order_lookup, name="order-lookup"),
        ]
        return urls
