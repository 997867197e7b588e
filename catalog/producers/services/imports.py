"""Bulk product import from CSV or XLSX, all-or-nothing per file.

1. ``import_job_create`` stores the upload on an ImportJob and sends the
   task on commit.
2. ``import_job_run`` (the task's body) reads every row and checks it with
   the same rules as the portal form (``product_input_check``), saving
   progress every few rows so the page's progress bar moves.
3. If any row is bad, nothing is written and every bad row is reported with
   its spreadsheet row number (the header is row 1) and the reason.
4. Otherwise all rows are saved in ONE transaction through
   ``product_portal_save``: new SKUs become draft products, a SKU the
   producer already uses updates that product. If saving fails half-way,
   the transaction rolls back and the job is reported as failed.

Rows whose first cell starts with "#" are comments (the template's example).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.outbox.services import outbox_send

from .products import ProductInput, product_input_check, product_portal_save

ImportJob = get_model("catalogue", "ImportJob")
Product = get_model("catalogue", "Product")
OtopProductType = get_model("catalogue", "OtopProductType")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

# Sent after commit by registered name (shop.outbox.services.outbox_send): services never import
# catalog.tasks, whose tasks import these services.
IMPORT_TASK = "catalog.tasks.run_product_import"

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# An XLSX is a zip: refuse one that would inflate past this (zip bomb).
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024
PROGRESS_EVERY = 10
# A job "running" for longer than this was lost with its worker: run it again.
STALE_AFTER = timedelta(minutes=15)

COLUMNS: tuple[tuple[str, str], ...] = (
    ("sku", "Stock-keeping unit. A SKU you already use updates that product; a new one creates a draft."),
    ("title_th", "Title in Thai (required, at most 255 characters)."),
    ("title_en", "Title in English."),
    ("title_zh_hans", "Title in Simplified Chinese."),
    ("description_th", "Description in Thai (at most 5000 characters)."),
    ("description_en", "Description in English."),
    ("description_zh_hans", "Description in Simplified Chinese."),
    ("otop_type", "OTOP product type code: food, beverages, textiles, household, herbal (required)."),
    ("category", "Category slug, e.g. silk, coffee, umbrella."),
    ("price_thb", "Price in baht including VAT, 1 to 1000000 (required)."),
    ("weight_grams", "Weight in grams for shipping."),
    ("length_cm", "Length in cm."),
    ("width_cm", "Width in cm."),
    ("height_cm", "Height in cm."),
    ("not_shippable_abroad", "yes for perishable food that may only ship within Thailand."),
    (
        "digital_wallet_eligible",
        "yes if eligible for the digital wallet (never for alcohol, tobacco, cannabis, lottery).",
    ),
    ("fibre", "Textiles: silk, cotton, hemp, blend, synthetic, other."),
    ("dye_type", "Textiles: natural, chemical, undyed."),
    (
        "dye_source_plant",
        "Natural dye source: indigo, lac, ebony, jackfruit, mango, teak, turmeric, annatto, sappan, marigold, other.",
    ),
    ("weaving_technique", "Textiles: plain, mudmee, jok, khit, yok_dok, nam_lai, other."),
)
HEADER = [name for name, _help in COLUMNS]
EXAMPLE = [
    "# SILK-001",
    "ผ้าพันคอไหมทอมือ",
    "Handwoven silk scarf",
    "手织丝绸围巾",
    "ทอมือจากสันกำแพง",
    "Handwoven in San Kamphaeng",
    "",
    "textiles",
    "silk",
    "1250.00",
    "150",
    "180",
    "45",
    "1",
    "no",
    "yes",
    "silk",
    "natural",
    "indigo",
    "mudmee",
]
TEXT_LIMITS = {
    "title_th": 255,
    "title_en": 255,
    "title_zh_hans": 255,
    "description_th": 5000,
    "description_en": 5000,
    "description_zh_hans": 5000,
    "sku": 64,
}
_TRUE = {"yes", "y", "true", "1", "ใช่", "是"}
_FALSE = {"no", "n", "false", "0", "ไม่", "ไม่ใช่", "否", ""}


# --- Templates ---------------------------------------------------------------------------


def import_template_build(*, file_format: str) -> bytes:
    """The blank template: header row, one commented example row, and (XLSX)
    a "help" sheet describing every column."""
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerow(EXAMPLE)
        # utf-8-sig: Excel opens Thai text correctly only with the BOM.
        return out.getvalue().encode("utf-8-sig")
    if file_format == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "products"
        ws.append(HEADER)
        ws.append(EXAMPLE)
        help_ws = wb.create_sheet("help")
        help_ws.append(["column", "meaning"])
        for name, meaning in COLUMNS:
            help_ws.append([name, meaning])
        help_ws.append(["", "Rows starting with # are ignored. All-or-nothing: one bad row and nothing is imported."])
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    raise ValueError(file_format)


# --- Reading ------------------------------------------------------------------------------


class FileError(Exception):
    pass


def _rows_from_csv(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows Excel's CSV
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp874 decodes almost anything
        raise FileError(_("The file is not a CSV in UTF-8 or Thai Windows encoding."))
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise FileError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None


def _rows_from_xlsx(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                raise FileError(_("The spreadsheet is too large once unpacked."))
    except zipfile.BadZipFile:
        raise FileError(_("The file is not an XLSX spreadsheet.")) from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for broken files
        raise FileError(_("The spreadsheet cannot be read. Save it again as .xlsx and upload the new file.")) from None
    ws = wb.worksheets[0]
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(["" if cell is None else _cell_text(cell) for cell in row])
        if len(rows) > MAX_ROWS + 2:
            break
    wb.close()
    return rows


def _cell_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def import_rows_read(*, content: bytes, file_format: str) -> list[tuple[int, dict[str, str]]]:
    """[(spreadsheet row number, {column: text}), ...] without blank and
    comment rows. Raises FileError for a file that cannot be used at all."""
    if len(content) > MAX_FILE_BYTES:
        raise FileError(_("The file is too large. The limit is 2 MB."))
    rows = _rows_from_csv(content) if file_format == "csv" else _rows_from_xlsx(content)
    if not rows:
        raise FileError(_("The file is empty."))
    header = [str(h).strip().lower() for h in rows[0]]
    missing = [name for name in ("title_th", "otop_type", "price_thb") if name not in header]
    if missing:
        raise FileError(
            _("The first row must be the template's header; missing columns: %(cols)s.") % {"cols": ", ".join(missing)}
        )
    unknown = [h for h in header if h and h not in HEADER]
    if unknown:
        raise FileError(_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)})
    out = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [str(c).strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        out.append((number, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}))
    if not out:
        raise FileError(_("The file has no product rows."))
    if len(out) > MAX_ROWS:
        raise FileError(_("At most %(n)d products per file.") % {"n": MAX_ROWS})
    return out


# --- Parsing one row --------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


def _decimal(value: str, *, field: str, errors: list, row: int, low: Decimal, high: Decimal) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        errors.append(RowError(row, field, _("Not a number: %(v)s") % {"v": value[:30]}))
        return None
    if not number.is_finite() or not low <= number <= high:
        errors.append(RowError(row, field, _("Must be between %(low)s and %(high)s.") % {"low": low, "high": high}))
        return None
    return number


def _choice(value: str, *, field: str, choices, errors: list, row: int) -> str:
    value = value.strip().lower()
    if value and value not in choices.values:
        errors.append(
            RowError(
                row,
                field,
                _("Unknown value %(v)s; use one of: %(choices)s.")
                % {"v": value[:30], "choices": ", ".join(choices.values)},
            )
        )
        return ""
    return value


def _bool(value: str, *, field: str, errors: list, row: int) -> bool:
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    errors.append(RowError(row, field, _("Write yes or no.")))
    return False


def _row_parse(
    *, row: int, cells: dict[str, str], types: dict, categories: dict
) -> tuple[ProductInput | None, list[RowError]]:
    errors: list[RowError] = []
    for name, limit in TEXT_LIMITS.items():
        if len(cells.get(name, "")) > limit:
            errors.append(RowError(row, name, _("At most %(n)d characters.") % {"n": limit}))
    title = cells.get("title_th", "")
    if not title:
        errors.append(RowError(row, "title_th", _("The Thai title is required.")))
    otop_type = types.get(cells.get("otop_type", "").strip().lower())
    if otop_type is None:
        errors.append(
            RowError(
                row,
                "otop_type",
                _("Unknown OTOP product type; use one of: %(codes)s.") % {"codes": ", ".join(sorted(types))},
            )
        )
    category = None
    if cells.get("category"):
        category = categories.get(cells["category"].strip().lower())
        if category is None:
            errors.append(RowError(row, "category", _("Unknown category %(v)s.") % {"v": cells["category"][:40]}))
    price = _decimal(
        cells.get("price_thb", ""), field="price_thb", errors=errors, row=row, low=Decimal("1"), high=Decimal("1000000")
    )
    if price is None and not any(e.field == "price_thb" for e in errors):
        errors.append(RowError(row, "price_thb", _("The price is required.")))
    weight = _decimal(
        cells.get("weight_grams", ""),
        field="weight_grams",
        errors=errors,
        row=row,
        low=Decimal("1"),
        high=Decimal("100000"),
    )
    dims = {
        name: _decimal(cells.get(name, ""), field=name, errors=errors, row=row, low=Decimal("0.1"), high=Decimal("500"))
        for name in ("length_cm", "width_cm", "height_cm")
    }
    data = dict(
        not_shippable_abroad=_bool(
            cells.get("not_shippable_abroad", ""), field="not_shippable_abroad", errors=errors, row=row
        ),
        digital_wallet_eligible=_bool(
            cells.get("digital_wallet_eligible", ""), field="digital_wallet_eligible", errors=errors, row=row
        ),
        fibre=_choice(cells.get("fibre", ""), field="fibre", choices=Product.Fibre, errors=errors, row=row),
        dye_type=_choice(cells.get("dye_type", ""), field="dye_type", choices=Product.DyeType, errors=errors, row=row),
        dye_source_plant=_choice(
            cells.get("dye_source_plant", ""),
            field="dye_source_plant",
            choices=Product.DyeSource,
            errors=errors,
            row=row,
        ),
        weaving_technique=_choice(
            cells.get("weaving_technique", ""),
            field="weaving_technique",
            choices=Product.WeavingTechnique,
            errors=errors,
            row=row,
        ),
    )
    if weight is not None and weight != weight.to_integral_value():
        errors.append(RowError(row, "weight_grams", _("Whole grams, please.")))
    if errors:
        return None, errors
    return ProductInput(
        title=title,
        title_en=cells.get("title_en", ""),
        title_zh_hans=cells.get("title_zh_hans", ""),
        description=cells.get("description_th", ""),
        description_en=cells.get("description_en", ""),
        description_zh_hans=cells.get("description_zh_hans", ""),
        otop_type=otop_type,
        category=category,
        price=price,
        sku=cells.get("sku", "").strip(),
        weight_grams=int(weight) if weight is not None else None,
        length_cm=dims["length_cm"],
        width_cm=dims["width_cm"],
        height_cm=dims["height_cm"],
        **data,
    ), []


# --- Jobs ------------------------------------------------------------------------------------


def import_job_create(*, producer, actor, upload) -> ImportJob:
    """Store an uploaded file as an ImportJob and start the import after
    commit. Raises ValidationError({"file": ...}) for a file that is too
    big or not CSV/XLSX."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is too large. The limit is 2 MB.")})
    content = upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file is too large. The limit is 2 MB.")})
    if content.startswith(b"PK\x03\x04"):
        file_format = ImportJob.Format.XLSX
    elif name.lower().endswith(".csv") or not content[:4096].count(b"\x00"):
        file_format = ImportJob.Format.CSV
    else:
        raise ValidationError({"file": _("Upload the template filled in, as .csv or .xlsx.")})
    if not content.strip():
        raise ValidationError({"file": _("The file is empty.")})
    with transaction.atomic():
        job = ImportJob.objects.create(
            producer=producer,
            created_by=actor if actor is not None and actor.is_authenticated else None,
            filename=name or f"import.{file_format}",
            file_format=file_format,
            content=content,
        )
        outbox_send(task=IMPORT_TASK, args=[job.pk])
    return job


def _claim(job_id: int) -> bool:
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.CHECKING, started_at=now
    )
    if claimed:
        return True
    # A job left "running" by a worker that died is run again.
    return bool(
        ImportJob.objects.filter(
            pk=job_id,
            status__in=(ImportJob.Status.CHECKING, ImportJob.Status.WRITING),
            started_at__lt=now - STALE_AFTER,
        ).update(status=ImportJob.Status.CHECKING, started_at=now, processed_rows=0)
    )


def _finish(job_id: int, *, status: str, errors: list[dict] | None = None, created: int = 0, updated: int = 0) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        errors=errors or [],
        created_count=created,
        updated_count=updated,
        finished_at=timezone.now(),
    )


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Run an import (see the module docstring). Safe to run twice: a job is
    claimed with a conditional UPDATE, and a finished job is left alone."""
    if not _claim(job_id):
        return ImportJob.objects.filter(pk=job_id).first()
    job = ImportJob.objects.select_related("producer__partner", "producer__district", "created_by").get(pk=job_id)
    producer, actor = job.producer, job.created_by
    try:
        rows = import_rows_read(content=bytes(job.content), file_format=job.file_format)
    except FileError as exc:
        _finish(job_id, status=ImportJob.Status.FAILED, errors=[RowError(0, "file", str(exc)).as_dict()])
        return ImportJob.objects.get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(total_rows=len(rows), processed_rows=0)

    types = {t.code: t for t in OtopProductType.objects.all()}
    categories = {c.slug.lower(): c for c in Category.objects.filter(is_public=True)}
    existing = {
        record.partner_sku: record.product
        for record in StockRecord.objects.filter(partner=producer.partner, product__producer=producer).select_related(
            "product"
        )
    }
    errors: list[RowError] = []
    parsed: list[tuple[ProductInput, Product | None]] = []
    seen_skus: dict[str, int] = {}
    for index, (number, cells) in enumerate(rows, start=1):
        data, row_errors = _row_parse(row=number, cells=cells, types=types, categories=categories)
        if data is not None:
            if data.sku and data.sku in seen_skus:
                row_errors.append(
                    RowError(number, "sku", _("The same SKU is already on row %(row)d.") % {"row": seen_skus[data.sku]})
                )
            elif data.sku:
                seen_skus[data.sku] = number
            product = existing.get(data.sku) if data.sku else None
            try:
                product_input_check(producer=producer, data=data, product=product)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        row_errors.append(RowError(number, "price_thb" if field == "price" else field, message))
            if not row_errors:
                parsed.append((data, product))
        errors.extend(row_errors)
        if index % PROGRESS_EVERY == 0 or index == len(rows):
            ImportJob.objects.filter(pk=job_id).update(processed_rows=index)

    if errors:
        _finish(job_id, status=ImportJob.Status.FAILED, errors=[e.as_dict() for e in errors])
        return ImportJob.objects.get(pk=job_id)

    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.WRITING)
    created = updated = 0
    try:
        with transaction.atomic():
            for data, product in parsed:
                product_portal_save(producer=producer, actor=actor, data=data, product=product)
                if product is None:
                    created += 1
                else:
                    updated += 1
    except ValidationError as exc:
        # Rolled back as a whole: report it (a concurrent edit, usually).
        _finish(job_id, status=ImportJob.Status.FAILED, errors=[RowError(0, "file", "; ".join(exc.messages)).as_dict()])
        return ImportJob.objects.get(pk=job_id)
    _finish(job_id, status=ImportJob.Status.SUCCEEDED, created=created, updated=updated)
    return ImportJob.objects.get(pk=job_id)


__all__ = [
    "COLUMNS",
    "HEADER",
    "FileError",
    "import_job_create",
    "import_job_run",
    "import_rows_read",
    "import_template_build",
]
