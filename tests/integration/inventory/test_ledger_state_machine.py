"""Property-based run of random stock operations (hypothesis state machine).

The machine keeps its own model of on hand and reserved per (product,
location, lot) and predicts which operations must succeed and which must be
refused. After every step it checks that

* each balance equals the model;
* each balance equals the ledger, summed here in Python (independently of
  the SQL in reconcile_stock), and reconcile_stock agrees;
* each producer stock record equals the sellable on hand and the reserved
  units of its product.

Default run (CI, SQLite < 60 s): 25 examples x 40 steps = 1,000 steps.
HYPOTHESIS_PROFILE=long runs 250 x 40 = 10,000 steps (the issue's goal);
HYPOTHESIS_PROFILE=smoke runs 5 x 20.
"""

import os
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from inventory.exceptions import InsufficientStock, StockError
from inventory.models import Location, Reservation, StockBalance, StockMovement
from inventory.services import (
    ReceiptLineInput,
    count_variance_post,
    counter_sale_post,
    customer_return_post,
    movement_reverse,
    receipt_create,
    receipt_post,
    reservation_confirm,
    reservation_create,
    reservation_release,
    reservations_expire,
    return_to_producer_post,
    stock_adjust,
    stock_dispatch,
    stock_reconcile,
    stock_transfer,
    stock_write_off,
)
from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecord, StockRecordFactory

pytestmark = pytest.mark.django_db

_PROFILES = {
    "smoke": (5, 20),
    "ci": (25, 40),
    "long": (250, 40),
}
EXAMPLES, STEPS = _PROFILES.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), _PROFILES["ci"])

REVERSIBLE = {
    "receipt",
    "put_away",
    "transfer",
    "customer_return",
    "return_to_producer",
    "adjustment",
    "write_off",
    "count_variance",
    "counter_sale",
}


class StockMachine(RuleBasedStateMachine):
    """Random receipts, transfers, reservations, confirmations, releases,
    expiries, dispatches, returns, counts, adjustments, write-offs, counter
    sales and reversals over 3 products, 2 producers and 4 bins."""

    world: dict = {}

    def __init__(self):
        super().__init__()
        # Each example runs in a savepoint that teardown() rolls back.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.products = self.world["products"]
        self.bins = self.world["bins"]  # code -> Location
        self.quarantine = {b.pk for b in self.bins.values() if b.role == Location.Role.QUARANTINE}
        self.on_hand = defaultdict(int)  # (product_id, location_id, lot_id) -> units
        self.reserved = defaultdict(int)
        self.holds = {}  # reference -> status as the model expects it
        self.sold = defaultdict(int)  # (reference, product_id) -> units that may come back
        self.n = 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers ------------------------------------------------------------

    def _ref(self, kind):
        self.n += 1
        return f"{kind}:{self.n}"

    def _keys_with_stock(self):
        return sorted(k for k, v in self.on_hand.items() if v > 0)

    def _available(self, key):
        return self.on_hand[key] - self.reserved[key]

    def _sellable_available(self, product_id):
        return sum(self._available(k) for k in list(self.on_hand) if k[0] == product_id and k[1] not in self.quarantine)

    def _lot(self, key):
        return StockBalance.objects.select_related("lot").get(product_id=key[0], location_id=key[1], lot_id=key[2]).lot

    def bins_by_pk(self, pk):
        return next(b for b in self.bins.values() if b.pk == pk)

    def _product(self, product_id):
        return next(p for p in self.products if p.pk == product_id)

    def _apply_reservation_rows(self, reference, status_from=None, sign=+1, consume=False):
        rows = Reservation.objects.filter(reference=reference)
        if status_from:
            rows = rows.filter(status__in=status_from)
        for r in rows:
            key = (r.product_id, r.location_id, r.lot_id)
            self.reserved[key] += sign * r.quantity
            if consume:
                self.on_hand[key] -= r.quantity
                self.sold[(reference, r.product_id)] += r.quantity
            assert 0 <= self.reserved[key] <= self.on_hand[key]
            assert r.location_id not in self.quarantine

    # --- rules --------------------------------------------------------------

    @rule(
        data=st.data(),
        quantity=st.integers(1, 10),
        damaged=st.booleans(),
        best_before=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2027, 12, 31))),
    )
    def receive(self, data, quantity, damaged, best_before):
        product = data.draw(st.sampled_from(self.products))
        receipt = receipt_create(
            producer=product.producer,
            lines=[
                ReceiptLineInput(
                    product=product,
                    quantity=quantity,
                    best_before=best_before,
                    condition="damaged" if damaged else "ok",
                )
            ],
        )
        (movement,) = receipt_post(receipt=receipt)
        self.on_hand[(product.pk, movement.to_location_id, movement.lot_id)] += quantity

    @precondition(lambda self: self._keys_with_stock())
    @rule(data=st.data())
    def transfer(self, data):
        key = data.draw(st.sampled_from(self._keys_with_stock()))
        quantity = data.draw(st.integers(-1, self._available(key) + 2))
        target = data.draw(st.sampled_from([b for b in self.bins.values() if b.pk != key[1]]))
        product, lot = self._product(key[0]), self._lot(key)
        call = partial(
            stock_transfer,
            product=product,
            lot=lot,
            quantity=quantity,
            from_location=self.bins_by_pk(key[1]),
            to_location=target,
        )
        if quantity <= 0:
            with pytest.raises(StockError):
                call()
        elif quantity > self._available(key):
            with pytest.raises(InsufficientStock):
                call()
        else:
            call()
            self.on_hand[key] -= quantity
            self.on_hand[(key[0], target.pk, key[2])] += quantity

    def _in_stock(self):
        return [p for p in self.products if self._sellable_available(p.pk) > 0]

    @precondition(lambda self: self._in_stock())
    @rule(data=st.data(), add_sold_out=st.booleans())
    def reserve(self, data, add_sold_out):
        chosen = data.draw(st.lists(st.sampled_from(self._in_stock()), min_size=1, max_size=3, unique=True))
        sold_out = [p for p in self.products if p not in self._in_stock()]
        if add_sold_out and sold_out:
            chosen.append(data.draw(st.sampled_from(sold_out)))
        # Mostly what is there, sometimes a unit more than is there.
        lines = [(p.pk, data.draw(st.integers(1, self._sellable_available(p.pk) + 1))) for p in chosen]
        reference = self._ref("basket")
        feasible = all(q <= self._sellable_available(p) for p, q in lines)
        if not feasible:
            with pytest.raises(InsufficientStock) as caught:
                reservation_create(reference=reference, lines=lines)
            short = {line.product_id for line in caught.value.lines}
            assert short == {p for p, q in lines if q > self._sellable_available(p)}
            return
        rows = reservation_create(reference=reference, lines=lines)
        assert sorted((p, sum(r.quantity for r in rows if r.product_id == p)) for p, _ in lines) == sorted(lines)
        self._apply_reservation_rows(reference)
        self.holds[reference] = "active"

    def _holds(self, *statuses):
        return sorted(r for r, s in self.holds.items() if s in statuses)

    @precondition(lambda self: self._holds("active"))
    @rule(data=st.data())
    def confirm(self, data):
        reference = data.draw(st.sampled_from(self._holds("active")))
        assert reservation_confirm(reference=reference).outcome == "confirmed"
        self.holds[reference] = "confirmed"

    @precondition(lambda self: self._holds("expired"))
    @rule(data=st.data())
    def confirm_late(self, data):
        reference = data.draw(st.sampled_from(self._holds("expired")))
        wanted = defaultdict(int)
        for r in Reservation.objects.filter(reference=reference, status="expired"):
            wanted[r.product_id] += r.quantity
        feasible = all(q <= self._sellable_available(p) for p, q in wanted.items())
        result = reservation_confirm(reference=reference)
        if feasible:
            assert result.outcome == "re_reserved"
            self._apply_reservation_rows(reference, status_from=["confirmed"])
            self.holds[reference] = "confirmed"
        else:
            assert result.needs_refund
            self.holds[reference] = "refund"

    @precondition(lambda self: self._holds("active", "confirmed"))
    @rule(data=st.data())
    def release(self, data):
        reference = data.draw(st.sampled_from(self._holds("active", "confirmed")))
        self._apply_reservation_rows(reference, status_from=["active", "confirmed"], sign=-1)
        assert reservation_release(reference=reference) > 0
        self.holds[reference] = "released"

    @precondition(lambda self: self._holds("active"))
    @rule()
    def expire(self):
        for reference in self._holds("active"):
            self._apply_reservation_rows(reference, status_from=["active"], sign=-1)
            self.holds[reference] = "expired"
        assert reservations_expire(now=timezone.now() + timedelta(hours=1)) > 0

    @precondition(lambda self: self._holds("confirmed"))
    @rule(data=st.data())
    def dispatch(self, data):
        reference = data.draw(st.sampled_from(self._holds("confirmed")))
        self._apply_reservation_rows(reference, status_from=["confirmed"], sign=-1, consume=True)
        stock_dispatch(reference=reference)
        self.holds[reference] = "consumed"
        with pytest.raises(StockError):
            stock_dispatch(reference=reference)

    @precondition(lambda self: any(v > 0 for v in self.sold.values()))
    @rule(data=st.data(), quantity=st.integers(1, 3))
    def customer_return(self, data, quantity):
        reference, product_id = data.draw(st.sampled_from(sorted(k for k, v in self.sold.items() if v > 0)))
        movement = StockMovement.objects.filter(
            reference_id=reference.split(":")[1], product_id=product_id, kind__in=["dispatch", "counter_sale"]
        ).first()
        target = data.draw(st.sampled_from(list(self.bins.values())))
        call = partial(
            customer_return_post,
            product=self._product(product_id),
            lot=movement.lot,
            quantity=quantity,
            to_location=target,
            reference=reference,
        )
        if quantity > self.sold[(reference, product_id)]:
            with pytest.raises(StockError):
                call()
            return
        call()
        self.sold[(reference, product_id)] -= quantity
        self.on_hand[(product_id, target.pk, movement.lot_id)] += quantity

    @precondition(lambda self: self._keys_with_stock())
    @rule(data=st.data(), counted=st.integers(0, 8))
    def count(self, data, counted):
        key = data.draw(st.sampled_from(self._keys_with_stock()))
        call = partial(
            count_variance_post,
            product=self._product(key[0]),
            lot=self._lot(key),
            location=self.bins_by_pk(key[1]),
            counted=counted,
            expected_on_hand=self.on_hand[key],
        )
        if counted < self.reserved[key]:
            with pytest.raises(StockError):
                call()
            return
        movement = call()
        assert (movement is None) == (counted == self.on_hand[key])
        self.on_hand[key] = counted

    @precondition(lambda self: self._keys_with_stock())
    @rule(data=st.data(), to_producer=st.booleans())
    def write_off(self, data, to_producer):
        key = data.draw(st.sampled_from(self._keys_with_stock()))
        quantity = data.draw(st.integers(1, self._available(key) + 1))
        service = return_to_producer_post if to_producer else stock_write_off
        call = partial(
            service,
            product=self._product(key[0]),
            lot=self._lot(key),
            quantity=quantity,
            from_location=self.bins_by_pk(key[1]),
            reason="damaged",
        )
        if quantity > self._available(key):
            with pytest.raises(InsufficientStock):
                call()
            return
        call()
        self.on_hand[key] -= quantity

    @precondition(lambda self: self._keys_with_stock())
    @rule(data=st.data(), change=st.integers(-4, 4).filter(bool))
    def adjust(self, data, change):
        key = data.draw(st.sampled_from(self._keys_with_stock()))
        call = partial(
            stock_adjust,
            product=self._product(key[0]),
            lot=self._lot(key),
            location=self.bins_by_pk(key[1]),
            quantity_change=change,
            reason="recount",
        )
        if -change > self._available(key):
            with pytest.raises(InsufficientStock):
                call()
            return
        call()
        self.on_hand[key] += change

    @precondition(lambda self: self._in_stock())
    @rule(data=st.data())
    def counter_sale(self, data):
        product = data.draw(st.sampled_from(self._in_stock()))
        quantity = data.draw(st.integers(1, self._sellable_available(product.pk) + 1))
        reference = self._ref("counter_sale")
        if quantity > self._sellable_available(product.pk):
            with pytest.raises(InsufficientStock):
                counter_sale_post(reference=reference, lines=[(product.pk, quantity)])
            return
        for m in counter_sale_post(reference=reference, lines=[(product.pk, quantity)]):
            key = (m.product_id, m.from_location_id, m.lot_id)
            assert m.from_location_id not in self.quarantine
            self.on_hand[key] -= m.quantity
            assert self.on_hand[key] >= self.reserved[key]
        self.sold[(reference, product.pk)] += quantity

    @precondition(lambda self: StockMovement.objects.exists())
    @rule(data=st.data())
    def reverse(self, data):
        candidates = list(
            StockMovement.objects.filter(kind__in=REVERSIBLE, reverses__isnull=True, reversals__isnull=True)
            .exclude(kind="customer_return")  # keeps the model of returnable units simple
            .order_by("pk")
        )
        if not candidates:
            return
        m = data.draw(st.sampled_from(candidates))
        out_key = (m.product_id, m.to_location_id, m.lot_id) if m.to_location_id else None
        if out_key and m.quantity > self._available(out_key):
            with pytest.raises(InsufficientStock):
                movement_reverse(movement=m, reason="mistake")
            return
        movement_reverse(movement=m, reason="mistake")
        if out_key:
            self.on_hand[out_key] -= m.quantity
        if m.from_location_id:
            self.on_hand[(m.product_id, m.from_location_id, m.lot_id)] += m.quantity
        if m.kind == "counter_sale":
            self.sold[(f"{m.reference_type}:{m.reference_id}", m.product_id)] -= m.quantity

    # --- invariants ---------------------------------------------------------

    @invariant()
    def balances_equal_the_model_and_the_ledger_and_stock_records_equal_the_totals(self):
        balances = {
            (b.product_id, b.location_id, b.lot_id): (b.on_hand, b.reserved) for b in StockBalance.objects.all()
        }
        model = {k: (self.on_hand[k], self.reserved[k]) for k in set(self.on_hand) | set(self.reserved)}
        nonzero = lambda d: {k: v for k, v in d.items() if v != (0, 0)}  # noqa: E731
        assert nonzero(balances) == nonzero(model)

        ledger = defaultdict(lambda: [0, 0])
        for m in StockMovement.objects.all():
            frm = (m.product_id, m.from_location_id, m.lot_id)
            to = (m.product_id, m.to_location_id, m.lot_id)
            if m.kind in ("reservation", "release"):
                if m.from_location_id:
                    ledger[frm][1] += m.quantity
                if m.to_location_id:
                    ledger[to][1] -= m.quantity
            elif m.kind == "dispatch":
                ledger[frm][0] -= m.quantity
                ledger[frm][1] -= m.quantity
            else:
                if m.from_location_id:
                    ledger[frm][0] -= m.quantity
                if m.to_location_id:
                    ledger[to][0] += m.quantity
        assert nonzero({k: tuple(v) for k, v in ledger.items()}) == nonzero(balances)

        for product in self.products:
            record = StockRecord.objects.get(product=product)
            in_stock = sum(v for k, v in self.on_hand.items() if k[0] == product.pk and k[1] not in self.quarantine)
            allocated = sum(v for k, v in self.reserved.items() if k[0] == product.pk)
            assert (record.num_in_stock, record.num_allocated) == (in_stock, allocated)

        assert stock_reconcile() == []


def test_random_stock_operations_keep_ledger_balances_and_stock_records_equal(db):
    first, second = ProducerFactory(), ProducerFactory()
    products = [ProductFactory(producer=first), ProductFactory(producer=first), ProductFactory(producer=second)]
    for product in products:
        StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("100.00"))
    StockMachine.world = {
        "products": products,
        "bins": {
            code: Location.objects.get(code=code) for code in ("SKP-RCV-01", "SKP-QTN-01", "SKP-A-01", "SKP-A-02")
        },
    }

    run_state_machine_as_test(
        StockMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
