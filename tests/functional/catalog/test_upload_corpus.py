"""The image corpus, through the real upload views: the product photo form
of the portal (every case), the registration form and the certificate form
(a few each). A refused file gets a message next to the field and nothing is
stored, neither a row nor a file; an accepted one is stored re-encoded,
without metadata."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import ExifTags, Image

ProductImage = get_model("catalogue", "ProductImage")
Certification = get_model("catalogue", "Certification")
ProducerApplication = get_model("catalogue", "ProducerApplication")

pytestmark = pytest.mark.django_db


def encode(img: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()


def gradient(size=(120, 80), mode="RGB") -> Image.Image:
    w, h = size
    img = Image.new("RGB", size)
    img.putdata([((x * 255) // (w - 1), (y * 255) // (h - 1), 128) for y in range(h) for x in range(w)])
    return img.convert(mode) if mode != "RGB" else img


def png_declaring(width: int, height: int) -> bytes:
    data = bytearray(encode(Image.new("RGB", (8, 8), "white"), "PNG"))
    data[16:20] = struct.pack(">I", width)
    data[20:24] = struct.pack(">I", height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    return bytes(data)


def png_16bit_rgb(width=32, height=16) -> bytes:
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"".join(
        b"\x00" + b"".join(struct.pack(">HHH", x * 2000, y * 4000, 40000) for x in range(width)) for y in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 46.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 7.0, 12.0)
    return encode(gradient(), "JPEG", exif=exif, comment=b"home of the producer")


def truncated_jpeg() -> bytes:
    content = encode(Image.effect_noise((400, 300), 64).convert("RGB"), "JPEG", quality=90)
    return content[: len(content) * 6 // 10]


REFUSED = {
    "decompression-bomb": lambda: encode(Image.new("1", (8000, 6000), 0), "PNG", optimize=True),
    "png-declaring-50000x50000": lambda: png_declaring(50_000, 50_000),
    "truncated-jpeg": truncated_jpeg,
    "pdf-named-jpg": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    "html-named-jpg": lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "jpeg-with-html-appended": lambda: encode(gradient(), "JPEG") + b"<html><script>alert(1)</script></html>",
    "20-mb-file": lambda: b"\xff\xd8\xff\xe0" + b"\0" * (20 * 1024 * 1024),
    "empty-file": lambda: b"",
}


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(content: bytes, name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def post_product_photo(client, product, content: bytes):
    return client.post(
        f"/dashboard/portal/products/{product.pk}/images/", {"image": upload(content), "alt_text": "A photo"}
    )


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_hostile_or_broken_file_is_refused_by_the_product_photo_form_and_nothing_is_stored(
    client, member_a, product_a, case
):
    client.force_login(member_a)
    rows, files = ProductImage.objects.count(), stored_files()

    response = post_product_photo(client, product_a, REFUSED[case]())

    assert response.status_code == 400
    assert response.context["form"].errors["image"], case
    assert ProductImage.objects.count() == rows
    assert stored_files() == files


def test_gps_exif_and_comments_are_gone_from_the_stored_photo(client, member_a, product_a):
    client.force_login(member_a)

    response = post_product_photo(client, product_a, jpeg_with_gps())

    assert response.status_code == 302
    image = ProductImage.objects.filter(product=product_a).latest("pk")
    with image.original.open("rb") as fh:
        content = fh.read()
    stored = Image.open(io.BytesIO(content))
    assert len(stored.getexif()) == 0 and "comment" not in stored.info
    for marker in (b"Exif", b"GPS", b"PhoneCo", b"home of the producer"):
        assert marker not in content
    assert image.original.name.endswith(".jpg") and "photo" not in Path(image.original.name).name


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: encode(gradient(mode="CMYK"), "JPEG"), id="cmyk-jpeg"),
        pytest.param(lambda: png_16bit_rgb(), id="16-bit-rgb-png"),
        pytest.param(lambda: encode(gradient().convert("I;16"), "PNG"), id="16-bit-greyscale-png"),
    ],
)
def test_cmyk_and_16_bit_images_are_accepted_and_stored_as_8_bit_rgb_or_grey(client, member_a, product_a, content):
    client.force_login(member_a)

    response = post_product_photo(client, product_a, content())

    assert response.status_code == 302
    image = ProductImage.objects.filter(product=product_a).latest("pk")
    with image.original.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
    assert stored.mode in ("RGB", "L")


def test_a_photo_without_alt_text_is_refused(client, member_a, product_a):
    client.force_login(member_a)
    rows = ProductImage.objects.count()

    response = client.post(
        f"/dashboard/portal/products/{product_a.pk}/images/",
        {"image": upload(encode(gradient(), "JPEG")), "alt_text": ""},
    )

    assert "alt_text" in response.context["form"].errors
    assert ProductImage.objects.count() == rows


# --- Registration photos and certificates --------------------------------------------------------


@pytest.mark.parametrize("case", ["decompression-bomb", "pdf-named-jpg", "truncated-jpeg"])
def test_the_registration_form_refuses_the_same_files(client, textiles, case):
    from tests.factories.catalog import DistrictFactory

    files = stored_files()
    response = client.post(
        "/en/shop/producers/register/",
        {
            "name_th": "กลุ่มทดสอบ",
            "kind": "household",
            "district": DistrictFactory().pk,
            "tambon": "ต้นเปา",
            "postcode": "50130",
            "contact_name": "นาง ทดสอบ",
            "phone": "0812345678",
            "email": "t@example.com",
            "product_types": [textiles.pk],
            "password1": "a-long-Passphrase-2568",
            "password2": "a-long-Passphrase-2568",
            "consent": "on",
            "photos": [upload(REFUSED[case]())],
        },
    )

    assert "photos" in response.context["form"].errors
    assert not ProducerApplication.objects.exists() and stored_files() == files


@pytest.mark.parametrize("case", ["decompression-bomb", "html-named-jpg", "jpeg-with-html-appended"])
def test_the_certificate_form_refuses_the_same_files(client, member_a, product_a, case):
    client.force_login(member_a)
    files = stored_files()

    response = client.post(
        f"/dashboard/portal/products/{product_a.pk}/certifications/",
        {
            "kind": "fda",
            "number": "10-1-12345-1-0001",
            "issuer": "อย.",
            "document": upload(REFUSED[case](), "cert.pdf"),
        },
    )

    assert response.status_code == 400 and "document" in response.context["form"].errors
    assert not Certification.objects.exists() and stored_files() == files


def test_the_certificate_form_refuses_a_pdf_with_javascript(client, member_a, product_a):
    client.force_login(member_a)
    content = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n"

    response = client.post(
        f"/dashboard/portal/products/{product_a.pk}/certifications/",
        {
            "kind": "fda",
            "number": "10-1-12345-1-0001",
            "issuer": "อย.",
            "document": SimpleUploadedFile("c.pdf", content, content_type="application/pdf"),
        },
    )

    assert "document" in response.context["form"].errors
    assert not Certification.objects.exists()
