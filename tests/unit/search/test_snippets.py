"""Highlighted snippets escape the producer's text before marking matches."""

from catalog.search.snippets import highlight


def test_matches_are_marked():
    assert str(highlight("ผ้าไหมทอมือ", terms=("ไหม",))) == "ผ้า<mark>ไหม</mark>ทอมือ"


def test_latin_stems_mark_the_whole_word_case_insensitively():
    assert str(highlight("Silk Scarves", terms=("scarv",))) == "Silk <mark>Scarves</mark>"


def test_html_in_the_text_is_escaped_and_never_rendered():
    html = str(highlight('<script>alert("x")</script> silk <b>scarf</b>', terms=("silk", "scarf")))
    assert "<script>" not in html and "<b>" not in html
    assert "<mark>silk</mark>" in html


def test_markup_characters_in_terms_cannot_break_out():
    html = str(highlight("a < b & c", terms=("<", "&")))
    assert "<mark>&lt;</mark>" in html and "<mark>&amp;</mark>" in html


def test_long_text_is_cut_around_the_first_match():
    text = "x " * 300 + "silk" + " y" * 300
    html = str(highlight(text, terms=("silk",), max_chars=80))
    assert "<mark>silk</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 140
