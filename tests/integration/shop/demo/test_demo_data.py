"""`manage.py load_demo_data`, end to end, with a small catalogue (--products 30).
The demo is loaded once for the package (conftest.py); each test reads it
in a savepoint, and the tests of loading again load on top of it."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import escape
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Locale, Page, Site

from cms.models import HomePage, StoryIndexPage, StoryPage
from shop.common import roles
from shop.demo.accounts import DEMO_PRODUCER_SLUG, DEMO_USERS
from shop.demo.data.pages import HOME
from shop.demo.images import render_picture
from shop.demo.listings import LISTINGS
from shop.demo.plan import ean13, product_plan
from tests.factories.demo import DEMO_PRODUCTS, demo_user_login, load_demo_data

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# The demo producer's listings in draft / review / rejected (shop/demo/listings.py),
# on top of the planned catalogue.
EXAMPLE_LISTINGS = len(LISTINGS)


def demo_counts() -> dict[str, int]:
    return {
        "districts": District.objects.count(),
        "product types": OtopProductType.objects.count(),
        "producers": Producer.objects.count(),
        "products": Product.objects.count(),
        "images": ProductImage.objects.count(),
        "stock records": StockRecord.objects.count(),
        "home pages": HomePage.objects.live().count(),
        "story indexes": StoryIndexPage.objects.live().count(),
        "stories": StoryPage.objects.live().count(),
        "role groups": Group.objects.filter(name__in=roles.ALL_ROLES).count(),
        "users": get_user_model().objects.count(),
    }


# --- Loading ----------------------------------------------------------------------


def test_loading_twice_gives_the_same_counts(demo):
    first = demo_counts()
    second_output = load_demo_data()

    assert demo_counts() == first
    assert first == {
        "districts": 25,
        "product types": 5,
        "producers": 40,
        "products": DEMO_PRODUCTS + EXAMPLE_LISTINGS,
        "images": DEMO_PRODUCTS + EXAMPLE_LISTINGS,
        "stock records": DEMO_PRODUCTS + EXAMPLE_LISTINGS,
        "home pages": 3,  # Thai, English, Chinese
        "story indexes": 3,
        "stories": 18,  # six stories in three languages
        "role groups": 6,
        "users": 5,  # the four demo logins and the pending registration's applicant
    }
    assert "Products ... 0 new" in second_output
    assert "CMS pages ... nothing to add" in second_output


def test_loading_more_products_later_extends_the_same_catalogue(demo):
    first_upcs = set(Product.objects.values_list("upc", flat=True))

    load_demo_data(products=DEMO_PRODUCTS + 10)

    assert first_upcs < set(Product.objects.values_list("upc", flat=True))
    assert Product.objects.count() == DEMO_PRODUCTS + 10 + EXAMPLE_LISTINGS


def test_every_published_product_is_public_priced_in_baht_and_stocked_by_its_producer(demo):
    for product in Product.objects.filter(listing_status="published").select_related("producer__partner"):
        assert product.is_public
        assert product.otop_type_id and product.origin_district_id and product.categories.exists()
        assert 1 <= product.otop_stars <= 5 and 2565 <= product.otop_star_year <= 2568
        record = product.stockrecords.get()
        assert record.partner == product.producer.partner
        assert record.price_currency == "THB" and record.price > 0


def test_the_demo_catalogue_has_sold_out_and_low_stock_products(demo):
    levels = list(StockRecord.objects.values_list("num_in_stock", flat=True))
    assert 0 in levels
    assert any(1 <= level <= 3 for level in levels)


def test_product_images_are_800px_jpegs(demo):
    image = ProductImage.objects.first()
    with image.original.open("rb") as fh:
        picture = Image.open(io.BytesIO(fh.read()))
    assert (picture.format, picture.size) == ("JPEG", (800, 800))
    assert image.display_order == 0 and image.caption


def test_all_demo_producers_are_approved_partners_with_normalised_phones(demo):
    for producer in Producer.objects.select_related("partner"):
        assert producer.status == Producer.Status.APPROVED
        assert producer.partner.name == producer.name_th
        assert producer.phone.startswith("0") and len(producer.phone) in (9, 10)
    assert Producer.objects.values("district").distinct().count() >= 20


# --- Pages -------------------------------------------------------------------------


STOREFRONT_URLS = ["/", "/en/", "/zh-hans/", "/stories/", "/en/stories/", "/zh-hans/stories/", "/en/shop/catalogue/"]


def test_the_storefront_answers_200_in_every_language_after_loading(demo, client):
    # One load for all URLs: loading is the slow part, the requests are cheap.
    statuses = {url: client.get(url).status_code for url in STOREFRONT_URLS}
    assert statuses == dict.fromkeys(STOREFRONT_URLS, 200)


def test_each_language_serves_its_own_home_page(demo, client):
    for prefix, language in [("/", "th"), ("/en/", "en"), ("/zh-hans/", "zh-hans")]:
        html = client.get(prefix).content.decode()
        assert escape(HOME[language]["hero_title"]) in html, language


def test_the_default_site_is_the_thai_home_page_on_localhost(demo):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("localhost", 80, "OTOP Chiang Mai")
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale == Locale.get_default()
    # Wagtail's "Welcome" page is gone: only our home pages sit under the root.
    assert not Page.objects.filter(depth=2).exclude(content_type__model="homepage").exists()


def test_every_story_has_a_producer_a_district_and_a_hero_image(demo):
    for story in StoryPage.objects.filter(locale=Locale.get_default()):
        assert story.producer_id and story.district_id and story.hero_image_id
        assert story.has_translation(Locale.objects.get(language_code="en"))


# --- Roles and demo users ---------------------------------------------------------------


def test_demo_users_log_in_with_their_email(demo, client):
    for user in DEMO_USERS:
        assert client.login(username=user["email"], password=user["password"]), user["email"]


def test_an_existing_demo_user_keeps_a_changed_password(demo):
    office = get_user_model().objects.get(email="office@demo.otop")
    office.set_password("changed-by-the-office")
    office.save()

    output = load_demo_data()

    office.refresh_from_db()
    assert office.check_password("changed-by-the-office")
    assert "existed, left unchanged" in output


def test_the_producer_member_manages_a_san_kamphaeng_silk_producer(demo, client):
    user = get_user_model().objects.get(email="producer@demo.otop")
    producer = Producer.objects.get(slug=DEMO_PRODUCER_SLUG)
    assert producer.district.code == "5013"
    assert user in producer.partner.users.all()
    assert user.has_perm("partner.dashboard_access") and not user.is_staff

    demo_user_login(client, "producer@demo.otop")
    # A producer member lands on the portal, not on Oscar's shop statistics (#19).
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response.url == "/dashboard/portal/"
    assert client.get(response.url).status_code == 200


def test_center_staff_reach_the_oscar_dashboard(demo, client):
    demo_user_login(client, "center@demo.otop")
    assert client.get("/dashboard/").status_code == 200


def test_content_editors_reach_wagtail_but_not_the_oscar_dashboard(demo, client):
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "editor-pass-2568")
    editor.groups.add(Group.objects.get(name=roles.CONTENT_EDITOR))
    client.force_login(editor)

    assert client.get("/cms/").status_code == 200
    assert client.get("/dashboard/").status_code in (302, 403)
    home = Site.objects.get(is_default_site=True).root_page
    for page in home.get_translations(inclusive=True):
        assert page.permissions_for_user(editor).can_publish()


# --- The plan (no database) ---------------------------------------------------------------


def test_titles_upcs_and_skus_are_unique_across_the_full_catalogue():
    plan = product_plan(300)
    for attribute in ("title", "title_en", "title_zh_hans", "upc", "sku"):
        assert len({getattr(spec, attribute) for spec in plan}) == 300, attribute


def test_a_small_load_is_the_start_of_the_full_catalogue():
    assert product_plan(DEMO_PRODUCTS) == product_plan(300)[:DEMO_PRODUCTS]


def test_silk_umbrella_and_coffee_products_carry_the_words_chinese_tourists_search():
    words = {"silk": "丝绸", "umbrella": "伞", "coffee": "咖啡"}
    for spec in product_plan(300):
        if spec.craft in words:
            assert words[spec.craft] in spec.title_zh_hans, spec.title_zh_hans


def test_every_upc_is_a_valid_thai_ean13():
    for spec in product_plan(300):
        assert spec.upc.startswith("885") and len(spec.upc) == 13
        assert ean13(spec.upc[:12]) == spec.upc


def test_prices_fall_in_realistic_baht_ranges():
    prices = {spec.craft: [] for spec in product_plan(300)}
    for spec in product_plan(300):
        prices[spec.craft].append(spec.price)
    assert 180 <= min(prices["coffee"]) and max(prices["coffee"]) <= 450
    assert 250 <= min(prices["umbrella"]) and max(prices["umbrella"]) <= 1800
    assert max(prices["teenjok"]) <= 25000


def test_product_pictures_are_drawn_the_same_every_time():
    first = render_picture(motif="umbrella", colour="#c62828", seed=7, label="Bo Sang umbrella")
    assert first == render_picture(motif="umbrella", colour="#c62828", seed=7, label="Bo Sang umbrella")
    assert first != render_picture(motif="umbrella", colour="#c62828", seed=8, label="Bo Sang umbrella")
