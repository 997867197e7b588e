"""The demo's page tree (shop/demo/pages.py through `load_demo_data`): a story
tree that sells, all 25 districts with their natural-dye source, two
workshops, the center and the Thai-fabric campaign; loading again adds nothing."""

from oscar.core.loading import get_model
from wagtail.models import GroupApprovalTask, Locale, Page

from cms.models import (
    CampaignPage,
    CenterPage,
    DistrictIndexPage,
    DistrictPage,
    ExperiencePage,
    HomePage,
    PageProduct,
    StoryPage,
)
from cms.streams import product_ids_in_page
from shop.common import roles
from tests.factories.demo import load_demo_data

Product = get_model("catalogue", "Product")


def in_language(model, code):
    return model.objects.live().filter(locale__language_code=code)


def test_the_demo_page_tree_is_complete_and_loading_again_adds_nothing(demo):
    pages_before = Page.objects.count()

    second = load_demo_data()

    assert "CMS pages ... nothing to add" in second
    assert Page.objects.count() == pages_before
    # All 25 districts in Thai and English, each with its dye source and places.
    for code in ("th", "en"):
        districts = in_language(DistrictPage, code)
        assert districts.count() == 25
        assert sorted(districts.values_list("district__code", flat=True)) == [f"50{n:02d}" for n in range(1, 26)]
        for page in districts:
            assert page.dye_plant and page.dye_colour and page.dye_technique and page.dye_community
            assert len(page.places) >= 1 and page.hero_image_id
    assert in_language(DistrictIndexPage, "zh-hans").exists()
    # Two workshops, the center and the campaign in all three languages.
    for code in ("th", "en", "zh-hans"):
        assert in_language(ExperiencePage, code).count() == 2
        assert in_language(CenterPage, code).count() == 1
        assert in_language(CampaignPage, code).count() == 1
    for home in HomePage.objects.all():
        assert home.featured_campaign.specific.slug == "thai-fabric-campaign"
    # Office admins approve what editors submit for moderation.
    assert GroupApprovalTask.objects.get(name="Moderators approval").groups.filter(name=roles.OFFICE_ADMIN).exists()


def test_demo_stories_sell_their_producers_products_through_product_blocks(demo):
    thai = Locale.get_default()

    stories = StoryPage.objects.filter(locale=thai)
    assert stories.count() == 6
    selling = 0
    for story in stories:
        assert story.author and story.tags.exists()
        assert story.has_translation(Locale.objects.get(language_code="en"))
        ids = set(product_ids_in_page(story))
        if Product.objects.filter(producer=story.producer, is_public=True).exists():
            selling += 1
            assert ids and set(Product.objects.filter(pk__in=ids).values_list("producer", flat=True)) == {
                story.producer_id
            }
            assert set(PageProduct.objects.filter(page=story).values_list("product_id", flat=True)) == ids
    assert selling >= 4  # with 30 demo products a few producers have none yet


def test_every_demo_page_type_answers_in_every_language(demo, client):
    # One page of each type in each language (rendering all 94 pages would
    # mostly time the image renditions).
    samples = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale").order_by("path"):
        samples.setdefault((page.content_type_id, page.locale.language_code), page)

    assert len(samples) >= 25
    for page in samples.values():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response["Content-Language"] == page.locale.language_code, page.url
