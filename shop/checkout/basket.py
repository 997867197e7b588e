"""The basket's lines, loaded once with everything pricing, stock and the
order lines read per line.

Oscar's ``Basket.all_lines()`` selects the product and the line's stock
record, but our strategy (shop/partner/strategy.py) picks the producer's
stock record from ``product.stockrecords`` and reads ``product.producer``;
placing the order reads the product class (``track_stock``) and the
commission rates of the producer and the OTOP type. Unprefetched, each of
those is one query per line on every basket-bearing page and checkout step.
"""

from oscar.apps.basket.middleware import BasketMiddleware as CoreBasketMiddleware

from .resume import RESUME_VIEWS, checkout_resume


def basket_lines_prefetch(*, basket) -> None:
    """Make ``basket.all_lines()`` load the lines with their products'
    producer, OTOP type, class, stock records and images in a fixed number
    of queries. Call before the lines are first read (a basket whose lines
    are already loaded keeps them: offers may have changed them)."""
    if basket.id is None or basket._lines is not None:
        return
    basket._lines = (
        basket.lines.select_related(
            "stockrecord",
            "product",
            "product__producer",
            "product__otop_type",
            "product__product_class",
            "product__parent",
            "product__parent__product_class",
        )
        .prefetch_related("attributes", "product__images", "product__stockrecords")
        .order_by("pk")
    )


class BasketMiddleware(CoreBasketMiddleware):
    """Oscar's basket middleware (settings.MIDDLEWARE) with the lines
    prefetched: the header's basket summary, the basket page and every
    checkout step read them."""

    def get_basket(self, request):
        basket = super().get_basket(request)
        basket_lines_prefetch(basket=basket)
        return basket

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before the basket page and each checkout step: a basket frozen by
        an interrupted checkout leads back to its payment page, or is thawed
        (shop/checkout/resume.py)."""
        match = request.resolver_match
        if match is None or match.view_name not in RESUME_VIEWS:
            return None
        return checkout_resume(request)
