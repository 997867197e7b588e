"""The basket's lines, loaded once with everything pricing, stock, the
templates and the order lines read per line.

Oscar's ``Basket.all_lines()`` selects the product and the line's stock
record, but our strategy (shop/partner/strategy.py) reads
``product.producer`` and the product class (``track_stock``, for
availability); placing the order reads the stock record's partner, the line
attributes' options and the commission rates of the producer and the OTOP
type. Unloaded, each of those is one query per line on every basket-bearing
page and checkout step.

Oscar also forgets its loaded lines whenever the offers are reset (adding a
product, saving the basket form) and then loads them again with its own
queryset. So the loader is installed on the basket instance
(``basket_lines_prefetch``): every (re)load goes through
``basket_lines_queryset``. The basket app is not forked for this one method:
a fork would copy Oscar's twelve basket migrations and need a new entry in
every settings module that maps our forks back to Oscar's apps
(bench/oscar_reference_settings.py).
"""

from types import MethodType

from oscar.apps.basket.middleware import BasketMiddleware as CoreBasketMiddleware

from .offers import offers_exist
from .resume import RESUME_VIEWS, checkout_resume


def basket_lines_queryset(*, basket):
    """The lines of ``basket`` with what is read per line, in two queries
    (the lines with their joined rows, and the lines' options)."""
    return (
        basket.lines.select_related(
            "stockrecord",
            "stockrecord__partner",
            "product",
            "product__producer",
            "product__otop_type",
            "product__product_class",
        )
        # A variant's parent (its class, title, pictures) is prefetched, not
        # joined: no query at all when no line is a variant, and the lines
        # query stays smaller (it is built on every basket-bearing request).
        # Not loaded here: the products' stock records (the strategy prices a
        # line from the line's own stock record, shop/partner/strategy.py)
        # and images (only the pages that show them read them, all at once:
        # shop/checkout/thumbnails.py).
        .prefetch_related("attributes__option", "product__parent__product_class")
        .order_by("pk")
    )


def _all_lines(basket):
    """``Basket.all_lines()`` with our queryset, evaluated at once: Oscar's
    ``num_lines`` (``is_empty``, asked several times a request) is then the
    length of the loaded lines instead of one COUNT query each time."""
    if basket.id is None:
        return basket.lines.model.objects.none()
    if basket._lines is None:
        lines = basket_lines_queryset(basket=basket)
        len(lines)  # evaluate: later .count() and iterations use the result cache
        basket._lines = lines
    return basket._lines


def basket_lines_prefetch(*, basket) -> None:
    """Make every ``basket.all_lines()`` of this basket instance load the
    lines with ``basket_lines_queryset``, including after Oscar resets its
    offers. A basket whose lines are already loaded keeps them (offers may
    have changed them in memory)."""
    if basket is None or getattr(basket, "_otop_lines_loader", False):
        return
    basket.all_lines = MethodType(_all_lines, basket)
    basket._otop_lines_loader = True


class BasketMiddleware(CoreBasketMiddleware):
    """Oscar's basket middleware (settings.MIDDLEWARE) with the lines
    prefetched (the basket page and every checkout step read them) and the
    offers applied only when the shop has some."""

    def get_basket(self, request):
        basket = super().get_basket(request)
        basket_lines_prefetch(basket=basket)
        return basket

    def apply_offers_to_basket(self, request, basket):
        """Oscar's, skipped while the shop has no offer at all (two queries
        on every basket-bearing request otherwise: shop/checkout/offers.py)."""
        if offers_exist():
            super().apply_offers_to_basket(request, basket)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before the basket page and each checkout step: a basket frozen by
        an interrupted checkout leads back to its payment page, or is thawed
        (shop/checkout/resume.py)."""
        match = request.resolver_match
        if match is None or match.view_name not in RESUME_VIEWS:
            return None
        return checkout_resume(request)
