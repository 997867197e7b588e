from django.shortcuts import get_object_or_404, render
from django.urls import path

from .producers import Producer
from .selectors import producers_approved, products_by_producer


def producer_list(request):
    return render(request, "catalog/producer_list.html", {"producers": producers_approved()})


def producer_detail(request, slug: str):
    # Only approved producers have a public page; others 404 so that pending
    # applications are not discoverable by slug.
    producer = get_object_or_404(producers_approved(), slug=slug)
    return render(
        request,
        "catalog/producer_detail.html",
        {"producer": producer, "products": products_by_producer(producer=producer)},
    )


producer_urls = (
    [
        path("", producer_list, name="producer-list"),
        path("<slug:slug>/", producer_detail, name="producer-detail"),
    ],
    "producers",
)
