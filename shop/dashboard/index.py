"""The dashboard's home page (/dashboard/). Office and center staff get
Oscar's shop statistics; a producer member (not staff) is sent to its
producer portal, which is what it came for: Oscar's page would show it an
English "Your Store Statistics" with its partner's order counts. The
dashboard login lands here, so this is also where a producer arrives after
logging in."""

from django.shortcuts import redirect
from oscar.apps.dashboard.views import IndexView as OscarIndexView

from catalog.producers.selectors import user_lands_on_portal


class IndexView(OscarIndexView):
    def dispatch(self, request, *args, **kwargs):
        if user_lands_on_portal(request.user):
            return redirect("catalog-portal:product-list")
        return super().dispatch(request, *args, **kwargs)
