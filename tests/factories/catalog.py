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
    # The listing workflow keeps is_public == (status is published).
    listing_status = factory.LazyAttribute(lambda o: "published" if o.is_public else "draft")


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


# --- Producer portal, registration and passport -----------------------------------------

ProducerApplication = get_model("catalogue", "ProducerApplication")
Certification = get_model("catalogue", "Certification")
ProductImage = get_model("catalogue", "ProductImage")


def jpeg_bytes(size=(64, 48), colour="red") -> bytes:
    """A small valid JPEG (for uploads that must be accepted)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def jpeg_with_gps_bytes(size=(1200, 900)) -> bytes:
    """A photo as a phone takes it at home: EXIF with the maker and GPS
    coordinates (what the upload must strip)."""
    import io

    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 46.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 7.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def category_get_or_create(slug: str, name: str | None = None, parent=None):
    """An Oscar category (a treebeard node), found by slug."""
    found = Category.objects.filter(slug=slug).first()
    if found is not None:
        return found
    fields = {"name": name or slug.title(), "slug": slug, "is_public": True}
    return parent.add_child(**fields) if parent is not None else Category.add_root(**fields)


def office_user(**kwargs):
    """An office staff member: is_staff with the permissions the "Office
    staff" role carries for producers (publish listings, review registrations)."""
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=["publish_product", "review_producerapplication"]
        )
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def producer_member(producer, **kwargs):
    """A user who is a member of ``producer`` (Oscar partner user) with
    dashboard access, like an approved applicant."""
    from django.contrib.auth.models import Permission

    user = UserFactory(**kwargs)
    producer.partner.users.add(user)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="partner", codename="dashboard_access"))
    return get_user_model().objects.get(pk=user.pk)


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    original = factory.django.FileField(filename="photo.jpg", data=factory.LazyFunction(jpeg_bytes))
    alt_text = "Silk scarf, folded"
    display_order = 0


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    product = factory.SubFactory(ProductFactory)
    kind = "tcps"
    number = factory.Sequence(lambda n: f"มผช. {n}/2567")
    issuer = "สมอ."
    expiry_date = None


class ProducerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProducerApplication

    name_th = factory.Sequence(lambda n: f"กลุ่มทอผ้าทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Weavers {n}")
    kind = "community_enterprise"
    district = factory.SubFactory(DistrictFactory)
    tambon = "สันกำแพง"
    postcode = "50130"
    contact_name = "นางทดสอบ ใจดี"
    phone = factory.Sequence(lambda n: f"08{n:08d}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    language = "th"
    applicant = factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email"))

    @factory.post_generation
    def product_types(self, create, extracted, **kwargs):
        if create:
            self.product_types.set(extracted or [OtopProductTypeFactory()])
