"""Wagtail's images go through the project's safe-image intake (shop/common/images.py)
like every other upload: /cms/images/add/, /cms/images/multiple/add/ (and the
chooser's upload tab, which uses the same form). Every file is drawn here with
Pillow or written by hand; nothing is downloaded."""

from __future__ import annotations

import io
import logging
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile as DjangoImageFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

WagtailImage = get_image_model()

# --- files ---------------------------------------------------------------------------------------


def _encode(img: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()


def _photo(size=(320, 240)) -> Image.Image:
    # Noise, so JPEG has real data and a cut file is really missing scans.
    return Image.effect_noise(size, 64).convert("RGB")


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png_grey(width: int, height: int, *, bits: int = 8) -> bytes:
    """A real, valid greyscale PNG written row by row, so a 144-megapixel file
    costs the test ~150 KB and no 144 MB image in memory. With bits=16 it is
    the 16-bit scan Pillow opens as mode I;16 (Pillow cannot write one)."""
    compressor = zlib.compressobj(9)
    idat = bytearray()
    bytes_per_pixel = bits // 8
    for y in range(height):
        if bits == 16:
            row = b"".join(struct.pack(">H", (x * 997 + y * 131) % 65536) for x in range(width))
        else:
            row = bytes(width * bytes_per_pixel)
        idat += compressor.compress(b"\x00" + row)
    idat += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", bytes(idat)) + _png_chunk(b"IEND", b"")
    )


def _jpeg_with_gps_and_comment() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 46.0, 30.0)  # a producer's house in San Kamphaeng
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 7.0, 12.0)
    return _encode(_photo(), "JPEG", exif=exif, comment=b"home of the producer")


def _truncated_jpeg() -> bytes:
    content = _encode(_photo((400, 300)), "JPEG", quality=90)
    return content[: len(content) * 6 // 10]


TRAILER = b"TRAILING-PAYLOAD-0123456789" * 10


def _jpeg_without_scans(content: bytes) -> tuple[bytes, bytes]:
    """A JPEG's segments with their compressed scan data left out, and what
    follows its end-of-image marker. Metadata (EXIF, comments, XMP) can only
    live in segments or after the end: the scans of a noisy photo are random
    bytes, where three letters such as "GPS" turn up by chance (a 40 KB
    file holds them about once in 400; with the module's eight checks,
    about one run in 50 would fail)."""
    kept, at = bytearray(content[:2]), 2  # SOI
    while at < len(content):
        assert content[at] == 0xFF, f"no JPEG marker at byte {at}"
        marker = content[at + 1]
        if marker == 0xD9:  # EOI
            return bytes(kept + content[at : at + 2]), content[at + 2 :]
        end = at + 2 + int.from_bytes(content[at + 2 : at + 4], "big")
        kept += content[at:end]
        at = end
        if marker == 0xDA:  # SOS: scan data up to the next marker (not a stuffed 0xFF00 or a restart marker)
            while not (content[at] == 0xFF and content[at + 1] != 0x00 and not 0xD0 <= content[at + 1] <= 0xD7):
                at += 1
    raise AssertionError("no end-of-image marker")


def _webp_without_image_data(content: bytes) -> bytes:
    """A WebP's chunks but its compressed image data (VP8, VP8L, ALPH), for the same reason."""
    assert content[:4] == b"RIFF" and content[8:12] == b"WEBP"
    kept, at = bytearray(content[:12]), 12
    while at < len(content):
        kind, size = content[at : at + 4], int.from_bytes(content[at + 4 : at + 8], "little")
        end = at + 8 + size + size % 2
        kept += content[at : at + 8] if kind in (b"VP8 ", b"VP8L", b"ALPH") else content[at:end]
        at = end
    return bytes(kept)


def _assert_clean(content: bytes) -> None:
    """No EXIF (GPS), no comment, no trailer: only pixels."""
    img = Image.open(io.BytesIO(content))
    assert len(img.getexif()) == 0
    for key in ("exif", "comment", "xmp"):
        assert key not in img.info, key
    if img.format == "JPEG":
        metadata, after_end = _jpeg_without_scans(content)
        assert after_end == b"", after_end[:40]
    else:
        assert img.format == "WEBP", img.format
        metadata = _webp_without_image_data(content)
    for marker in (b"Exif", b"GPS", b"PhoneCo", b"home of the producer", TRAILER[:16]):
        assert marker not in metadata, marker


def _stored_bytes(image) -> bytes:
    with image.open_file() as f:
        return f.read()


def _stored_image(content: bytes, *, title: str, name: str):
    """An image whose original was stored before the intake existed: the file
    is written to storage directly and the row points at it, as in an old
    database."""
    path = default_storage.save(f"original_images/{name}", ContentFile(content))
    width, height = Image.open(io.BytesIO(content)).size
    return WagtailImage.objects.create(title=title, file=path, width=width, height=height)


# --- uploading through the admin -----------------------------------------------------------------


@pytest.fixture
def admin_client(admin_client, admin_user):
    # The admin speaks the editor's language; the messages below are the English msgids.
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_client


def _add_single(client, content: bytes, name: str):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Silk on the loom", "file": SimpleUploadedFile(name, content), "collection": "1"},
    )


def _add_multiple(client, content: bytes, name: str):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": "1"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.fixture
def load_spy(monkeypatch):
    """Counts full decodes (ImageFile.load) of anything larger than a thumbnail."""
    calls: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def spying_load(self):
        if self.size[0] * self.size[1] > 1_000_000:
            calls.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spying_load)
    return calls


def test_a_truncated_jpeg_is_a_form_error_on_the_single_upload_page(admin_client):
    response = _add_single(admin_client, _truncated_jpeg(), "cut.jpg")
    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    assert not WagtailImage.objects.exists()


def test_a_truncated_jpeg_is_refused_by_the_multiple_uploader(admin_client):
    response = _add_multiple(admin_client, _truncated_jpeg(), "cut.jpg")
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "damaged or incomplete" in data["error_message"]
    assert not WagtailImage.objects.exists()


def test_a_144_megapixel_png_is_refused_from_its_header_without_decoding(admin_client, load_spy):
    bomb = _png_grey(12_000, 12_000)
    assert len(bomb) < 400_000  # a small file that would be 144 MB in memory
    response = _add_multiple(admin_client, bomb, "bomb.png")
    data = response.json()
    assert data["success"] is False
    assert "144.0 megapixels" in data["error_message"]
    assert load_spy == []  # never decoded
    response = _add_single(admin_client, bomb, "bomb.png")
    assert "144.0 megapixels" in response.content.decode()
    assert load_spy == []
    assert not WagtailImage.objects.exists()


@pytest.mark.parametrize("add", [_add_single, _add_multiple], ids=["single", "multiple"])
def test_gps_exif_and_comments_are_stripped_from_the_original(admin_client, add):
    add(admin_client, _jpeg_with_gps_and_comment(), "IMG_0042.jpg")
    image = WagtailImage.objects.get()
    stored = _stored_bytes(image)
    _assert_clean(stored)
    assert Image.open(io.BytesIO(stored)).size == (320, 240)
    assert (image.width, image.height) == (320, 240)
    assert image.file_size == len(stored)
    # The uploader's file name is not kept either (it can carry a name or a place).
    assert "IMG_0042" not in image.file.name


def test_renditions_of_an_upload_carry_no_exif(admin_client):
    _add_single(admin_client, _jpeg_with_gps_and_comment(), "photo.jpg")
    image = WagtailImage.objects.get()
    for spec in ("width-100|format-jpeg", "fill-80x80|format-webp", "original"):
        _assert_clean(_stored_bytes(image.get_rendition(spec)))


def test_renditions_of_an_image_stored_before_the_intake_carry_no_exif():
    # Willow copies the source's EXIF into JPEG renditions, and Pillow its
    # comment: a rendition of an old original must still come out clean.
    image = _stored_image(_jpeg_with_gps_and_comment(), title="Old photo", name="old.jpg")
    for spec in ("width-100|format-jpeg", "width-120", "fill-80x80|format-webp"):
        _assert_clean(_stored_bytes(image.get_rendition(spec)))


@pytest.mark.parametrize("add", [_add_single, _add_multiple], ids=["single", "multiple"])
def test_a_harmless_trailer_is_removed_and_a_script_trailer_refused(admin_client, add):
    original = _encode(_photo(), "JPEG")
    add(admin_client, original + TRAILER, "trailer.jpg")
    _assert_clean(_stored_bytes(WagtailImage.objects.get()))

    polyglot = original + b"<script>alert(document.cookie)</script>"
    response = add(admin_client, polyglot, "polyglot.jpg")
    if add is _add_multiple:
        assert "does not belong in a photo" in response.json()["error_message"]
    else:
        assert "does not belong in a photo" in response.content.decode()
    assert WagtailImage.objects.count() == 1
    assert b"<script" not in _stored_bytes(WagtailImage.objects.get())


def test_a_16_bit_greyscale_png_is_converted_to_8_bits_and_renders_on_the_home_page(admin_client, home_page):
    response = _add_single(admin_client, _png_grey(64, 48, bits=16), "scan.png")
    assert response.status_code == 302
    image = WagtailImage.objects.get()
    assert Image.open(io.BytesIO(_stored_bytes(image))).mode == "L"
    home_page.hero_image = image
    home_page.save_revision().publish()
    response = admin_client.get("/")
    assert response.status_code == 200
    assert "hero__image" in response.content.decode()


def test_the_edit_page_runs_a_replacement_file_through_the_intake(admin_client):
    image = _stored_image(_encode(_photo(), "JPEG"), title="Loom", name="loom.jpg")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Loom", "file": SimpleUploadedFile("cut.jpg", _truncated_jpeg()), "collection": "1"},
    )
    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    # Editing without a new file keeps the stored one.
    response = admin_client.post(
        reverse("wagtailimages:edit", args=(image.pk,)), {"title": "Loom 2", "collection": "1"}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Loom 2"


# --- a bad image already stored never breaks a page ----------------------------------------------


def test_a_page_whose_hero_image_cannot_be_decoded_leaves_it_out_and_answers_200(client, home_page, caplog):
    bad = _stored_image(_truncated_jpeg(), title="Broken scan", name="broken.jpg")
    home_page.hero_image = bad
    home_page.save_revision().publish()
    with caplog.at_level(logging.ERROR, logger="cms.images"):
        response = client.get("/")
    assert response.status_code == 200
    assert "hero__image" not in response.content.decode()
    assert any(f"Image {bad.pk} (Broken scan)" in record.getMessage() for record in caplog.records)


def test_a_16_bit_png_stored_before_the_intake_is_converted_for_its_renditions(client, home_page):
    old = _stored_image(_png_grey(64, 48, bits=16), title="Old scan", name="scan.png")
    home_page.hero_image = old
    home_page.save_revision().publish()
    response = client.get("/")
    assert response.status_code == 200
    assert "hero__image" in response.content.decode()
    assert Image.open(io.BytesIO(_stored_bytes(old.get_rendition("width-40|format-jpeg")))).mode == "L"


def test_the_admin_image_listing_survives_an_undecodable_image(admin_client):
    _stored_image(_truncated_jpeg(), title="Broken scan", name="broken.jpg")
    _stored_image(_png_grey(64, 48, bits=16), title="Old scan", name="scan.png")
    response = admin_client.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert "Broken scan" in response.content.decode()


# --- images that enter through code, and the ones stored before --------------------------------


def test_an_image_saved_in_code_is_cleaned_like_an_upload():
    image = WagtailImage(title="Demo photo")
    image.file = DjangoImageFile(io.BytesIO(_jpeg_with_gps_and_comment() + TRAILER), name="IMG_0042.jpg")
    image.save()
    _assert_clean(_stored_bytes(image))
    assert "IMG_0042" not in image.file.name


def test_the_clean_command_reencodes_old_originals_once_and_lists_what_it_refuses(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    old = _stored_image(_jpeg_with_gps_and_comment(), title="Old photo", name="old.jpg")
    old_name = old.file.name
    old.get_rendition("width-100")
    broken = _stored_image(_truncated_jpeg(), title="Broken scan", name="broken.jpg")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cms_images_clean", stdout=out)
    assert "1 cleaned, 0 already clean, 1 refused, 0 missing." in out.getvalue()
    assert f"Image {broken.pk} (Broken scan): refused" in out.getvalue()
    old.refresh_from_db()
    _assert_clean(_stored_bytes(old))
    assert not default_storage.exists(old_name)
    assert not old.renditions.exists()
    assert old.file_size == len(_stored_bytes(old))
    out = io.StringIO()
    call_command("cms_images_clean", stdout=out)
    assert "0 cleaned, 1 already clean, 1 refused" in out.getvalue()


def test_a_rendition_opens_its_source_under_the_intakes_pillow_lock(monkeypatch):
    # MAX_IMAGE_PIXELS is process-wide and the intake changes it for a moment
    # under that lock; a rendition opened outside it could see the change.
    from cms import images as cms_images

    class RecordingLock:
        held = False

        def __enter__(self):
            RecordingLock.held = True

        def __exit__(self, *exc):
            RecordingLock.held = False

    image = _stored_image(_encode(_photo(), "JPEG"), title="Old photo", name="locked.jpg")
    held_at_open = []
    real_open = Image.open
    monkeypatch.setattr(cms_images, "PIL_LOCK", RecordingLock())
    monkeypatch.setattr(Image, "open", lambda *a, **k: held_at_open.append(RecordingLock.held) or real_open(*a, **k))

    image.get_rendition("width-100")

    assert held_at_open and all(held_at_open)
