"""URLs of the producer side, included by shop/urls.py:

* ``producer_urls`` (namespace ``producers``): the public producer pages and
  the registration form, under /<lang>/shop/producers/;
* ``portal_urlpatterns`` (namespace ``catalog-portal``): the producer portal
  under /dashboard/portal/. The project's URL map adds the portal's sales
  pages (shop/order/portal_urls.py) to the same namespace, so their names stay
  ``catalog-portal:order-lines`` and ``catalog-portal:order-line``;
* ``office_urls`` (namespace ``catalog-office``): the office's review
  screens under /dashboard/producers/.

The dashboard pages are single-language, like Oscar's dashboard.
"""

from django.urls import path

from .views import office, portal, public

producer_urls = (
    [
        path("", public.producer_list, name="producer-list"),
        # Before <slug>: "register" must not be taken for a producer's slug.
        path("register/", public.producer_register, name="register"),
        path("register/thanks/", public.producer_register_done, name="register-done"),
        path("register/verify/<str:token>/", public.producer_register_verify, name="register-verify"),
        path("<slug:slug>/", public.producer_detail, name="producer-detail"),
    ],
    "producers",
)

PORTAL_NAMESPACE = "catalog-portal"

portal_urlpatterns = [
    path("", portal.ProductListView.as_view(), name="product-list"),
    path("act-as/", portal.ActAsView.as_view(), name="act-as"),
    path("products/new/", portal.ProductEditView.as_view(), name="product-create"),
    path("products/<int:pk>/", portal.ProductEditView.as_view(), name="product-edit"),
    path("products/<int:pk>/status/", portal.ProductTransitionView.as_view(), name="product-transition"),
    path("products/<int:pk>/images/", portal.ProductImagesView.as_view(), name="product-images"),
    path(
        "products/<int:pk>/images/<int:image_pk>/",
        portal.ProductImageEditView.as_view(),
        name="product-image-edit",
    ),
    path(
        "products/<int:pk>/images/<int:image_pk>/delete/",
        portal.ProductImageDeleteView.as_view(),
        name="product-image-delete",
    ),
    path(
        "products/<int:pk>/certifications/",
        portal.ProductCertificationsView.as_view(),
        name="product-certifications",
    ),
    path(
        "products/<int:pk>/certifications/<int:cert_pk>/delete/",
        portal.CertificationDeleteView.as_view(),
        name="certification-delete",
    ),
    path("bank/", portal.BankAccountView.as_view(), name="bank"),
    path("members/", portal.MembersView.as_view(), name="members"),
    path("members/<int:user_pk>/remove/", portal.MemberRemoveView.as_view(), name="member-remove"),
    path("activity/", portal.AuditLogView.as_view(), name="audit"),
    path("import/", portal.ImportView.as_view(), name="import"),
    path(
        "import/template.<str:file_format>",
        portal.ImportTemplateView.as_view(),
        name="import-template",
    ),
    path("import/<int:pk>/", portal.ImportJobView.as_view(), name="import-job"),
    path("import/<int:pk>/status.json", portal.ImportJobStatusView.as_view(), name="import-job-status"),
]

office_urls = (
    [
        path("", office.ApplicationListView.as_view(), name="application-list"),
        path("<int:pk>/", office.ApplicationDetailView.as_view(), name="application-detail"),
        path("<int:pk>/approve/", office.ApplicationApproveView.as_view(), name="application-approve"),
        path("<int:pk>/reject/", office.ApplicationRejectView.as_view(), name="application-reject"),
        path("listings/", office.ListingListView.as_view(), name="listing-list"),
        path("listings/<int:pk>/", office.ListingReviewView.as_view(), name="listing-review"),
        path("directory/", office.ProducerListView.as_view(), name="producer-list"),
        path("directory/<int:pk>/", office.ProducerSettingsView.as_view(), name="producer-settings"),
        path("commission-rates/", office.ProductTypeRatesView.as_view(), name="product-type-rates"),
    ],
    "catalog-office",
)
