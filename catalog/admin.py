from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403
from oscar.core.loading import get_model

Producer = get_model("catalogue", "Producer")
ProducerApplication = get_model("catalogue", "ProducerApplication")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
Certification = get_model("catalogue", "Certification")
AuditLog = get_model("catalogue", "AuditLog")
ImportJob = get_model("catalogue", "ImportJob")
ListingDecision = get_model("catalogue", "ListingDecision")
MemberInvitation = get_model("catalogue", "MemberInvitation")


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ("name_th", "slug", "district", "status")
    list_filter = ("status", "district")
    search_fields = ("name_th", "name_en", "slug", "otop_registration_number", "phone")


@admin.register(ProducerApplication)
class ProducerApplicationAdmin(admin.ModelAdmin):
    # Decisions go through the dashboard's review queue (emails, partner,
    # access); the admin only reads.
    list_display = ("name_th", "district", "tambon", "status", "created_at")
    list_filter = ("status", "district")
    search_fields = ("name_th", "name_en", "phone", "email", "otop_registration_number")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProducerBankAccount)
class ProducerBankAccountAdmin(admin.ModelAdmin):
    # Never the full number, not even here: only its masked form.
    list_display = ("producer", "bank", "masked_account_number", "updated_at")
    fields = ("producer", "bank", "account_name", "masked_account_number", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ("product", "kind", "number", "issuer", "expiry_date")
    list_filter = ("kind",)
    search_fields = ("number", "product__title")
    raw_id_fields = ("product",)


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("created_at", "producer", "actor_label", "by_office", "action", "object_repr")
    list_filter = ("by_office", "action")
    readonly_fields = [f.name for f in AuditLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "producer", "filename", "status", "created_count", "updated_count")
    exclude = ("content",)
    readonly_fields = (
        "producer",
        "created_by",
        "filename",
        "file_format",
        "status",
        "total_rows",
        "processed_rows",
        "errors",
        "created_count",
        "updated_count",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request):
        # Import jobs are made by the portal's upload (catalog/models/importjobs.py),
        # which stores the file and starts the task; an empty add form failed
        # in the database (issue 16).
        return False


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services (with their emails and audit log)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ListingDecision)
class ListingDecisionAdmin(_ReadOnlyAdmin):
    list_display = ("decided_at", "product", "decision", "decided_by", "emailed_at")
    list_filter = ("decision",)
    raw_id_fields = ("product",)


@admin.register(MemberInvitation)
class MemberInvitationAdmin(_ReadOnlyAdmin):
    list_display = ("created_at", "producer", "email", "account_created", "invited_by", "emailed_at")
    search_fields = ("email",)
