"""Oscar's partner views, with one change: deleting a partner that is still
referred to (a producer's partner record, stock records, order lines) is
refused with a message instead of Django's ProtectedError, a 500."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.apps.dashboard.partners import views as core


class PartnerDeleteView(core.PartnerDeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("%(name)s cannot be deleted: a producer, stock records or orders still refer to it.")
                % {"name": self.object.name},
            )
            return redirect("dashboard:partner-manage", pk=self.object.pk)
