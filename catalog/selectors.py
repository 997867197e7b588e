"""Reads of the catalogue: product cards, the product page and its passport,
categories, districts and tambons, approved producers as the storefront shows
them. The producer side's reads (portal, office) are in
``catalog.producers.selectors``; the storefront listings with their facets in
``catalog.listing_selectors``.

Every list here loads images, stock records and producers with a fixed number
of queries, whatever the number of products shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from . import hooks, thai_address
from .ordering import PRODUCT_ORDERINGS

Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
District = get_model("catalogue", "District")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _products_for_cards() -> QuerySet:
    """What a card shows: the joined rows, Oscar's has_*_options annotations
    (else each card's add-to-basket form queries for options) and the stock
    records (the price and availability, and the key of the card's cached
    fragment). Oscar's base_queryset also prefetched the children, the
    options (which the form never reads through the prefetch) and the
    images: the cards that are not in the fragment cache load their images
    themselves (catalog/fragment_cache.py), a parent's card its public children."""
    Option = get_model("catalogue", "Option")
    return (
        Product.objects.browsable()
        .select_related("product_class", "producer", "producer__district", "otop_type", "origin_district")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related("stockrecords")
    )


# Sort keys offered on listing pages; the first is the default.
def products_browse(*, category=None, ordering: str = "newest") -> QuerySet:
    """Public, canonical products for the catalogue and category pages,
    optionally limited to a category and its descendants."""
    qs = _products_for_cards()
    if category is not None:
        qs = qs.filter(categories__in=category.get_descendants_and_self()).distinct()
    return qs.order_by(*PRODUCT_ORDERINGS.get(ordering, PRODUCT_ORDERINGS["newest"]))


def products_featured(*, limit: int = 8) -> QuerySet:
    """Best-rated in-stock products first (unrated last): what the home page
    shows. A semi-join (EXISTS) rather than a join and DISTINCT, and in the
    order of the partial index product_browsable_stars, so PostgreSQL walks
    the index and stops after ``limit`` products in stock instead of sorting
    the whole catalogue (65 ms at 10,000 products before)."""
    in_stock = StockRecord.objects.filter(product=OuterRef("pk"), num_in_stock__gt=0)
    return _products_for_cards().filter(Exists(in_stock)).order_by(*PRODUCT_ORDERINGS["stars"])[:limit]


def products_by_producer(*, producer, limit: int | None = None) -> QuerySet:
    qs = _products_for_cards().filter(producer=producer).order_by("-otop_stars", "title")
    return qs[:limit] if limit else qs


def producers_approved() -> QuerySet:
    return Producer.objects.filter(status=Producer.Status.APPROVED).select_related("district")


def category_get(*, pk: int):
    """A category by its pk (public or not: the view decides who sees it), or None."""
    return Category.objects.filter(pk=pk).first()


def district_get(*, slug: str):
    return District.objects.filter(slug=slug).first()


# --- Digital wallet ----------------------------------------------------------------------


def category_slugs_with_ancestors(categories) -> set[str]:
    slugs: set[str] = set()
    for category in categories:
        slugs.add(category.slug)
        slugs.update(category.get_ancestors().values_list("slug", flat=True))
    return slugs


def categories_excluded_from_digital_wallet(categories) -> list:
    """The categories among ``categories`` the digital-wallet scheme excludes
    (settings.DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS, matched on the category
    or any of its ancestors)."""
    excluded = set(getattr(settings, "DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS", ()))
    if not excluded:
        return []
    return [c for c in categories if category_slugs_with_ancestors([c]) & excluded]


def product_is_digital_wallet_eligible(*, product) -> bool:
    """The flag, double-checked against the excluded categories (a category
    may be moved under an excluded one after the product was saved)."""
    if not product.digital_wallet_eligible:
        return False
    excluded = getattr(product, "_wallet_excluded", None)  # the product page read its categories (product_page_extras)
    if excluded is not None:
        return not excluded
    return not categories_excluded_from_digital_wallet(list(product.categories.all()))


# --- The product passport -----------------------------------------------------------------


@dataclass
class ProductPassport:
    product: object
    stars: int | None
    star_year: int | None
    otop_type: object | None
    district: object | None
    tambon_name: str
    producer: object | None
    certifications: list = field(default_factory=list)
    fibre: str = ""
    dye_type: str = ""
    dye_source: str = ""
    weaving_technique: str = ""
    digital_wallet_eligible: bool = False
    not_shippable_abroad: bool = False

    @property
    def is_textile(self) -> bool:
        return bool(self.fibre or self.dye_type or self.weaving_technique)


def certifications_valid(*, product) -> QuerySet:
    """Certifications that have not expired (Bangkok date)."""
    today = timezone.localdate()
    return Certification.objects.filter(product=product).filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))


def product_passport(*, product) -> ProductPassport:
    """Everything the passport panel shows, in the visitor's language."""
    district = product.origin_district or (product.producer.district if product.producer_id else None)
    tambon_name = ""
    if product.origin_tambon and district is not None:
        found = thai_address.tambon_get(tambon=product.origin_tambon, district=district.code, province="50")
        tambon_name = found[0].name if found else product.origin_tambon
    return ProductPassport(
        product=product,
        stars=product.otop_stars,
        star_year=product.otop_star_year,
        otop_type=product.otop_type,
        district=district,
        tambon_name=tambon_name,
        producer=product.producer if product.producer_id else None,
        # The product page loaded them with the product (product_page_extras).
        certifications=(
            product._valid_certifications
            if hasattr(product, "_valid_certifications")
            else list(certifications_valid(product=product))
        ),
        fibre=product.get_fibre_display() if product.fibre else "",
        dye_type=product.get_dye_type_display() if product.dye_type else "",
        dye_source=product.get_dye_source_plant_display() if product.dye_source_plant else "",
        weaving_technique=product.get_weaving_technique_display() if product.weaving_technique else "",
        digital_wallet_eligible=product_is_digital_wallet_eligible(product=product),
        not_shippable_abroad=product.not_shippable_abroad,
    )


def _tambon_choice(tambon) -> tuple[str, str]:
    # The value is the Thai name (what is stored); the label is in the
    # visitor's language, with the Thai name beside an English one.
    return tambon.name_th, tambon.name if tambon.name == tambon.name_th else f"{tambon.name} ({tambon.name_th})"


def tambon_choices_chiang_mai() -> list[tuple[str, list[tuple[str, str]]]]:
    """Chiang Mai's tambons grouped by district, for a <select> with
    optgroups: [(district name, [(tambon Thai name, label), ...]), ...]."""
    province = thai_address.province_by_code(thai_address.CHIANG_MAI_PROVINCE_CODE)
    return [(district.name, [_tambon_choice(t) for t in district.tambons]) for district in province.districts]


def tambon_choices_for_district(*, district_code: str) -> list[tuple[str, str]]:
    """The tambons of one district, for a <select> once the district is known."""
    return [_tambon_choice(t) for t in thai_address.tambons(district_code=district_code)]


def tambon_choices_by_district() -> dict[str, list[tuple[str, str]]]:
    """Each district's tambons by the District row's pk (the value of the
    district <select>), for the script that narrows the tambon list in the
    browser. One query."""
    return {
        str(pk): tambon_choices_for_district(district_code=code)
        for pk, code in District.objects.order_by("code").values_list("pk", "code")
    }


# --- The product page ---------------------------------------------------------------------


def product_cards_queryset() -> QuerySet:
    """Products with what a card shows (``_products_for_cards``), for the
    cards of listings (catalog/listing_selectors.py) and of the product page
    (recommended, recently viewed)."""
    return _products_for_cards()


def product_page_queryset(*, user=None) -> QuerySet:
    """The product of the product page in one query, with every row it shows
    joined in and, as EXISTS/COUNT annotations, which of the page's other
    reads are needed at all (``product_page_extras``): most products have no
    certificate, attribute or recommendation, and then the page does not ask.
    With a signed-in ``user``, whether they reviewed the product or wait for
    it to be back in stock (Oscar asks each with a query of its own). The
    apps above the catalogue add their own annotations through
    ``catalog.hooks.product_page_annotation_register`` (cms: whether any story
    shows the product)."""
    Option = get_model("catalogue", "Option")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    ProductRecommendation = get_model("catalogue", "ProductRecommendation")
    ProductReview = get_model("reviews", "ProductReview")
    today = timezone.localdate()
    reviews = ProductReview.objects.filter(product=OuterRef("pk"), status=ProductReview.APPROVED)
    queryset = (
        # Not the parent: a variant's page reads it (and its class) on its
        # own; two joins fewer halve the planning of the most frequent query.
        Product.objects.select_related(
            "product_class", "producer", "producer__district", "otop_type", "origin_district"
        )
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            approved_review_count=Coalesce(
                Subquery(reviews.order_by().values("product").annotate(n=Count("pk")).values("n")[:1]), 0
            ),
            has_valid_certifications=Exists(
                Certification.objects.filter(product=OuterRef("pk")).filter(
                    Q(expiry_date__isnull=True) | Q(expiry_date__gte=today)
                )
            ),
            has_attribute_values=Exists(ProductAttributeValue.objects.filter(product=OuterRef("pk"))),
            has_recommendations=Exists(ProductRecommendation.objects.filter(primary=OuterRef("pk"))),
            **{name: build() for name, build in hooks.product_page_annotations().items()},
        )
        .prefetch_related("stockrecords", "images")
    )
    if user is not None and user.is_authenticated:
        ProductAlert = get_model("customer", "ProductAlert")
        queryset = queryset.annotate(
            visitor_has_review=Exists(ProductReview.objects.filter(product=OuterRef("pk"), user=user)),
            visitor_has_alert=Exists(
                ProductAlert.objects.filter(product=OuterRef("pk"), user=user, status=ProductAlert.ACTIVE)
            ),
        )
    return queryset


@dataclass
class ProductPageExtras:
    breadcrumb: list = field(default_factory=list)  # the first public category and its ancestors
    reviews: list = field(default_factory=list)  # the three shown, best voted first
    recommended: list = field(default_factory=list)


def _categories_with_ancestors(*, product) -> list:
    """The product's categories and all their ancestors, in one query, each
    marked ``own`` if the product is in it."""
    ProductCategory = get_model("catalogue", "ProductCategory")
    return list(
        Category.objects.filter(
            Exists(ProductCategory.objects.filter(product=product, category__path__startswith=OuterRef("path")))
        )
        .annotate(own=Exists(ProductCategory.objects.filter(product=product, category=OuterRef("pk"))))
        .order_by("path")
    )


def product_page_extras(*, product, user=None) -> ProductPageExtras:
    """What the product page shows beyond the product and its stock records
    and images, for a product from ``product_page_queryset``: one query for
    the categories (the breadcrumb and the digital-wallet check), and one
    each for the certificates, attributes, reviews and recommendations only
    when there are some. The results are put where the templates and
    selectors look for them (Oscar's ``_prefetched_*`` attributes, the
    passport's certificates), so nothing is read twice."""
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    ProductReview = get_model("reviews", "ProductReview")
    extras = ProductPageExtras()
    product.num_approved_reviews = product.approved_review_count  # Oscar's cached_property, without its COUNT
    if user is not None and user.is_authenticated:
        product._visitor_review = (user.pk, product.visitor_has_review)
    product._valid_certifications = (
        list(certifications_valid(product=product)) if product.has_valid_certifications else []
    )
    if product.is_child:
        # Variants: Oscar's own reads (the parent's categories, attributes
        # merged with the parent's).
        category = product.get_categories().first()
        extras.breadcrumb = list(category.get_ancestors_and_self()) if category else []
        return extras

    categories = _categories_with_ancestors(product=product)
    own = [c for c in categories if c.own]
    first = next((c for c in own if c.is_public and c.ancestors_are_public), None)
    if first is not None:
        extras.breadcrumb = [c for c in categories if first.path.startswith(c.path)]
    excluded = set(getattr(settings, "DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS", ()))
    product._wallet_excluded = any(
        c.slug in excluded for c in categories if any(o.path.startswith(c.path) for o in own)
    )

    product._prefetched_attribute_values = (
        list(
            ProductAttributeValue.objects.filter(product=product)
            .select_related("attribute", "value_option", "value_option__group")
            .prefetch_related("value_multi_option")
        )
        if product.has_attribute_values
        else []
    )
    if product.approved_review_count:
        reviews = ProductReview.objects.filter(product=product, status=ProductReview.APPROVED).select_related("user")
        if user is not None and user.is_authenticated:
            Vote = get_model("reviews", "Vote")
            reviews = reviews.annotate(visitor_voted=Exists(Vote.objects.filter(review=OuterRef("pk"), user=user)))
        extras.reviews = list(reviews[:3])
        for review in extras.reviews:
            review.product = product
            # Oscar's may_vote runs full_clean() per review (three queries).
            review.visitor_may_vote = bool(
                user is not None and user.is_authenticated and review.user_id != user.pk and not review.visitor_voted
            )
    if product.has_recommendations:
        ProductRecommendation = get_model("catalogue", "ProductRecommendation")
        ranking = ProductRecommendation.objects.filter(primary=product, recommendation=OuterRef("pk")).values("ranking")
        extras.recommended = list(
            product_cards_queryset()
            .filter(Exists(ProductRecommendation.objects.filter(primary=product, recommendation=OuterRef("pk"))))
            .annotate(ranking=Subquery(ranking[:1]))
            .order_by("-ranking", "pk")[:6]
        )
    return extras


def products_recently_viewed(*, ids: list[int], exclude: int | None = None, limit: int = 6) -> list[int]:
    """The ids of the recently viewed products to show, most recent first,
    from Oscar's history cookie (most recent last)."""
    wanted = []
    for pk in reversed(ids):
        if isinstance(pk, int) and pk != exclude and pk not in wanted:
            wanted.append(pk)
    return wanted[:limit]


def products_for_cards(*, ids: list[int]) -> list:
    """The public products among ``ids``, loaded for their cards."""
    return list(product_cards_queryset().filter(pk__in=ids)) if ids else []
