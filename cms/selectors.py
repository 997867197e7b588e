from wagtail.models import Locale

from .models import StoryPage


def stories_latest(*, locale: Locale, limit: int = 3):
    """The newest published stories in the given locale, hero image loaded."""
    return (
        StoryPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("hero_image", "district")
        .order_by("-date", "-pk")[:limit]
    )
