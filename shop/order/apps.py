import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    # Forked only so placing an order reserves stock through the inventory
    # ledger instead of Oscar's unchecked StockRecord.allocate() (see
    # shop/order/utils.py); the label stays "order".
    name = "shop.order"

    def ready(self):
        super().ready()
        # Oscar's analytics count each line's purchase with its own queries
        # inside the order's transaction; ours count the order in two
        # (shop/order/receivers.py).
        from oscar.apps.analytics import receivers as oscar_analytics
        from oscar.apps.order.signals import order_placed

        from . import receivers

        order_placed.disconnect(oscar_analytics.receive_order_placed)
        order_placed.connect(receivers.order_analytics_record, dispatch_uid="shop.order.analytics")
