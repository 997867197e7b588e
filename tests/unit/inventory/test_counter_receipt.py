"""Layout rules of the buyer's counter receipt (inventory/counter_receipt.py)."""

from inventory.counter_receipt import WIDTH, baht, wrap
from shop.common.documents.fonts import string_width


def test_a_long_thai_title_wraps_on_the_receipt_instead_of_being_cut():
    title = "ผ้าพันคอไหมทอมือย้อมครามธรรมชาติลายดอกพิกุลจากบ้านทดสอบสันกำแพงเชียงใหม่"

    lines = wrap(title, width=WIDTH / 2, size=8.5)

    assert len(lines) > 1 and "".join(lines) == title
    assert all(string_width(line, size=8.5) <= WIDTH / 2 for line in lines)


def test_a_word_longer_than_the_line_is_broken_between_letters_never_inside_one():
    lines = wrap("น้ำพริกหนุ่ม" * 6, width=60, size=8.5)

    assert len(lines) > 1
    # No line starts with a vowel or tone mark torn from its consonant.
    assert all(not ("\u0e31" <= line[0] <= "\u0e3a" or "\u0e47" <= line[0] <= "\u0e4e") for line in lines)


def test_money_on_the_receipt_has_the_baht_sign_and_thousands_separators():
    assert baht(1650) == "฿1,650.00"
