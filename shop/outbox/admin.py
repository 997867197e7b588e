"""Staff read the outbox in the Django admin (what waits, what failed and
why); only the code writes it."""

from django.contrib import admin

from .models import Heartbeat, OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("pk", "task_name", "args", "created_at", "attempts", "next_attempt_at", "sent_at")
    list_filter = (("sent_at", admin.EmptyFieldListFilter), "task_name")
    search_fields = ("task_name",)
    ordering = ("-pk",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "beat_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
