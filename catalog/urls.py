"""URLs of the producer portal and the office's review screens, both under
/dashboard/ (single language, like Oscar's dashboard). The public producer
pages and the registration form are ``catalog.views.producer_urls``, under
/<lang>/shop/producers/."""

from django.urls import include, path

from . import office_views, portal_views

portal_urls = (
    [
        path("", portal_views.ProductListView.as_view(), name="product-list"),
        path("act-as/", portal_views.ActAsView.as_view(), name="act-as"),
        path("products/new/", portal_views.ProductEditView.as_view(), name="product-create"),
        path("products/<int:pk>/", portal_views.ProductEditView.as_view(), name="product-edit"),
        path("products/<int:pk>/status/", portal_views.ProductTransitionView.as_view(), name="product-transition"),
        path("products/<int:pk>/images/", portal_views.ProductImagesView.as_view(), name="product-images"),
        path(
            "products/<int:pk>/images/<int:image_pk>/",
            portal_views.ProductImageEditView.as_view(),
            name="product-image-edit",
        ),
        path(
            "products/<int:pk>/images/<int:image_pk>/delete/",
            portal_views.ProductImageDeleteView.as_view(),
            name="product-image-delete",
        ),
        path(
            "products/<int:pk>/certifications/",
            portal_views.ProductCertificationsView.as_view(),
            name="product-certifications",
        ),
        path(
            "products/<int:pk>/certifications/<int:cert_pk>/delete/",
            portal_views.CertificationDeleteView.as_view(),
            name="certification-delete",
        ),
        path("bank/", portal_views.BankAccountView.as_view(), name="bank"),
        path("members/", portal_views.MembersView.as_view(), name="members"),
        path("members/<int:user_pk>/remove/", portal_views.MemberRemoveView.as_view(), name="member-remove"),
        path("activity/", portal_views.AuditLogView.as_view(), name="audit"),
        path("orders/", include("catalog.portal_orders")),
        path("import/", portal_views.ImportView.as_view(), name="import"),
        path(
            "import/template.<str:file_format>",
            portal_views.ImportTemplateView.as_view(),
            name="import-template",
        ),
        path("import/<int:pk>/", portal_views.ImportJobView.as_view(), name="import-job"),
        path("import/<int:pk>/status.json", portal_views.ImportJobStatusView.as_view(), name="import-job-status"),
    ],
    "catalog-portal",
)

office_urls = (
    [
        path("", office_views.ApplicationListView.as_view(), name="application-list"),
        path("<int:pk>/", office_views.ApplicationDetailView.as_view(), name="application-detail"),
        path("<int:pk>/approve/", office_views.ApplicationApproveView.as_view(), name="application-approve"),
        path("<int:pk>/reject/", office_views.ApplicationRejectView.as_view(), name="application-reject"),
        path("listings/", office_views.ListingListView.as_view(), name="listing-list"),
        path("listings/<int:pk>/", office_views.ListingReviewView.as_view(), name="listing-review"),
        path("directory/", office_views.ProducerListView.as_view(), name="producer-list"),
        path("directory/<int:pk>/", office_views.ProducerSettingsView.as_view(), name="producer-settings"),
        path("commission-rates/", office_views.ProductTypeRatesView.as_view(), name="product-type-rates"),
    ],
    "catalog-office",
)
