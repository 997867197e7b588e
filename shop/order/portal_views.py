"""Producer portal: "My sales". A producer sees its own lines of each
order (never the other producers' lines of the same order, nor the
customer's address), with the center's commission and what it is owed,
both recorded on the line at the time of sale, and its goods sold at the
center's counter as soon as the sale is posted, marked as counter sales
(shop.order.selectors.producer_sales). Another producer's line id is a 404,
like every portal object (catalog.producers.views.portal.PortalView).

These pages are the orders' (they read order lines), so they live above the
catalogue that owns the portal; shop/urls.py puts their URLs
(shop/order/portal_urls.py) in the portal's namespace."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from catalog.producers.views.portal import PortalView
from shop.order.selectors import producer_order_lines, producer_sales


class OrderLineListView(PortalView):
    template_name = "catalog/portal/order_lines.html"
    section = "orders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sales = producer_sales(producer=self.producer)
        context["page_obj"] = Paginator(sales, 50).get_page(self.request.GET.get("page"))
        context["totals"] = sales.totals()
        return context


class OrderLineDetailView(PortalView):
    template_name = "catalog/portal/order_line_detail.html"
    section = "orders"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["line"] = get_object_or_404(producer_order_lines(producer=self.producer), pk=self.kwargs["line_pk"])
        return context
