"""The demo product list, computed without touching the database.

Product i belongs to producer `ORDER[i % P]` and is that producer's k-th
product (k = i // P). The order interleaves crafts (first producer of every
craft, then the second ones...) so even `--products 30` spans every kind of
goods. Because product i never depends on the requested count, loading 30
and later 300 extends the same catalogue instead of producing a different one.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from catalog.services import DATA_DIR

from .data.crafts import CRAFTS
from .data.producers import PRODUCERS

STAR_WEIGHTS = {5: 15, 4: 35, 3: 30, 2: 12, 1: 8}
STAR_YEARS = (2565, 2566, 2567, 2568)  # B.E. assessment rounds


@dataclass(frozen=True)
class ProductSpec:
    index: int
    upc: str
    sku: str
    producer_slug: str
    craft: str
    otop_type: str
    category: str
    motif: str
    colour: str | None
    title: str
    title_en: str
    title_zh_hans: str
    description: str
    description_en: str
    description_zh_hans: str
    price: Decimal
    otop_stars: int
    otop_star_year: int
    quantity: int


def ean13(first12: str) -> str:
    """Append the EAN-13 check digit (885 is GS1 Thailand's prefix)."""
    total = sum(int(ch) * (3 if pos % 2 else 1) for pos, ch in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


@cache
def _districts() -> dict[str, dict]:
    with (DATA_DIR / "districts.json").open(encoding="utf-8") as fh:
        return {row["code"]: row for row in json.load(fh)["districts"]}


@cache
def _producer_order() -> tuple[tuple[int, int], ...]:
    """(index into PRODUCERS, rank within its craft), crafts interleaved."""
    crafts = list(dict.fromkeys(p["craft"] for p in PRODUCERS))
    seen: dict[str, int] = {}
    ranked = []
    for idx, producer in enumerate(PRODUCERS):
        rank = seen.get(producer["craft"], 0)
        seen[producer["craft"]] = rank + 1
        ranked.append((rank, crafts.index(producer["craft"]), idx))
    return tuple((idx, rank) for rank, _craft, idx in sorted(ranked))


@cache
def _craft_sizes() -> dict[str, int]:
    sizes: dict[str, int] = {}
    for producer in PRODUCERS:
        sizes[producer["craft"]] = sizes.get(producer["craft"], 0) + 1
    return sizes


@cache
def _combos(craft: str) -> tuple:
    spec = CRAFTS[craft]
    combos = list(itertools.product(spec["items"], *spec["axes"]))
    random.Random(f"combos:{craft}").shuffle(combos)
    return tuple(combos)


def _round_price(value: float) -> Decimal:
    step = 5 if value < 200 else 10 if value < 1000 else 50
    return Decimal(int(round(value / step) * step)).quantize(Decimal("0.01"))


def product_spec(index: int) -> ProductSpec:
    producer_idx, rank = _producer_order()[index % len(PRODUCERS)]
    k = index // len(PRODUCERS)
    producer = PRODUCERS[producer_idx]
    craft = CRAFTS[producer["craft"]]
    combos = _combos(producer["craft"])
    combo_no = k * _craft_sizes()[producer["craft"]] + rank
    (item_th, item_en, item_zh, low, high), *options = combos[combo_no % len(combos)]
    series = combo_no // len(combos)  # only when a huge --products exhausts the combinations
    suffix = (f" รุ่นที่ {series + 1}", f", series {series + 1}", f" 第{series + 1}款") if series else ("", "", "")

    title = " ".join([item_th, *(o[0] for o in options)]) + suffix[0]
    title_en = f"{item_en} – {', '.join(o[1] for o in options)}{suffix[1]}"
    title_zh = " ".join([item_zh, *(o[2] for o in options)]) + suffix[2]
    district = _districts()[producer["district"]]
    words = dict(
        title=title,
        title_en=title_en,
        title_zh=title_zh,
        producer=producer["name_th"],
        producer_en=producer["name_en"],
        district=district["name_th"],
        district_en=district["name_en"],
        district_zh=district["name_zh_hans"],
    )

    number = producer_idx + 1
    upc = ean13(f"885{1000 + number:04d}{k:05d}")
    rng = random.Random(f"product:{upc}")
    if index % 29 == 11:
        quantity = 0  # sold out
    elif index % 13 == 5:
        quantity = rng.randint(1, 3)  # running low
    else:
        quantity = rng.randint(6, 80)
    return ProductSpec(
        index=index,
        upc=upc,
        sku=f"{producer['craft'][:3].upper()}-{number:02d}-{k + 1:03d}",
        producer_slug=producer["slug"],
        craft=producer["craft"],
        otop_type=craft["otop_type"],
        category=craft["category"],
        motif=craft["motif"],
        colour=next((o[3] for o in options if o[3]), None),
        title=title,
        title_en=title_en,
        title_zh_hans=title_zh,
        description=craft["desc_th"].format(**words),
        description_en=craft["desc_en"].format(**words),
        description_zh_hans=craft["desc_zh"].format(**words),
        price=_round_price(rng.uniform(low, high)),
        otop_stars=rng.choices(list(STAR_WEIGHTS), weights=list(STAR_WEIGHTS.values()))[0],
        otop_star_year=rng.choice(STAR_YEARS),
        quantity=quantity,
    )


def product_plan(count: int) -> list[ProductSpec]:
    return [product_spec(i) for i in range(count)]
