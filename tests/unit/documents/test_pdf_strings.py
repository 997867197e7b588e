"""Every sentence a PDF prints reaches the translators: a gettext call inside
an f-string is invisible to makemessages, which is how "Paid to account"
stayed English in the Thai statement (issue 19, point 14)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PDF_BUILDERS = [
    "shop/reports/exports.py",
    "shop/common/documents/fonts.py",
    "inventory/labels.py",
    "shop/order/fulfilment/documents.py",
]
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def _gettext_in_fstrings(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in GETTEXT:
                    lines.append(inner.lineno)
    return lines


@pytest.mark.parametrize("path", PDF_BUILDERS)
def test_pdf_builders_translate_whole_sentences_never_inside_an_f_string(path):
    source = ROOT / path
    assert source.is_file(), f"{path} moved: update this list"
    assert _gettext_in_fstrings(source.read_text()) == []
