"""Never a dead end after "Pay" (issue #17): a checkout interrupted after
the basket was frozen resumes.

Oscar only ever loads an *open* basket, so a basket frozen for a payment
that nobody finishes (the web worker killed while Stripe was being asked,
a closed tab) vanishes for the buyer: the preview and "Pay" see an empty
basket and send them to an empty basket page, while the attempt holds their
units. ``BasketMiddleware.process_view`` runs ``checkout_resume`` before the
basket page and every checkout step:

* the buyer's frozen basket has an open payment attempt: go to its payment
  page (which creates the PaymentIntent with the interrupted call's
  idempotency key if its id was never stored). "Pay" pressed again lands
  there too, so the stock is never held twice;
* nothing is left to pay (expired, failed or cancelled, or the process
  died before the attempt was saved): the basket is thawed, with a message,
  and the page goes on with it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.signing import BadSignature, Signer
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

#: The pages that would otherwise show the frozen basket as gone.
RESUME_VIEWS = frozenset(
    {
        "basket:summary",
        "checkout:index",
        "checkout:shipping-address",
        "checkout:user-address-update",
        "checkout:shipping-method",
        "checkout:payment-method",
        "checkout:payment-details",
        "checkout:preview",
    }
)


def _guest_cookie_basket_id(request) -> int | None:
    """The basket id in a guest's signed basket cookie (Oscar deletes the
    cookie on the first response that finds the basket not open, so this
    only helps on the first request after the interruption)."""
    value = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if not value:
        return None
    try:
        return int(Signer().unsign(value))
    except (BadSignature, ValueError):
        return None


def checkout_resume(request):
    """A redirect to the open payment of the visitor's frozen basket, or
    None (after thawing a basket nothing is left to pay for)."""
    from shop.payment.selectors import checkout_interrupted
    from shop.payment.services import basket_unfreeze, payment_page_url

    user = request.user
    guest = not user.is_authenticated
    if guest and not request.session.session_key:
        return None  # a guest without a session never reached "Pay"
    submitted = get_class("checkout.utils", "CheckoutSessionData")(request).get_submitted_basket_id()
    found = checkout_interrupted(
        user=user,
        session_key=request.session.session_key,
        basket_ids=[submitted, _guest_cookie_basket_id(request) if guest else None],
    )
    if found is None:
        return None
    if found.attempt is not None:
        messages.info(
            request,
            _("Your payment for order %(number)s is not finished. Pay it here, or cancel it to change your basket.")
            % {"number": found.attempt.order_number},
        )
        return redirect(payment_page_url(found.attempt))
    current = request.basket if guest else None  # a guest's new basket, if any, is merged in
    basket = basket_unfreeze(basket_id=found.basket_id, merge_basket_ids=[getattr(current, "id", None)])
    if basket is None:
        return None
    request_basket_replace(request=request, basket=basket)
    messages.warning(
        request,
        _("Your earlier payment was not completed. Your basket is open again: check it and pay when you are ready."),
    )
    if request.method != "GET":
        # "Pay" pressed on a page that showed no basket: show the basket first.
        return redirect(request.get_full_path())
    return None


def request_basket_replace(*, request, basket) -> None:
    """Make a basket that was just thawed this request's basket, priced by
    the request's strategy with offers applied, and point a guest's basket
    cookie at it (Oscar's middleware writes the cookie of ``request.basket``
    when the old one is in ``cookies_to_delete``)."""
    Applicator = get_class("offer.applicator", "Applicator")

    def load():
        basket.strategy = request.strategy
        if not basket.is_empty:
            Applicator().apply(basket, request.user, request)
        return basket

    request._basket_cache = basket
    request.basket = SimpleLazyObject(load)
    request.basket_hash = SimpleLazyObject(lambda: Signer().sign(basket.id))
    if not request.user.is_authenticated:
        request.cookies_to_delete.append(settings.OSCAR_BASKET_COOKIE_OPEN)
        request.basket.id  # noqa: B018 - loaded now, so the response sets the cookie
