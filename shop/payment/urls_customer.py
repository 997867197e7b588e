"""The customer's payment pages, under the language prefix:
/<lang>/shop/pay/<attempt uuid>/ (+ status/, return/, retry/, test-pay/, cancel/)."""

from django.urls import path

from . import views

app_name = "pay"

urlpatterns = [
    path("<uuid:public_id>/", views.payment_page, name="page"),
    path("<uuid:public_id>/status/", views.payment_status, name="status"),
    path("<uuid:public_id>/return/", views.payment_return, name="return"),
    path("<uuid:public_id>/retry/", views.payment_retry, name="retry"),
    path("<uuid:public_id>/test-pay/", views.payment_test_pay, name="test-pay"),
    path("<uuid:public_id>/cancel/", views.payment_cancel, name="cancel"),
]
