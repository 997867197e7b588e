"""The producer portal: /dashboard/portal/, in the Oscar dashboard's style.

Isolation: every view resolves ``self.producer`` once, through
``catalog.producers.selectors.producer_for_user`` (a member's own producer,
or the one an office user chose to act for), and every object is then looked
up *through* that producer (``products_for_producer``, the product's own
images and certifications, ``import_jobs_for_producer``). Another producer's
id is therefore simply not found: 404, never 403, so ids do not leak.
Changes go through catalog.producers.services, which write the audit log.

Other apps add pages to the portal by subclassing ``PortalView`` (the stock
pages, inventory/views/portal.py; the sales pages, shop/order/portal_views.py;
the producer's statements, shop/reports/views.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from ..forms import (
    BankAccountForm,
    CertificationForm,
    ImportUploadForm,
    MemberAddForm,
    ProductForm,
    ProductImageEditForm,
    ProductImageUploadForm,
    form_errors_attach,
)
from ..selectors import (
    audit_log_for_producer,
    import_jobs_for_producer,
    producer_bank_account,
    producer_for_user,
    producer_member_get,
    producer_members,
    producers_for_user,
    producers_to_act_for,
    product_certifications,
    product_images,
    product_stock_record,
    products_for_producer,
    user_is_office,
)
from ..services.certifications import certification_add, certification_delete
from ..services.images import product_image_delete, product_image_update, product_image_upload
from ..services.imports import import_job_create, import_template_build
from ..services.members import producer_member_add, producer_member_remove
from ..services.producers import producer_bank_account_set
from ..services.products import product_listing_actions, product_listing_transition, product_portal_save

Product = get_model("catalogue", "Product")

SESSION_PRODUCER = "portal_producer_id"
MEMBER_ACTIONS = ("submit", "withdraw", "archive", "restore")


@method_decorator(never_cache, name="dispatch")
class PortalView(TemplateView):
    """Base of every portal page: login, then the producer, then the page."""

    section = "products"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        self.is_office = user_is_office(request.user)
        self.producer = producer_for_user(user=request.user, producer_id=request.session.get(SESSION_PRODUCER))
        if self.producer is None:
            if self.is_office or producers_for_user(user=request.user).exists():
                return redirect("catalog-portal:act-as")
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    # Every product, image and certification is found through these.
    def get_product(self) -> Product:
        return get_object_or_404(products_for_producer(producer=self.producer), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            producer=self.producer,
            is_office=self.is_office,
            section=self.section,
            # Whether this user's edits of a published product go back to review.
            review_on_edit=getattr(settings, "PRODUCT_REVIEW_ON_EDIT", True) and not self.is_office,
        )
        return context


# --- Acting for a producer --------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class ActAsView(TemplateView):
    """Office staff choose the producer they act for (and members of several
    producers choose which one). Only producers the user may manage are
    listed, and only those can be chosen: any other id is a 404."""

    template_name = "catalog/portal/act_as.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        self.allowed = producers_for_user(user=request.user)
        if not user_is_office(request.user) and not self.allowed.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            producer_id = int(request.POST.get("producer", ""))
        except ValueError:
            raise Http404 from None
        producer = get_object_or_404(self.allowed, pk=producer_id)
        request.session[SESSION_PRODUCER] = producer.pk
        messages.info(request, _("You are now working for %(name)s.") % {"name": producer.name_th})
        return redirect("catalog-portal:product-list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        context.update(
            producers=producers_to_act_for(user=self.request.user, query=query),
            query=query,
            current=self.request.session.get(SESSION_PRODUCER),
            is_office=user_is_office(self.request.user),
        )
        return context


# --- Products -----------------------------------------------------------------------------------


class ProductListView(PortalView):
    template_name = "catalog/portal/product_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        products = products_for_producer(producer=self.producer, status=status)
        page = Paginator(products, 25).get_page(self.request.GET.get("page"))
        rows = [
            {
                "product": p,
                "record": product_stock_record(product=p),
                "actions": product_listing_actions(product=p, user=self.request.user),
            }
            for p in page.object_list
        ]
        context.update(page_obj=page, rows=rows, status=status, statuses=Product.ListingStatus.choices)
        return context


class ProductEditView(PortalView):
    """Create (no pk) or edit one of the producer's products."""

    template_name = "catalog/portal/product_form.html"

    def get_object(self):
        return self.get_product() if "pk" in self.kwargs else None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        initial = ProductForm.initial_for(self.object) if self.object else {"origin_district": self.producer.district}
        form = ProductForm(initial=initial, default_district=self.producer.district)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ProductForm(request.POST, default_district=self.producer.district)
        if form.is_valid():
            was_published = self.object is not None and self.object.listing_status == Product.ListingStatus.PUBLISHED
            try:
                product = product_portal_save(
                    producer=self.producer, actor=request.user, data=form.to_input(), product=self.object
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                if self.object is None:
                    messages.success(request, _("Draft saved. Add photos, then submit it for review."))
                    return redirect("catalog-portal:product-images", pk=product.pk)
                if was_published and product.listing_status == Product.ListingStatus.SUBMITTED:
                    messages.warning(
                        request,
                        _(
                            "Saved. The changes need the office's review: the product is hidden from the shop until it is published again."
                        ),
                    )
                else:
                    messages.success(request, _("Saved."))
                return redirect("catalog-portal:product-edit", pk=product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product"] = self.object
        if self.object is not None:
            context["actions"] = product_listing_actions(product=self.object, user=self.request.user)
        return context


class ProductTransitionView(PortalView):
    """POST: submit, withdraw, archive or restore a listing. Publishing and
    rejecting are the office's, on its own review screen."""

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        action = request.POST.get("action", "")
        if action not in MEMBER_ACTIONS:
            messages.error(request, _("Only office staff publish or reject listings."))
            return redirect("catalog-portal:product-edit", pk=product.pk)
        try:
            product_listing_transition(product=product, actor=request.user, action=action)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                {
                    "submit": _("Sent to the office for review."),
                    "withdraw": _("Taken back: the listing is a draft again."),
                    "archive": _("Archived: the product is no longer shown in the shop."),
                    "restore": _("Restored as a draft."),
                }[action],
            )
        return redirect("catalog-portal:product-edit", pk=product.pk)


# --- Images -------------------------------------------------------------------------------------


class ProductImagesView(PortalView):
    template_name = "catalog/portal/product_images.html"

    def get(self, request, *args, **kwargs):
        self.product = self.get_product()
        return self.render_to_response(self.get_context_data(form=ProductImageUploadForm()))

    def post(self, request, *args, **kwargs):
        self.product = self.get_product()
        form = ProductImageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                product_image_upload(
                    product=self.product,
                    actor=request.user,
                    upload=form.cleaned_data["image"],
                    alt_text=form.cleaned_data["alt_text"],
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(request, _("Photo added. Its smaller versions are being prepared."))
                return redirect("catalog-portal:product-images", pk=self.product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        images = list(product_images(product=self.product))
        context.update(
            product=self.product,
            images=[
                (
                    image,
                    ProductImageEditForm(
                        initial={"alt_text": image.alt_text, "position": index + 1}, prefix=f"img{image.pk}"
                    ),
                )
                for index, image in enumerate(images)
            ],
        )
        return context


class ProductImageEditView(PortalView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        image = get_object_or_404(product_images(product=product), pk=self.kwargs["image_pk"])
        form = ProductImageEditForm(request.POST, prefix=f"img{image.pk}")
        if form.is_valid():
            try:
                product_image_update(
                    image=image,
                    actor=request.user,
                    alt_text=form.cleaned_data["alt_text"],
                    display_order=form.cleaned_data["position"] - 1,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Photo updated."))
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("catalog-portal:product-images", pk=product.pk)


class ProductImageDeleteView(PortalView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        image = get_object_or_404(product_images(product=product), pk=self.kwargs["image_pk"])
        product_image_delete(image=image, actor=request.user)
        messages.success(request, _("Photo removed."))
        return redirect("catalog-portal:product-images", pk=product.pk)


# --- Certifications --------------------------------------------------------------------------------


class ProductCertificationsView(PortalView):
    template_name = "catalog/portal/product_certifications.html"

    def get(self, request, *args, **kwargs):
        self.product = self.get_product()
        return self.render_to_response(self.get_context_data(form=CertificationForm()))

    def post(self, request, *args, **kwargs):
        self.product = self.get_product()
        form = CertificationForm(request.POST, request.FILES)
        if form.is_valid():
            was_published = self.product.listing_status == Product.ListingStatus.PUBLISHED
            try:
                certification = certification_add(
                    product=self.product,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    number=form.cleaned_data["number"],
                    issuer=form.cleaned_data["issuer"],
                    expiry_date=form.cleaned_data["expiry_date"],
                    document=form.cleaned_data["document"],
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                # The service's own copy of the product, as it left it (back to review or not).
                if was_published and certification.product.listing_status != Product.ListingStatus.PUBLISHED:
                    messages.warning(request, _("Certification added. The product goes back to the office for review."))
                else:
                    messages.success(request, _("Certification added."))
                return redirect("catalog-portal:product-certifications", pk=self.product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(product=self.product, certifications=product_certifications(product=self.product))
        return context


class CertificationDeleteView(PortalView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        certification = get_object_or_404(product_certifications(product=product), pk=self.kwargs["cert_pk"])
        certification_delete(certification=certification, actor=request.user)
        messages.success(request, _("Certification removed."))
        return redirect("catalog-portal:product-certifications", pk=product.pk)


# --- Bank details, audit log -------------------------------------------------------------------------


class BankAccountView(PortalView):
    template_name = "catalog/portal/bank.html"
    section = "bank"

    def _account(self):
        return producer_bank_account(producer=self.producer)

    def get(self, request, *args, **kwargs):
        account = self._account()
        initial = {"bank": account.bank, "account_name": account.account_name} if account else {}
        return self.render_to_response(
            self.get_context_data(form=BankAccountForm(initial=initial, account=account), account=account)
        )

    def post(self, request, *args, **kwargs):
        account = self._account()
        form = BankAccountForm(request.POST, account=account)
        if form.is_valid():
            try:
                producer_bank_account_set(
                    producer=self.producer,
                    actor=request.user,
                    bank=form.cleaned_data["bank"],
                    account_name=form.cleaned_data["account_name"],
                    account_number=form.cleaned_data["account_number"],
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(request, _("Bank details saved."))
                return redirect("catalog-portal:bank")
        return self.render_to_response(self.get_context_data(form=form, account=account), status=400)


class AuditLogView(PortalView):
    template_name = "catalog/portal/audit.html"
    section = "audit"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(audit_log_for_producer(producer=self.producer), 50).get_page(
            self.request.GET.get("page")
        )
        return context


# --- Members -----------------------------------------------------------------------------------------


class MembersView(PortalView):
    """The producer's members: list, add by email. Removing is a POST to
    MemberRemoveView. Members and the office acting for the producer may
    both do it; the audit log tells which."""

    template_name = "catalog/portal/members.html"
    section = "members"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=MemberAddForm()))

    def post(self, request, *args, **kwargs):
        form = MemberAddForm(request.POST)
        if form.is_valid():
            try:
                invitation = producer_member_add(
                    producer=self.producer, actor=request.user, email=form.cleaned_data["email"]
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                messages.success(
                    request,
                    (
                        _("%(email)s is now a member; we emailed a link to choose a password.")
                        if invitation.account_created
                        else _("%(email)s is now a member; we emailed them.")
                    )
                    % {"email": invitation.email},
                )
                return redirect("catalog-portal:members")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = producer_members(producer=self.producer)
        context.update(rows=rows, can_remove=len(rows) > 1)
        return context


class MemberRemoveView(PortalView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        member = producer_member_get(producer=self.producer, user_id=self.kwargs["user_pk"])
        if member is None:
            raise Http404
        try:
            producer_member_remove(producer=self.producer, actor=request.user, user=member)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("catalog-portal:members")
        if member.pk == request.user.pk:
            # Whoever removed themselves has no access to this producer any more.
            request.session.pop(SESSION_PRODUCER, None)
            messages.success(request, _("You left %(name)s.") % {"name": self.producer.name_th})
            return redirect("dashboard:index")
        messages.success(request, _("%(email)s is no longer a member.") % {"email": member.email})
        return redirect("catalog-portal:members")


# --- Bulk import ---------------------------------------------------------------------------------------


class ImportView(PortalView):
    template_name = "catalog/portal/import.html"
    section = "import"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportUploadForm()))

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_job_create(producer=self.producer, actor=request.user, upload=form.cleaned_data["file"])
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                return redirect("catalog-portal:import-job", pk=job.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = import_jobs_for_producer(producer=self.producer)[:10]
        return context


class ImportTemplateView(PortalView):
    def get(self, request, *args, **kwargs):
        file_format = self.kwargs["file_format"]
        if file_format not in ("csv", "xlsx"):
            raise Http404
        content = import_template_build(file_format=file_format)
        content_type = (
            "text/csv; charset=utf-8"
            if file_format == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="otop-products-template.{file_format}"'
        return response


class ImportJobView(PortalView):
    template_name = "catalog/portal/import_job.html"
    section = "import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = get_object_or_404(import_jobs_for_producer(producer=self.producer), pk=self.kwargs["pk"])
        return context


class ImportJobStatusView(PortalView):
    """The JSON the progress bar polls."""

    def get(self, request, *args, **kwargs):
        job = get_object_or_404(import_jobs_for_producer(producer=self.producer), pk=self.kwargs["pk"])
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "finished": job.is_finished,
                "percent": job.progress_percent,
                "processed_rows": job.processed_rows,
                "total_rows": job.total_rows,
                "created": job.created_count,
                "updated": job.updated_count,
                "errors": job.errors[:500],
            }
        )
