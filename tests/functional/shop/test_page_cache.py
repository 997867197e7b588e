"""The storefront's full-page cache (shop/common/pagecache.py, issue #18): pages
for visitors without a session or basket come from the cache, never stale,
never carrying another visitor's token, messages or basket."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.search.services import search_index_product
from cms.models import StoryPage
from inventory.services.movements import counter_sale_post
from tests.factories.catalog import ProductFactory, StockRecordFactory, UserFactory, category_get_or_create
from tests.factories.order import stocked_product
from tests.factories.pages import StoryPageFactory, cms_site, products_block, translate  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
ProductRecommendation = get_model("catalogue", "ProductRecommendation")

LANGUAGES = ("", "/en", "/zh-hans")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def shop(cms_site):
    """One product in a category, on a story page in all three languages,
    indexed for search, with 10 units on the shelf."""
    product = stocked_product(title="ผ้าไหมมัดหมี่ครามพิเศษ", title_en="Indigo mudmee silk", price="1200.00", quantity=10)
    category = category_get_or_create("silk", "ผ้าไหม")
    product.categories.add(category)
    search_index_product(product_id=product.pk)
    story = StoryPageFactory(parent=cms_site.index, slug="indigo", body=[products_block([product])])
    translate(story, "en", slug="indigo")
    translate(cms_site.index, "zh-hans", title="故事")
    translate(story, "zh-hans", slug="indigo")
    with translation.override("th"):
        district_url = reverse("district-products", kwargs={"slug": product.producer.district.slug})
        pages = {
            "product": product.get_absolute_url(),
            "catalogue": reverse("catalogue:index"),
            "category": category.get_absolute_url(),
            "district": district_url,
            "search": reverse("search:search") + "?q=mudmee",
            "story": "/stories/indigo/",
        }
    return product, pages


def urls(pages: dict) -> list[str]:
    # Thai pages have no prefix; English and Chinese ones add theirs.
    return [prefix + url for prefix in LANGUAGES for url in pages.values()]


def add_url(product) -> str:
    return f"/shop/basket/add/{product.pk}/"


def warm(client, url):
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200, url
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
    return second


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def test_a_cached_page_is_served_without_a_single_query(client, shop, django_assert_num_queries):
    _product, pages = shop
    for url in urls(pages):
        warm(client, url)
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_price_change_shows_at_once_on_every_page_in_every_language(client, shop):
    product, pages = shop
    for url in urls(pages):
        assert "1,200" in warm(client, url).content.decode(), url
    record = product.stockrecords.get()
    record.price = Decimal("4321.00")
    record.save()  # as the dashboard's and the portal's stock record forms do
    for url in urls(pages):
        response = client.get(url)
        html = response.content.decode()
        assert response["X-Page-Cache"] == "miss", url
        assert "4,321" in html and "1,200" not in html, url


def test_a_sold_out_product_shows_as_sold_out_on_the_next_request_to_every_page(client, shop):
    product, pages = shop
    for url in urls(pages):
        assert add_url(product) in warm(client, url).content.decode(), url
    # The counter sells the last ten units: the inventory's own stock write.
    counter_sale_post(reference="counter:9001", lines=[(product.pk, 10)])
    for url in urls(pages):
        assert add_url(product) not in client.get(url).content.decode(), url


def test_a_wagtail_publish_shows_at_once(client, shop):
    warm(client, "/en/stories/indigo/")
    warm(client, "/en/")
    story_en = StoryPage.objects.get(locale__language_code="en", slug="indigo")
    story_en.title = "Indigo, dyed twelve times"
    story_en.save_revision().publish()
    assert "Indigo, dyed twelve times" in client.get("/en/stories/indigo/").content.decode()
    assert client.get("/en/")["X-Page-Cache"] == "miss"  # the home page lists the stories


def test_a_change_to_one_product_keeps_other_product_pages_cached(client, shop):
    product, pages = shop
    other = stocked_product(title="ร่มบ่อสร้าง", title_en="Bo Sang umbrella", price="350.00")
    warm(client, pages["product"])
    warm(client, other.get_absolute_url())
    record = product.stockrecords.get()
    record.price = Decimal("999.00")
    record.save()
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get(pages["product"])["X-Page-Cache"] == "miss"


def test_two_anonymous_visitors_never_get_each_others_token_messages_or_basket(shop):
    product, pages = shop
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = "/en" + pages["product"]
    alice_page = alice.get(page)
    bob_before = bob.get(page)
    assert (alice_page["X-Page-Cache"], bob_before["X-Page-Cache"]) == ("miss", "hit")
    alice_token = TOKEN.search(alice_page.content.decode()).group(1)
    bob_token = TOKEN.search(bob_before.content.decode()).group(1)
    assert alice.cookies["csrftoken"].value != bob.cookies["csrftoken"].value
    # Alice's token is worthless with Bob's cookie: each page carries its visitor's own.
    assert bob.post(add_url(product), {"quantity": 1, "csrfmiddlewaretoken": alice_token}).status_code == 403

    # Alice buys: she now has a basket and a message; her pages are her own.
    assert alice.post(add_url(product), {"quantity": 1, "csrfmiddlewaretoken": alice_token}).status_code == 302
    alice_after = alice.get(page)
    assert alice_after["X-Page-Cache"] == "bypass"
    assert "private" in alice_after["Cache-Control"]

    bob_after = bob.get(page)
    assert bob_after["X-Page-Cache"] == "hit"
    assert without_tokens(bob_after.content.decode()) == without_tokens(bob_before.content.decode())
    assert alice_token not in bob_after.content.decode()
    assert bob_token in bob_after.content.decode() or TOKEN.search(bob_after.content.decode())


def test_a_signed_in_customer_never_gets_a_cached_anonymous_page(client, shop):
    _product, pages = shop
    warm(client, "/en" + pages["catalogue"])
    customer = Client()
    customer.force_login(
        UserFactory(email="somchai@example.com"), backend="oscar.apps.customer.auth_backends.EmailBackend"
    )
    response = customer.get("/en" + pages["catalogue"])
    assert response["X-Page-Cache"] == "bypass"
    assert 'id="logout_form"' in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_the_add_to_basket_form_of_a_cached_page_posts_without_javascript(shop):
    product, pages = shop
    Client().get(pages["product"])  # someone else built the page
    visitor = Client(enforce_csrf_checks=True)
    cached = visitor.get(pages["product"])
    assert cached["X-Page-Cache"] == "hit"
    html = cached.content.decode()
    form = re.search(r'<form[^>]+action="([^"]*/basket/add/%d/)"(.*?)</form>' % product.pk, html, re.S)
    token = TOKEN.search(form.group(2)).group(1)
    response = visitor.post(form.group(1), {"quantity": 1, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    basket = visitor.get(reverse("basket:summary"))
    assert [line.product for line in basket.context["basket"].all_lines()] == [product]


def test_the_content_length_counts_the_visitors_token_on_a_built_and_on_a_cached_page(shop):
    """The visitor's token is longer than the placeholder the page was built
    with: a Content-Length kept from the built page made browsers cut off its
    end (24 bytes per form: the scripts at the bottom of a home page full of
    product cards never loaded)."""
    _product, pages = shop
    for url in (pages["product"], pages["story"]):
        built, cached = Client().get(url), Client().get(url)
        assert (built["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit"), url
        for response in (built, cached):
            assert "csrfmiddlewaretoken" in response.content.decode(), url
            assert int(response["Content-Length"]) == len(response.content), url


def test_a_page_with_a_form_is_private_and_revalidates_with_its_etag(client, shop):
    _product, pages = shop
    response = warm(client, pages["product"])
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    again = client.get(pages["product"], HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # Another visitor's ETag (another CSRF secret) does not match this one.
    assert Client().get(pages["product"], HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_a_page_without_forms_may_be_kept_briefly_by_a_shared_cache(client, cms_site, settings):
    StoryPageFactory(parent=cms_site.index, slug="plain")  # a story with no product, so no form
    response = warm(client, "/stories/plain/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and f"s-maxage={settings.PAGE_CACHE_SHARED_SECONDS}" in cache_control
    assert "stale-while-revalidate" in cache_control and "max-age=0" in cache_control
    assert "Cookie" in response["Vary"]
    assert client.get("/stories/plain/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_price_change_of_a_recommended_product_shows_at_once_on_the_page_recommending_it(client, home_page):
    primary = ProductFactory(title_en="Mudmee scarf")
    StockRecordFactory(product=primary, price=Decimal("100.00"))
    recommended = ProductFactory(title_en="Bo Sang umbrella")
    record = StockRecordFactory(product=recommended, price=Decimal("777.00"))
    ProductRecommendation.objects.create(primary=primary, recommendation=recommended, ranking=1)
    with translation.override("en"):
        url = primary.get_absolute_url()
    assert "777" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    record.price = Decimal("555.00")
    record.save()  # the recommended product's own save

    html = client.get(url).content.decode()
    assert "555" in html and "777" not in html
