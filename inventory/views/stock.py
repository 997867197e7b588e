"""Stock browser and movement history (with CSV export)."""

import csv

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from oscar.core.loading import get_model

from ..forms import MovementFilterForm, StockFilterForm
from ..models import StockBalance, StockMovement
from .access import inventory_view

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _product_ids_matching(text: str):
    """Products whose title, English title, UPC or SKU matches (a subquery)."""
    text = text.strip()
    skus = StockRecord.objects.filter(partner_sku__iexact=text).values("product_id")
    return Product.objects.filter(
        Q(title__icontains=text) | Q(title_en__icontains=text) | Q(upc__iexact=text) | Q(pk__in=skus)
    ).values("pk")


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@inventory_view()
def stock_browser(request):
    form = StockFilterForm(request.GET or None)
    balances = (
        StockBalance.objects.filter(on_hand__gt=0)
        .select_related("product", "location", "lot", "owner")
        .annotate(available_units=F("on_hand") - F("reserved"))
        .order_by("product__title", "location__code", "lot__code", "pk")
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["product"]:
            balances = balances.filter(product_id__in=_product_ids_matching(data["product"]))
        if data["bin"]:
            code = data["bin"].strip()
            balances = balances.filter(Q(location__code__iexact=code) | Q(location__parent__code__iexact=code))
        if data["producer"]:
            balances = balances.filter(owner=data["producer"])
        if data["lot"]:
            balances = balances.filter(lot__code__iexact=data["lot"].strip())
    page = Paginator(balances, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inventory/stock_list.html",
        {"form": form, "page_obj": page, "query": _query_without_page(request)},
    )


def _movements(form):
    movements = StockMovement.objects.select_related(
        "product", "owner", "lot", "from_location", "to_location", "user"
    ).order_by("-created_at", "-id")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["product"]:
            movements = movements.filter(product_id__in=_product_ids_matching(data["product"]))
        if data["producer"]:
            movements = movements.filter(owner=data["producer"])
        if data["kind"]:
            movements = movements.filter(kind=data["kind"])
        if data["date_from"]:
            movements = movements.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            movements = movements.filter(created_at__date__lte=data["date_to"])
    elif form.is_bound:
        movements = movements.none()
    return movements


@inventory_view()
def movement_list(request):
    form = MovementFilterForm(request.GET or None)
    page = Paginator(_movements(form), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inventory/movement_list.html",
        {"form": form, "page_obj": page, "query": _query_without_page(request)},
    )


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = [
    "id", "time", "kind", "quantity", "product_id", "product", "upc", "producer", "lot",
    "from", "to", "reference", "user", "reason", "reverses",
]


def _csv_rows(movements):
    yield CSV_HEADER
    for m in movements.iterator(chunk_size=2000):
        yield [
            m.pk,
            timezone.localtime(m.created_at).isoformat(timespec="seconds"),
            m.kind,
            m.quantity,
            m.product_id,
            m.product.get_title(),
            m.product.upc or "",
            m.owner.name_th,
            m.lot.code,
            m.from_location.code if m.from_location else "",
            m.to_location.code if m.to_location else "",
            m.reference,
            m.user.get_username() if m.user else "",
            m.reason,
            m.reverses_id or "",
        ]


@inventory_view()
def movement_csv(request):
    form = MovementFilterForm(request.GET or None)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(_movements(form))), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="stock-movements-{stamp}.csv"'
    return response
