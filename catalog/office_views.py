"""The office's review screens in the dashboard: /dashboard/producers/.

* Registrations: the queue of pending applications, approve or reject
  (with a reason, emailed to the applicant in their language).
* Listings: products waiting for review, publish or reject (with a comment
  the producer reads in the portal).

Only office staff (catalog.selectors.user_is_office /
user_can_review_applications); everyone else gets the login page or 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from .forms import ApplicationRejectForm, DecisionForm
from .selectors import (
    applications_for_review,
    product_passport,
    product_stock_record,
    products_awaiting_review,
    user_can_review_applications,
    user_is_office,
)
from .services.applications import producer_application_approve, producer_application_reject
from .services.products import product_listing_actions, product_listing_transition
from .viewutils import form_errors_attach

ProducerApplication = get_model("catalogue", "ProducerApplication")
Product = get_model("catalogue", "Product")


@method_decorator(never_cache, name="dispatch")
class OfficeView(TemplateView):
    permission_check = staticmethod(user_is_office)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if not self.permission_check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Registrations ----------------------------------------------------------------------------


class ApplicationListView(OfficeView):
    template_name = "catalog/office/application_list.html"
    permission_check = staticmethod(user_can_review_applications)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", ProducerApplication.Status.PENDING)
        if status not in ProducerApplication.Status.values:
            status = ProducerApplication.Status.PENDING
        page = Paginator(applications_for_review(status=status), 25).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, status=status, statuses=ProducerApplication.Status.choices)
        return context


class ApplicationDetailView(OfficeView):
    template_name = "catalog/office/application_detail.html"
    permission_check = staticmethod(user_can_review_applications)

    def get_application(self):
        return get_object_or_404(applications_for_review(status=None), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(reject_form=ApplicationRejectForm()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.get_application()
        return context


class ApplicationApproveView(ApplicationDetailView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        try:
            producer = producer_application_approve(application=application, decided_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("catalog-office:application-detail", pk=application.pk)
        messages.success(
            request,
            _("Approved: %(name)s is now a producer, and %(email)s can use the producer portal.")
            % {"name": producer.name_th, "email": application.email},
        )
        return redirect("catalog-office:application-list")


class ApplicationRejectView(ApplicationDetailView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        form = ApplicationRejectForm(request.POST)
        if form.is_valid():
            try:
                producer_application_reject(
                    application=application, decided_by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(request, _("Rejected; the applicant is emailed the reason."))
                return redirect("catalog-office:application-list")
        return self.render_to_response(self.get_context_data(reject_form=form), status=400)


# --- Listings ------------------------------------------------------------------------------------


class ListingListView(OfficeView):
    template_name = "catalog/office/listing_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(products_awaiting_review(), 25).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            rows=[{"product": p, "record": product_stock_record(product=p)} for p in page.object_list],
        )
        return context


class ListingReviewView(OfficeView):
    template_name = "catalog/office/listing_review.html"

    def get_product(self):
        return get_object_or_404(
            Product.objects.filter(producer__isnull=False).select_related("producer", "otop_type", "origin_district"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=DecisionForm()))

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        form = DecisionForm(request.POST)
        action = request.POST.get("action", "")
        if form.is_valid() and action in ("publish", "reject", "archive"):
            try:
                product_listing_transition(
                    product=product, actor=request.user, action=action, comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(
                    request,
                    {"publish": _("Published: the product is in the shop."),
                     "reject": _("Rejected; the producer sees your comment in the portal."),
                     "archive": _("Archived.")}[action],
                )
                return redirect("catalog-office:listing-list")
        elif form.is_valid():
            form.add_error(None, _("Choose publish or reject."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.get_product()
        context.update(
            product=product,
            passport=product_passport(product=product),
            record=product_stock_record(product=product),
            images=product.images.all(),
            certifications=product.certifications.all(),
            actions=product_listing_actions(product=product, user=self.request.user),
        )
        return context
