"""The editorial workflow in the Wagtail admin: content editors write, the
office approves or they publish; scheduled publishing, revisions and
preview work for the new page types; editors stay out of the shop's
dashboard, office admins reach both."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    CampaignPage,
    CenterPage,
    ContentPage,
    DistrictIndexPage,
    DistrictPage,
    ExperienceIndexPage,
    ExperiencePage,
    PageProduct,
    StoryPage,
)
from shop.common import roles
from tests.factories.pages import (
    DistrictIndexPageFactory,
    ExperienceIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def user_in(group_name: str, *, staff: bool = False, username: str = "editor"):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "a-long-pass-2568", is_staff=staff)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(cms_site):
    return user_in(roles.CONTENT_EDITOR)


@pytest.fixture
def office_admin(cms_site):
    user = user_in(roles.OFFICE_ADMIN, staff=True, username="office")
    # As shop/demo/pages.py does: office admins approve editors' submissions.
    GroupApprovalTask.objects.get(name="Moderators approval").groups.add(Group.objects.get(name=roles.OFFICE_ADMIN))
    return user


def story_form(title="ผ้าไหมบ้านบวกค้าง", product=None, **extra):
    body = [("paragraph", rich_text("<p>เรื่องของช่างทอ</p>"))]
    if product is not None:
        body.append(("products", {"heading": "ซื้อจากเรื่องนี้", "products": streamfield([("item", product.pk)])}))
    data = nested_form_data(
        {
            "title": title,
            "slug": "buak-khang-silk",
            "date": "2025-03-01",
            "author": "ณัฐธิดา คำมา",
            "intro": "ช่างทอยี่สิบครัวเรือน",
            "tags": "ผ้าไหม, สันกำแพง",
            "body": streamfield(body),
            "gallery": streamfield([]),
            "video": streamfield([]),
            "shop_products": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


# --- Who reaches what -------------------------------------------------------------------------


def test_a_content_editor_reaches_the_cms_but_not_the_shop_dashboard(client, editor):
    client.force_login(editor)

    assert client.get("/cms/").status_code == 200
    response = client.get("/dashboard/")
    # Oscar's dashboard wants is_staff: a signed-in non-staff user is refused.
    assert response.status_code == 403 or (response.status_code == 302 and "/login/" in response["Location"])
    assert 'href="/dashboard/"' not in client.get("/").content.decode()


def test_an_office_admin_reaches_both_the_cms_and_the_dashboard(client, office_admin):
    client.force_login(office_admin)

    assert client.get("/cms/").status_code == 200
    assert client.get("/dashboard/").status_code == 200


def test_a_content_editor_may_edit_and_publish_pages_in_every_language(cms_site, editor):
    for home in (cms_site.home, cms_site.home_en, cms_site.home_zh):
        permissions = home.permissions_for_user(editor)
        assert permissions.can_add_subpage() and permissions.can_publish()


# --- Creating and publishing a story -------------------------------------------------------------


def test_an_editor_creates_and_publishes_a_story_with_a_product_block(client, cms_site, editor, make_product):
    product = make_product(title="ผ้าพันคอไหมลายน้ำไหล")
    client.force_login(editor)

    response = client.post(add_url(StoryPage, cms_site.index), story_form(product=product, **{"action-publish": "1"}))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    story = StoryPage.objects.get(slug="buak-khang-silk")
    assert story.live and story.owner == editor
    assert sorted(tag.name for tag in story.tags.all()) == ["ผ้าไหม", "สันกำแพง"]
    assert PageProduct.objects.filter(page=story, product=product).exists()
    html = client.get(story.url).content.decode()
    assert "ผ้าพันคอไหมลายน้ำไหล" in html and reverse("basket:add", kwargs={"pk": product.pk}) in html


def test_an_editor_submits_a_story_for_moderation_and_an_office_admin_approves_it(
    client, cms_site, editor, office_admin
):
    client.force_login(editor)
    client.post(add_url(StoryPage, cms_site.index), story_form(**{"action-submit": "1"}))
    story = StoryPage.objects.get(slug="buak-khang-silk")
    assert not story.live and story.current_workflow_task.name == "Moderators approval"
    assert client.get(f"/stories/{story.slug}/").status_code == 404

    client.force_login(office_admin)
    task_state = story.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk]),
        {"comment": "ดีมาก"},
    )

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    assert client.get(story.url).status_code == 200


def test_a_story_scheduled_for_later_goes_live_only_when_its_time_comes(client, cms_site, editor):
    client.force_login(editor)
    go_live = timezone.localtime() + datetime.timedelta(days=2)

    client.post(
        add_url(StoryPage, cms_site.index),
        story_form(**{"action-publish": "1", "go_live_at": go_live.strftime("%Y-%m-%d %H:%M")}),
    )
    story = StoryPage.objects.get(slug="buak-khang-silk")
    assert not story.live and story.scheduled_revision is not None

    call_command("publish_scheduled")
    story.refresh_from_db()
    assert not story.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")
    story.refresh_from_db()
    assert story.live


def test_editing_a_story_keeps_revisions_and_the_live_version_until_publishing(client, cms_site, editor):
    client.force_login(editor)
    client.post(add_url(StoryPage, cms_site.index), story_form(**{"action-publish": "1"}))
    story = StoryPage.objects.get(slug="buak-khang-silk")
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])

    client.post(edit_url, story_form(title="ชื่อใหม่ที่ยังเป็นร่าง"))

    story.refresh_from_db()
    assert story.revisions.count() == 2
    assert story.title == "ผ้าไหมบ้านบวกค้าง" and story.has_unpublished_changes
    # A visitor (not the editor, whose admin messages would mention the title).
    assert "ชื่อใหม่ที่ยังเป็นร่าง" not in Client().get(story.url).content.decode()
    assert client.get(reverse("wagtailadmin_pages:history", args=[story.pk])).status_code == 200


def test_an_editor_previews_a_story_before_publishing(client, cms_site, editor, make_product):
    product = make_product(title="ร่มบ่อสร้างสีแดง")
    story = StoryPageFactory(parent=cms_site.index, slug="buak-khang-silk")
    client.force_login(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])

    posted = client.post(preview_url, story_form(title="ตัวอย่างก่อนเผยแพร่", product=product))
    preview = client.get(preview_url)

    assert posted.json()["is_valid"]
    html = preview.content.decode()
    assert "ตัวอย่างก่อนเผยแพร่" in html and "ร่มบ่อสร้างสีแดง" in html


# --- Every page type in the admin --------------------------------------------------------------


def test_the_admin_offers_every_page_type_under_its_parent(client, cms_site, editor):
    districts = DistrictIndexPageFactory(parent=cms_site.home)
    workshops = ExperienceIndexPageFactory(parent=cms_site.home)
    client.force_login(editor)

    for model, parent in [
        (StoryPage, cms_site.index),
        (DistrictIndexPage, cms_site.home_en),
        (DistrictPage, districts),
        (ExperienceIndexPage, cms_site.home_en),
        (ExperiencePage, workshops),
        (CampaignPage, cms_site.home),
        (CenterPage, cms_site.home),
        (ContentPage, cms_site.home),
    ]:
        response = client.get(add_url(model, parent))
        assert response.status_code == 200, model.__name__


def test_the_admin_refuses_a_page_type_under_the_wrong_parent(client, cms_site, editor):
    client.force_login(editor)

    response = client.get(add_url(StoryPage, cms_site.home))
    posted = client.post(add_url(StoryPage, cms_site.home), story_form(**{"action-publish": "1"}))

    # Wagtail sends the editor back to the admin with a "permission denied" message.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    assert posted.status_code == 302
    assert not StoryPage.objects.exists()


def test_the_product_chooser_lists_and_searches_products_for_editors(client, cms_site, editor, make_product):
    make_product(title="ผ้าไหมยกดอก", title_en="Silk brocade")
    make_product(title="ร่มกระดาษสา", title_en="Saa umbrella")
    client.force_login(editor)

    everything = client.get("/cms/choose/product/").json()["html"]
    found = client.get("/cms/choose/product/results/", {"q": "ไหม"}).content.decode()

    assert "ผ้าไหมยกดอก" in everything and "ร่มกระดาษสา" in everything
    assert "ผ้าไหมยกดอก" in found and "ร่มกระดาษสา" not in found


def test_every_page_type_can_be_drafted_and_previewed(client, cms_site, editor, make_product):
    from tests.factories.catalog import DistrictFactory
    from tests.factories.pages import (
        CampaignPageFactory,
        CenterPageFactory,
        ContentPageFactory,
        DistrictPageFactory,
        ExperiencePageFactory,
        products_block,
    )

    product = make_product(title="ผ้าครามในร่าง")
    districts = DistrictIndexPageFactory(parent=cms_site.home)
    workshops = ExperienceIndexPageFactory(parent=cms_site.home)
    drafts = [
        StoryPageFactory(parent=cms_site.index, publish=False, body=[products_block([product])]),
        DistrictPageFactory(parent=districts, district=DistrictFactory(), publish=False),
        ExperiencePageFactory(parent=workshops, publish=False),
        CampaignPageFactory(parent=cms_site.home, publish=False, products=[{"type": "product", "value": product.pk}]),
        CenterPageFactory(parent=cms_site.home, publish=False),
        ContentPageFactory(parent=cms_site.home, publish=False, body=[products_block([product])]),
        districts,
        workshops,
    ]
    client.force_login(editor)

    for page in drafts:
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__
        assert page.title in response.content.decode(), type(page).__name__
    for page in drafts[:6]:
        # Visitors do not see a draft.
        assert Client().get(page.get_url()).status_code == 404, type(page).__name__
