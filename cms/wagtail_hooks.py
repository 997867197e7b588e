from wagtail import hooks

from .choosers import district_chooser_viewset, producer_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


@hooks.register("register_admin_viewset")
def register_district_chooser():
    return district_chooser_viewset
