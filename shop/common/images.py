"""Safe image intake for every upload path (producer registration photos,
product images, certificate documents that are images, and Wagtail's images
through cms/images.py).

Uploads come from the public internet, so the rules are written for an
attacker, not for a careless user. The short version:

1. Size first. ``upload.size`` is checked before a byte is read; the read is
   then bounded to ``max_bytes + 1`` in case the size lied.
2. Content, not names. The client's file name and content type are ignored.
   The first bytes must be the magic of JPEG, PNG or WebP (or HEIC/HEIF when
   the ``pillow_heif`` plugin is importable); anything else (PDF, HTML, SVG,
   GIF, BMP, TIFF, AVIF, ...) is rejected. Pillow is then only allowed the
   matching decoders (``Image.open(..., formats=...)``), which also keeps the
   dangerous plugins (EPS runs Ghostscript) out of reach.
3. Pixels before decoding. ``Image.open`` reads only the header; the declared
   width x height is checked against ``max_pixels`` before ``load()``, so the
   refusal names the real size ("144.0 megapixels"). For the decode, Pillow's
   own decompression-bomb check runs inside a guard that sets
   ``Image.MAX_IMAGE_PIXELS`` to our cap and turns ``DecompressionBombWarning``
   into an error, so a 50000 x 50000 PNG that compresses to a few hundred bytes
   costs nothing.
4. Full decode. ``verify()`` then ``load()`` with ``LOAD_TRUNCATED_IMAGES``
   forced off inside the guard (some libraries switch it on globally), so a
   truncated or malformed file is rejected instead of stored half-grey.
5. Polyglots. A file that is an image *and* something else (HTML, script, SVG,
   PHP, PDF, or a ZIP appended to a JPEG - the "GIFAR" trick) is rejected when
   those markers appear anywhere in it. Whatever we miss is still harmless,
   because of rule 6.
6. Never store what was uploaded. The stored file is always a fresh encode of
   the decoded pixels: trailing payloads, comments, EXIF (GPS! producers
   photograph at home), XMP, IPTC and ICC profiles are all gone. EXIF
   orientation is applied first, and an embedded ICC profile is used to
   convert the pixels to sRGB before it is dropped, so iPhone Display-P3 and
   CMYK print files keep their colours.

Output rule (``CleanImage.format``):
    * no transparency -> JPEG, quality 85, optimized, progressive;
    * real transparency (an alpha channel that is not fully opaque) -> PNG,
      optimized. PNG is lossless and every browser and PDF tool reads it; the
      WebP copies for the storefront are made by ``image_renditions_build``.

Renditions (``image_renditions_build``): thumbnail 200 px, card 480 px,
zoom 1600 px, each fitting inside a square box of that size (no crop, never
upscaled), in WebP (alpha kept) and a JPEG fallback (alpha flattened on white).

Pillow's globals (``MAX_IMAGE_PIXELS``, ``LOAD_TRUNCATED_IMAGES``, the warning
filters) are process-wide, so the guard holds a lock while they are changed:
image decoding is serialised per process. Heavy work (renditions) runs in
Celery workers; the request-time check is bounded by the pixel cap.
"""

from __future__ import annotations

import io
import re
import struct
import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps

try:  # HEIC/HEIF (iPhone photos) only when the optional plugin is installed.
    import pillow_heif  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - depends on the environment
    pillow_heif = None

HEIF_AVAILABLE: bool = False
if pillow_heif is not None:  # pragma: no branch
    try:
        pillow_heif.register_heif_opener()
        HEIF_AVAILABLE = True
    except Exception:  # pragma: no cover - a broken libheif must not break uploads
        HEIF_AVAILABLE = False

DEFAULT_MAX_BYTES: Final = 15 * 1024 * 1024
DEFAULT_MAX_PIXELS: Final = 40_000_000

JPEG_QUALITY: Final = 85
RENDITION_JPEG_QUALITY: Final = 82
RENDITION_WEBP_QUALITY: Final = 80
# Longest side of each rendition, in pixels.
RENDITION_SIZES: Final[dict[str, int]] = {"thumbnail": 200, "card": 480, "zoom": 1600}

# Markers that have no business inside a photo. Matched case-insensitively
# over the whole file: the odds of compressed image data spelling one of them
# by chance are negligible (>= 5 fixed bytes), while each is what a browser,
# PDF reader or PHP interpreter would latch on to in a polyglot.
_POLYGLOT_MARKERS: Final[tuple[bytes, ...]] = (
    b"<script",
    b"<html",
    b"<!doctype",
    b"<body",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<svg",
    b"<?php",
    b"%pdf-",
    b"javascript:",
)
# End-of-central-directory record of a ZIP archive. Unzip tools (and Java,
# for JAR "GIFAR" attacks) look for it in the last 64 KiB of a file, so that is
# where we look too.
_ZIP_EOCD: Final = b"PK\x05\x06"
_ZIP_TAIL: Final = 65_535 + 22

# HEIF brands from the ISO base media "ftyp" box. AVIF ("avif", "avis") is
# deliberately absent: not requested, and one decoder less to expose.
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})

# Pillow's identified format -> the family we sniffed from the magic bytes.
# Camera JPEGs with a second picture open as "MPO"; they are JPEGs.
_PILLOW_FORMATS: Final[dict[str, tuple[str, ...]]] = {
    "JPEG": ("JPEG", "MPO"),
    "PNG": ("PNG",),
    "WEBP": ("WEBP",),
    "HEIF": ("HEIF",),
}

# Anything above this is not an ICC profile a camera or scanner writes.
_MAX_ICC_BYTES: Final = 4 * 1024 * 1024

PIL_LOCK = threading.RLock()
# How far over the cap a header may declare and still be opened to read its
# real size for the message: 64 x 40 MP covers any camera file.
PROBE_PIXELS_FACTOR: Final = 64


@dataclass(frozen=True, slots=True)
class CleanImage:
    """A re-encoded, metadata-free image ready to store."""

    content: bytes
    format: str  # "JPEG" or "PNG"
    width: int
    height: int
    content_type: str  # "image/jpeg" or "image/png"
    extension: str  # "jpg" or "png", without the dot
    source_format: str  # what was uploaded: "JPEG", "PNG", "WEBP" or "HEIF"


# --- Messages (English msgids; Thai comes from the translations step) --------

_MSG_EMPTY = _("The file is empty.")
_MSG_TOO_LARGE = _("The file is too large: %(size_mb)s MB. The limit is %(max_mb)s MB.")
_MSG_TOO_LARGE_UNKNOWN = _("The file is too large. The limit is %(max_mb)s MB.")
_MSG_FORMAT = _("Upload a photo in JPEG, PNG or WebP format.")
_MSG_FORMAT_HEIC = _("Upload a photo in JPEG, PNG, WebP or HEIC format.")
_MSG_PIXELS = _("The image is too large: %(megapixels)s megapixels. The limit is %(max_megapixels)s megapixels.")
_MSG_CORRUPT = _("The image is damaged or incomplete. Please export it again and upload the new file.")
_MSG_SUSPICIOUS = _(
    "The file contains data that does not belong in a photo. Please export the photo again and upload the new file."
)


def _format_error() -> ValidationError:
    return ValidationError(_MSG_FORMAT_HEIC if HEIF_AVAILABLE else _MSG_FORMAT, code="unsupported_format")


def _pixels_error(*, pixels: int | None, max_pixels: int) -> ValidationError:
    max_mp = f"{max_pixels / 1_000_000:g}"
    mp = f"{pixels / 1_000_000:.1f}" if pixels is not None else f"> {max_mp}"
    return ValidationError(_MSG_PIXELS, code="too_many_pixels", params={"megapixels": mp, "max_megapixels": max_mp})


def _corrupt_error() -> ValidationError:
    return ValidationError(_MSG_CORRUPT, code="corrupt_image")


# --- Reading -----------------------------------------------------------------


def _read_bounded(upload: Any, *, max_bytes: int) -> bytes:
    """Return the upload's bytes, refusing before reading when its declared
    size is over the cap and never reading more than ``max_bytes + 1``."""
    if isinstance(upload, (bytes, bytearray, memoryview)):
        data = bytes(upload)
    else:
        declared = getattr(upload, "size", None)
        if isinstance(declared, int) and declared > max_bytes:
            raise ValidationError(
                _MSG_TOO_LARGE,
                code="file_too_large",
                params={"size_mb": f"{declared / 1024 / 1024:.1f}", "max_mb": f"{max_bytes / 1024 / 1024:g}"},
            )
        if hasattr(upload, "seek"):
            try:
                upload.seek(0)
            except (OSError, ValueError):
                pass
        data = upload.read(max_bytes + 1)
        if isinstance(data, str):  # a text-mode file is not an image
            raise _format_error()
    if len(data) > max_bytes:
        raise ValidationError(
            _MSG_TOO_LARGE_UNKNOWN, code="file_too_large", params={"max_mb": f"{max_bytes / 1024 / 1024:g}"}
        )
    if not data:
        raise ValidationError(_MSG_EMPTY, code="empty")
    return data


def _sniff_format(head: bytes) -> str | None:
    """The image family named by the file's first bytes, or None.

    The magic must be at offset 0: a file that starts with anything else
    (an HTML page with a JPEG inside, a PDF, a BOM) is not an upload we want.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if HEIF_AVAILABLE and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIF"
    return None


def _contains_polyglot_marker(data: bytes) -> bool:
    lowered = data.lower()
    if any(marker in lowered for marker in _POLYGLOT_MARKERS):
        return True
    return _ZIP_EOCD in data[-_ZIP_TAIL:]


# --- Decoding under a guard ----------------------------------------------------


@contextmanager
def _pillow_guard(*, max_pixels: int) -> Iterator[None]:
    """Run Pillow with our pixel cap and strict decoding, then restore the
    process-wide settings exactly as they were.

    ``MAX_IMAGE_PIXELS`` makes Pillow warn above the cap and raise above twice
    the cap; the warning is turned into an error here so both mean "reject".
    ``LOAD_TRUNCATED_IMAGES`` is forced off: a truncated upload must fail, not
    be padded with grey and stored.
    """
    with PIL_LOCK:
        old_max = Image.MAX_IMAGE_PIXELS
        old_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS = max_pixels
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                yield
        finally:
            Image.MAX_IMAGE_PIXELS = old_max
            ImageFile.LOAD_TRUNCATED_IMAGES = old_truncated


# What a hostile or broken file can make Pillow and its plugins raise.
_DECODE_ERRORS: Final = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    MemoryError,
    struct.error,
    RuntimeError,  # pillow_heif reports libheif errors (and its own size limits) this way
)


def _open_checked(data: bytes, *, family: str, max_pixels: int) -> Image.Image:
    """Open, check the declared size, verify and fully decode. Must be called
    inside ``_pillow_guard``. Returns a loaded image (first frame)."""
    formats = _PILLOW_FORMATS[family]
    plugins = ["JPEG"] if family == "JPEG" else list(formats)  # MPO is opened by the JPEG plugin
    try:
        # Pillow's own bomb check is loosened (never off: the setting is
        # process-wide and a CMS rendition may open a file meanwhile) for this
        # open, which reads the header and allocates nothing, so the check
        # below refuses with the real pixel count ("144.0 megapixels")
        # instead of "> 40".
        Image.MAX_IMAGE_PIXELS = max_pixels * PROBE_PIXELS_FACTOR
        probe = Image.open(io.BytesIO(data), formats=plugins)
    except Image.UnidentifiedImageError:
        raise _format_error() from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _pixels_error(pixels=None, max_pixels=max_pixels) from None
    except _DECODE_ERRORS:
        raise _corrupt_error() from None

    if probe.format not in formats:
        raise _format_error()
    width, height = probe.size
    if width < 1 or height < 1:
        raise _corrupt_error()
    if width * height > max_pixels:
        # Checked from the header alone, before any pixel is decoded.
        raise _pixels_error(pixels=width * height, max_pixels=max_pixels)

    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        # verify() checks structure (PNG chunk CRCs...) without decoding; the
        # image cannot be used afterwards, so decode from a fresh open.
        probe.verify()
        img = Image.open(io.BytesIO(data), formats=plugins)
        if getattr(img, "n_frames", 1) > 1:
            img.seek(0)  # animated WebP/APNG, MPO: keep the first picture only
        img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _pixels_error(pixels=width * height, max_pixels=max_pixels) from None
    except _DECODE_ERRORS:
        raise _corrupt_error() from None
    if img.size != (width, height):  # pragma: no cover - defensive
        raise _corrupt_error()
    return img


# --- Normalising pixels --------------------------------------------------------


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        img.mode in ("P", "L", "RGB", "1") and "transparency" in img.info
    )


def _to_srgb(img: Image.Image) -> Image.Image:
    """Convert to sRGB with the embedded ICC profile, if there is one we can
    use. Dropping a Display-P3 or CMYK profile without converting would shift
    the colours of the product (a red silk looks orange)."""
    icc = img.info.get("icc_profile")
    if not icc or len(icc) > _MAX_ICC_BYTES or img.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        return img
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if img.mode in ("L", "LA"):
            return img  # grey stays grey; the profile only affects tone slightly
        out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
        dst = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(
            img, src, dst, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=out_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return img  # a broken profile is dropped; plain conversion follows
    return converted if converted is not None else img


def _to_8bit(img: Image.Image) -> Image.Image:
    """16/32-bit greyscale to 8-bit. Pillow's convert("L") clips at 255, which
    turns a 16-bit scan into a white sheet, so scale by the real range."""
    img = img.convert("I")
    _low, high = img.getextrema()
    if high <= 255:
        return img.convert("L")
    scale = 1 / 257 if high <= 65535 else 255 / high
    return img.point(lambda v: v * scale).convert("L")


def _normalise(img: Image.Image) -> Image.Image:
    """Upright, 8-bit, sRGB, either RGB/L (photo) or RGBA (transparency)."""
    try:
        img = ImageOps.exif_transpose(img)
    except _DECODE_ERRORS:
        pass  # unreadable EXIF: no orientation to apply, and it is dropped anyway

    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        img = _to_8bit(img)
    elif img.mode == "1":
        img = img.convert("L")
    elif img.mode in ("P", "PA"):
        img = img.convert("RGBA" if _has_alpha(img) else "RGB")
    elif img.mode in ("LA", "La", "RGBa") or (img.mode in ("L", "RGB") and "transparency" in img.info):
        img = img.convert("RGBA")

    img = _to_srgb(img)
    if img.mode not in ("L", "RGB", "RGBA"):
        # CMYK without a usable profile, YCbCr, LAB...: Pillow's own conversion.
        img = img.convert("RGBA" if _has_alpha(img) else "RGB")

    if img.mode == "RGBA":
        alpha_low, _alpha_high = img.getchannel("A").getextrema()
        if alpha_low == 255:  # an alpha channel with nothing transparent in it
            img = img.convert("RGB")
    # Nothing from the upload's metadata may reach the encoder: Pillow copies
    # info (JPEG comment, XMP, ICC, EXIF) into the saved file by default.
    img.info = {}
    return img


def _encode(img: Image.Image) -> tuple[bytes, str]:
    out = io.BytesIO()
    if img.mode == "RGBA":
        img.save(out, format="PNG", optimize=True)
        return out.getvalue(), "PNG"
    img.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, exif=b"")
    return out.getvalue(), "JPEG"


def _decode_upload(data: bytes, *, max_pixels: int) -> tuple[Image.Image, str]:
    family = _sniff_format(data[:16])
    if family is None:
        raise _format_error()
    if _contains_polyglot_marker(data):
        raise ValidationError(_MSG_SUSPICIOUS, code="suspicious_content")
    with _pillow_guard(max_pixels=max_pixels):
        img = _open_checked(data, family=family, max_pixels=max_pixels)
    return img, family


# --- Public API ----------------------------------------------------------------


def image_validate_and_clean(
    *, upload: Any, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> CleanImage:
    """Validate an uploaded image by its content and return a clean re-encode.

    ``upload`` is a Django ``UploadedFile`` (or any object with ``read`` and,
    ideally, ``size``), or raw bytes. Raises ``django.core.exceptions.
    ValidationError`` with one of the codes ``empty``, ``file_too_large``,
    ``unsupported_format``, ``too_many_pixels``, ``corrupt_image`` or
    ``suspicious_content``; nothing is stored by this function either way.
    """
    data = _read_bounded(upload, max_bytes=max_bytes)
    img, family = _decode_upload(data, max_pixels=max_pixels)
    try:
        clean = _normalise(img)
        content, fmt = _encode(clean)
    except _DECODE_ERRORS:
        raise _corrupt_error() from None
    return CleanImage(
        content=content,
        format=fmt,
        width=clean.width,
        height=clean.height,
        content_type="image/png" if fmt == "PNG" else "image/jpeg",
        extension="png" if fmt == "PNG" else "jpg",
        source_format=family,
    )


def image_pixels_normalise(img: Image.Image) -> Image.Image:
    """The intake's pixel rules for an image decoded elsewhere: upright,
    8-bit, sRGB, RGB/L/RGBA, nothing left in ``info``. Wagtail's rendition
    sources go through it (cms/images.py). Raises ``ValidationError``
    (``corrupt_image``) when the pixels cannot be converted."""
    try:
        return _normalise(img)
    except _DECODE_ERRORS:
        raise _corrupt_error() from None


_STEM_RE = re.compile(r"[^a-z0-9-]+")


def image_to_django_file(clean: CleanImage, *, name_stem: str = "image") -> ContentFile:
    """Wrap a ``CleanImage`` for a FileField/ImageField. The name is generated
    (``<stem>-<uuid4>.<ext>``) and never the uploader's file name: user file
    names leak personal data, collide, and have carried path tricks."""
    stem = _STEM_RE.sub("", slugify(name_stem or ""))[:40].strip("-") or "image"
    return ContentFile(clean.content, name=f"{stem}-{uuid.uuid4().hex}.{clean.extension}")


def _flatten_on_white(img: Image.Image) -> Image.Image:
    if img.mode != "RGBA":
        return img.convert("RGB") if img.mode != "RGB" else img
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A"))
    return background


def image_renditions_build(*, source_bytes: bytes, max_pixels: int = DEFAULT_MAX_PIXELS) -> dict[str, dict[str, bytes]]:
    """Build the storefront renditions of an image.

    Returns ``{"thumbnail": {"webp": ..., "jpeg": ...}, "card": {...},
    "zoom": {...}}``. Each fits inside a square of ``RENDITION_SIZES[name]``
    pixels, keeps the aspect ratio, and is never upscaled. The source is
    normally a ``CleanImage.content`` but is checked again like an upload
    (renditions may be rebuilt from storage long after the upload).
    """
    img, _family = _decode_upload(bytes(source_bytes), max_pixels=max_pixels)
    try:
        return _renditions(_normalise(img))
    except _DECODE_ERRORS:
        raise _corrupt_error() from None


def _renditions(img: Image.Image) -> dict[str, dict[str, bytes]]:
    out: dict[str, dict[str, bytes]] = {}
    current = img
    # Largest first, each from the previous one: fast, and LANCZOS keeps it sharp.
    for name, side in sorted(RENDITION_SIZES.items(), key=lambda item: -item[1]):
        current = current.copy()
        current.thumbnail((side, side), Image.Resampling.LANCZOS)
        webp = io.BytesIO()
        current.save(webp, format="WEBP", quality=RENDITION_WEBP_QUALITY, method=4)
        jpeg = io.BytesIO()
        _flatten_on_white(current).save(
            jpeg, format="JPEG", quality=RENDITION_JPEG_QUALITY, optimize=True, progressive=True
        )
        out[name] = {"webp": webp.getvalue(), "jpeg": jpeg.getvalue()}
    return {name: out[name] for name in RENDITION_SIZES}
