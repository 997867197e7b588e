"""The producer portal's stock pages (/dashboard/portal/stock/): a producer's
members, or office staff acting for it, see its goods at the center, their
movements (filter, CSV) and its goods received notes (printable).

Isolation is the portal's own: ``catalog.producers.views.portal.PortalView`` resolves
``self.producer`` (the member's producer, or the one the office acts for)
and every query here starts from it, so another producer's receipt id is
simply not found (404). Read-only: nothing here writes.
"""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from catalog.producers.views.portal import PortalView

from ..forms import PortalMovementFilterForm
from ..selectors import (
    STOCK_GROUPINGS,
    movements_filter,
    movements_for_owner,
    receipt_lines,
    receipts_for_producer,
    stock_summary_for_owner,
)


class _StockPortalView(PortalView):
    section = "stock"
    stock_tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stock_tab"] = self.stock_tab
        return context


class PortalStockView(_StockPortalView):
    template_name = "inventory/portal/stock.html"
    stock_tab = "stock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by = self.request.GET.get("by", "product")
        by = by if by in STOCK_GROUPINGS else "product"
        rows = stock_summary_for_owner(owner=self.producer, by=by)
        page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        context.update(by=by, page_obj=page, query=f"by={by}")
        return context


def _portal_movements(view):
    form = PortalMovementFilterForm(view.request.GET or None)
    movements = movements_for_owner(owner=view.producer)
    if form.is_bound:
        if not form.is_valid():
            return form, movements.none()
        data = form.cleaned_data
        movements = movements_filter(
            movements=movements,
            product=data["product"],
            kind=data["kind"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    return form, movements


class PortalMovementListView(_StockPortalView):
    template_name = "inventory/portal/movements.html"
    stock_tab = "movements"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, movements = _portal_movements(self)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=Paginator(movements, 50).get_page(self.request.GET.get("page")),
            query=query.urlencode(),
        )
        return context


class _Echo:
    def write(self, value):
        return value


PORTAL_CSV_HEADER = [
    "time",
    "kind",
    "quantity",
    "product",
    "upc",
    "lot",
    "best_before",
    "from",
    "to",
    "reference",
    "reason",
]


def _portal_csv_rows(movements):
    yield PORTAL_CSV_HEADER
    for m in movements.iterator(chunk_size=2000):
        yield [
            timezone.localtime(m.created_at).isoformat(timespec="seconds"),
            m.kind,
            m.quantity,
            m.product.get_title(),
            m.product.upc or "",
            m.lot.code,
            m.lot.best_before.isoformat() if m.lot.best_before else "",
            m.from_location.code if m.from_location else "",
            m.to_location.code if m.to_location else "",
            m.reference,
            m.reason,
        ]


class PortalMovementCsvView(_StockPortalView):
    def get(self, request, *args, **kwargs):
        _form, movements = _portal_movements(self)
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in _portal_csv_rows(movements)), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="stock-movements-{self.producer.slug}-{stamp}.csv"'
        return response


class PortalReceiptListView(_StockPortalView):
    template_name = "inventory/portal/receipt_list.html"
    stock_tab = "receipts"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        receipts = receipts_for_producer(producer=self.producer)
        context["page_obj"] = Paginator(receipts, 25).get_page(self.request.GET.get("page"))
        return context


class PortalReceiptDetailView(_StockPortalView):
    """The printable goods received note, found through the producer: another
    producer's receipt id is a 404."""

    template_name = "inventory/portal/receipt_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        receipt = get_object_or_404(receipts_for_producer(producer=self.producer), pk=self.kwargs["pk"])
        context.update(receipt=receipt, lines=receipt_lines(receipt=receipt))
        return context
