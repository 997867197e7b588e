"""Wagtail demo pages, in Thai (the source locale) with translations:

    home (th, en, zh-hans)
    ├─ stories: index (th, en, zh-hans) and six stories (th, en, zh-hans),
    │  each selling its producer's products through product blocks
    ├─ districts: index (th, en, zh-hans) and all 25 district pages (th, en)
    ├─ workshops: index and two experiences (th, en, zh-hans)
    ├─ the San Kamphaeng center (th, en, zh-hans)
    ├─ the Thai-fabric campaign (th, en, zh-hans), featured on the home page
    └─ about (th, en)

Pages are matched by slug under their parent and translations by locale
(`get_translation_or_none`), so re-running publishes nothing twice and never
overwrites an editor's changes to an existing page. Translations are made the
way editors make them, with copy_for_translation (simple_translation).
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Locale, Page, ReferenceIndex, Site
from wagtail.search import index as search_index
from wagtail.signal_handlers import disable_reference_index_auto_update

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
from shop.common import roles

from .data.districts import DISTRICT_INDEX, DISTRICTS
from .data.pages import (
    ABOUT,
    CAMPAIGN,
    CAMPAIGN_CRAFT_PRODUCERS,
    CENTER,
    EXPERIENCE_INDEX,
    EXPERIENCES,
    HOME,
    STORIES,
    STORY_BLOCK_TEXTS,
    STORY_DETAILS,
    STORY_INDEX,
)
from .images import render_picture

District = get_model("catalogue", "District")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")

SITE_NAME = "OTOP Chiang Mai"
HOME_SLUG = "otop-chiang-mai"
TRANSLATIONS = ("en", "zh-hans")
_LANG_KEY = {"th": "th", "en": "en", "zh-hans": "zh"}  # key of a page's texts per locale
STORY_PRODUCTS = 3  # products in a story's product block
SHOP_PRODUCTS = 4  # products under "Shop the story"


@dataclass
class PagesResult:
    created: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list, repr=False)

    def add(self, page: Page) -> None:
        self.created.append(f"{page.locale.language_code}:{page.slug}")
        self.pages.append(page)


def seed_pages() -> PagesResult:
    result = PagesResult()
    with _index_once_at_the_end(result):
        locales = _ensure_locales()
        home = _ensure_home(locales["th"], result)
        for code in TRANSLATIONS:
            _ensure_translation(home, locales[code], HOME[code], result)

        _seed_stories(home, locales, result)
        _seed_districts(home, locales, result)
        _seed_experiences(home, locales, result)
        _seed_center(home, locales, result)
        _seed_campaign(home, locales, result)
        _seed_about(home, locales, result)
    _ensure_moderators()

    # Site root paths are cached; translations added above must be visible at once.
    Site.clear_site_root_paths_cache()
    return result


# --- Stories --------------------------------------------------------------------------------


def _seed_stories(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    index = _ensure_child(home, StoryIndexPage, "stories", STORY_INDEX["th"], result)
    for code in TRANSLATIONS:
        _ensure_translation(index, locales[code], STORY_INDEX[code], result)

    districts = {d.code: d for d in District.objects.all()}
    producers = {p.slug: p for p in Producer.objects.filter(slug__in=[s["producer"] for s in STORIES])}
    for number, story in enumerate(STORIES, start=1):
        if StoryPage.objects.child_of(index).filter(slug=story["slug"]).exists():
            page = StoryPage.objects.child_of(index).get(slug=story["slug"])
        else:
            producer = producers.get(story["producer"])
            products = _producer_products(story["producer"], SHOP_PRODUCTS)
            gallery = [
                _image(
                    f"Demo story: {story['slug']} {n}",
                    story["motif"],
                    story["colour"],
                    seed=100 * number + n,
                    size=(1200, 800),
                )
                for n in (1, 2)
            ]
            page = _ensure_child(
                index,
                StoryPage,
                story["slug"],
                dict(
                    _story_texts(story, "th", products, producer, gallery),
                    date=story["date"],
                    district=districts.get(story["district"]),
                    producer=producer,
                    hero_image=_image(f"Demo story: {story['slug']}", story["motif"], story["colour"], seed=number),
                ),
                result,
                tags=STORY_DETAILS[story["slug"]]["tags"]["th"],
            )
        for code in TRANSLATIONS:
            if page.get_translation_or_none(locales[code]) is None:
                products = _producer_products(story["producer"], SHOP_PRODUCTS)
                gallery = [block.value["image"] for block in page.gallery]
                texts = _story_texts(story, code, products, page.producer, gallery)
                _ensure_translation(page, locales[code], texts, result, tags=STORY_DETAILS[story["slug"]]["tags"][code])


def _story_texts(story: dict, code: str, products: list, producer, gallery: list) -> dict:
    """Title, intro, author and StreamFields of one story in one language:
    the written body with a picture, a product block and the maker's card,
    a two-picture gallery and "shop the story"."""
    texts = dict(story[_LANG_KEY[code]])
    words = STORY_BLOCK_TEXTS[code]
    alt = words["alt"].format(title=texts["title"])
    body = list(texts["body"])
    if gallery:
        body.insert(1, _image_block(gallery[0], alt))
    if products:
        body.insert(
            min(len(body), 4),
            {
                "type": "products",
                "value": {"heading": words["products"], "products": [p.pk for p in products[:STORY_PRODUCTS]]},
            },
        )
    if producer is not None:
        body.append({"type": "producer", "value": {"producer": producer.pk, "note": ""}})
    texts["body"] = body
    texts["gallery"] = [_image_block(image, alt, block_type="image") for image in gallery]
    texts["shop_products"] = [{"type": "product", "value": p.pk} for p in products]
    texts["author"] = STORY_DETAILS[story["slug"]]["author"][code]
    return texts


def _image_block(image, alt: str, block_type: str = "image") -> dict:
    return {
        "type": block_type,
        "value": {"image": image.pk, "alt_text": alt, "caption": "", "credit": "OTOP Chiang Mai"},
    }


def _producer_products(slug: str, limit: int) -> list:
    """The producer's first public products, in a stable order (by UPC)."""
    return list(Product.objects.filter(producer__slug=slug, is_public=True, parent=None).order_by("upc")[:limit])


# --- Districts ------------------------------------------------------------------------------


def _seed_districts(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    index = _ensure_child(home, DistrictIndexPage, "districts", DISTRICT_INDEX["th"], result)
    for code in TRANSLATIONS:
        _ensure_translation(index, locales[code], DISTRICT_INDEX[code], result)

    districts = {d.code: d for d in District.objects.all()}
    for data in DISTRICTS:
        district = districts.get(data["code"])
        if district is None:
            continue
        fields = _district_texts(data, district, "th")
        fields["district"] = district
        fields["hero_image"] = _image(
            f"Demo district: {district.slug}",
            "indigo" if int(data["code"]) % 2 else "weave",
            data["hex"],
            seed=int(data["code"]),
            size=(1200, 675),
        )
        page = _ensure_child(index, DistrictPage, district.slug, fields, result)
        # English only: the Chinese site falls back to the English pages.
        _ensure_translation(page, locales["en"], _district_texts(data, district, "en"), result)


def _district_texts(data: dict, district, code: str) -> dict:
    i = 0 if code == "th" else 1
    return dict(
        title=f"อำเภอ{district.name_th}" if code == "th" else f"{district.name_en} district",
        intro=data["intro"][i],
        dye_plant=data["plant"][i],
        dye_colour=data["colour"][i],
        dye_colour_hex=data["hex"],
        dye_technique=data["technique"][i],
        dye_community=data["community"][i],
        dye_village=data["village"][i],
        places=[
            {"type": "place", "value": {"name": name[i], "description": text[i], "image": None, "link": ""}}
            for name, text in data["places"]
        ],
    )


# --- Workshops -------------------------------------------------------------------------------


def _seed_experiences(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    index = _ensure_child(home, ExperienceIndexPage, "workshops", EXPERIENCE_INDEX["th"], result)
    for code in TRANSLATIONS:
        _ensure_translation(index, locales[code], EXPERIENCE_INDEX[code], result)

    districts = {d.code: d for d in District.objects.all()}
    for number, data in enumerate(EXPERIENCES, start=1):
        fields = dict(
            _experience_texts(data, "th"),
            kind=data["kind"],
            district=districts.get(data["district"]),
            host=Producer.objects.filter(slug=data["host"]).first(),
            duration_minutes=data["duration_minutes"],
            price=Decimal(data["price"]),
            capacity=data["capacity"],
            latitude=Decimal(data["latitude"]),
            longitude=Decimal(data["longitude"]),
            hero_image=_image(f"Demo workshop: {data['slug']}", data["motif"], data["colour"], seed=500 + number),
        )
        page = _ensure_child(index, ExperiencePage, data["slug"], fields, result)
        for code in TRANSLATIONS:
            _ensure_translation(page, locales[code], _experience_texts(data, code), result)


def _experience_texts(data: dict, code: str) -> dict:
    texts = dict(data[_LANG_KEY[code]])
    texts["schedule"] = [
        {"type": "item", "value": {"time": time, "activity": activity}} for time, activity in texts.pop("schedule")
    ]
    return texts


# --- The center, the campaign, about ------------------------------------------------------------


def _seed_center(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    fields = dict(
        _center_texts("th"),
        postcode=CENTER["postcode"],
        phone=CENTER["phone"],
        email=CENTER["email"],
        latitude=Decimal(CENTER["latitude"]),
        longitude=Decimal(CENTER["longitude"]),
        hero_image=_image("Demo center", "basket", "#8a5a2b", seed=700),
    )
    page = _ensure_child(home, CenterPage, CENTER["slug"], fields, result)
    for code in TRANSLATIONS:
        _ensure_translation(page, locales[code], _center_texts(code), result)


def _center_texts(code: str) -> dict:
    texts = CENTER[_LANG_KEY[code]]
    steps = "".join(f"<li>{step}</li>" for step in texts["consign"])
    return dict(
        title=texts["title"],
        intro=texts["intro"],
        center_name=texts["center_name"],
        address=texts["address"],
        opening_hours=[{"type": "hours", "value": {"days": days, "hours": hours}} for days, hours in texts["hours"]],
        body=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts["visit"]],
        consign=[{"type": "paragraph", "value": f"<ol>{steps}</ol>"}],
    )


def _seed_campaign(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    existed = CampaignPage.objects.child_of(home).filter(slug=CAMPAIGN["slug"]).exists()
    products = [p for slug in CAMPAIGN_CRAFT_PRODUCERS for p in _producer_products(slug, 1)]
    selection = [{"type": "product", "value": p.pk} for p in products]
    fields = dict(
        CAMPAIGN["th"],
        start_date=CAMPAIGN["start"],
        end_date=CAMPAIGN["end"],
        products=selection,
        hero_image=_image("Demo campaign: Thai fabric", CAMPAIGN["motif"], CAMPAIGN["colour"], seed=800),
    )
    campaign = _ensure_child(home, CampaignPage, CAMPAIGN["slug"], fields, result)
    for code in TRANSLATIONS:
        _ensure_translation(campaign, locales[code], dict(CAMPAIGN[_LANG_KEY[code]]), result)
    if not existed:
        # A campaign made now is featured on every home page that features none
        # (an editor's choice of campaign is kept).
        for page in HomePage.objects.filter(translation_key=home.translation_key, featured_campaign__isnull=True):
            page.featured_campaign = campaign
            page.save_revision().publish()


def _seed_about(home: HomePage, locales: dict[str, Locale], result: PagesResult) -> None:
    page = _ensure_child(home, ContentPage, ABOUT["slug"], dict(ABOUT["th"]), result)
    _ensure_translation(page, locales["en"], dict(ABOUT["en"]), result)


@contextmanager
def _index_once_at_the_end(result: PagesResult):
    """Wagtail updates its search index and reference index on every save of
    a page, and creating, translating and publishing saves each page five or
    six times. While loading, only the pages made are indexed, once each, at
    the end (like bakerydemo's load_initial_data rebuilding its index): this
    halves the loading time. The signal handlers are reconnected even if the
    loading fails."""
    page_models = [model for model in search_index.get_indexed_models() if issubclass(model, Page)]
    for model in page_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in page_models:
            post_save.connect(post_save_signal_handler, sender=model)
    for page in result.pages:
        page = page.specific
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


def _ensure_moderators() -> None:
    """Office admins approve what content editors submit for moderation:
    add them to Wagtail's default "Moderators approval" task."""
    group = Group.objects.filter(name=roles.OFFICE_ADMIN).first()
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if group is not None and task is not None and not task.groups.filter(pk=group.pk).exists():
        task.groups.add(group)


# --- Helpers ---------------------------------------------------------------------------------


def _ensure_locales() -> dict[str, Locale]:
    # Thai is the default (LANGUAGE_CODE); Wagtail's migration created it.
    locales = {"th": Locale.get_default()}
    for code in TRANSLATIONS:
        locales[code], _ = Locale.objects.get_or_create(language_code=code)
    return locales


def _ensure_home(thai: Locale, result: PagesResult) -> HomePage:
    """Return the Thai HomePage, creating it and pointing the default site at
    it. Wagtail's stock "Welcome" page is removed only while untouched (a
    plain Page without children), so a real site is never damaged."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(locale=thai).first()
    if home is None:
        hero = _image("Demo home hero", "umbrella", "#c62828", seed=0)
        home = root.add_child(instance=HomePage(slug=HOME_SLUG, locale=thai, hero_image=hero, **_home_fields("th")))
        home.save_revision().publish()
        result.add(home)

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous_root_id = site.root_page_id
    wanted = dict(hostname="localhost", port=80, site_name=SITE_NAME, root_page_id=home.pk, is_default_site=True)
    if any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()

    if previous_root_id and previous_root_id != home.pk:
        welcome = Page.objects.filter(pk=previous_root_id).first()
        if welcome and welcome.specific_class is Page and welcome.depth == 2 and not welcome.get_children().exists():
            welcome.delete()
    return home


def _home_fields(code: str) -> dict:
    texts = HOME[code]
    return dict(title=texts["title"], hero_title=texts["hero_title"], hero_text=texts["hero_text"], body=texts["body"])


def _ensure_child(parent: Page, model, slug: str, fields: dict, result: PagesResult, *, tags=()):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        if tags:
            page.tags.set(list(tags))
        page = parent.add_child(instance=page)
        page.save_revision().publish()
        result.add(page)
    return page


def _ensure_translation(page: Page, locale: Locale, texts: dict, result: PagesResult, *, tags=()) -> Page:
    """Translate `page` into `locale` the way editors do (copy_for_translation),
    fill in the translated texts and publish. Skipped if a translation exists."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = page.copy_for_translation(locale)
    for name, value in texts.items():
        setattr(translation, name, value)
    if tags:
        translation.tags.set(list(tags))
    translation.save_revision().publish()
    result.add(translation)
    return translation


def _image(title: str, motif: str, colour: str, *, seed: int, size: tuple[int, int] = (1600, 900)):
    """A Wagtail image drawn locally, found again by its title."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = render_picture(motif=motif, colour=colour, seed=seed, size=size, quality=82)
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(data), name=f"{title.split(': ')[-1].replace(' ', '-')}.jpg")
        image.save()
    return image
