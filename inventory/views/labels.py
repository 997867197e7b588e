"""Label sheets as PDF responses."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_class

from shop.common.email_links import site_url

from ..document_selectors import receipt_label_lines
from ..forms import BinLabelForm
from ..labels import ProductLabel, bin_labels_pdf, product_labels_pdf
from ..selectors import bins_active, products_by_id, receipts_with_people
from .access import inventory_view

Selector = get_class("partner.strategy", "Selector")

MAX_LABELS = 24 * 20


def _id(value: str) -> int | None:
    """A database id from the query string, or None. ASCII digits only, at
    most 18 of them: "²" passes str.isdigit() but not int(), and int() refuses
    over 4,300 digits; both were 500s before (hostile-input sweep, issue 16)."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _product_label(strategy, product, *, not_for_sale: bool = False, lot: str = "") -> ProductLabel:
    if not_for_sale:
        # A damaged unit in quarantine: a warning, no price and no codes a
        # till could scan to sell it.
        return ProductLabel(title=product.get_title(), price=None, code="", url="", not_for_sale=True, lot=lot)
    info = strategy.fetch_for_product(product)
    price = info.price.incl_tax if info.price and info.price.exists else None
    sku = info.stockrecord.partner_sku if info.stockrecord else ""
    return ProductLabel(
        title=product.get_title(),
        price=price,
        code=product.upc or sku or "",
        # SITE_URL, not the request's host: a printed label outlives the
        # request, and staff may reach the dashboard by an internal name.
        url=site_url(product.get_absolute_url()),
    )


@inventory_view()
def product_labels(request):
    """?product=<id>&product=<id>…&copies=n, or ?receipt=<id> (one label per
    unit received; units received damaged get a not-for-sale label)."""
    strategy = Selector().strategy(request=request, user=request.user)
    wanted: list[tuple[object, int, bool, str]] = []
    if request.GET.get("receipt"):
        receipt_id = _id(request.GET["receipt"])
        if receipt_id is None:
            raise Http404
        wanted = receipt_label_lines(receipt=get_object_or_404(receipts_with_people(), pk=receipt_id))
    else:
        try:
            copies = max(1, min(int(request.GET.get("copies", 1)), MAX_LABELS))
        except ValueError:
            copies = 1
        ids = [i for i in map(_id, request.GET.getlist("product")) if i is not None]
        products = products_by_id(ids=ids)
        wanted = [(products[i], copies, False, "") for i in ids if i in products]
    labels = []
    for product, copies, not_for_sale, lot in wanted:
        label = _product_label(strategy, product, not_for_sale=not_for_sale, lot=lot)
        labels.extend([label] * copies)
    return _pdf(product_labels_pdf(labels[:MAX_LABELS]), "product-labels.pdf")


@inventory_view()
def bin_labels(request):
    """All active bins, or those of ?zone=<id>."""
    form = BinLabelForm(request.GET or None)
    zone = form.cleaned_data["zone"] if form.is_bound and form.is_valid() else None
    bins = bins_active(zone=zone)
    return _pdf(bin_labels_pdf(bins.values_list("code", flat=True)[:MAX_LABELS]), "bin-labels.pdf")
