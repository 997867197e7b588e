"""Storefront views of the forked catalogue, and the public producer pages
(directory, profile, online OTOP registration).

Oscar 4 drives its catalogue and category pages through Haystack; these views
replace Oscar's (same URLs, templates and context names; Oscar's
get_class("catalogue.views", ...) picks them up from here) with the shared
listing of catalog.browse: filters in the URL, facet counts, sorting and
pagination. The search page (catalog.search.views) uses the same listing.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.apps.customer.history import CustomerHistoryManager
from oscar.core.loading import get_model

from . import browse
from .forms import ProducerRegistrationForm
from .fragments import cards_by_version, fragment_versions
from shop.common.page_versions import CATALOGUE, CMS, page_depends, product_version_name
from shop.common.ratelimit import client_ip, rate_limit_hit
from .selectors import (
    product_page_extras,
    product_page_queryset,
    producers_approved,
    products_by_producer,
    products_for_cards,
    products_recently_viewed,
)
from .services.applications import ApplicationInput, producer_application_email_verify, producer_application_submit
from .viewutils import form_errors_attach

Category = get_model("catalogue", "Category")
District = get_model("catalogue", "District")
Product = get_model("catalogue", "Product")


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, read along one query path: the product with
    every row it shows joined in and EXISTS/COUNT annotations saying which
    other reads the page needs (catalog.selectors.product_page_queryset),
    its stock records and images, then one query for the categories
    (breadcrumb and digital-wallet check) and one each for the certificates,
    attributes, reviews, recommendations and stories only when the product
    has some (product_page_extras). Oscar's template tags read the same rows
    again and again (the breadcrumb's ``categories.browsable().first()``,
    the stock records per price tag, ``num_approved_reviews``, the visitor's
    review and stock alert, three queries per review to know whether the
    visitor may vote); they now find what was loaded.

    Per visitor: the header's one query (shop/common/visitor.py), the wish lists of
    a signed-in customer (one, templatetag wishlists_for_product), the
    recently viewed products of a visitor whose history cookie names some
    (none once their cards are cached, else two), and Oscar's analytics of
    the view (writes). A page built for the page cache shows none of them."""

    def get(self, request, *args, **kwargs):
        # Before the product is read (shop/common/page_versions.py). A child
        # product's URL redirects to its parent; the redirect is not stored.
        page_depends(request=request, names=[product_version_name(self.kwargs["pk"])])
        # The page's fragments (cards, the maker and stories) are stored only
        # if the catalogue version read before any row is still current
        # (catalog/fragments.py); the chrome's, under ``cms``: one round trip.
        fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)
        return super().get(request, *args, **kwargs)

    def send_signal(self, request, response, product):
        # Oscar's product_viewed sets the visitor's "recently viewed" cookie
        # and counts the view in its analytics. A page built for the page
        # cache is everyone's page: no cookie, no count.
        if getattr(request, "page_cache", None) is None:
            super().send_signal(request, response, product)

    def get_queryset(self):
        from cms.selectors import stories_exist_for_product  # cms reads the catalogue, not the other way

        return product_page_queryset(user=self.request.user).annotate(has_stories=stories_exist_for_product())

    def get_alert_status(self):
        # Loaded with the product for a signed-in visitor (Oscar: a query).
        return bool(getattr(self.object, "visitor_has_alert", False))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, product = self.request, self.object
        extras = product_page_extras(product=product, user=request.user)
        context["breadcrumb_categories"] = _breadcrumb_with_urls(extras.breadcrumb)
        context["reviews"] = extras.reviews
        context["recommended_products"] = extras.recommended
        # Nothing of the visitor (history cookie, referrer, wish lists) on a
        # page built for the page cache: it is served to everyone.
        visitor_parts = getattr(request, "page_cache", None) is None
        context["visitor_parts"] = visitor_parts
        # Their cards from the fragment cache without a query once cached
        # (catalog/fragments.py cards_by_version): the history is per visitor.
        recent = (
            products_recently_viewed(ids=CustomerHistoryManager.extract(request), exclude=product.pk)
            if visitor_parts
            else []
        )
        context["recently_viewed"] = cards_by_version(
            request=request, ids=recent, load=lambda ids: products_for_cards(ids=ids)
        )
        return context


def _breadcrumb_with_urls(categories: list) -> list:
    """Each category with ``url``: Oscar's ``get_absolute_url`` looks up the
    full slug of each category in the cache, one round trip each; the
    breadcrumb has all the ancestors at hand."""
    slugs = []
    for category in categories:
        slugs.append(category.slug)
        category.url = reverse("catalogue:category", kwargs={"category_slug": "/".join(slugs), "pk": category.pk})
    return categories


class ListingMixin:
    """Reads filters, sort, page size and page from the query string (bad
    values fall back to defaults, never an error) and puts a BrowsePage and
    its links into the context."""

    template_name = "oscar/catalogue/browse.html"
    category = None
    district = None
    query = None  # a catalog.search.engine.ParsedQuery on the search page

    def dispatch(self, request, *args, **kwargs):
        page_depends(request=request, names=[CATALOGUE])  # a listing shows any product's change
        # Before any row is read: the facets, the total and the product cards
        # are cached under this version (catalog/fragments.py).
        self.catalogue_version = fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)[0][
            CATALOGUE
        ]
        return super().dispatch(request, *args, **kwargs)

    def listing_params(self) -> dict[str, str]:
        """Parameters every link of the page keeps (the search words)."""
        return {}

    def listing_page(self, *, ranked_ids=None) -> browse.BrowsePage:
        data = self.request.GET
        self.filters = browse.browse_filters_parse(data=data)
        self.sort = browse.sort_parse(value=data.get("sort_by"), searching=self.query is not None)
        self.page_size = browse.page_size_parse(value=data.get("size"), default=settings.OSCAR_PRODUCTS_PER_PAGE)
        return browse.browse_page(
            filters=self.filters,
            sort=self.sort,
            page=browse.page_number_parse(value=data.get("page")),
            page_size=self.page_size,
            category=self.category,
            district=self.district,
            query=self.query,
            ranked_ids=ranked_ids,
            version=self.catalogue_version,
            request=self.request,
        )

    def _href(self, filter_params: dict[str, str], **extra) -> str:
        params = {**self.listing_params(), **filter_params}
        if self.sort != browse.sort_parse(value=None, searching=self.query is not None):
            params["sort_by"] = self.sort
        if self.page_size != settings.OSCAR_PRODUCTS_PER_PAGE:
            params["size"] = str(self.page_size)
        params.update({k: v for k, v in extra.items() if v})
        return "?" + urlencode(params) if params else "?"

    def listing_context(self, result: browse.BrowsePage) -> dict:
        current = self.filters.params()
        for group in result.facets:
            for option in group.options:
                option.href = self._href(group.clear_params if option.selected else option.params)
            group.clear_href = self._href(group.clear_params or {})
        searching = self.query is not None
        sort_options = [
            {"key": key, "label": label, "active": key == self.sort, "href": self._href(current, sort_by=key)}
            for key, label in browse.SORTS.items()
            if searching or key != "relevance"
        ]
        size_options = [
            {"size": size, "active": size == self.page_size, "href": self._href(current, size=str(size))}
            for size in browse.PAGE_SIZES
        ]
        active_filters = [
            {"group": group.label, "label": option.label, "href": option.href}
            for group in result.facets
            for option in group.options
            if option.selected
        ]
        return {
            "products": result.products,
            "page_obj": result,
            "paginator": result,
            "is_paginated": result.has_other_pages(),
            "facets": result.facets,
            "sort_options": sort_options,
            "page_size_options": size_options,
            "active_filters": active_filters,
            # The number on the phone's "Filter" button: one per removable chip.
            "active_filter_count": len(active_filters),
            "clear_filters_href": self._href({}),
            "listing_params": self.listing_params(),
        }


class CatalogueView(ListingMixin, TemplateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.listing_context(self.listing_page()))
        context["summary"] = _("All products")
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
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(self.category.get_absolute_url() + (f"?{query}" if query else ""))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.display_name
        return context


class DistrictProductsView(CatalogueView):
    """The products of one district (its products' district of origin, else
    their producer's), with the same filters."""

    template_name = "catalog/browse/district.html"

    def get(self, request, *args, **kwargs):
        self.district = get_object_or_404(District, slug=self.kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["district"] = self.district
        context["summary"] = self.district.name
        return context


def producer_list(request):
    page_depends(request=request, names=[CATALOGUE])
    return render(request, "catalog/producer_list.html", {"producers": producers_approved()})


def producer_detail(request, slug: str):
    # Only approved producers have a public page; others 404 so that pending
    # applications are not discoverable by slug.
    page_depends(request=request, names=[CATALOGUE])
    fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)  # its product cards, the chrome
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
