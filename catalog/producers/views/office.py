"""The office's review screens in the dashboard: /dashboard/producers/.

* Registrations: the queue of pending applications, approve or reject
  (with a reason, emailed to the applicant in their language).
* Listings: products waiting for review, publish or reject (with a comment
  the producer reads in the portal and gets by email).
* Producers: the list of producers, each producer's settings (center
  commission rate, language of its emails) and the commission rate of each
  OTOP product type. Rate changes are audit-logged.

Only office staff (catalog.producers.selectors.user_is_office /
user_can_review_applications); everyone else gets the login page or 403.
"""

from __future__ import annotations

from django.conf import settings
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

from ...selectors import product_passport
from ..forms import (
    ApplicationRejectForm,
    DecisionForm,
    ProducerSettingsForm,
    ProductTypeRatesForm,
    form_errors_attach,
    rate_to_percent,
)
from ..selectors import (
    applications_for_review,
    commission_rate_changes_for_types,
    otop_product_types_for_rates,
    producer_settings_history,
    producers_for_office,
    product_certifications,
    product_images,
    product_stock_record,
    product_types_of_producer,
    products_awaiting_review,
    products_for_listing_review,
    user_can_review_applications,
    user_can_set_commission_rates,
    user_is_office,
)
from ..services.applications import producer_application_approve, producer_application_reject
from ..services.commission import otop_product_type_commission_rates_set, producer_settings_set
from ..services.products import product_listing_actions, product_listing_transition

ProducerApplication = get_model("catalogue", "ProducerApplication")


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
        return get_object_or_404(products_for_listing_review(), pk=self.kwargs["pk"])

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
                    {
                        "publish": _("Published: the product is in the shop."),
                        "reject": _("Rejected; the producer sees your comment in the portal."),
                        "archive": _("Archived."),
                    }[action],
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
            images=product_images(product=product),
            certifications=product_certifications(product=product),
            actions=product_listing_actions(product=product, user=self.request.user),
        )
        return context


# --- Producers and commission rates ------------------------------------------------------------


class ProducerListView(OfficeView):
    template_name = "catalog/office/producer_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        page = Paginator(producers_for_office(query=query), 50).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            query=query,
            can_edit=user_can_set_commission_rates(self.request.user),
            default_percent=rate_to_percent(settings.OTOP_DEFAULT_COMMISSION_RATE),
        )
        return context


class ProducerSettingsView(OfficeView):
    """The office's edit screen of one producer: commission rate and the
    language of its emails."""

    template_name = "catalog/office/producer_settings.html"
    permission_check = staticmethod(user_can_set_commission_rates)

    def get_producer(self):
        return get_object_or_404(producers_for_office(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.producer = self.get_producer()
        form = ProducerSettingsForm(
            initial={
                "commission_percent": rate_to_percent(self.producer.commission_rate),
                "language": self.producer.language,
            }
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.producer = self.get_producer()
        form = ProducerSettingsForm(request.POST)
        if form.is_valid():
            try:
                producer_settings_set(
                    producer=self.producer,
                    actor=request.user,
                    commission_rate=form.to_rate(),
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(request, _("Saved. The new rate applies to sales from now on."))
                return redirect("catalog-office:producer-settings", pk=self.producer.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            producer=self.producer,
            default_percent=rate_to_percent(settings.OTOP_DEFAULT_COMMISSION_RATE),
            type_rates=[
                (t, rate_to_percent(t.commission_rate)) for t in product_types_of_producer(producer=self.producer)
            ],
            history=producer_settings_history(producer=self.producer),
        )
        return context


class ProductTypeRatesView(OfficeView):
    template_name = "catalog/office/product_type_rates.html"
    permission_check = staticmethod(user_can_set_commission_rates)

    def get(self, request, *args, **kwargs):
        form = ProductTypeRatesForm(product_types=otop_product_types_for_rates())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ProductTypeRatesForm(request.POST, product_types=otop_product_types_for_rates())
        if form.is_valid():
            try:
                changed = otop_product_type_commission_rates_set(actor=request.user, rates=form.to_rates())
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(request, _("Saved: %(n)d rate(s) changed.") % {"n": changed})
                return redirect("catalog-office:product-type-rates")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            default_percent=rate_to_percent(settings.OTOP_DEFAULT_COMMISSION_RATE),
            history=commission_rate_changes_for_types(),
        )
        return context
