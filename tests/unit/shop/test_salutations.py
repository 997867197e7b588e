"""shop.common.salutations: one Thai title before a person's name, never two."""

import pytest

from shop.common.salutations import person_polite_name, thai_name_has_title


@pytest.mark.parametrize(
    "name", ["นางมาลี ใจดี", "นายสมชาย ใจดี", "นางสาวมาลี ใจดี", "น.ส. มาลี", "คุณมาลี", "ดร.สมชาย", "นาง มาลี"]
)
def test_a_thai_name_that_carries_a_title_keeps_it_alone(name):
    assert thai_name_has_title(name)
    assert person_polite_name(name=name, language="th") == name


@pytest.mark.parametrize(
    ("name", "polite"),
    [("มาลี ใจดี", "คุณมาลี ใจดี"), ("นายิกา ศรีสุข", "คุณนายิกา ศรีสุข"), ("คุณากร ดีงาม", "คุณคุณากร ดีงาม")],
)
def test_a_thai_name_without_a_title_gets_khun_even_when_it_starts_like_one(name, polite):
    assert person_polite_name(name=name, language="th") == polite


def test_other_languages_take_the_name_as_given():
    assert person_polite_name(name="  Malee   Jaidee ", language="en") == "Malee Jaidee"
    assert person_polite_name(name="มาลี ใจดี", language="zh-hans") == "มาลี ใจดี"
