"""Producers, products, pictures and stock for the benchmark shop.

Producers and products are made by the catalogue services (producer_create,
product_create: the same checks as the portal and imports); stock arrives
the way real stock does, one posted goods received note per producer with
all its products as lines, put away by the inventory services (the demo's
``deliveries_post``). Two shortcuts keep 10,000 products within minutes:
pictures are a dozen small generated JPEGs shared by all products (one
ProductImage row each, no file per product), and the empty stock records
are inserted in bulk before the receipts fill them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model

from catalog.producers.services import producer_create
from catalog.services import product_class_get_otop, product_create
from inventory.selectors import center_get_default
from shop.demo.data.producers import PRODUCERS
from shop.demo.images import render_picture
from shop.demo.plan import product_spec
from shop.demo.products import seed_categories
from shop.demo.stock import LOW_STOCK_THRESHOLD, PendingDelivery, deliveries_post

from .plan import ProducerSpec, producer_plan, product_producer_number

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

SHARED_PICTURES = 12  # distinct JPEG files for all products
PICTURE_SIZE = (480, 480)
TEMPLATE_INDEX = {p["slug"]: i for i, p in enumerate(PRODUCERS)}


@dataclass(frozen=True)
class CatalogueResult:
    products_created: int
    images_created: int
    units_received: int


def producers_seed(*, count: int) -> dict[int, Producer]:
    """The planned producers (created if missing), by 1-based number."""
    plan = producer_plan(count=count)
    existing = {p.slug: p for p in Producer.objects.select_related("partner").filter(slug__in=[s.slug for s in plan])}
    districts = list(District.objects.order_by("code"))
    by_code = {d.code: d for d in districts}
    made: dict[int, Producer] = {}
    for spec in plan:
        producer = existing.get(spec.slug) or _producer_create(spec, districts=districts, by_code=by_code)
        made[spec.number] = producer
    return made


def _producer_create(spec: ProducerSpec, *, districts, by_code) -> Producer:
    data = PRODUCERS[spec.template]
    district = by_code[data["district"]] if spec.district_index < 0 else districts[spec.district_index % len(districts)]
    copy = f" {spec.number}" if spec.number > len(PRODUCERS) else ""
    return producer_create(
        slug=spec.slug,
        name_th=data["name_th"] + copy,
        name_en=data["name_en"] + copy,
        kind=data["kind"],
        status=Producer.Status.APPROVED,
        otop_registration_number=f"OTOP-{district.code}-{spec.number:03d}",
        district=district,
        tambon=data["tambon"],
        village=data["village"],
        address=f"{data['village']} ต.{data['tambon']} อ.{district.name_th} จ.เชียงใหม่",
        contact_name=data["contact"],
        phone=data["phone"],
        email=f"{spec.slug}@producers.bench.otop",
        line_id=data["line"],
        story_th=data["story_th"],
        story_en=data["story_en"],
    )


def shared_pictures(*, count: int = SHARED_PICTURES) -> list[str]:
    """Storage names of a few small product pictures, drawn once."""
    motifs = ["weave", "umbrella", "pottery", "lacquer", "basket", "food"]
    names = []
    for n in range(count):
        name = f"images/products/bench/bench-{n:02d}.jpg"
        if not default_storage.exists(name):
            data = render_picture(
                motif=motifs[n % len(motifs)], colour=None, seed=9000 + n, size=PICTURE_SIZE, quality=75
            )
            name = default_storage.save(name, ContentFile(data))
        names.append(name)
    return names


def products_seed(*, count: int, producers: dict[int, Producer], progress=None) -> CatalogueResult:
    """The first `count` products of the demo plan, owned by the planned
    producers, each with a shared picture and a stock record; units arrive
    through one posted receipt per producer."""
    categories = seed_categories()
    product_class = product_class_get_otop()
    types = {t.code: t for t in OtopProductType.objects.all()}
    specs = [product_spec(i) for i in range(count)]
    existing = dict(Product.objects.filter(upc__in=[s.upc for s in specs]).values_list("upc", "pk"))
    created = 0
    products: list[tuple[int, object, Producer]] = []  # (index, product, producer)
    for spec in specs:
        number = product_producer_number(
            product_index=spec.index, producer_count=len(producers), template_of_spec=TEMPLATE_INDEX[spec.producer_slug]
        )
        producer = producers[number]
        pk = existing.get(spec.upc)
        if pk is None:
            product = product_create(
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
            created += 1
            if progress and created % 500 == 0:
                progress(f"{created} products")
        else:
            product = Product(pk=pk, producer=producer)
        products.append((spec.index, product, producer))
    images = _images_attach(products=products)
    units = _stock_receive(products=products, specs=specs)
    return CatalogueResult(products_created=created, images_created=images, units_received=units)


def _images_attach(*, products) -> int:
    names = shared_pictures()
    have = set(
        ProductImage.objects.filter(product_id__in=[p.pk for _i, p, _r in products]).values_list(
            "product_id", flat=True
        )
    )
    rows = [
        ProductImage(product_id=product.pk, original=names[index % len(names)], caption="", display_order=0)
        for index, product, _producer in products
        if product.pk not in have
    ]
    ProductImage.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _stock_receive(*, products, specs) -> int:
    """Empty stock records in bulk (units never arrive that way), then the
    deliveries through the inventory services, for new records only."""
    have = set(
        StockRecord.objects.filter(product_id__in=[p.pk for _i, p, _r in products]).values_list("product_id", flat=True)
    )
    records = []
    deliveries = []
    for index, product, producer in products:
        if product.pk in have:
            continue
        spec = specs[index]
        records.append(
            StockRecord(
                partner_id=producer.partner_id,
                product_id=product.pk,
                partner_sku=spec.sku,
                price=spec.price,
                price_currency="THB",
                num_in_stock=0,
                low_stock_threshold=LOW_STOCK_THRESHOLD,
            )
        )
        if spec.quantity > 0:
            deliveries.append(PendingDelivery(product=product, producer=producer, quantity=spec.quantity))
    StockRecord.objects.bulk_create(records, batch_size=2000)
    # receipt_post checks ownership on the product, so hand it full products.
    full = Product.objects.in_bulk([d.product.pk for d in deliveries])
    deliveries = [
        PendingDelivery(product=full[d.product.pk], producer=d.producer, quantity=d.quantity) for d in deliveries
    ]
    return deliveries_post(deliveries=deliveries, center=center_get_default())
