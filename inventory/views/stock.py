"""Stock browser and movement history (with CSV export)."""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..forms import MovementFilterForm, StockFilterForm
from ..selectors import balances_browse, movements_all, movements_filter
from .access import inventory_view


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@inventory_view()
def stock_browser(request):
    form = StockFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        balances = balances_browse(
            product=data["product"], bin_code=data["bin"], owner=data["producer"], lot_code=data["lot"]
        )
    else:
        balances = balances_browse()
    page = Paginator(balances, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inventory/stock_list.html",
        {"form": form, "page_obj": page, "query": _query_without_page(request)},
    )


def _movements(form):
    """The ledger as the filter form asks; nothing for a filter that does not validate."""
    movements = movements_all()
    if not form.is_bound:
        return movements
    if not form.is_valid():
        return movements.none()
    data = form.cleaned_data
    return movements_filter(
        movements=movements,
        product=data["product"],
        owner=data["producer"],
        kind=data["kind"],
        date_from=data["date_from"],
        date_to=data["date_to"],
    )


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
    "id",
    "time",
    "kind",
    "quantity",
    "product_id",
    "product",
    "upc",
    "producer",
    "lot",
    "from",
    "to",
    "reference",
    "user",
    "reason",
    "reverses",
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
