"""The ceiling: the cheapest Django view there is, served by the same
gunicorn as the shop, so every page's rate can be read as a share of it."""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse(b"OK from a trivial Django view\n", content_type="text/plain")


urlpatterns = [path("", hello)]
