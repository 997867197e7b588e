"""Wagtail page types, one module per content type (bakerydemo style).

    HomePage ── StoryIndexPage ── StoryPage
             ├─ DistrictIndexPage ── DistrictPage (25, one per amphoe)
             ├─ ExperienceIndexPage ── ExperiencePage
             ├─ CampaignPage
             ├─ CenterPage ── ContentPage
             └─ ContentPage ── ContentPage

Each language has its own copy of this tree (Wagtail i18n): the Thai home
page is the site root and its translations are its siblings.
"""

from .base import BasePage, PageProduct
from .campaigns import CampaignPage
from .center import CenterPage
from .content import ContentPage
from .districts import DistrictIndexPage, DistrictPage
from .experiences import ExperienceIndexPage, ExperiencePage
from .home import HomePage
from .stories import StoryIndexPage, StoryPage, StoryPageTag

__all__ = [
    "BasePage",
    "CampaignPage",
    "CenterPage",
    "ContentPage",
    "DistrictIndexPage",
    "DistrictPage",
    "ExperienceIndexPage",
    "ExperiencePage",
    "HomePage",
    "PageProduct",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
]
