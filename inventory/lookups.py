"""``field__any_of=[…]``: ``field = ANY(%s)`` with one array parameter on
PostgreSQL, a plain ``IN (…)`` elsewhere.

The stock services lock and sum the rows of every product of a request in
one query; for a delivery of 1,000 products an ``IN`` list costs Django and
psycopg a parameter each (most of a bulk movement's time, see
bench/inventory_bench.py), an array costs one. Registered on integer fields
and foreign keys by InventoryConfig.ready().
"""

from django.db.models import ForeignKey, IntegerField, Lookup
from django.db.models.lookups import In


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        fallback = In(self.lhs, list(self.rhs))
        return fallback.as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, [int(value) for value in self.rhs]]


def register() -> None:
    IntegerField.register_lookup(AnyOf)
    ForeignKey.register_lookup(AnyOf)
