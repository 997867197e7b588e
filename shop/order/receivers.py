"""Oscar's analytics for a placed order, in a fixed number of queries.

Oscar's ``receive_order_placed`` (oscar.apps.analytics.receivers) updates
the product's purchase counter once per order line, and inserts the row
when the product had none: one or two queries per line, inside the
transaction that places the order; then it reads the lines twice more for
the customer's record. This receiver reads the lines once and writes the
same counters: two queries for the products, one (two the first time) for
the customer.
"""

from collections import defaultdict

from django.db.models import Case, F, IntegerField, Value, When
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")


def order_analytics_record(sender, order, user, **kwargs):
    if kwargs.get("raw", False):
        return
    bought: dict[int, int] = defaultdict(int)
    num_lines = num_items = 0
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        num_lines += 1
        num_items += quantity
        if product_id is not None:
            bought[product_id] += quantity
    if bought:
        # The missing rows first (a concurrent order inserting the same row is
        # ignored), then one conditional increment for all of them.
        ProductRecord.objects.bulk_create(
            [ProductRecord(product_id=product_id) for product_id in sorted(bought)], ignore_conflicts=True
        )
        ProductRecord.objects.filter(product_id__in=list(bought)).update(
            num_purchases=F("num_purchases")
            + Case(
                *(When(product_id=product_id, then=Value(quantity)) for product_id, quantity in bought.items()),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    if user and user.is_authenticated:
        # Oscar's _record_user_order, with the counts read above.
        updated = UserRecord.objects.filter(user=user).update(
            num_orders=F("num_orders") + 1,
            num_order_lines=F("num_order_lines") + num_lines,
            num_order_items=F("num_order_items") + num_items,
            total_spent=F("total_spent") + order.total_incl_tax,
            date_last_order=order.date_placed,
        )
        if not updated:
            UserRecord.objects.create(
                user=user,
                num_orders=1,
                num_order_lines=num_lines,
                num_order_items=num_items,
                total_spent=order.total_incl_tax,
                date_last_order=order.date_placed,
            )
