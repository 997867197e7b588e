"""In the browser, the registration form's tambon list follows the district:
choosing San Kamphaeng leaves its tambons only (static/js/catalog/tambon-select.js)."""

import pytest
from playwright.sync_api import expect

from catalog import thai_address

pytestmark = [pytest.mark.e2e, pytest.mark.screens("desktop")]


def test_choosing_a_district_narrows_the_tambon_list_to_its_tambons(page, site):
    from tests.factories.catalog import DistrictFactory

    district = DistrictFactory()  # San Kamphaeng, 5013
    san_kamphaeng = [t.name_th for t in thai_address.tambons(district_code="5013")]
    every = sum(len(t) for t in thai_address.chiang_mai_tambons_by_district().values())

    page.goto("/shop/producers/register/")
    expect(page.locator("#id_tambon option[value]:not([value=''])")).to_have_count(every)

    page.select_option("#id_district", str(district.pk))

    options = page.locator("#id_tambon option[value]:not([value=''])")
    expect(options).to_have_count(len(san_kamphaeng))
    assert sorted(options.evaluate_all("els => els.map(e => e.value)")) == sorted(san_kamphaeng)
    page.select_option("#id_tambon", "ต้นเปา")
    page.select_option("#id_district", "")  # cleared: every tambon again, the choice kept
    expect(page.locator("#id_tambon option[value]:not([value=''])")).to_have_count(every)
    expect(page.locator("#id_tambon")).to_have_value("ต้นเปา")
