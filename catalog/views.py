"""Storefront views of the forked catalogue, and the public producer pages
(directory, profile, online OTOP registration).

Oscar 4 drives its catalogue and category pages through Haystack, and the
embedded Simple backend cannot browse without a query (the pages listed
nothing). Until the search issue brings a real index, these two views replace
Oscar's with plain ORM listings that keep Oscar's URLs, templates and context
names; Oscar's get_class("catalogue.views", ...) picks them up from here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView  # noqa: F401  (kept from Oscar)
from oscar.core.loading import get_model

from .forms import ProducerRegistrationForm
from .ratelimit import client_ip, rate_limit_hit
from .selectors import BROWSE_ORDERINGS, producers_approved, products_browse, products_by_producer
from .services.applications import ApplicationInput, producer_application_email_verify, producer_application_submit
from .viewutils import form_errors_attach

Category = get_model("catalogue", "Category")

SORT_LABELS = {"newest": _("Newest"), "stars": _("OTOP stars"), "title": _("Name")}


class CatalogueView(ListView):
    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get_ordering_key(self) -> str:
        key = self.request.GET.get("sort_by", "")
        return key if key in BROWSE_ORDERINGS else "newest"

    def get_queryset(self):
        return products_browse(ordering=self.get_ordering_key())

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # ListView's only 404 here is a page number past the end (or
            # garbage): send the visitor to page one instead.
            return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        context["sort_options"] = [
            {"key": key, "label": label, "active": key == self.get_ordering_key()}
            for key, label in SORT_LABELS.items()
        ]
        return context


class ProductCategoryView(CatalogueView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=self.kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        # Categories are fetched by pk so a renamed slug still works: redirect
        # to the canonical URL instead of serving duplicates.
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return products_browse(category=self.category, ordering=self.get_ordering_key())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


def producer_list(request):
    return render(request, "catalog/producer_list.html", {"producers": producers_approved()})


def producer_detail(request, slug: str):
    # Only approved producers have a public page; others 404 so that pending
    # applications are not discoverable by slug.
    producer = get_object_or_404(producers_approved(), slug=slug)
    return render(
        request,
        "catalog/producer_detail.html",
        {"producer": producer, "products": products_by_producer(producer=producer)},
    )


# --- Online registration ----------------------------------------------------------------

_SESSION_APPLICATION = "producer_application_id"


@never_cache
@sensitive_post_parameters("password1", "password2")
def producer_register(request):
    """The public registration form (Thai first; /en/ too). POSTs are
    rate-limited per client IP; every rule is checked by the service, and a
    rejected form writes nothing."""
    if request.method == "POST":
        if rate_limit_hit(
            scope="producer-register",
            key=client_ip(request),
            limit=settings.PRODUCER_REGISTRATION_RATE_LIMIT,
            window_seconds=settings.PRODUCER_REGISTRATION_RATE_WINDOW,
        ):
            return render(request, "catalog/register_rate_limited.html", status=429)
        form = ProducerRegistrationForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            cleaned = form.cleaned_data
            data = ApplicationInput(
                name_th=cleaned["name_th"],
                name_en=cleaned["name_en"].strip(),
                kind=cleaned["kind"],
                otop_registration_number=cleaned["otop_registration_number"].strip(),
                district=cleaned["district"],
                tambon=cleaned["tambon"],
                village=cleaned["village"].strip(),
                address=cleaned["address"].strip(),
                postcode=cleaned["postcode"],
                contact_name=cleaned["contact_name"].strip(),
                phone=cleaned["phone"],
                line_id=cleaned["line_id"].strip(),
                email=cleaned["email"],
                product_types=tuple(cleaned["product_types"]),
                story=cleaned["story"].strip(),
            )
            try:
                application = producer_application_submit(
                    data=data,
                    photos=cleaned["photos"],
                    language=get_language() or settings.LANGUAGE_CODE,
                    user=request.user if request.user.is_authenticated else None,
                    password=cleaned.get("password1", ""),
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                request.session[_SESSION_APPLICATION] = application.pk
                return redirect("producers:register-done")
    else:
        form = ProducerRegistrationForm(user=request.user)
    return render(request, "catalog/register.html", {"form": form})


def producer_register_done(request):
    if not request.session.get(_SESSION_APPLICATION):
        return redirect("producers:register")
    return render(request, "catalog/register_done.html")


@never_cache
def producer_register_verify(request, token: str):
    """The emailed link. GET only shows a button: mail scanners fetch links,
    and must not be the ones who verify the address."""
    if request.method != "POST":
        return render(request, "catalog/register_verify.html", {"token": token})
    try:
        application = producer_application_email_verify(token=token)
    except ValidationError as exc:
        return render(request, "catalog/register_verify.html", {"error": exc.messages[0]}, status=400)
    return render(request, "catalog/register_verify.html", {"verified": True, "application": application})


producer_urls = (
    [
        path("", producer_list, name="producer-list"),
        # Before <slug>: "register" must not be taken for a producer's slug.
        path("register/", producer_register, name="register"),
        path("register/thanks/", producer_register_done, name="register-done"),
        path("register/verify/<str:token>/", producer_register_verify, name="register-verify"),
        path("<slug:slug>/", producer_detail, name="producer-detail"),
    ],
    "producers",
)
