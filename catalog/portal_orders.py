"""Producer portal: "My order lines". A producer sees its own lines of each
order (never the other producers' lines of the same order, nor the
customer's address), with the center's commission and what it is owed,
both recorded on the line at the time of sale. Another producer's line id
is a 404, like every portal object (catalog.portal_views.PortalView)."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.urls import path

from shop.order.selectors import producer_order_lines

from .portal_views import PortalView


class OrderLineListView(PortalView):
    template_name = "catalog/portal/order_lines.html"
    section = "orders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = producer_order_lines(producer=self.producer)
        totals = lines.order_by().aggregate(
            sales=Sum("line_price_incl_tax"), commission=Sum("commission_amount"), payable=Sum("producer_payable")
        )
        context["page_obj"] = Paginator(lines, 50).get_page(self.request.GET.get("page"))
        context["totals"] = {k: v or Decimal("0.00") for k, v in totals.items()}
        return context


class OrderLineDetailView(PortalView):
    template_name = "catalog/portal/order_line_detail.html"
    section = "orders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["line"] = get_object_or_404(producer_order_lines(producer=self.producer), pk=self.kwargs["line_pk"])
        return context


urlpatterns = [
    path("", OrderLineListView.as_view(), name="order-lines"),
    path("<int:line_pk>/", OrderLineDetailView.as_view(), name="order-line"),
]
