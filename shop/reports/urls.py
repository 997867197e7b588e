"""/dashboard/reports/otop/: the office report, its exports, settlements,
and the producer portal's statements."""

from django.urls import path

from . import views

app_name = "otop-reports"

urlpatterns = [
    path("", views.report_dashboard, name="dashboard"),
    path("exports/", views.report_export_create, name="export-create"),
    path("exports/<int:pk>/", views.report_export_page, name="export-page"),
    path("exports/<int:pk>/status/", views.report_export_status, name="export-status"),
    path("exports/<int:pk>/download/", views.report_export_download, name="export-download"),
    path("settlements/", views.settlement_list, name="settlement-list"),
    path("settlements/batch.csv", views.settlement_batch_csv, name="settlement-batch-csv"),
    path("settlements/<int:pk>/", views.settlement_detail, name="settlement-detail"),
    path("settlements/<int:pk>/pdf/", views.settlement_pdf, name="settlement-pdf"),
    path("portal/statements/", views.portal_statement_list, name="portal-statements"),
    path("portal/statements/<int:pk>/pdf/", views.portal_statement_pdf, name="portal-statement-pdf"),
]
