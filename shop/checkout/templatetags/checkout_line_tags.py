from django import template

from shop.checkout.thumbnails import line_images_attach

register = template.Library()


@register.simple_tag
def line_images(lines, box=100) -> str:
    """Resolve the pictures of all basket or order ``lines`` before the loop
    that shows them (one query for all lines' images instead of one per line,
    shop/checkout/thumbnails.py); each line's product gets ``line_image``."""
    line_images_attach([line.product for line in lines], box=int(box))
    return ""
