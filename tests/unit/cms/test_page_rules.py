"""Which page type may live under which: the site tree stays a magazine, not a heap."""

import pytest

from cms.models import (
    CampaignPage,
    CenterPage,
    ContentPage,
    DistrictIndexPage,
    DistrictPage,
    ExperienceIndexPage,
    ExperiencePage,
    HomePage,
    StoryIndexPage,
    StoryPage,
)

ALLOWED = [
    (HomePage, StoryIndexPage),
    (HomePage, DistrictIndexPage),
    (HomePage, ExperienceIndexPage),
    (HomePage, CampaignPage),
    (HomePage, CenterPage),
    (HomePage, ContentPage),
    (StoryIndexPage, StoryPage),
    (DistrictIndexPage, DistrictPage),
    (ExperienceIndexPage, ExperiencePage),
    (CenterPage, ContentPage),
    (ContentPage, ContentPage),
]

FORBIDDEN = [
    (HomePage, StoryPage),
    (HomePage, DistrictPage),
    (HomePage, ExperiencePage),
    (HomePage, HomePage),
    (StoryIndexPage, DistrictPage),
    (StoryIndexPage, StoryIndexPage),
    (StoryPage, StoryPage),
    (StoryPage, ContentPage),
    (DistrictIndexPage, StoryPage),
    (DistrictPage, DistrictPage),
    (ExperienceIndexPage, StoryPage),
    (ExperiencePage, ExperiencePage),
    (CampaignPage, StoryPage),
    (CenterPage, StoryPage),
    (ContentPage, StoryPage),
]


def allowed(parent, child) -> bool:
    return child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()


@pytest.mark.parametrize(("parent", "child"), ALLOWED, ids=lambda m: m.__name__)
def test_page_type_may_be_created_under_its_parent(parent, child):
    assert allowed(parent, child)


@pytest.mark.parametrize(("parent", "child"), FORBIDDEN, ids=lambda m: m.__name__)
def test_page_type_may_not_be_created_under_another_parent(parent, child):
    assert not allowed(parent, child)


def test_home_pages_only_sit_at_the_top_of_the_tree():
    from wagtail.models import Page

    assert HomePage.allowed_parent_page_models() == [Page]


@pytest.mark.parametrize("model", [StoryIndexPage, DistrictIndexPage, ExperienceIndexPage, CenterPage])
def test_a_home_page_has_at_most_one_section_page_of_each_kind(model):
    assert model.max_count_per_parent == 1
