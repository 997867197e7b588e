"""Wagtail's images through the project's safe-image intake (shop/common/images.py).

Wagtail's own upload field hands the file to Willow, whose Pillow plugin
calls ``load()`` before anything looks at the size: a 144-megapixel PNG was
decoded (130-170 MB, seconds) before being refused, a truncated JPEG raised
out of the form (500), and the stored original was the upload itself, EXIF
GPS, comments and trailers included. Willow then copies the source's EXIF
into every JPEG rendition. So the rule here is the portal's: nothing reaches
Willow or storage but the intake's re-encode.

Entry points, all covered:

* the admin's image forms (/cms/images/add/, /cms/images/multiple/add/, the
  edit page, the chooser's upload tab): ``cms.image_forms.SafeImageForm``,
  installed by ``WAGTAILIMAGES_IMAGE_FORM_BASE``, swaps in ``SafeImageField``,
  which runs the intake *before* Wagtail's checks, so the pixel cap is read
  from the header;
* the multiple uploader's fallback, which stores ``request.FILES`` itself in a
  ``wagtailcore.UploadedFile`` when a non-file field fails: ``on_uploaded_file_pre_save``;
* code that assigns a file and saves (the demo loader, factories): ``on_image_pre_save``;
* originals stored before this existed: ``manage.py cms_images_clean``
  (``wagtail_image_reclean``), which also drops their renditions. Until it
  has run, ``install_rendition_guard`` keeps their EXIF, GPS and comments out
  of renditions: Willow opens every rendition source through our converter,
  which applies the intake's pixel rules (orientation, 8-bit, sRGB, no metadata).

A clean original is named ``cms-image-<uuid>.jpg|png``; that name is how the
command knows what it has already done. Documents (pdf, csv, xlsx only:
``WAGTAILDOCS_EXTENSIONS``) are never images and Wagtail makes no previews of them.
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
import struct

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.utils.file import hash_filelike
from willow.image import (
    AvifImageFile,
    BMPImageFile,
    GIFImageFile,
    HeicImageFile,
    IcoImageFile,
    JPEGImageFile,
    PNGImageFile,
    TIFFImageFile,
    WebPImageFile,
)
from willow.plugins.pillow import PillowImage
from willow.registry import registry as willow_registry

from shop.common.images import PIL_LOCK, image_pixels_normalise, image_to_django_file, image_validate_and_clean

logger = logging.getLogger(__name__)

NAME_STEM = "cms-image"
# Storage may add "_<7 chars>" when a name is taken (it never is: uuid4).
CLEAN_NAME_RE = re.compile(rf"^{NAME_STEM}-[0-9a-f]{{32}}(_[A-Za-z0-9]{{7}})?\.(jpg|png)$")


class CleanUpload(SimpleUploadedFile):
    """The intake's re-encode, as an upload. Its marker lets the save-time
    handlers skip a file that is already clean (no second decode)."""

    intake_clean = True


def wagtail_image_clean(*, upload) -> CleanUpload:
    """Validate ``upload`` with the intake and return its clean re-encode,
    under a generated name. Raises ``ValidationError`` with the intake's
    message (too large, too many pixels, damaged, not a photo...)."""
    clean = image_validate_and_clean(
        upload=upload,
        max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    )
    named = image_to_django_file(clean, name_stem=NAME_STEM)
    return CleanUpload(named.name, clean.content, content_type=clean.content_type)


def is_clean_name(name: str) -> bool:
    return bool(CLEAN_NAME_RE.match(posixpath.basename(name or "")))


# --- Save-time handlers (connected in apps.py) --------------------------------------------------


def _needs_intake(field_file) -> bool:
    return bool(field_file) and not field_file._committed and not getattr(field_file.file, "intake_clean", False)


def _image_file_set(image, clean: CleanUpload) -> None:
    """Point ``image`` at ``clean``, with the size and hash Wagtail keeps
    (duplicate detection compares hashes)."""
    image.file = clean  # also sets width and height from the clean file
    image.file_size = clean.size
    image.file_hash = hash_filelike(clean)
    clean.seek(0)


def on_image_pre_save(sender, instance, **kwargs):
    """A new file assigned in code is cleaned like an upload. A bad file
    raises ValidationError: code that stores a broken image should fail."""
    if _needs_intake(instance.file):
        _image_file_set(instance, wagtail_image_clean(upload=instance.file.file))


def on_uploaded_file_pre_save(sender, instance, **kwargs):
    """The multiple uploader stores ``request.FILES`` here, not the form's
    cleaned file, when another field fails; the file itself already passed
    the form, so it passes again."""
    if instance.for_content_type_id != ContentType.objects.get_for_model(get_image_model()).pk:
        return
    if _needs_intake(instance.file):
        instance.file = wagtail_image_clean(upload=instance.file.file)


# --- Originals stored before the intake ------------------------------------------------------


def wagtail_image_reclean(*, image) -> str:
    """Replace ``image``'s original with the intake's re-encode and drop its
    renditions (they carry the old EXIF). Returns ``"clean"`` (already done),
    ``"cleaned"``, ``"missing"`` (no file) or ``"refused"`` (the intake rejects
    it; left as it is, logged: the templates leave such an image out)."""
    if is_clean_name(image.file.name):
        return "clean"
    try:
        with image.open_file() as f:
            data = f.read()
    except SourceImageIOError:
        return "missing"
    try:
        clean = wagtail_image_clean(upload=io.BytesIO(data))
    except ValidationError as error:
        logger.warning("Image %s (%s) refused by the intake: %s", image.pk, image.title, "; ".join(error.messages))
        return "refused"
    old_name, storage = image.file.name, image.file.storage
    with transaction.atomic():
        _image_file_set(image, clean)
        image.save()
        image.renditions.all().delete()
    # The old file goes after the commit: a rollback must not lose the only copy.
    transaction.on_commit(lambda: storage.delete(old_name))
    return "cleaned"


# --- Renditions ----------------------------------------------------------------------------------

_FILE_CLASSES = (
    JPEGImageFile,
    PNGImageFile,
    GIFImageFile,
    BMPImageFile,
    TIFFImageFile,
    WebPImageFile,
    HeicImageFile,
    AvifImageFile,
    IcoImageFile,
)


def _pillow_open_clean(image_file) -> PillowImage:
    """Open a rendition's source with the intake's pixel rules: EXIF
    orientation applied, then every piece of metadata dropped (Willow passes
    the source's EXIF to the JPEG encoder, Pillow its comment), and 16-bit or
    CMYK pixels converted (Pillow cannot write I;16 as JPEG or WebP). A source
    that cannot be decoded is reported as Wagtail reports a missing file, so
    Wagtail's own tags and admin listings show it as not found instead of
    failing."""
    try:
        # The open (where Pillow checks MAX_IMAGE_PIXELS) under the intake's
        # lock: the setting is process-wide and the intake changes it for a
        # moment (shop/common/images.py); a rendition opened then would see the
        # intake's values, not the default cap.
        with PIL_LOCK:
            img = PillowImage.open(image_file).image
        return PillowImage(image_pixels_normalise(img))
    except (ValidationError, OSError, ValueError, TypeError, KeyError, SyntaxError, EOFError, struct.error) as error:
        raise SourceImageIOError(f"the source image cannot be decoded: {error}") from error


def install_rendition_guard() -> None:
    """Make ``_pillow_open_clean`` the way Willow turns every image file into
    a Pillow image (through Willow's registry of converters), so no rendition
    is made from raw source pixels and metadata. Called once from
    ``CmsConfig.ready``."""
    for file_class in _FILE_CLASSES:
        willow_registry.register_converter(file_class, PillowImage, _pillow_open_clean)
