"""Bulk import: all-or-nothing per file, bad rows reported with their row
number and reason, progress saved while the rows are checked."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from catalog.producers.services import imports
from catalog.producers.services.imports import HEADER, import_job_create, import_job_run, import_template_build

Product = get_model("catalogue", "Product")
ImportJob = get_model("catalogue", "ImportJob")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def row(**values) -> dict:
    base = {
        "sku": "",
        "title_th": "ผ้าพันคอไหม",
        "title_en": "Silk scarf",
        "title_zh_hans": "",
        "description_th": "",
        "description_en": "",
        "description_zh_hans": "",
        "otop_type": "textiles",
        "category": "silk",
        "price_thb": "890",
        "weight_grams": "150",
        "length_cm": "",
        "width_cm": "",
        "height_cm": "",
        "not_shippable_abroad": "no",
        "digital_wallet_eligible": "yes",
        "fibre": "silk",
        "dye_type": "natural",
        "dye_source_plant": "indigo",
        "weaving_technique": "mudmee",
    }
    base.update(values)
    return base


def csv_upload(rows: list[dict], name="products.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), content_type="text/csv")


def xlsx_upload(rows: list[dict]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for values in rows:
        ws.append([values[name] for name in HEADER])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("products.xlsx", out.getvalue())


@pytest.fixture
def catalogue(textiles, silk_category, alcohol_category):
    return textiles


def test_a_file_with_good_and_bad_rows_is_rejected_whole_with_the_reason_of_each_bad_row(
    producer_a, member_a, catalogue, django_capture_on_commit_callbacks
):
    rows = [
        row(sku="OK-1"),
        row(sku="BAD-PRICE", price_thb="-50"),
        row(sku="OK-2", title_th="ผ้าคลุมไหล่"),
        row(sku="BAD-TYPE", otop_type="spaceships"),
        row(sku="BAD-WALLET", category="alcohol", digital_wallet_eligible="yes"),
        row(sku="BAD-LONG", title_th="ก" * 256),
        row(sku="OK-1"),  # the same SKU twice
    ]

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(producer=producer_a, actor=member_a, upload=csv_upload(rows))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    reported = {(error["row"], error["field"]) for error in job.errors}
    # Row numbers as in the spreadsheet: the header is row 1.
    assert reported == {
        (3, "price_thb"),
        (5, "otop_type"),
        (6, "digital_wallet_eligible"),
        (7, "title_th"),
        (8, "sku"),
    }
    assert all(error["message"] for error in job.errors)
    assert not Product.objects.exists() and not StockRecord.objects.exists()
    assert (job.processed_rows, job.total_rows, job.progress_percent) == (7, 7, 100)


def test_a_good_file_imports_every_row_as_drafts_with_progress_reported(
    producer_a, member_a, catalogue, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    rows = [row(sku=f"SILK-{n:03d}", title_th=f"ผ้าไหม {n}", price_thb=f"{500 + n}.50") for n in range(5)]

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(producer=producer_a, actor=member_a, upload=csv_upload(rows))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert (job.created_count, job.updated_count, job.processed_rows, job.total_rows) == (5, 0, 5, 5)
    assert job.progress_percent == 100 and job.finished_at is not None
    products = Product.objects.filter(producer=producer_a).order_by("title")
    assert [p.listing_status for p in products] == ["draft"] * 5
    assert not any(p.is_public for p in products)
    record = StockRecord.objects.get(partner_sku="SILK-003")
    assert record.price == Decimal("503.50") and record.partner == producer_a.partner
    first = Product.objects.get(stockrecords__partner_sku="SILK-000")
    assert (first.fibre, first.dye_type, first.dye_source_plant, first.weaving_technique) == (
        "silk",
        "natural",
        "indigo",
        "mudmee",
    )
    assert first.digital_wallet_eligible and first.weight_grams == 150


def test_progress_is_saved_while_rows_are_checked(producer_a, member_a, catalogue, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    job = ImportJob.objects.create(
        producer=producer_a,
        created_by=member_a,
        filename="p.csv",
        file_format="csv",
        content=csv_upload([row(sku=f"S-{n}") for n in range(5)]).read(),
    )
    updates = []
    real_check = imports.product_input_check

    def spying_check(**kwargs):
        updates.append(ImportJob.objects.get(pk=job.pk).processed_rows)
        return real_check(**kwargs)

    monkeypatch.setattr(imports, "product_input_check", spying_check)
    import_job_run(job_id=job.pk)

    # Before checking rows 1..5 the saved progress was 0, 0, 2, 2, 4.
    assert updates == [0, 0, 2, 2, 4]


def test_an_xlsx_file_imports_too(producer_a, member_a, catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            producer=producer_a, actor=member_a, upload=xlsx_upload([row(sku="X-1", price_thb="1200")])
        )

    job.refresh_from_db()
    assert job.file_format == "xlsx" and job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert StockRecord.objects.get(partner_sku="X-1").price == Decimal("1200.00")


def test_an_existing_sku_updates_that_product(product_a, member_a, catalogue, django_capture_on_commit_callbacks):
    sku = product_a.stockrecords.get().partner_sku

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(
            producer=product_a.producer, actor=member_a, upload=csv_upload([row(sku=sku, price_thb="777")])
        )

    job.refresh_from_db()
    assert (job.status, job.created_count, job.updated_count) == (ImportJob.Status.SUCCEEDED, 0, 1)
    assert product_a.stockrecords.get().price == Decimal("777.00")


def test_a_file_that_is_not_a_spreadsheet_fails_with_a_file_level_reason(
    producer_a, member_a, catalogue, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("products.xlsx", b"PK\x03\x04 not really a zip")

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(producer=producer_a, actor=member_a, upload=upload)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["row"] == 0 and job.errors[0]["field"] == "file"


def test_a_wrong_header_is_reported_before_any_row(producer_a, member_a, catalogue, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("p.csv", "name,price\nผ้า,100\n".encode())

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(producer=producer_a, actor=member_a, upload=upload)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "missing columns" in job.errors[0]["message"]


def test_the_import_task_run_twice_imports_once(producer_a, member_a, catalogue):
    from catalog.tasks import run_product_import

    job = ImportJob.objects.create(
        producer=producer_a,
        created_by=member_a,
        filename="p.csv",
        file_format="csv",
        content=csv_upload([row(sku="ONCE-1")]).read(),
    )

    assert run_product_import.delay(job.pk).get() == "succeeded"
    assert run_product_import.delay(job.pk).get() == "succeeded"

    assert Product.objects.filter(producer=producer_a).count() == 1


def test_the_template_has_the_header_and_a_commented_example_row_that_is_skipped(producer_a, catalogue):
    content = import_template_build(file_format="csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    assert rows[0] == HEADER and rows[1][0].startswith("#")
    with pytest.raises(imports.FileError):  # only the example: no product rows
        imports.import_rows_read(content=content, file_format="csv")
    xlsx = import_template_build(file_format="xlsx")
    assert xlsx.startswith(b"PK")
