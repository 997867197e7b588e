from django.contrib import admin
from oscar.apps.payment.admin import *  # noqa: F401,F403

from .models import PaymentAttempt, StripeEvent


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    list_display = ("order_number", "attempt_no", "method", "status", "amount_satang", "needs_refund", "created_at")
    list_filter = ("method", "status", "needs_refund")
    search_fields = ("order_number", "stripe_payment_intent", "public_id")
    # The client secret lets whoever holds it confirm the payment: never shown.
    exclude = ("client_secret",)
    readonly_fields = [f.name for f in PaymentAttempt._meta.fields if f.name not in ("client_secret", "id")]


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "type", "received_at", "processed_at", "outcome")
    list_filter = ("type",)
    search_fields = ("event_id",)
    readonly_fields = ("event_id", "type", "payload", "received_at", "processed_at", "outcome")
