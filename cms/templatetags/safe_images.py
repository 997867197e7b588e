"""Wagtail's image tags, made unable to break a page.

    {% load safe_images %}
    {% picture page.hero_image format-{webp,jpeg} width-{640,1024} ... %}
    {% srcset_image ... %}  {% image ... %}  {% image_url ... %}

Same syntax and output as ``wagtailimages_tags``, with one difference: when a
rendition cannot be made, Wagtail's tags print a broken image for a missing
file and let anything else escape as a 500 (an original stored before the
intake that cannot be decoded, a damaged file in the bucket). Here the image
is left out (``as`` variables become None) and logged with its id, so an
editor can replace it (``manage.py cms_images_clean`` lists them).
"""

from __future__ import annotations

import logging

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

logger = logging.getLogger("cms.images")

register = template.Library()


class _LeftOut:
    """What a node renders when its image cannot be rendered."""

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        try:
            rendered = self.rendered(image)
        except Exception:
            logger.exception(
                "Image %s (%s) could not be rendered as %s; left out of the page",
                image.pk,
                image.title,
                " ".join(self.filter_specs),
            )
            rendered = None
        if self.output_var_name:
            context[self.output_var_name] = rendered
            return ""
        if rendered is None:
            return ""
        return self.html(rendered, {key: value.resolve(context) for key, value in self.attrs.items()})


class ImageNode(_LeftOut, wagtail_tags.ImageNode):
    def rendered(self, image):
        return image.get_rendition(self.get_filter())

    def html(self, rendition, attrs):
        return rendition.img_tag(attrs)


class SrcsetImageNode(_LeftOut, wagtail_tags.SrcsetImageNode):
    def rendered(self, image):
        return ResponsiveImage(image.get_renditions(*self.get_filters()))

    def html(self, responsive, attrs):
        responsive.attrs = attrs  # a fresh object per render
        return responsive.__html__()


class PictureNode(_LeftOut, wagtail_tags.PictureNode):
    def rendered(self, image):
        return Picture(image.get_renditions(*self.get_filters()))

    def html(self, picture, attrs):
        picture.attrs = attrs  # a fresh object per render
        return picture.__html__()


_NODES = {"image": ImageNode, "srcset_image": SrcsetImageNode, "picture": PictureNode}


def _image_tag(parser, token):
    # Wagtail's parser does the syntax checks; its node is rebuilt as ours.
    node = wagtail_tags.image(parser, token)
    return _NODES[token.split_contents()[0]](
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )


register.tag("image", _image_tag)
register.tag("srcset_image", _image_tag)
register.tag("picture", _image_tag)
register.simple_tag(wagtail_tags.image_url, name="image_url")
