"""One thumbnail pipeline (shop/common/thumbnails.py): a picture at a size is
a prebuilt rendition, the original while there is none, or Oscar's
placeholder; Oscar's {% oscar_thumbnail %} gets the same answer. No
database: image files and their models are stand-ins."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db.models.fields.files import FieldFile
from oscar.core.thumbnails import get_thumbnailer

from shop.common.thumbnails import Picture, RenditionThumbnailer, picture_for, size_box

RENDITIONS = {
    name: {"webp": f"/media/r/{name}.webp", "jpeg": f"/media/r/{name}.jpg", "width": side, "height": side * 3 // 4}
    for name, side in (("thumbnail", 200), ("card", 480), ("zoom", 1600))
}


class _Storage:
    def __init__(self):
        self.deleted = []

    def url(self, name):
        return f"/media/{name}"

    def delete(self, name):
        self.deleted.append(name)


def _file(name="images/products/2026/12/photo.jpg", *, ready=False, storage=None, renditions=None):
    instance = SimpleNamespace(
        renditions_ready=ready, rendition_urls=RENDITIONS if ready else {}, renditions=renditions or {}
    )
    return FieldFile(instance, SimpleNamespace(storage=storage or _Storage()), name)


@pytest.mark.parametrize(
    "size,box", [("100x100", 100), ("440x400", 440), ("200", 200), ("x80", 80), ("", 0), ("junk", 0)]
)
def test_an_oscar_geometry_is_the_square_it_must_fit_in(size, box):
    assert size_box(size) == box


@pytest.mark.parametrize(
    "box,name", [(100, "thumbnail"), (200, "thumbnail"), (300, "card"), (480, "card"), (900, "zoom")]
)
def test_the_smallest_rendition_that_covers_the_box_is_chosen(box, name):
    picture = picture_for(_file(ready=True), box=box)

    assert picture == Picture(
        url=RENDITIONS[name]["jpeg"], webp=RENDITIONS[name]["webp"],
        width=RENDITIONS[name]["width"], height=RENDITIONS[name]["height"],
    )  # fmt: skip


def test_a_box_larger_than_every_rendition_gets_the_largest():
    assert picture_for(_file(ready=True), box=5000).url == RENDITIONS["zoom"]["jpeg"]


def test_until_the_renditions_are_built_the_original_is_shown_as_it_is():
    picture = picture_for(_file(), box=100)

    assert picture == Picture(url="/media/images/products/2026/12/photo.jpg")


def test_a_product_without_photos_gets_oscars_placeholder_from_the_static_files():
    missing = SimpleNamespace(name=settings.OSCAR_MISSING_IMAGE_URL)  # what Oscar's MissingProductImage carries

    for source in (missing, _file(name=""), None):
        assert picture_for(source, box=100).url.endswith(f"oscar/img/{settings.OSCAR_MISSING_IMAGE_URL}")


def test_oscars_thumbnail_tag_is_served_by_the_same_pipeline():
    thumbnailer = get_thumbnailer()

    assert isinstance(thumbnailer, RenditionThumbnailer)
    thumb = thumbnailer.generate_thumbnail(_file(ready=True), size="100x100", upscale=False)
    assert thumb.url == RENDITIONS["thumbnail"]["jpeg"]
    assert thumbnailer.generate_thumbnail(_file(), size="480x480", crop="center").url.endswith("photo.jpg")


def test_a_deleted_images_original_and_renditions_are_removed_once_the_delete_commits(monkeypatch):
    storage = _Storage()
    renditions = {"card": {"webp": "images/renditions/7/card.webp", "jpeg": "images/renditions/7/card.jpg"}}
    monkeypatch.setattr("shop.common.thumbnails.default_storage", storage)
    on_commit = []
    monkeypatch.setattr("shop.common.thumbnails.transaction.on_commit", on_commit.append)

    RenditionThumbnailer().delete_thumbnails(_file("images/products/a.jpg", storage=storage, renditions=renditions))
    assert storage.deleted == []
    for callback in on_commit:
        callback()

    assert storage.deleted == ["images/products/a.jpg", "images/renditions/7/card.webp", "images/renditions/7/card.jpg"]
