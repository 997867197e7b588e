"""What the benchmark data looks like, computed without touching the database.

Everything here is a pure function of the sizes and the seed, so two runs
with the same arguments describe the same shop: the same producers in the
same districts, the same orders on the same days, the same stock cycles.
The database steps in bench/gen/ only write what these functions return.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from shop.demo.data.producers import PRODUCERS

# Thai government fiscal years run 1 October to 30 September and are named
# after the Buddhist-era year they end in: FY 2569 = 1 Oct 2025 - 30 Sep 2026.
BE_OFFSET = 543

# Tourist high season (November-February) sells about twice the rainy season.
MONTH_WEIGHTS = {1: 14, 2: 12, 3: 9, 4: 8, 5: 6, 6: 6, 7: 7, 8: 7, 9: 6, 10: 9, 11: 13, 12: 15}

# Lines per order: one to five, three on average.
LINES_PER_ORDER_WEIGHTS = {1: 20, 2: 20, 3: 20, 4: 20, 5: 20}

# Final states of historical orders (they are read-only history for reports).
ORDER_STATUS_WEIGHTS = {"completed": 88, "cancelled": 6, "refunded": 3, "partly_refunded": 3}


@dataclass(frozen=True)
class ProducerSpec:
    number: int  # 1-based, stable across sizes
    slug: str
    template: int  # index into the demo PRODUCERS whose craft and texts it copies
    district_index: int  # index into the 25 districts, in official order


@dataclass(frozen=True)
class OrderLineSpec:
    product_index: int  # index into the product plan
    quantity: int


@dataclass(frozen=True)
class OrderSpec:
    number: str
    placed_at: datetime  # naive, Asia/Bangkok wall time
    status: str
    customer_index: int | None  # None: guest checkout
    lines: tuple[OrderLineSpec, ...]


def fiscal_year_bounds(*, fiscal_year_be: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year given in B.E."""
    end_ce = fiscal_year_be - BE_OFFSET
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def history_window(*, last_fiscal_year_be: int, years: int = 2) -> tuple[date, date]:
    first, _ = fiscal_year_bounds(fiscal_year_be=last_fiscal_year_be - years + 1)
    _, last = fiscal_year_bounds(fiscal_year_be=last_fiscal_year_be)
    return first, last


def producer_plan(*, count: int, district_count: int = 25) -> list[ProducerSpec]:
    """The demo's producers first (same slugs, so demo pages find them), then
    copies of them with their craft, spread round-robin over every district."""
    specs = []
    for i in range(count):
        template = i % len(PRODUCERS)
        if i < len(PRODUCERS):
            slug = PRODUCERS[i]["slug"]
            district_index = -1  # keeps the demo producer's own district
        else:
            slug = f"{PRODUCERS[template]['slug']}-{i + 1}"
            district_index = i % district_count
        specs.append(ProducerSpec(number=i + 1, slug=slug, template=template, district_index=district_index))
    return specs


def product_producer_number(*, product_index: int, producer_count: int, template_of_spec: int) -> int:
    """Which producer (1-based number) owns product `product_index`.

    The demo plan gives each product a template producer (its craft); the
    product goes to one of that template's copies, in turn, so every
    producer gets products of its own craft."""
    templates = len(PRODUCERS)
    if producer_count <= template_of_spec:
        # Fewer producers than demo crafts: share the ones there are.
        return template_of_spec % producer_count + 1
    copies = (producer_count - template_of_spec + templates - 1) // templates
    copy = (product_index // templates) % copies
    return template_of_spec + copy * templates + 1


def order_plan(
    *, count: int, product_count: int, customer_count: int, seed: int, last_fiscal_year_be: int
) -> list[OrderSpec]:
    """`count` orders over two fiscal years, dated by season, 1-5 lines each.
    Popular products sell more (a Zipf-like choice), as in real shops."""
    rng = random.Random(f"orders:{seed}")
    first, last = history_window(last_fiscal_year_be=last_fiscal_year_be)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    day_weights = [MONTH_WEIGHTS[d.month] for d in days]
    chosen_days = sorted(rng.choices(days, weights=day_weights, k=count))
    popular_order = list(range(product_count))
    rng.shuffle(popular_order)
    sizes = list(LINES_PER_ORDER_WEIGHTS)
    size_weights = list(LINES_PER_ORDER_WEIGHTS.values())
    statuses = list(ORDER_STATUS_WEIGHTS)
    status_weights = list(ORDER_STATUS_WEIGHTS.values())
    orders = []
    for n, day in enumerate(chosen_days):
        size = min(rng.choices(sizes, weights=size_weights)[0], product_count)
        picked: dict[int, int] = {}
        while len(picked) < size:
            rank = _zipf(rng, product_count)
            picked.setdefault(popular_order[rank], rng.choices((1, 2, 3), weights=(70, 22, 8))[0])
        placed_at = datetime.combine(
            day, time(hour=rng.randint(8, 21), minute=rng.randint(0, 59), second=rng.randint(0, 59))
        )
        customer = rng.randrange(customer_count) if customer_count and rng.random() < 0.6 else None
        orders.append(
            OrderSpec(
                number=f"B{day:%y%m}{n + 1:07d}",
                placed_at=placed_at,
                status=rng.choices(statuses, weights=status_weights)[0],
                customer_index=customer,
                lines=tuple(OrderLineSpec(product_index=p, quantity=q) for p, q in picked.items()),
            )
        )
    return orders


def _zipf(rng: random.Random, n: int) -> int:
    """A rank in [0, n) with P(rank) ~ 1/(rank+1)^0.6, by inverting the
    continuous approximation of the cumulative sum (random.choices with
    10,000+ weights per draw would dominate the generation time)."""
    a = 0.6
    total = ((n + 1) ** (1 - a) - 1) / (1 - a)
    u = rng.random() * total
    rank = int((u * (1 - a) + 1) ** (1 / (1 - a)) - 1)
    return min(max(rank, 0), n - 1)


def line_amounts(*, unit_price: Decimal, quantity: int, commission_rate: Decimal) -> dict[str, Decimal]:
    """Money of one order line: prices include 7% VAT; the center keeps its
    commission of the price incl. VAT, the producer is owed the rest."""
    line_incl = (unit_price * quantity).quantize(Decimal("0.01"))
    line_excl = (line_incl / Decimal("1.07")).quantize(Decimal("0.01"))
    commission = (line_incl * commission_rate).quantize(Decimal("0.01"))
    return {
        "unit_price_incl_tax": unit_price,
        "unit_price_excl_tax": (unit_price / Decimal("1.07")).quantize(Decimal("0.01")),
        "line_price_incl_tax": line_incl,
        "line_price_excl_tax": line_excl,
        "line_price_before_discounts_incl_tax": line_incl,
        "line_price_before_discounts_excl_tax": line_excl,
        "commission_amount": commission,
        "producer_payable": line_incl - commission,
    }


@dataclass(frozen=True)
class StockCycle:
    """One historical round trip of units through the center: received,
    put away, then sold at the counter or reserved and dispatched for a web
    order. Each cycle nets to zero on every (product, location, lot), so
    the ledger keeps summing to today's balances whatever its length."""

    product_index: int  # index into the products that have stock today
    quantity: int
    received_at: datetime
    sold_at: datetime
    web_order: bool

    @property
    def movement_count(self) -> int:
        return 4 if self.web_order else 3


def stock_cycle_plan(*, movements: int, stocked_products: int, seed: int, last_fiscal_year_be: int) -> list[StockCycle]:
    """Cycles until `movements` ledger rows (3 or 4 per cycle, so the total
    may end up to 3 short of the request)."""
    if stocked_products <= 0 or movements <= 0:
        return []
    rng = random.Random(f"ledger:{seed}")
    first, last = history_window(last_fiscal_year_be=last_fiscal_year_be)
    span_days = (last - first).days
    start = datetime.combine(first, time(9))
    cycles = []
    total = 0
    while True:
        web = rng.random() < 0.6
        needed = 4 if web else 3
        if total + needed > movements:
            break
        received = start + timedelta(days=rng.randint(0, max(span_days - 10, 0)), minutes=rng.randint(0, 480))
        sold = received + timedelta(days=rng.randint(1, 9), minutes=rng.randint(0, 480))
        cycles.append(
            StockCycle(
                product_index=rng.randrange(stocked_products),
                quantity=rng.choices((1, 2, 3, 6, 12), weights=(40, 25, 15, 12, 8))[0],
                received_at=received,
                sold_at=sold,
                web_order=web,
            )
        )
        total += needed
    return cycles
