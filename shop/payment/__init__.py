default_app_config = "shop.payment.apps.PaymentConfig"
