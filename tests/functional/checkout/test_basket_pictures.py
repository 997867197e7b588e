"""The basket page shows every line's picture from the project's one image
pipeline (shop/common/thumbnails.py), the lines saved for later too: the
thumbnail rendition (WebP and JPEG) when it is built, else the clean
original, never a thumbnail made while the customer waits."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from tests.factories.catalog import ProductImageFactory, UserFactory
from tests.factories.order import basket_for, stocked_product

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def _rendered(image):
    """Mark ``image``'s renditions as built (the files are not needed to render)."""
    image.renditions = {
        name: {"webp": f"images/renditions/{image.pk}/{name}.webp", "jpeg": f"images/renditions/{image.pk}/{name}.jpg",
               "width": side, "height": side}
        for name, side in (("thumbnail", 200), ("card", 480), ("zoom", 1600))
    }  # fmt: skip
    image.renditions_ready = True
    image.save()
    return image


def test_basket_and_saved_lines_show_the_rendition_or_the_original():
    customer = UserFactory(email="noi@example.com")
    in_basket, saved_for_later, saved_rendered = (stocked_product(quantity=3) for _n in range(3))
    original = ProductImageFactory(product=in_basket)
    saved_original = ProductImageFactory(product=saved_for_later)
    rendered = _rendered(ProductImageFactory(product=saved_rendered))
    basket_for(lines=[(in_basket, 1)], owner=customer)
    saved = Basket.objects.create(owner=customer, status=Basket.SAVED)
    saved.strategy = Selector().strategy(user=customer)
    saved.add_product(saved_for_later, 1)
    saved.add_product(saved_rendered, 1)
    client = Client()
    client.force_login(customer, backend="oscar.apps.customer.auth_backends.EmailBackend")

    html = client.get(reverse("basket:summary")).content.decode()

    assert original.original.url in html
    assert saved_original.original.url in html
    assert f"images/renditions/{rendered.pk}/thumbnail.webp" in html
    assert f"images/renditions/{rendered.pk}/thumbnail.jpg" in html
    assert "/cache/" not in html  # no thumbnail store of a second pipeline
