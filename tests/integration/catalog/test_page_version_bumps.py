"""Writes that change what a storefront page shows bump the page versions
(shop/common/page_versions.py), so the page cache (shop/common/pagecache.py) builds the
page again on the next request: the writes that send no ``post_save``
(a service's ``QuerySet.update()``), and models whose own change the product
receivers used to miss. The pages themselves are tested in
tests/functional/shop/test_page_cache.py."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from oscar.core.loading import get_model
from taggit.models import Tag
from wagtail.documents import get_document_model

from catalog.services.images import product_image_renditions_build
from shop.common.page_versions import CATALOGUE, CMS, REFERENCE, page_versions_read, product_version_name
from tests.factories.catalog import (
    ProductClassFactory,
    ProductFactory,
    ProductImageFactory,
    StockRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")
ProductReview = get_model("reviews", "ProductReview")


def token(name: str) -> str:
    return page_versions_read(names=[name])[name]


def test_renditions_built_by_the_task_make_the_product_page_stale(product_a):
    image = ProductImageFactory(product=product_a)
    before = token(product_version_name(product_a.pk))

    assert product_image_renditions_build(image_id=image.pk) is True

    assert token(product_version_name(product_a.pk)) != before


def test_a_cached_product_page_shows_its_photo_once_the_renditions_are_built(client, home_page, published_a):
    image = ProductImageFactory(product=published_a, alt_text="Indigo hem")
    with translation.override("en"):
        url = published_a.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    product_image_renditions_build(image_id=image.pk)

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert f"renditions/{image.pk}/zoom.webp" in response.content.decode()


def test_deleting_a_variant_makes_its_parents_page_stale(db):
    parent = ProductFactory(structure="parent", product_class=ProductClassFactory())
    child = ProductFactory(structure="child", parent=parent, product_class=None, producer=parent.producer)
    before = token(product_version_name(parent.pk))

    child.delete()  # no stock record or image: the product row is the first one deleted

    assert token(product_version_name(parent.pk)) != before


def test_a_recommendation_added_on_its_own_makes_the_primarys_page_stale(db):
    primary, recommended = ProductFactory(), ProductFactory()
    StockRecordFactory(product=recommended)
    before = token(product_version_name(primary.pk))

    ProductRecommendation.objects.create(primary=primary, recommendation=recommended, ranking=1)

    assert token(product_version_name(primary.pk)) != before


def test_a_cached_product_page_shows_a_recommendation_added_on_its_own(client, home_page):
    primary, recommended = ProductFactory(title_en="Mudmee scarf"), ProductFactory(title_en="Bo Sang umbrella")
    StockRecordFactory(product=primary)
    StockRecordFactory(product=recommended)
    with translation.override("en"):
        url = primary.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    ProductRecommendation.objects.create(primary=primary, recommendation=recommended, ranking=1)

    assert "Bo Sang umbrella" in client.get(url).content.decode()


def test_a_reviewer_who_changes_their_name_makes_the_reviewed_products_page_stale(db):
    product = ProductFactory()
    reviewer = UserFactory(first_name="Somchai")
    ProductReview.objects.create(product=product, user=reviewer, score=5, title="Soft", body="Soft silk.", status=1)
    before = token(product_version_name(product.pk))

    reviewer.first_name = "Somsak"
    reviewer.save()

    assert token(product_version_name(product.pk)) != before


def test_a_sign_in_or_a_user_without_reviews_makes_no_page_stale(client, db):
    reviewer, other = UserFactory(), UserFactory()
    product = ProductFactory()
    ProductReview.objects.create(product=product, user=reviewer, score=5, title="Soft", body="Soft silk.", status=1)
    before = page_versions_read(names=[CATALOGUE, product_version_name(product.pk)])

    client.force_login(reviewer)  # saves last_login only
    other.first_name = "Malee"
    other.save()

    assert page_versions_read(names=[CATALOGUE, product_version_name(product.pk)]) == before


@pytest.mark.parametrize("model", ["attribute", "option"])
def test_renaming_a_product_attribute_or_option_makes_every_page_stale(db, model):
    group = AttributeOptionGroup.objects.create(name="Dye")
    attribute = ProductAttribute.objects.create(
        product_class=ProductClassFactory(), name="Dye", code="dye", type="option", option_group=group
    )
    option = AttributeOption.objects.create(group=group, option="Indigo")
    before = token(REFERENCE)

    row = attribute if model == "attribute" else option
    if model == "attribute":
        row.name = "Natural dye"
    else:
        row.option = "Indigo (natural)"
    row.save()

    assert token(REFERENCE) != before


def test_replacing_a_document_or_renaming_a_tag_makes_every_page_stale(db):
    Document = get_document_model()
    before = token(CMS)
    document = Document.objects.create(title="Weaving guide", file=ContentFile(b"%PDF-1.4\n", name="guide.pdf"))
    assert token(CMS) != before

    before = token(CMS)
    tag = Tag.objects.create(name="indigo", slug="indigo")
    tag.name = "Indigo dye"
    tag.save()
    assert token(CMS) != before

    before = token(CMS)
    document.file = ContentFile(b"%PDF-1.4\n%v2\n", name="guide-v2.pdf")
    document.save()
    assert token(CMS) != before
