"""PDF label sheets (the views that serve them: tests/integration/inventory/test_labels.py)."""

from decimal import Decimal

from inventory.labels import PER_PAGE, ProductLabel, bin_labels_pdf, page_count, product_labels_pdf

LABEL = ProductLabel(
    title="ผ้าไหมยกดอก Silk brocade", price=Decimal("450.00"), code="8850000000101", url="https://example.com/p/1/"
)


def test_a_product_label_sheet_is_a_pdf_with_one_page_per_24_labels():
    pdf = product_labels_pdf([LABEL] * (PER_PAGE + 1))
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 2


def test_a_full_sheet_is_one_page_and_no_labels_still_make_a_valid_page():
    assert page_count(product_labels_pdf([LABEL] * PER_PAGE)) == 1
    assert page_count(product_labels_pdf([])) == 1


def test_bin_labels_fit_three_by_eight_on_a_page():
    pdf = bin_labels_pdf([f"SKP-A-{i:02d}" for i in range(1, 50)])
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 3


def test_a_long_code_and_a_missing_price_still_print():
    label = ProductLabel(title="x" * 200, price=None, code="SKU-" + "9" * 40, url="")
    assert page_count(product_labels_pdf([label])) == 1


# --- Titles that do not fit one line, and units that must not be sold (issue 19, point 12)


def _text(pdf: bytes) -> str:
    """The text layer in NFKC: shaping draws ำ as ํ + า (its compatibility
    decomposition), so expected text is compared in NFKC too."""
    import io
    import unicodedata

    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def test_a_long_thai_title_wraps_onto_a_second_line_instead_of_being_cut():
    from pythainlp.tokenize import word_tokenize

    from inventory.labels import title_lines

    title = "ผ้าพันคอไหมทดสอบ ลายดอกไม้สีคราม"
    _size, lines = title_lines(title, 30 * 2.83465)

    assert 2 <= len(lines) <= 3
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # nothing lost, no ellipsis
    boundaries = set()
    position = 0
    for word in word_tokenize(title.replace(" ", ""), engine="newmm"):
        position += len(word)
        boundaries.add(position)
    ends, position = set(), 0
    for line in lines[:-1]:
        position += len(line.replace(" ", ""))
        ends.add(position)
    assert ends <= boundaries  # every break falls between two words
    printed = _text(product_labels_pdf([ProductLabel(title=title, price=None, code="", url="")]))
    assert _nfkc(title.replace(" ", "")) in printed.replace("\n", "").replace(" ", "")


def test_a_title_too_long_even_for_three_small_lines_ends_in_an_ellipsis_not_mid_letter():
    import unicodedata

    from inventory.labels import title_lines

    title = "ผ้าไหมยกดอกลำพูน" * 12
    _size, lines = title_lines(title, 30 * 2.83465)

    assert len(lines) == 3 and lines[-1].endswith("…")
    kept = "".join(lines)[:-1]
    assert title.startswith(kept)
    assert unicodedata.category(title[len(kept)]) != "Mn" and title[len(kept)] != "ำ"  # no mark left behind


def test_a_not_for_sale_label_has_a_warning_and_no_price_or_barcode_to_sell_it_by():
    from inventory.labels import not_for_sale_text
    from tests.pdf_barcodes import pdf_code128

    label = ProductLabel(title="ผ้าไหมยกดอก", price=None, code="", url="", not_for_sale=True, lot="GRN-000007")
    sellable = ProductLabel(
        title="ผ้าไหมยกดอก", price=Decimal("450.00"), code="8850000000101", url="https://e.test/p/1/"
    )

    pdf = product_labels_pdf([label, sellable])

    assert pdf_code128(pdf) == ["8850000000101"]  # only the sellable label carries the sale barcode
    text = _text(pdf)
    assert text.count("THB") == 1
    assert "GRN-000007" in text
    thai, english = not_for_sale_text()
    assert english == "DAMAGED – NOT FOR SALE" and english in text
