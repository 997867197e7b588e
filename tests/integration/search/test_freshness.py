"""The index follows publishing, unpublishing, edits and deletions through a
Celery task sent after commit; price and stock are read live, so their
changes show at once without re-indexing."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

from catalog import listing_selectors
from catalog.search import engine
from catalog.search.services import search_index_rebuild
from tests.factories.catalog import ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def found(query: str) -> list[int]:
    return engine.product_ids_ranked(engine.parse(query))


def test_publishing_indexes_the_product_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product = ProductFactory(title="ร่มกระดาษสาลายช้าง", title_en="Elephant umbrella", is_public=True)
    assert product.pk not in found("umbrella")  # nothing before the commit
    assert callbacks
    for callback in callbacks:
        callback()  # the commit: the Celery task runs (eagerly in tests)
    assert product.pk in found("umbrella")
    assert product.pk in found("ร่ม")


def test_unpublishing_removes_the_product_from_the_index(django_capture_on_commit_callbacks):
    product = ProductFactory(title_en="Lacquer tray", is_public=True)
    search_index_rebuild()
    assert product.pk in found("lacquer")
    with django_capture_on_commit_callbacks(execute=True):
        product.is_public = False
        product.listing_status = "archived"
        product.save(update_fields=["is_public", "listing_status"])
    assert product.pk not in found("lacquer")


def test_an_edited_title_is_found_by_its_new_words(django_capture_on_commit_callbacks):
    product = ProductFactory(title_en="Plain bowl", is_public=True)
    search_index_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        product.title_en = "Celadon bowl"
        product.save()
    assert product.pk in found("celadon")


def test_a_rolled_back_edit_never_reaches_the_index(django_capture_on_commit_callbacks):
    product = ProductFactory(title_en="Plain cup", is_public=True)
    search_index_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                product.title_en = "Golden cup"
                product.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert product.pk not in found("golden")


def test_a_deleted_product_leaves_the_index(django_capture_on_commit_callbacks):
    product = ProductFactory(title_en="Rattan mat", is_public=True)
    search_index_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert found("rattan") == []


def test_price_and_stock_changes_show_at_once_without_reindexing():
    product = ProductFactory(title_en="Hemp shirt", is_public=True)
    record = StockRecordFactory(product=product, num_in_stock=0, price=Decimal("300"))
    search_index_rebuild()

    def listed(query_string):
        from django.http import QueryDict

        parsed = engine.parse("hemp")
        page = listing_selectors.browse_page(
            filters=listing_selectors.browse_filters_parse(data=QueryDict(query_string)),
            sort="relevance",
            page=1,
            page_size=12,
            query=parsed,
            ranked_ids=engine.product_ids_ranked(parsed),
        )
        return [p.pk for p in page.products]

    assert listed("stock=1") == []
    # The way inventory.services and the portal write: update(), no signals.
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=5, price=Decimal("900"))
    assert listed("stock=1") == [product.pk]
    assert listed("price_min=800") == [product.pk]
    assert listed("price_max=500") == []


def test_rebuild_search_index_shows_progress_and_restores_a_lost_index(capsys):
    product = ProductFactory(title_en="Bronze bell", is_public=True)
    from modelsearch.conf import get_app_config

    get_app_config().get_model("IndexEntry").objects.all().delete()
    assert found("bronze") == []

    call_command("rebuild_search_index")

    output = capsys.readouterr().out
    assert "catalogue.Product" in output and "[" in output and "#" in output and "1/1" in output
    assert "Indexed" in output
    assert found("bronze") == [product.pk]
