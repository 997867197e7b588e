"""The CMS pages: the demo's page tree (home, stories, districts...) and
more stories, published through Wagtail like an editor would."""

from __future__ import annotations

from datetime import timedelta

from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.models import StoryIndexPage, StoryPage
from shop.demo.data.pages import STORIES
from shop.demo.pages import seed_pages

Producer = get_model("catalogue", "Producer")

SLUG_PREFIX = "bench-story-"


def stories_seed(*, count: int) -> int:
    """The demo pages, then Thai stories until there are `count` in all.
    Returns the number of stories added."""
    seed_pages()
    thai = Locale.get_default()
    index = StoryIndexPage.objects.filter(locale=thai).first()
    if index is None:
        return 0
    have = StoryPage.objects.child_of(index).count()
    producers = list(Producer.objects.order_by("pk")[: max(count, 1)])
    template_pages = list(StoryPage.objects.child_of(index).order_by("pk")[: len(STORIES)])
    added = 0
    for n in range(have, count):
        template = STORIES[n % len(STORIES)]
        texts = template["th"]
        slug = f"{SLUG_PREFIX}{n + 1}"
        if StoryPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        producer = producers[n % len(producers)] if producers else None
        hero = template_pages[n % len(template_pages)].hero_image if template_pages else None
        page = StoryPage(
            slug=slug,
            title=f"{texts['title']} ({n + 1})",
            intro=texts["intro"],
            body=texts["body"],
            date=template["date"] - timedelta(days=7 * n),
            author="OTOP Chiang Mai",
            producer=producer,
            district=producer.district if producer else None,
            hero_image=hero,
            locale=thai,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        added += 1
    return added
