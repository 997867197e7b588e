"""Grow a generated catalogue to a large size in bulk, for the --scale sweep.

Products made by the catalogue services cost about 130 ms each here (plus
55 ms of search indexing), so 100,000 of them would take hours. The sweep
only needs many *valid* products, so the larger sizes copy the products the
services made (the "seed" products), with plain SQL, in one transaction:

* each copy is a new catalogue_product row (same titles, texts, producer,
  district, type, prices; UPC, slug and code get a ``~<round>`` suffix, so
  they stay unique and a copy can be told from its seed);
* with what a product page, a listing and a search read: its categories,
  pictures (the same shared files), attribute values, its stock record
  (partner SKU suffixed), and its stock in the ledger: its lots, balances
  and the movements that made them (receipt, put-away), so the balances
  still equal the ledger and ``reconcile_stock`` has nothing to report;
* its search index entry: the seed's entry with the copy's id. The indexed
  words are the seed's, which are the copy's too, except the UPC (the
  copy's own UPC is not searchable).

Not copied: orders, reviews, listing decisions, certifications, analytics,
story links (the sweep's databases have no orders or stories anyway).
Idempotent: it only adds what is missing to reach the target.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from oscar.core.loading import get_model

SUFFIX = "~"  # in UPC, slug, code, SKU of a copy: <seed value>~<round>

# Per-product tables copied with each product, and the columns they need
# rewritten besides product_id (SQL over the seed row "t" and the map "m").
PRODUCT_TABLES = {
    "catalogue_productcategory": {},
    "catalogue_productimage": {"code": "CASE WHEN t.code IS NULL THEN NULL ELSE t.code || '~' || m.round END"},
    "catalogue_productattributevalue": {},
    "partner_stockrecord": {"partner_sku": "t.partner_sku || '~' || m.round"},
    "inventory_lot": {},
}
LOT_TABLES = ("inventory_stockbalance", "inventory_stockmovement")


def _columns(table: str) -> list[str]:
    """Writable columns of a table, its id excluded (generated columns too)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s AND column_name <> 'id' AND is_generated = 'NEVER' "
            "AND (column_default IS NULL OR column_default NOT LIKE 'nextval%%') ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def _table_exists(table: str) -> bool:
    return table in connection.introspection.table_names()


def _copy(table: str, overrides: dict[str, str], *, join: str) -> int:
    """INSERT … SELECT of `table`'s rows of the seed products, rewritten."""
    columns = _columns(table)
    exprs = [overrides.get(c, f"t.{c}") for c in columns]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {table} t {join}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def products_grow(*, target: int, progress=None) -> dict:
    """Copy seed products until there are `target` public products."""
    Product = get_model("catalogue", "Product")
    have = Product.objects.filter(is_public=True).count()
    if have >= target:
        return {"products": have, "added": 0}
    seeds = Product.objects.filter(is_public=True, parent=None, upc__isnull=False).exclude(upc__contains=SUFFIX)
    seed_count = seeds.count()
    if not seed_count:
        raise SystemExit("No generated products to copy: generate some through the services first.")
    grown = Product.objects.filter(upc__contains=SUFFIX).count()
    missing = target - have
    with transaction.atomic(), connection.cursor() as cursor:
        _product_rows(cursor, grown=grown, missing=missing, seed_count=seed_count)
        counts = {"catalogue_product": missing}
        for table, overrides in PRODUCT_TABLES.items():
            if _table_exists(table):
                counts[table] = _copy(
                    table,
                    {"product_id": "m.new_id", **overrides},
                    join="JOIN bench_grow_map m ON m.src_id = t.product_id",
                )
        if _table_exists("inventory_lot"):
            cursor.execute(
                "CREATE TEMP TABLE bench_grow_lots ON COMMIT DROP AS "
                "SELECT s.id AS src_lot, n.id AS new_lot, m.new_id FROM bench_grow_map m "
                "JOIN inventory_lot s ON s.product_id = m.src_id "
                "JOIN inventory_lot n ON n.product_id = m.new_id AND n.code = s.code"
            )
            cursor.execute(
                "SELECT count(*) FROM inventory_stockmovement t JOIN bench_grow_map m "
                "ON m.src_id = t.product_id WHERE t.reverses_id IS NOT NULL"
            )
            if cursor.fetchone()[0]:
                raise SystemExit("The seed products' ledger has reversals; copying them is not supported.")
            for table in LOT_TABLES:
                counts[table] = _copy(
                    table,
                    {"product_id": "l.new_id", "lot_id": "l.new_lot"},
                    join="JOIN bench_grow_map m ON m.src_id = t.product_id "
                    "JOIN bench_grow_lots l ON l.src_lot = t.lot_id AND l.new_id = m.new_id",
                )
        counts["search index"] = _index_copy(cursor, Product)
        for table in ["catalogue_product", *counts]:
            if _table_exists(table):
                cursor.execute(f"ANALYZE {table}")
    if progress:
        progress(", ".join(f"{table}: {n:,}" for table, n in counts.items()))
    return {"products": have + missing, "added": missing, "rows": counts}


def _product_rows(cursor, *, grown: int, missing: int, seed_count: int) -> None:
    """Insert the copies (copy number i = grown … grown + missing - 1 is
    round i // seeds + 1 of seed i % seeds) and map each to its seed."""
    columns = _columns("catalogue_product")
    overrides = {
        "upc": "s.upc || '~' || r.round",
        "slug": "left(s.slug, 240) || '-' || r.round",
        "code": "CASE WHEN s.code IS NULL THEN NULL ELSE s.code || '~' || r.round END",
        "date_created": "now()",
        "date_updated": "now()",
    }
    exprs = [overrides.get(c, f"s.{c}") for c in columns]
    first, last = grown, grown + missing - 1
    cursor.execute("SELECT coalesce(max(id), 0) FROM catalogue_product")
    before = cursor.fetchone()[0]
    cursor.execute(
        f"""
        INSERT INTO catalogue_product ({", ".join(columns)})
        SELECT {", ".join(exprs)}
        FROM (SELECT p.*, row_number() OVER (ORDER BY p.id) - 1 AS k
              FROM catalogue_product p
              WHERE p.is_public AND p.parent_id IS NULL AND p.upc IS NOT NULL AND p.upc NOT LIKE '%%~%%') s
        CROSS JOIN generate_series(%(first_round)s, %(last_round)s) AS r(round)
        WHERE (r.round - 1) * %(seeds)s + s.k BETWEEN %(first)s AND %(last)s
        ORDER BY r.round, s.k
        """,
        {
            "first_round": first // seed_count + 1,
            "last_round": last // seed_count + 1,
            "seeds": seed_count,
            "first": first,
            "last": last,
        },
    )
    cursor.execute(
        """
        CREATE TEMP TABLE bench_grow_map ON COMMIT DROP AS
        SELECT s.id AS src_id, n.id AS new_id, split_part(n.upc, '~', 2)::int AS round
        FROM catalogue_product n JOIN catalogue_product s ON s.upc = split_part(n.upc, '~', 1)
        WHERE n.id > %(before)s
        """,
        {"before": before},
    )
    cursor.execute("SELECT count(*) FROM bench_grow_map")
    mapped = cursor.fetchone()[0]
    if mapped != missing:
        raise SystemExit(f"Growing the catalogue: {missing} copies made but {mapped} mapped to their seed.")
    cursor.execute("CREATE INDEX ON bench_grow_map (src_id)")


def _index_copy(cursor, Product) -> int:
    """The seed's search index entry for each copy (wagtailsearch_indexentry,
    the database backend's table), every column but the id and object_id."""
    if not _table_exists("wagtailsearch_indexentry"):
        return 0
    product_type = ContentType.objects.get_for_model(Product)
    columns = _columns("wagtailsearch_indexentry")
    exprs = ["m.new_id::text" if c == "object_id" else f"t.{c}" for c in columns]
    cursor.execute(
        f"INSERT INTO wagtailsearch_indexentry ({', '.join(columns)}) SELECT {', '.join(exprs)} "
        "FROM wagtailsearch_indexentry t JOIN bench_grow_map m ON t.object_id = m.src_id::text "
        "WHERE t.content_type_id = %s",
        [product_type.pk],
    )
    return cursor.rowcount
