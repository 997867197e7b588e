"""Storefront views of the forked catalogue: the catalogue, category and
district listings and the product page. The public producer pages
(directory, profile, online OTOP registration) are catalog.producers.views.public.

Oscar 4 drives its catalogue and category pages through Haystack; these views
replace Oscar's (same URLs, templates and context names; Oscar's
get_class("catalogue.views", ...) picks them up from here) with the shared
listing of catalog.listing_selectors: filters in the URL, facet counts,
sorting and pagination. The search page (catalog.search.views) uses the same
listing.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.apps.customer.history import CustomerHistoryManager

from shop.common.page_versions import CATALOGUE, CMS, page_depends, product_version_name

from . import listing_selectors
from .fragment_cache import cards_by_version, fragment_versions
from .selectors import (
    category_get,
    district_get,
    product_page_extras,
    product_page_queryset,
    products_for_cards,
    products_recently_viewed,
)


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
        # (catalog/fragment_cache.py); the chrome's, under ``cms``: one round trip.
        fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)
        return super().get(request, *args, **kwargs)

    def send_signal(self, request, response, product):
        # Oscar's product_viewed sets the visitor's "recently viewed" cookie
        # and counts the view in its analytics. A page built for the page
        # cache is everyone's page: no cookie, no count.
        if getattr(request, "page_cache", None) is None:
            super().send_signal(request, response, product)

    def get_queryset(self):
        # With the annotations the apps above register (cms: has_stories, catalog/hooks.py).
        return product_page_queryset(user=self.request.user)

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
        # (catalog/fragment_cache.py cards_by_version): the history is per visitor.
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
        # are cached under this version (catalog/fragment_cache.py).
        self.catalogue_version = fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)[0][
            CATALOGUE
        ]
        return super().dispatch(request, *args, **kwargs)

    def listing_params(self) -> dict[str, str]:
        """Parameters every link of the page keeps (the search words)."""
        return {}

    def listing_page(self, *, ranked_ids=None) -> listing_selectors.BrowsePage:
        data = self.request.GET
        self.filters = listing_selectors.browse_filters_parse(data=data)
        self.sort = listing_selectors.sort_parse(value=data.get("sort_by"), searching=self.query is not None)
        self.page_size = listing_selectors.page_size_parse(
            value=data.get("size"), default=settings.OSCAR_PRODUCTS_PER_PAGE
        )
        return listing_selectors.browse_page(
            filters=self.filters,
            sort=self.sort,
            page=listing_selectors.page_number_parse(value=data.get("page")),
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
        if self.sort != listing_selectors.sort_parse(value=None, searching=self.query is not None):
            params["sort_by"] = self.sort
        if self.page_size != settings.OSCAR_PRODUCTS_PER_PAGE:
            params["size"] = str(self.page_size)
        params.update({k: v for k, v in extra.items() if v})
        return "?" + urlencode(params) if params else "?"

    def listing_context(self, result: listing_selectors.BrowsePage) -> dict:
        current = self.filters.params()
        for group in result.facets:
            for option in group.options:
                option.href = self._href(group.clear_params if option.selected else option.params)
            group.clear_href = self._href(group.clear_params or {})
        searching = self.query is not None
        sort_options = [
            {"key": key, "label": label, "active": key == self.sort, "href": self._href(current, sort_by=key)}
            for key, label in listing_selectors.SORTS.items()
            if searching or key != "relevance"
        ]
        size_options = [
            {"size": size, "active": size == self.page_size, "href": self._href(current, size=str(size))}
            for size in listing_selectors.PAGE_SIZES
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
        self.category = category_get(pk=self.kwargs["pk"])
        if self.category is None or not (self.category.is_public or request.user.is_staff):
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
        self.district = district_get(slug=self.kwargs["slug"])
        if self.district is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["district"] = self.district
        context["summary"] = self.district.name
        return context
