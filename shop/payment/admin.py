from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.apps.payment.admin import *

from .models import PaymentAttempt, StripeEvent
from .services import stripe_event_replay


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    list_display = ("order_number", "attempt_no", "method", "status", "amount_satang", "needs_refund", "created_at")
    list_filter = ("method", "status", "needs_refund")
    search_fields = ("order_number", "stripe_payment_intent", "public_id")
    # The client secret lets whoever holds it confirm the payment: never shown.
    exclude = ("client_secret",)
    readonly_fields = [f.name for f in PaymentAttempt._meta.fields if f.name not in ("client_secret", "id")]

    def has_add_permission(self, request):
        # Attempts are made by the payment services with Stripe; an empty add
        # form failed in the database (issue 16).
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    """Staff find failed and refused events here (filter by status), read
    the error, and replay them once the cause is fixed."""

    list_display = ("event_id", "type", "status", "tries", "retry_at", "error_short", "received_at", "outcome")
    list_filter = ("status", "type")
    search_fields = ("event_id",)
    readonly_fields = (
        "event_id",
        "type",
        "status",
        "tries",
        "retry_at",
        "error",
        "payload",
        "received_at",
        "processed_at",
        "outcome",
    )
    actions = ["replay"]

    def has_add_permission(self, request):
        # Events come from Stripe's webhook only; an empty add form failed in
        # the database (issue 16).
        return False

    @admin.display(description=_("error"))
    def error_short(self, obj: StripeEvent) -> str:
        return obj.error[:120]

    @admin.action(description=_("Process the selected events again"), permissions=["change"])
    def replay(self, request, queryset):
        outcomes = [stripe_event_replay(event_row_id=pk) for pk in queryset.values_list("pk", flat=True)]
        failed = sum(o.startswith("failed") for o in outcomes)
        self.message_user(
            request,
            ngettext("%(count)d event processed again.", "%(count)d events processed again.", len(outcomes))
            % {"count": len(outcomes)},
            messages.WARNING if failed else messages.SUCCESS,
        )
