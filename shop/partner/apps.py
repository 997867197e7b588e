import oscar.apps.partner.apps as apps
from django.db.models.signals import post_save


class PartnerConfig(apps.PartnerConfig):
    # Forked so stock records can be kept in step with the inventory ledger
    # (inventory issue); the label stays "partner".
    name = "shop.partner"

    def ready(self):
        super().ready()
        # Oscar's low-stock alert receiver races with itself (#16): ours
        # locks the stock record first (shop/partner/receivers.py).
        from oscar.apps.partner import receivers as oscar_receivers

        from . import receivers

        StockRecord = self.get_model("StockRecord")
        post_save.disconnect(oscar_receivers.update_stock_alerts, sender=StockRecord)
        post_save.connect(receivers.stock_alerts_update, sender=StockRecord, dispatch_uid="shop.partner.stock_alerts")
