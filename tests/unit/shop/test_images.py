"""The image intake corpus: every file is generated here with Pillow (or by
hand, for the hostile ones), so the tests say exactly what each attack is."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, ImageFile, ImageStat

from shop.common import images
from shop.common.images import (
    DEFAULT_MAX_PIXELS,
    CleanImage,
    image_renditions_build,
    image_to_django_file,
    image_validate_and_clean,
)

# --- corpus helpers ------------------------------------------------------------


def _gradient(size=(64, 48), mode="RGB") -> Image.Image:
    """A deterministic image with structure (so JPEG has real data to encode)."""
    width, height = size
    img = Image.new("RGB", size)
    img.putdata(
        [
            ((x * 255) // max(width - 1, 1), (y * 255) // max(height - 1, 1), 128)
            for y in range(height)
            for x in range(width)
        ]
    )
    return img.convert(mode) if mode != "RGB" else img


def _encode(img: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()


def _upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png_with_declared_size(width: int, height: int) -> bytes:
    """A small valid PNG whose IHDR is patched to declare width x height, with
    the CRC recomputed so the header itself is well formed: the classic
    decompression-bomb header that costs the attacker a few hundred bytes."""
    data = bytearray(_encode(Image.new("RGB", (8, 8), "white"), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:20] = struct.pack(">I", width)
    data[20:24] = struct.pack(">I", height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    return bytes(data)


def _png_16bit_rgb(width: int = 32, height: int = 16) -> bytes:
    """A 48-bit (16 bits per channel) RGB PNG written by hand: Pillow cannot
    write one, but cameras and scanners do."""
    raw = b""
    for y in range(height):
        row = b"\x00"  # filter type 0
        for x in range(width):
            row += struct.pack(">HHH", x * 2000, y * 4000, 40000)
        raw += row
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Producer Phone 9"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 46.0, 30.0)  # San Kamphaeng, near a producer's house
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 7.0, 12.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>18,46.5N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'
    return _encode(_gradient((120, 80)), "JPEG", exif=exif, comment=b"home of the producer", xmp=xmp)


def _assert_no_metadata(content: bytes) -> None:
    out = Image.open(io.BytesIO(content))
    assert len(out.getexif()) == 0
    assert "exif" not in out.info
    assert "icc_profile" not in out.info
    assert "comment" not in out.info
    assert "xmp" not in out.info
    for marker in (
        b"Exif",
        b"GPS",
        b"xmpmeta",
        b"home of the producer",
        b"PhoneCo",
        b"iCCP",
        b"tEXt",
        b"zTXt",
        b"iTXt",
    ):
        assert marker not in content, marker


def _error_code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.code


# --- accepted formats ------------------------------------------------------------


def test_a_plain_jpeg_is_reencoded_as_a_progressive_jpeg():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient(), "JPEG", quality=95)))
    assert isinstance(clean, CleanImage)
    assert (clean.format, clean.content_type, clean.extension, clean.source_format) == (
        "JPEG",
        "image/jpeg",
        "jpg",
        "JPEG",
    )
    assert (clean.width, clean.height) == (64, 48)
    out = Image.open(io.BytesIO(clean.content))
    assert out.format == "JPEG"
    assert out.info.get("progressive") or out.info.get("progression")


def test_the_client_filename_and_content_type_are_ignored_a_png_named_jpg_is_read_as_png():
    upload = _upload(_encode(_gradient(), "PNG"), name="photo.jpg", content_type="image/jpeg")
    clean = image_validate_and_clean(upload=upload)
    assert clean.source_format == "PNG"
    assert clean.format == "JPEG"  # no transparency: stored as a photo


def test_webp_is_accepted_and_stored_as_jpeg_when_opaque():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient(), "WEBP", quality=90), "a.webp", "image/webp"))
    assert clean.source_format == "WEBP"
    assert clean.format == "JPEG"


def test_png_with_transparency_keeps_alpha_and_is_stored_as_png():
    img = _gradient(mode="RGBA")
    img.putalpha(Image.linear_gradient("L").resize(img.size))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG"), "cutout.png", "image/png"))
    assert (clean.format, clean.content_type, clean.extension) == ("PNG", "image/png", "png")
    out = Image.open(io.BytesIO(clean.content))
    assert out.mode == "RGBA"
    assert out.getchannel("A").getextrema()[0] < 255


def test_webp_with_transparency_is_stored_as_png_with_alpha():
    img = Image.new("RGBA", (40, 40), (200, 30, 30, 0))
    img.paste((200, 30, 30, 255), (10, 10, 30, 30))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "WEBP", lossless=True), "a.webp", "image/webp"))
    assert clean.format == "PNG"
    assert Image.open(io.BytesIO(clean.content)).mode == "RGBA"


def test_an_alpha_channel_that_is_fully_opaque_is_dropped_so_the_photo_is_a_jpeg():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient(mode="RGBA"), "PNG"), "a.png"))
    assert clean.format == "JPEG"


def test_palette_png_with_transparency_becomes_rgba():
    img = Image.new("P", (16, 16), 0)
    img.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    img.paste(1, (4, 4, 12, 12))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG", transparency=0), "p.png"))
    assert clean.format == "PNG"
    assert Image.open(io.BytesIO(clean.content)).mode == "RGBA"


def test_greyscale_with_alpha_la_becomes_rgba_png():
    img = Image.new("LA", (16, 16), (128, 0))
    img.paste((10, 255), (4, 4, 12, 12))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG"), "la.png"))
    out = Image.open(io.BytesIO(clean.content))
    assert (clean.format, out.mode) == ("PNG", "RGBA")


def test_heic_is_accepted_when_the_plugin_is_installed():
    pillow_heif = pytest.importorskip("pillow_heif", reason="pillow_heif is not installed: HEIC uploads are rejected")
    assert images.HEIF_AVAILABLE
    buf = io.BytesIO()
    pillow_heif.from_pillow(_gradient((64, 64))).save(buf, quality=60)
    clean = image_validate_and_clean(upload=_upload(buf.getvalue(), "IMG_0001.HEIC", "image/heic"))
    assert (clean.source_format, clean.format) == ("HEIF", "JPEG")
    assert (clean.width, clean.height) == (64, 64)


def test_heic_is_rejected_with_a_clear_message_when_the_plugin_is_not_available(monkeypatch):
    pillow_heif = pytest.importorskip("pillow_heif", reason="needs pillow_heif to craft a HEIC file")
    buf = io.BytesIO()
    pillow_heif.from_pillow(_gradient((32, 32))).save(buf, quality=60)
    monkeypatch.setattr(images, "HEIF_AVAILABLE", False)
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(buf.getvalue(), "IMG_0001.HEIC", "image/heic"))
    assert _error_code(excinfo) == "unsupported_format"
    assert "HEIC" not in str(excinfo.value.message)


# --- metadata, orientation, colour -------------------------------------------------


def test_gps_exif_xmp_and_comments_are_gone_from_the_stored_copy():
    original = _jpeg_with_gps()
    # The corpus file really carries the location, or this test proves nothing.
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"GPS" in original or b"\x88\x25" in original

    clean = image_validate_and_clean(upload=_upload(original))
    _assert_no_metadata(clean.content)


def test_png_text_chunks_and_icc_profile_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home of the producer")
    info.add_text("GPS", "18.77,99.12", zip=True)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img = _gradient(mode="RGBA")
    img.putpixel((0, 0), (0, 0, 0, 0))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG", pnginfo=info, icc_profile=srgb), "a.png"))
    assert clean.format == "PNG"
    _assert_no_metadata(clean.content)


def test_exif_orientation_is_applied_a_20x10_photo_with_orientation_6_comes_out_10x20():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient((20, 10)), "JPEG", exif=exif)))
    assert (clean.width, clean.height) == (10, 20)
    out = Image.open(io.BytesIO(clean.content))
    assert out.size == (10, 20)
    assert out.getexif().get(ExifTags.Base.Orientation) is None


def test_exif_orientation_6_rotates_clockwise():
    # Left half red, right half blue; orientation 6 means "rotate 90 degrees
    # clockwise to display", so red must end up on top.
    img = Image.new("RGB", (200, 100), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG", exif=exif), "a.png"))
    out = Image.open(io.BytesIO(clean.content)).convert("RGB")
    assert out.size == (100, 200)
    top = out.getpixel((50, 50))
    bottom = out.getpixel((50, 150))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_cmyk_jpeg_is_converted_to_rgb_with_the_right_colour():
    red_in_cmyk = Image.new("CMYK", (48, 48), (0, 255, 255, 0))
    clean = image_validate_and_clean(upload=_upload(_encode(red_in_cmyk, "JPEG", quality=95)))
    out = Image.open(io.BytesIO(clean.content))
    assert out.mode == "RGB"
    r, g, b = out.getpixel((24, 24))
    assert r > 200 and g < 60 and b < 60


def test_cmyk_jpeg_with_an_icc_profile_is_converted_through_the_profile(monkeypatch):
    calls = []
    real = images.ImageCms.profileToProfile

    def spy(im, *args, **kwargs):
        calls.append(im.mode)
        return real(im, *args, **kwargs)

    monkeypatch.setattr(images.ImageCms, "profileToProfile", spy)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img = _gradient()
    clean = image_validate_and_clean(upload=_upload(_encode(img, "JPEG", icc_profile=srgb)))
    assert calls == ["RGB"]
    assert "icc_profile" not in Image.open(io.BytesIO(clean.content)).info


def test_16bit_greyscale_png_is_scaled_to_8bit_not_clipped_to_white():
    img = Image.new("I;16", (64, 64))
    img.putdata([i * 16 for i in range(64 * 64)])  # 0 .. 65520
    content = _encode(img, "PNG")
    assert Image.open(io.BytesIO(content)).mode.startswith("I")
    clean = image_validate_and_clean(upload=_upload(content, "scan.png", "image/png"))
    out = Image.open(io.BytesIO(clean.content))
    assert out.mode == "L"
    mean = ImageStat.Stat(out).mean[0]
    assert 100 < mean < 155  # a gradient stays a gradient


def test_16bit_rgb_png_is_handled():
    clean = image_validate_and_clean(upload=_upload(_png_16bit_rgb(), "scan.png", "image/png"))
    out = Image.open(io.BytesIO(clean.content))
    assert (out.mode, out.size) == ("RGB", (32, 16))


def test_1bit_image_is_stored_as_greyscale_jpeg():
    img = Image.new("1", (32, 32), 0)
    img.paste(1, (0, 0, 16, 32))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG"), "bw.png"))
    assert Image.open(io.BytesIO(clean.content)).mode == "L"


def test_animated_webp_keeps_only_the_first_frame():
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    content = _encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    clean = image_validate_and_clean(upload=_upload(content, "anim.webp", "image/webp"))
    out = Image.open(io.BytesIO(clean.content))
    assert getattr(out, "n_frames", 1) == 1
    assert out.convert("RGB").getpixel((10, 10))[0] > 200


# --- rejected: size and pixels ---------------------------------------------------------


class _HugeUpload:
    """An upload that says it is 20 MB and must never be read."""

    name = "huge.jpg"
    content_type = "image/jpeg"
    size = 20 * 1024 * 1024

    def read(self, *args, **kwargs):  # pragma: no cover - the point is it is not called
        raise AssertionError("a file over the size limit must be rejected before it is read")

    def seek(self, *args, **kwargs):  # pragma: no cover
        raise AssertionError("a file over the size limit must be rejected before it is touched")


def test_a_20_mb_file_is_rejected_by_its_size_without_being_read():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_HugeUpload())
    assert _error_code(excinfo) == "file_too_large"
    assert "15" in str(excinfo.value.message % excinfo.value.params)


def test_a_file_that_lies_about_its_size_is_cut_off_after_max_bytes():
    content = _encode(Image.effect_noise((200, 200), 100).convert("RGB"), "PNG")
    upload = _upload(content, "a.png")
    upload.size = 10  # lies
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=upload, max_bytes=1000)
    assert _error_code(excinfo) == "file_too_large"


def test_raw_bytes_over_the_limit_are_rejected():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=b"\xff\xd8\xff" + b"\0" * 2000, max_bytes=1000)
    assert _error_code(excinfo) == "file_too_large"


def test_an_empty_file_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(b""))
    assert _error_code(excinfo) == "empty"


@pytest.mark.parametrize("side", [50_000, 100_000])
def test_a_png_declaring_a_huge_size_is_rejected_from_its_header(side):
    bomb = _png_with_declared_size(side, side)
    assert len(bomb) < 200
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(bomb, "bomb.png", "image/png"))
    assert _error_code(excinfo) == "too_many_pixels"


def test_a_png_far_over_the_cap_is_refused_with_its_real_size_from_the_header(monkeypatch):
    # Over twice the cap Pillow itself raises at open, without the size; the
    # intake reads the header and names it, and never decodes.
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_png_with_declared_size(12_000, 12_000), "bomb.png"))
    assert _error_code(excinfo) == "too_many_pixels"
    assert excinfo.value.params["megapixels"] == "144.0"


def test_a_real_decompression_bomb_just_over_the_cap_is_rejected():
    # 8000 x 6000 = 48 megapixels in 1-bit mode: a few KB on disk, 48 MB (and
    # far more once converted) in memory. Between 1x and 2x the cap, where
    # Pillow only *warns*; the guard turns that warning into a rejection.
    bomb = _encode(Image.new("1", (8000, 6000), 0), "PNG", optimize=True)
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(bomb, "bomb.png", "image/png"))
    assert _error_code(excinfo) == "too_many_pixels"


def test_pillow_decompression_bomb_warning_is_a_rejection_inside_the_guard():
    # Declares 1.5x the cap: Pillow itself warns (does not raise) at open.
    bomb = _png_with_declared_size(1000, 1500)
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(bomb, "bomb.png"), max_pixels=1_000_000)
    assert _error_code(excinfo) == "too_many_pixels"


def test_max_pixels_is_a_parameter():
    content = _encode(_gradient((40, 30)), "PNG")
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content, "a.png"), max_pixels=1000)
    assert _error_code(excinfo) == "too_many_pixels"
    assert image_validate_and_clean(upload=_upload(content, "a.png"), max_pixels=1200).width == 40


def test_pillow_globals_are_restored_after_a_rejection():
    before = (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES)
    with pytest.raises(ValidationError):
        image_validate_and_clean(upload=_upload(_png_with_declared_size(50_000, 50_000), "bomb.png"))
    assert (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES) == before
    assert DEFAULT_MAX_PIXELS == 40_000_000


# --- rejected: broken files -------------------------------------------------------------


def _noisy_jpeg() -> bytes:
    return _encode(Image.effect_noise((400, 300), 64).convert("RGB"), "JPEG", quality=90)


def test_a_truncated_jpeg_is_rejected():
    content = _noisy_jpeg()
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content[: len(content) * 6 // 10]))
    assert _error_code(excinfo) == "corrupt_image"


def test_a_truncated_jpeg_is_rejected_even_if_someone_switched_on_load_truncated_images(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    content = _noisy_jpeg()
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content[: len(content) // 2]))
    assert _error_code(excinfo) == "corrupt_image"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored


def test_a_truncated_png_is_rejected():
    content = _encode(Image.effect_noise((200, 200), 64).convert("RGB"), "PNG")
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content[: len(content) // 2], "a.png"))
    assert _error_code(excinfo) == "corrupt_image"


def test_a_png_with_a_bad_chunk_crc_is_rejected():
    content = bytearray(_encode(_gradient(), "PNG"))
    idat = content.index(b"IDAT")
    content[idat + 10] ^= 0xFF  # flip bits inside the compressed data; CRC no longer matches
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(bytes(content), "a.png"))
    assert _error_code(excinfo) == "corrupt_image"


def test_jpeg_magic_followed_by_garbage_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(b"\xff\xd8\xff\xe0" + b"\x13" * 500))
    assert _error_code(excinfo) in {"corrupt_image", "unsupported_format"}


# --- rejected: not an image, or more than an image -----------------------------------------


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/dashboard/')</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (PDF, "certificate.jpg", "image/jpeg"),
        (HTML, "photo.jpg", "image/jpeg"),
        (SVG, "logo.svg", "image/svg+xml"),
        (SVG, "logo.png", "image/png"),
        (b"\xef\xbb\xbf" + b"\xff\xd8\xff\xe0", "bom.jpg", "image/jpeg"),
        (b"just some text", "notes.jpg", "image/jpeg"),
    ],
    ids=["pdf-named-jpg", "html-named-jpg", "svg", "svg-named-png", "bom-before-jpeg-magic", "text"],
)
def test_files_that_are_not_images_are_rejected_whatever_their_name(content, name, content_type):
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content, name, content_type))
    assert _error_code(excinfo) == "unsupported_format"
    assert "JPEG" in str(excinfo.value.message)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "ICO"])
def test_other_image_formats_are_rejected_by_choice(fmt):
    # GIF: animation and palette tricks, and no product photo needs it.
    # BMP/TIFF/ICO: odd parsers with a history of bugs; phones do not produce them.
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_encode(_gradient((32, 32)), fmt), "a.jpg"))
    assert _error_code(excinfo) == "unsupported_format"


def test_avif_is_rejected():
    try:
        content = _encode(_gradient((32, 32)), "AVIF")
    except (KeyError, OSError):
        pytest.skip("this Pillow cannot write AVIF")
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content, "a.jpg"))
    assert _error_code(excinfo) == "unsupported_format"


def test_a_jpeg_with_html_appended_is_rejected_as_a_polyglot():
    polyglot = _encode(_gradient(), "JPEG") + b"<html><script>alert(1)</script></html>"
    # It really is a polyglot: Pillow reads it happily as a JPEG.
    Image.open(io.BytesIO(polyglot)).load()
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(polyglot))
    assert _error_code(excinfo) == "suspicious_content"


def test_a_jpeg_with_a_script_in_its_comment_is_rejected():
    content = _encode(_gradient(), "JPEG", comment=b"<script>alert(1)</script>")
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(content))
    assert _error_code(excinfo) == "suspicious_content"


def test_a_jpeg_with_a_pdf_appended_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_encode(_gradient(), "JPEG") + PDF))
    assert _error_code(excinfo) == "suspicious_content"


def test_a_jpeg_with_a_zip_appended_is_rejected():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("payload.class", b"\xca\xfe\xba\xbe")
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_encode(_gradient(), "JPEG") + archive.getvalue()))
    assert _error_code(excinfo) == "suspicious_content"


def test_harmless_trailing_bytes_are_dropped_by_the_reencode():
    original = _encode(_gradient(), "JPEG")
    trailing = b"TRAILING-PAYLOAD-0123456789" * 10
    clean = image_validate_and_clean(upload=_upload(original + trailing))
    assert trailing[:16] not in clean.content
    assert clean.content.endswith(b"\xff\xd9")


def test_unknown_jpeg_segments_such_as_photoshop_iptc_are_dropped():
    # Only pixels survive: an APP13 (Photoshop/IPTC: captions, bylines,
    # locations) segment inserted right after the SOI marker is not copied.
    original = _encode(_gradient(), "JPEG")
    body = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + b"IPTC city: Ban Ton Pao, house 12"
    app13 = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    with_iptc = original[:2] + app13 + original[2:]
    assert Image.open(io.BytesIO(with_iptc)).size == (64, 48)
    clean = image_validate_and_clean(upload=_upload(with_iptc))
    assert b"Photoshop" not in clean.content
    assert b"Ban Ton Pao" not in clean.content


def test_rejection_messages_are_lazy_translations():
    from django.utils.functional import Promise

    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(PDF))
    assert isinstance(excinfo.value.message, Promise)


# --- django file ---------------------------------------------------------------------------


def test_image_to_django_file_uses_a_generated_name_never_the_upload_name():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient(), "JPEG"), "../../etc/บ้านของฉัน.jpg"))
    first = image_to_django_file(clean, name_stem="Producer Photo!")
    second = image_to_django_file(clean, name_stem="Producer Photo!")
    assert first.name.startswith("producer-photo-") and first.name.endswith(".jpg")
    assert first.name != second.name
    assert "/" not in first.name and ".." not in first.name and "บ้าน" not in first.name
    assert first.read() == clean.content


def test_image_to_django_file_falls_back_to_a_plain_stem():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient(mode="RGBA"), "PNG"), "a.png"))
    assert image_to_django_file(clean, name_stem="รูปสินค้า").name.startswith("image-")


# --- renditions --------------------------------------------------------------------------------


def _sizes(renditions):
    return {
        name: {fmt: Image.open(io.BytesIO(data)).size for fmt, data in by_format.items()}
        for name, by_format in renditions.items()
    }


def test_renditions_have_the_three_sizes_in_webp_and_jpeg():
    clean = image_validate_and_clean(upload=_upload(_encode(_gradient((2000, 1000)), "JPEG")))
    renditions = image_renditions_build(source_bytes=clean.content)
    assert list(renditions) == ["thumbnail", "card", "zoom"]
    for by_format in renditions.values():
        assert Image.open(io.BytesIO(by_format["webp"])).format == "WEBP"
        assert Image.open(io.BytesIO(by_format["jpeg"])).format == "JPEG"
        _assert_no_metadata(by_format["jpeg"])
    assert _sizes(renditions) == {
        "thumbnail": {"webp": (200, 100), "jpeg": (200, 100)},
        "card": {"webp": (480, 240), "jpeg": (480, 240)},
        "zoom": {"webp": (1600, 800), "jpeg": (1600, 800)},
    }


def test_renditions_are_never_upscaled():
    renditions = image_renditions_build(source_bytes=_encode(_gradient((300, 150)), "JPEG"))
    assert _sizes(renditions) == {
        "thumbnail": {"webp": (200, 100), "jpeg": (200, 100)},
        "card": {"webp": (300, 150), "jpeg": (300, 150)},
        "zoom": {"webp": (300, 150), "jpeg": (300, 150)},
    }


def test_portrait_renditions_fit_the_long_side():
    renditions = image_renditions_build(source_bytes=_encode(_gradient((1000, 3000)), "JPEG"))
    assert _sizes(renditions)["card"]["jpeg"] == (160, 480)


def test_renditions_keep_alpha_in_webp_and_flatten_it_on_white_in_jpeg():
    img = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    img.paste((200, 0, 0, 255), (200, 200, 400, 400))
    clean = image_validate_and_clean(upload=_upload(_encode(img, "PNG"), "cutout.png"))
    renditions = image_renditions_build(source_bytes=clean.content)
    webp = Image.open(io.BytesIO(renditions["card"]["webp"]))
    jpeg = Image.open(io.BytesIO(renditions["card"]["jpeg"]))
    assert webp.mode == "RGBA"
    assert jpeg.mode == "RGB"
    assert jpeg.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_renditions_reject_a_source_that_is_not_an_image():
    with pytest.raises(ValidationError):
        image_renditions_build(source_bytes=PDF)


# --- fuzzing: damaged files never crash the intake -----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SEEDS = {
    "jpeg": _encode(_gradient((48, 32)), "JPEG"),
    "png": _encode(_gradient((48, 32), mode="RGBA"), "PNG"),
    "webp": _encode(_gradient((48, 32)), "WEBP"),
}
if images.HEIF_AVAILABLE:
    import pillow_heif

    _heic = io.BytesIO()
    pillow_heif.from_pillow(_gradient((48, 32))).save(_heic, quality=50)
    _SEEDS["heic"] = _heic.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(sorted(_SEEDS)),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(min_value=1)),
)
def test_damaged_images_give_a_clean_image_or_a_validation_error_never_a_crash(seed, flips, cut):
    data = bytearray(_SEEDS[seed])
    for position, mask in flips:
        data[position % len(data)] ^= mask
    if cut is not None:
        data = data[: cut % len(data) or 1]
    try:
        clean = image_validate_and_clean(upload=bytes(data))
    except ValidationError:
        return
    # Whatever got through is a real, metadata-free re-encode.
    out = Image.open(io.BytesIO(clean.content))
    out.load()
    assert out.format == clean.format


def test_pillows_bomb_check_stays_on_while_the_intake_reads_a_header(monkeypatch):
    # The probe used to set MAX_IMAGE_PIXELS to None, switching the check off
    # for every thread (a CMS rendition opening a bomb at that moment).
    seen = []
    real_open = Image.open

    def recording_open(*args, **kwargs):
        seen.append(Image.MAX_IMAGE_PIXELS)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", recording_open)
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_png_with_declared_size(12_000, 12_000), "bomb.png"))

    assert seen and None not in seen
    assert excinfo.value.params["megapixels"] == "144.0"  # the cap still lets the real size be read


def test_a_header_past_the_probes_own_cap_is_refused_as_too_many_pixels():
    with pytest.raises(ValidationError) as excinfo:
        image_validate_and_clean(upload=_upload(_png_with_declared_size(1000, 1000), "bomb.png"), max_pixels=1000)
    assert _error_code(excinfo) == "too_many_pixels"
