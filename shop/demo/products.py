"""Demo categories, products, their pictures and their stock."""

from __future__ import annotations

from dataclasses import dataclass

from oscar.core.loading import get_model

from catalog.services import product_class_get_otop, product_create, product_image_add
from inventory.selectors import center_get_default

from .data.categories import CATEGORY_TREE
from .images import render_picture
from .plan import ProductSpec, product_plan
from .stock import PendingDelivery, deliveries_post, seed_stock_record

Category = get_model("catalogue", "Category")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class ProductsResult:
    created: int
    existing: int
    images_created: int
    stock_created: int


def seed_categories() -> dict[str, Category]:
    """Create the category tree (see data/categories.py for the naming
    choice); categories are found by slug under their parent."""
    found: dict[str, Category] = {}

    def ensure(parent, slug, name, name_zh):
        siblings = Category.get_root_nodes() if parent is None else parent.get_children()
        category = siblings.filter(slug=slug).first()
        name_th, name_en = name.split(" · ", 1)
        if category is None:
            fields = dict(name=name_th, name_en=name_en, name_zh_hans=name_zh, slug=slug, is_public=True)
            category = Category.add_root(**fields) if parent is None else parent.add_child(**fields)
        found[slug] = category
        return category

    for slug, name, name_zh, children in CATEGORY_TREE:
        root = ensure(None, slug, name, name_zh)
        for child_slug, child_name, child_zh, _grandchildren in children:
            ensure(root, child_slug, child_name, child_zh)
    return found


def seed_products(*, count: int) -> ProductsResult:
    """Create the first `count` products of the plan that do not exist yet
    (matched by UPC), each with one picture and one stock record; products
    that exist only get what they are missing."""
    plan = product_plan(count)
    categories = seed_categories()
    product_class = product_class_get_otop()
    center = center_get_default()
    producers = {p.slug: p for p in Producer.objects.select_related("partner", "district")}
    types = {t.code: t for t in OtopProductType.objects.all()}

    existing = dict(Product.objects.filter(upc__in=[s.upc for s in plan]).values_list("upc", "pk"))
    with_image = set(ProductImage.objects.filter(product_id__in=existing.values()).values_list("product_id", flat=True))
    with_stock = set(StockRecord.objects.filter(product_id__in=existing.values()).values_list("product_id", flat=True))

    created = images = stock = 0
    deliveries: list[PendingDelivery] = []
    for spec in plan:
        producer = producers[spec.producer_slug]
        pk = existing.get(spec.upc)
        if pk is not None and pk in with_image and pk in with_stock:
            continue  # the common re-run case: nothing to do, no query
        if pk is None:
            product = _create_product(spec, producer, types, categories, product_class)
            created += 1
        else:
            product = Product.objects.get(pk=pk)
        if product.pk not in with_image:
            product_image_add(
                product=product,
                content=render_picture(motif=spec.motif, colour=spec.colour, seed=int(spec.upc), label=spec.title_en),
                filename=f"{spec.upc}.jpg",
                caption=spec.title_en,
                display_order=0,
            )
            images += 1
        if product.pk not in with_stock:
            _record, made = seed_stock_record(product=product, partner=producer.partner, sku=spec.sku, price=spec.price)
            if made:
                deliveries.append(PendingDelivery(product=product, producer=producer, quantity=spec.quantity))
            stock += int(made)
    # Units arrive only for stock records created now, so a re-run never
    # receives the same delivery twice.
    deliveries_post(deliveries=deliveries, center=center)
    return ProductsResult(created=created, existing=len(existing), images_created=images, stock_created=stock)


def _create_product(spec: ProductSpec, producer, types, categories, product_class):
    return product_create(
        title=spec.title,
        title_en=spec.title_en,
        title_zh_hans=spec.title_zh_hans,
        description=spec.description,
        description_en=spec.description_en,
        description_zh_hans=spec.description_zh_hans,
        product_class=product_class,
        producer=producer,
        otop_type=types[spec.otop_type],
        origin_district=producer.district,
        otop_stars=spec.otop_stars,
        otop_star_year=spec.otop_star_year,
        upc=spec.upc,
        categories=[categories[spec.category]],
        is_public=True,
    )
