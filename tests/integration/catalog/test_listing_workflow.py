"""The listing workflow and the portal's product service: states, who may
publish, back-to-review on edits, prices on the producer's stock record,
the digital-wallet exclusion, and the audit log."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from catalog.producers.services.products import ProductInput, product_listing_transition, product_portal_save
from tests.factories.catalog import OtopProductTypeFactory

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db


def product_input(product_type, category, **overrides) -> ProductInput:
    values = dict(
        title="ผ้าพันคอไหมย้อมคราม",
        title_en="Indigo silk scarf",
        description="ทอมือ",
        otop_type=product_type,
        category=category,
        price=Decimal("1250.00"),
        sku="SILK-001",
    )
    values.update(overrides)
    return ProductInput(**values)


def input_from(product, **overrides) -> ProductInput:
    """What the portal's edit form submits unchanged, with ``overrides``."""
    from catalog.producers.forms import ProductForm

    values = ProductForm.initial_for(product)
    values.update(overrides)
    return ProductInput(**values)


def state(product) -> tuple[str, bool]:
    product.refresh_from_db()
    return product.listing_status, product.is_public


# --- States -------------------------------------------------------------------------------------


def test_a_new_product_from_the_portal_is_a_hidden_draft_with_its_price_on_the_producers_stock_record(
    producer_a, member_a, textiles, silk_category
):
    product = product_portal_save(producer=producer_a, actor=member_a, data=product_input(textiles, silk_category))

    assert state(product) == ("draft", False)
    record = StockRecord.objects.get(product=product)
    assert (record.partner, record.price, record.price_currency, record.partner_sku) == (
        producer_a.partner,
        Decimal("1250.00"),
        "THB",
        "SILK-001",
    )
    assert record.num_in_stock == 0 and record.num_allocated == 0
    assert list(product.categories.all()) == [silk_category]
    assert product.origin_district == producer_a.district


def test_submit_then_office_publishes_and_only_then_the_product_is_public(product_a, member_a, office):
    product_listing_transition(product=product_a, actor=member_a, action="submit")
    assert state(product_a) == ("submitted", False)

    product_listing_transition(product=product_a, actor=office, action="publish")
    assert state(product_a) == ("published", True)
    assert Product.objects.browsable().filter(pk=product_a.pk).exists()


def test_a_member_cannot_publish_their_own_product(product_a, member_a):
    product_listing_transition(product=product_a, actor=member_a, action="submit")

    with pytest.raises(PermissionDenied):
        product_listing_transition(product=product_a, actor=member_a, action="publish")
    assert state(product_a) == ("submitted", False)


def test_center_staff_are_staff_but_cannot_publish(product_a, member_a):
    from tests.factories.catalog import UserFactory

    center = UserFactory(is_staff=True)
    product_listing_transition(product=product_a, actor=member_a, action="submit")

    with pytest.raises(PermissionDenied):
        product_listing_transition(product=product_a, actor=center, action="publish")


def test_a_rejection_carries_the_office_comment_and_the_producer_can_resubmit(product_a, member_a, office):
    product_listing_transition(product=product_a, actor=member_a, action="submit")

    product_listing_transition(product=product_a, actor=office, action="reject", comment="รูปไม่ชัด")

    product_a.refresh_from_db()
    assert (product_a.listing_status, product_a.is_public, product_a.review_comment) == ("rejected", False, "รูปไม่ชัด")
    product_listing_transition(product=product_a, actor=member_a, action="submit")
    assert state(product_a) == ("submitted", False)


def test_a_rejection_without_a_comment_is_refused(product_a, member_a, office):
    product_listing_transition(product=product_a, actor=member_a, action="submit")

    with pytest.raises(ValidationError):
        product_listing_transition(product=product_a, actor=office, action="reject", comment="")
    assert state(product_a) == ("submitted", False)


def test_a_draft_cannot_be_published_without_being_submitted(product_a, office):
    with pytest.raises(ValidationError):
        product_listing_transition(product=product_a, actor=office, action="publish")
    assert state(product_a) == ("draft", False)


def test_submitting_needs_a_price_and_a_described_photo(producer_a, member_a, textiles, silk_category):
    product = product_portal_save(producer=producer_a, actor=member_a, data=product_input(textiles, silk_category))

    with pytest.raises(ValidationError) as excinfo:
        product_listing_transition(product=product, actor=member_a, action="submit")

    assert "Add at least one photo." in excinfo.value.messages
    assert state(product) == ("draft", False)


def test_archiving_a_published_product_hides_it_and_restore_makes_a_draft(published_a, member_a):
    product_listing_transition(product=published_a, actor=member_a, action="archive")
    assert state(published_a) == ("archived", False)

    product_listing_transition(product=published_a, actor=member_a, action="restore")
    assert state(published_a) == ("draft", False)


# --- Editing a published product ----------------------------------------------------------------


def test_a_members_price_change_on_a_published_product_sends_it_back_to_review_and_hides_it(
    published_a, member_a, textiles, silk_category
):
    data = input_from(published_a, price=Decimal("1500.00"))

    product_portal_save(producer=published_a.producer, actor=member_a, data=data, product=published_a)

    assert state(published_a) == ("submitted", False)
    assert published_a.stockrecords.get().price == Decimal("1500.00")
    entry = AuditLog.objects.filter(action="product.update").latest("pk")
    assert entry.changes["price"] == {"old": "1200.00", "new": "1500.00"}
    assert entry.changes["listing_status"] == {"old": "published", "new": "submitted"}


def test_a_members_text_change_on_a_published_product_sends_it_back_to_review(
    published_a, member_a, textiles, silk_category
):
    data = input_from(published_a, title_en="New English title")

    product_portal_save(producer=published_a.producer, actor=member_a, data=data, product=published_a)

    assert state(published_a) == ("submitted", False)


def test_a_shipping_weight_change_keeps_a_published_product_on_sale(published_a, member_a, textiles, silk_category):
    data = input_from(published_a, weight_grams=350)

    product_portal_save(producer=published_a.producer, actor=member_a, data=data, product=published_a)

    assert state(published_a) == ("published", True)


def test_with_review_on_edit_switched_off_a_price_change_stays_published(
    published_a, member_a, textiles, silk_category, settings
):
    settings.PRODUCT_REVIEW_ON_EDIT = False
    data = input_from(published_a, price=Decimal("999.00"))

    product_portal_save(producer=published_a.producer, actor=member_a, data=data, product=published_a)

    assert state(published_a) == ("published", True)


def test_an_office_edit_on_the_producers_behalf_stays_published_and_is_logged_as_the_office(
    published_a, office, textiles, silk_category
):
    data = input_from(published_a, title_en="Better English title")

    product_portal_save(producer=published_a.producer, actor=office, data=data, product=published_a)

    assert state(published_a) == ("published", True)
    entry = AuditLog.objects.get(action="product.update")
    assert entry.by_office and entry.actor == office and entry.producer == published_a.producer
    assert entry.changes == {"title_en": {"old": "Published silk", "new": "Better English title"}}
    assert "office@example.com" in entry.actor_label


# --- Rules on the data ---------------------------------------------------------------------------


@pytest.mark.parametrize("price", [Decimal("-5.00"), Decimal("0"), Decimal("1000000.01"), Decimal("12.345")])
def test_negative_zero_absurd_or_sub_satang_prices_are_refused_and_nothing_is_written(
    producer_a, member_a, textiles, silk_category, price
):
    with pytest.raises(ValidationError) as excinfo:
        product_portal_save(
            producer=producer_a, actor=member_a, data=product_input(textiles, silk_category, price=price)
        )

    assert "price" in excinfo.value.message_dict
    assert not Product.objects.exists() and not StockRecord.objects.exists() and not AuditLog.objects.exists()


def test_a_product_in_an_excluded_category_cannot_be_digital_wallet_eligible(producer_a, member_a, alcohol_category):
    beverages = OtopProductTypeFactory(code="beverages", name_en="Beverages")

    with pytest.raises(ValidationError) as excinfo:
        product_portal_save(
            producer=producer_a,
            actor=member_a,
            data=product_input(beverages, alcohol_category, title="สาโท", digital_wallet_eligible=True),
        )

    assert "digital_wallet_eligible" in excinfo.value.message_dict
    assert not Product.objects.exists()


def test_a_subcategory_of_an_excluded_category_is_excluded_too(producer_a, member_a, alcohol_category):
    from tests.factories.catalog import category_get_or_create

    rice_wine = category_get_or_create("rice-wine", "สาโท", parent=alcohol_category)

    with pytest.raises(ValidationError):
        product_portal_save(
            producer=producer_a,
            actor=member_a,
            data=product_input(OtopProductTypeFactory(), rice_wine, digital_wallet_eligible=True),
        )


def test_the_passport_never_shows_eligibility_for_a_product_later_moved_to_an_excluded_category(
    published_a, alcohol_category
):
    from catalog.selectors import product_passport

    Product.objects.filter(pk=published_a.pk).update(digital_wallet_eligible=True)
    published_a.refresh_from_db()
    assert product_passport(product=published_a).digital_wallet_eligible

    published_a.categories.add(alcohol_category)
    assert not product_passport(product=published_a).digital_wallet_eligible


def test_a_tambon_outside_the_district_of_origin_is_refused(producer_a, member_a, textiles, silk_category):
    with pytest.raises(ValidationError) as excinfo:
        product_portal_save(
            producer=producer_a,
            actor=member_a,
            data=product_input(textiles, silk_category, origin_tambon="ช้างเผือก"),
        )
    assert "origin_tambon" in excinfo.value.message_dict


def test_a_sku_already_used_by_another_of_the_producers_products_is_refused(
    product_a, member_a, textiles, silk_category
):
    taken = product_a.stockrecords.get().partner_sku

    with pytest.raises(ValidationError) as excinfo:
        product_portal_save(
            producer=product_a.producer, actor=member_a, data=product_input(textiles, silk_category, sku=taken)
        )
    assert "sku" in excinfo.value.message_dict


def test_the_same_sku_at_another_producer_is_fine(product_b, producer_a, member_a, textiles, silk_category):
    product = product_portal_save(
        producer=producer_a,
        actor=member_a,
        data=product_input(textiles, silk_category, sku=product_b.stockrecords.get().partner_sku),
    )
    assert product.pk


def test_a_price_edit_never_touches_the_stock_counts(product_a, member_a, textiles, silk_category):
    record = product_a.stockrecords.get()
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=42, num_allocated=5)

    product_portal_save(
        producer=product_a.producer,
        actor=member_a,
        product=product_a,
        data=input_from(product_a, price=Decimal("990.00")),
    )

    record.refresh_from_db()
    assert (record.price, record.num_in_stock, record.num_allocated) == (Decimal("990.00"), 42, 5)


def test_the_service_refuses_another_producers_product_even_if_a_view_forgot_to_scope(
    product_b, producer_a, member_a, textiles, silk_category
):
    with pytest.raises(PermissionDenied):
        product_portal_save(
            producer=producer_a, actor=member_a, data=product_input(textiles, silk_category), product=product_b
        )
