"""Placeholder values for block previews in the admin's block picker.

Callables, evaluated when an editor opens the preview, so they can use
whatever the database holds (the demo's images and products) and fall back
to an empty value, which every block template renders gracefully.
"""

from oscar.core.loading import get_model


def _image():
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").first()


def image_value():
    return {
        "image": _image(),
        "alt_text": "Silk threads drying in the sun",
        "caption": "Silk dyed with lac and indigo, San Kamphaeng",
        "credit": "OTOP Chiang Mai",
    }


def gallery_value():
    from wagtail.images import get_image_model

    images = list(get_image_model().objects.order_by("pk")[:3])
    return {
        "title": "At the loom",
        "images": [{"image": image, "alt_text": image.title, "caption": "", "credit": ""} for image in images],
    }


def products_value():
    from .selectors import products_preview_ids

    Product = get_model("catalogue", "Product")
    return {"heading": "Shop the story", "products": list(Product.objects.filter(pk__in=products_preview_ids()))}


def producer_value():
    Producer = get_model("catalogue", "Producer")
    return {"producer": Producer.objects.select_related("district").order_by("pk").first(), "note": ""}


def district_value():
    District = get_model("catalogue", "District")
    return {"district": District.objects.filter(code="5013").first() or District.objects.first(), "note": ""}
