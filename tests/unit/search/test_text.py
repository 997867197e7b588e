"""Segmentation and normalisation (catalog.search.text): what goes into the
index and what a query asks for must meet."""

import pytest

from catalog.search.text import MAX_QUERY_UNITS, english_keys, index_terms, query_units, thai_parts


def matches(query: str, document: str) -> bool:
    """The engine's rule: every unit has a group whose terms are all indexed."""
    indexed = set(index_terms(document))
    units = query_units(query)
    return bool(units) and all(any(set(group) <= indexed for group in unit.alternatives) for unit in units)


def test_newmm_segments_thai_and_compounds_are_indexed_with_their_parts():
    terms = index_terms("ผ้าไหมทอมือ")
    assert {"ผ้าไหม", "ผ้า", "ไหม", "ทอ", "มือ"} <= set(terms)


@pytest.mark.parametrize(
    "query, document",
    [
        ("ไหม", "ผ้าไหม"),
        ("ไหม", "ผ้าไหมทอมือ"),
        ("ผ้าไหม", "ผ้าพันคอไหมทอมือ"),
        ("สันกำแพง", "อำเภอสันกำแพง"),
        ("สัน กำแพง", "สันกำแพง"),
        ("ร่มบ่อสร้าง", "ร่มกระดาษสาบ่อสร้าง"),
        ("ผ้า ย้อม คราม", "ผ้าฝ้ายย้อมคราม"),
        ("scarves", "silk scarf"),
        ("scarf", "two scarves"),
        ("Umbrellas", "paper umbrella"),
        ("丝绸", "手工丝绸围巾"),
        ("伞", "博桑纸伞"),
        ("silk 丝绸 ไหม", "silk scarf 丝绸围巾 ผ้าไหม"),
    ],
)
def test_a_query_finds_the_document(query, document):
    assert matches(query, document)


@pytest.mark.parametrize(
    "query, document",
    [
        ("ผ้า", "ผ่า"),  # tone marks matter: cloth is not "split"
        ("ไห", "ผ้าไหม"),  # ไหม is not split into ไห + ม
        ("silk", "cotton scarf"),
        ("丝绸", "棉布"),
    ],
)
def test_a_query_does_not_find_an_unrelated_document(query, document):
    assert not matches(query, document)


def test_thai_parts_only_split_into_whole_dictionary_words():
    assert thai_parts("ผ้าไหม") == ("ผ้า", "ไหม")
    assert thai_parts("ไหม") == ()


def test_sara_am_typed_as_two_characters_meets_the_precomposed_one():
    assert index_terms("สันก\u0e4d\u0e32แพง") == index_terms("สันกำแพง")


def test_english_keys_include_the_stem_and_the_f_form_of_ves_plurals():
    assert "scarf" in english_keys("scarves")
    assert english_keys("scarf") == ("scarf",)


@pytest.mark.parametrize("query", ["", "   ", '" * AND : -', "🧣🧣🧣", "OR NOT", "((()))", "^~'\\"])
def test_queries_without_words_have_no_units(query):
    assert query_units(query) == []


def test_operators_are_dropped_and_only_words_remain():
    units = query_units('"silk" AND scarf* -cotton: ผ้า')
    surfaces = [u.surface for u in units]
    assert surfaces == ["silk", "scarf", "cotton", "ผ้า"]
    for unit in units:
        for group in unit.alternatives:
            for term in group:
                assert not set(term) & set("\"*:()-^+'; ")


def test_a_thousand_character_query_is_cut_to_a_few_units():
    units = query_units("ผ้าไหม silk " * 100)
    assert 0 < len(units) <= MAX_QUERY_UNITS


def test_mixed_scripts_in_one_word_are_split_by_script():
    surfaces = [u.surface for u in query_units("silkผ้าไหม丝绸")]
    assert surfaces == ["silk", "ผ้าไหม", "丝绸"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        # newmm splits a word still being typed into a word and a stray
        # cluster (กา + แ); the stray part belongs to the word being typed.
        ("กาแ", ["กาแ"]),
        ("การบู", ["การบู"]),
        ("น้ำผึ้", ["น้ำผึ้"]),
        # A finished word stays a word, the next one is the prefix.
        ("ผ้าไห", ["ผ้า", "ไห"]),
        ("กาแฟ", ["กาแฟ"]),
        ("ผ้าไหมสีคร", ["ผ้าไหม", "สี", "คร"]),
        ("silk sc", ["silk", "sc"]),
    ],
)
def test_autocomplete_keeps_the_word_being_typed_whole_as_the_prefix(typed, expected):
    from catalog.search.text import prefix_query_terms

    assert prefix_query_terms(typed) == expected
