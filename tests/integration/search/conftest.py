"""The search corpus (tests/integration/search/corpus.py) in the database
and in the search index."""

import copy
import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.search.services import search_index_rebuild
from tests.factories.catalog import (
    CertificationFactory,
    DistrictFactory,
    OtopProductTypeFactory,
    PartnerFactory,
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
    category_get_or_create,
)
from tests.testdb import module_transaction

from . import corpus

ProductCategory = get_model("catalogue", "ProductCategory")

CATEGORY_OF = {
    "silk": {"silk_scarf", "silk_cloth", "silk_shawl_indigo", "silk_purse"},
    "cotton": {"indigo_cotton", "indigo_shirt", "scarves_cotton", "cotton_bag"},
    "textiles": {"hemp_bag"},
    "crafts": {
        "umbrella_paper",
        "umbrella_cotton",
        "sa_paper_notebook",
        "celadon_bowl",
        "lacquer_box",
        "silver_bowl",
        "silver_earrings",
        "wood_elephant",
        "teak_tray",
        "bamboo_basket",
        "pottery_vase",
    },
    "food": {"coffee_arabica", "coffee_drip", "tea_oolong", "honey", "dried_longan", "rice", "sai_ua", "nam_phrik"},
    "herbal": {"herbal_balm", "herbal_soap"},
}


def build_corpus() -> dict:
    districts = {
        slug: DistrictFactory(code=code, slug=slug, name_th=th, name_en=en, name_zh_hans=zh)
        for slug, (code, th, en, zh) in corpus.DISTRICTS.items()
    }
    types = {
        code: OtopProductTypeFactory(code=code, name_th=th, name_en=en, name_zh_hans=zh)
        for code, (th, en, zh) in corpus.TYPES.items()
    }
    producers = {
        slug: ProducerFactory(
            partner=PartnerFactory(name=f"กลุ่มผู้ผลิต{district.name_th}"),
            slug=f"makers-{slug}",
            name_th=f"กลุ่มผู้ผลิต{district.name_th}",
            name_en=f"{district.name_en} makers",
            district=district,
        )
        for slug, district in districts.items()
    }
    textiles = category_get_or_create("textiles", "ผ้าและเครื่องแต่งกาย")
    categories = {
        "textiles": textiles,
        "silk": category_get_or_create("silk", "ผ้าไหม", parent=textiles),
        "cotton": category_get_or_create("cotton", "ผ้าฝ้าย", parent=textiles),
        "crafts": category_get_or_create("crafts", "หัตถกรรม"),
        "food": category_get_or_create("food", "อาหารและเครื่องดื่ม"),
        "herbal": category_get_or_create("herbal", "สมุนไพร"),
    }
    products = {}
    for index, row in enumerate(corpus.PRODUCTS):
        key, th, en, zh, desc_th, desc_en, type_code, district, stars, stock, price, dye = row
        product = ProductFactory(
            title=th,
            title_en=en,
            title_zh_hans=zh,
            description=desc_th,
            description_en=desc_en,
            upc=f"885{index:010d}",
            producer=producers[district],
            otop_type=types[type_code],
            origin_district=districts[district],
            otop_stars=stars,
            dye_type=dye,
            fibre="silk" if key.startswith("silk") else "",
        )
        # Spread creation dates so "newest" has a defined order.
        type(product).objects.filter(pk=product.pk).update(
            date_created=timezone.now() - datetime.timedelta(days=len(corpus.PRODUCTS) - index)
        )
        StockRecordFactory(product=product, num_in_stock=stock, num_allocated=0, price=corpus.price(row))
        for slug, keys in CATEGORY_OF.items():
            if key in keys:
                ProductCategory.objects.create(product=product, category=categories[slug])
        products[key] = product
    today = timezone.localdate()
    CertificationFactory(product=products["silk_scarf"], kind="tcps")
    CertificationFactory(product=products["honey"], kind="fda", expiry_date=today + datetime.timedelta(days=200))
    CertificationFactory(product=products["herbal_balm"], kind="fda")
    # Expired yesterday: must not count as certified.
    CertificationFactory(product=products["coffee_arabica"], kind="fda", expiry_date=today - datetime.timedelta(days=1))
    search_index_rebuild()
    return {
        "products": products,
        "districts": districts,
        "categories": categories,
        "producers": producers,
        "types": types,
    }


@pytest.fixture(scope="module")
def search_corpus_once(django_db_setup, django_db_blocker):
    """The corpus built once for a module (30 products through the factories
    and a search index rebuild), rolled back after its last test
    (tests/testdb.py); the modules that use it are in XDIST_GROUPS."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            cache.clear()  # as each test starts: nothing of the test before leaks into the build
            corpus = build_corpus()
        yield corpus


@pytest.fixture
def search_corpus(search_corpus_once, db):
    """The module's corpus, read in this test's savepoint. A copy: tests change
    and save these instances, and the next test must see them as built."""
    return copy.deepcopy(search_corpus_once)
