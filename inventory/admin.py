"""Django admin for the inventory: a window onto the data, not a way to
change stock. The ledger, balances, reservations, lots and posted receipts
are read-only here; stock changes only through inventory.services (the
staff screens in the dashboard call them)."""

from django.contrib import admin

from .models import Location, Lot, Receipt, ReceiptLine, Reservation, StockBalance, StockMovement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "kind", "role", "parent", "is_active")
    list_filter = ("kind", "role", "is_active")
    search_fields = ("code", "name_th", "name_en")

    def get_readonly_fields(self, request, obj=None):
        # Changing the role or place of a location that may hold stock would
        # change what is sellable without a ledger movement (the stock
        # records would no longer match); new bins should be added with
        # inventory.services.location_create, which gives a bin its zone's role.
        return ("kind", "role", "parent") if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        # Locations with history are protected anyway; deactivate instead.
        return False


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ("code", "product", "owner", "best_before", "received_at")
    list_filter = ("best_before",)
    search_fields = ("code", "product__title", "owner__name_th")
    raw_id_fields = ("product", "owner")


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "kind",
        "quantity",
        "product",
        "lot",
        "from_location",
        "to_location",
        "owner",
        "reference_type",
        "reference_id",
        "user",
        "reverses",
    )
    list_filter = ("kind", "reference_type", "created_at")
    search_fields = ("reference_id", "product__title", "lot__code", "reason")
    date_hierarchy = "created_at"
    list_select_related = ("product", "lot", "from_location", "to_location", "owner", "user")


@admin.register(StockBalance)
class StockBalanceAdmin(ReadOnlyAdmin):
    list_display = ("product", "location", "lot", "owner", "on_hand", "reserved", "available")
    list_filter = ("location__role",)
    search_fields = ("product__title", "location__code", "lot__code")
    list_select_related = ("product", "location", "lot", "owner")


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ("reference", "product", "location", "lot", "quantity", "status", "expires_at", "created_at")
    list_filter = ("status",)
    search_fields = ("reference",)
    list_select_related = ("product", "location", "lot")


class ReceiptLineInline(admin.TabularInline):
    model = ReceiptLine
    extra = 0
    fields = ("product", "quantity", "lot_code", "best_before", "condition", "lot")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("number", "producer", "center", "status", "created_at", "posted_at")
    list_filter = ("status",)
    inlines = [ReceiptLineInline]
