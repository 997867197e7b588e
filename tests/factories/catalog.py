"""factory_boy factories for the catalogue, producers and partners."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = "5013"
    slug = "san-kamphaeng"
    name_th = "สันกำแพง"
    name_en = "San Kamphaeng"


class OtopProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OtopProductType
        django_get_or_create = ("code",)

    code = "textiles"
    name_th = "ผ้า เครื่องแต่งกาย"
    name_en = "Textiles and garments"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"ผู้ผลิต {n}")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"producer-{n}")
    name_th = factory.SelfAttribute("partner.name")
    name_en = factory.Sequence(lambda n: f"Producer {n}")
    kind = Producer.Kind.COMMUNITY_ENTERPRISE
    status = Producer.Status.APPROVED
    district = factory.SubFactory(DistrictFactory)


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "OTOP product"
    requires_shipping = True
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"ผ้าไหม {n}")
    title_en = factory.Sequence(lambda n: f"Silk cloth {n}")
    product_class = factory.SubFactory(ProductClassFactory)
    producer = factory.SubFactory(ProducerFactory)
    otop_type = factory.SubFactory(OtopProductTypeFactory)
    origin_district = factory.SelfAttribute("producer.district")
    otop_stars = 4
    otop_star_year = 2567
    is_public = True


class StockRecordFactory(factory.django.DjangoModelFactory):
    """A stock record owned by the product's producer. num_in_stock here is a
    bare starting value for tests that do not involve the ledger."""

    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.LazyAttribute(lambda o: o.product.producer.partner)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    price_currency = "THB"
    price = Decimal("450.00")
    num_in_stock = 10
