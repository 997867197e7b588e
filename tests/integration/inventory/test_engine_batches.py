"""The batched writes of the posting engine: one conditional UPDATE for many
balances (refusing what the CHECK constraints would refuse), and the
``any_of`` lookup the product-wide queries use."""

from inventory.models import StockBalance
from inventory.services import stock_reconcile
from inventory.services.ledger import balances_apply
from tests.factories.inventory import stock_receive


def test_one_update_applies_many_changes_and_refuses_the_ones_that_would_go_below_zero(product, other_product):
    stock_receive(product=product, quantity=5, to_bin="SKP-A-01")
    stock_receive(product=other_product, quantity=2, to_bin="SKP-A-01")
    a = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    b = StockBalance.objects.get(product=other_product, location__code="SKP-A-01")

    refused = balances_apply(changes=[(a.pk, -3, 1), (b.pk, -3, 0)])

    assert refused == [(b.pk, -3, 0)]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.on_hand, a.reserved, b.on_hand) == (2, 1, 2)


def test_reserving_more_than_on_hand_is_refused_by_the_same_update(product):
    stock_receive(product=product, quantity=2, to_bin="SKP-A-01")
    a = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    assert balances_apply(changes=[(a.pk, 0, 3)]) == [(a.pk, 0, 3)]
    a.refresh_from_db()
    assert (a.on_hand, a.reserved) == (2, 0)


def test_the_any_of_lookup_finds_the_same_rows_as_in(product, other_product):
    stock_receive(product=product, quantity=1)
    stock_receive(product=other_product, quantity=1)
    ids = [product.pk, other_product.pk]
    assert set(StockBalance.objects.filter(product_id__any_of=ids)) == set(
        StockBalance.objects.filter(product_id__in=ids)
    )
    assert not StockBalance.objects.filter(product_id__any_of=[]).exists()
    assert stock_reconcile() == []
