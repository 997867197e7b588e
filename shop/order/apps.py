import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    # Forked only so placing an order reserves stock through the inventory
    # ledger instead of Oscar's unchecked StockRecord.allocate() (see
    # shop/order/utils.py); the label stays "order".
    name = "shop.order"
