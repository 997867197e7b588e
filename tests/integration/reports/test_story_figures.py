"""Stories published in the period and the sales of the products they show."""

from decimal import Decimal

import pytest
import time_machine

from shop.common.fiscal import FiscalQuarter
from shop.reports import selectors
from tests.factories.pages import StoryPageFactory, cms_site  # noqa: F401  (cms_site is a fixture)
from tests.factories.reports import bkk

pytestmark = pytest.mark.django_db
Q1 = FiscalQuarter(2025, 1)


def test_stories_published_in_the_quarter_and_sales_of_the_products_they_feature(shop_history, cms_site):
    from cms.models import StoryPage

    with time_machine.travel(bkk(2024, 11, 1, 9), tick=False):
        story = StoryPageFactory(
            parent=cms_site.index, shop_products=[{"type": "product", "value": shop_history["scarf"].pk}]
        )
    with time_machine.travel(bkk(2024, 5, 1, 9), tick=False):
        StoryPageFactory(parent=cms_site.index)  # published long before
    assert StoryPage.objects.get(pk=story.pk).first_published_at.date().isoformat() == "2024-11-01"
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        q1, previous, _before = selectors.story_figures(periods=(Q1, Q1.previous(), Q1.year_before()))
    assert q1["published"] == 1
    # The scarf: o1 900 + counter 450 + o2 450 in Q1; o3 450 in the previous quarter.
    assert q1["featured_gross"] == Decimal("1800.00")
    assert previous["featured_gross"] == Decimal("450.00")
