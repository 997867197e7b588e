"""The tambon list follows the chosen district, on the registration form and
the portal's product form: the server offers only that district's tambons
(and refuses another district's with a clear message); the select carries
the district -> tambons map for the browser's script, which narrows it as
soon as a district is chosen."""

import json
import re
from html import unescape

import pytest
from django.utils import translation
from django.utils.translation import gettext

from catalog import thai_address
from tests.factories.catalog import DistrictFactory

pytestmark = pytest.mark.django_db

REGISTER = "/en/shop/producers/register/"
SAN_KAMPHAENG = {t.name_th for t in thai_address.tambons(district_code="5013")}


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [value for value in re.findall(r'<option value="([^"]*)"', select) if value]


def test_after_a_district_is_chosen_the_registration_form_offers_only_its_tambons(client, textiles):
    district = DistrictFactory()  # San Kamphaeng, 5013

    response = client.post(REGISTER, {"district": district.pk, "tambon": ""})  # comes back with errors

    offered = _options(response.content.decode(), "tambon")
    assert set(offered) == SAN_KAMPHAENG and len(offered) == len(SAN_KAMPHAENG) < 205


def test_a_tambon_of_another_district_is_refused_with_a_clear_message(client, textiles):
    district = DistrictFactory()

    response = client.post(REGISTER, {"district": district.pk, "tambon": "ช้างเผือก"})  # Mueang Chiang Mai

    assert response.context["form"].errors["tambon"] == ["This tambon is not in the district you chose."]


def test_the_tambon_select_carries_each_districts_tambons_for_the_browser(client, textiles):
    district = DistrictFactory()

    html = client.get(REGISTER).content.decode()

    select = re.search(r'<select name="tambon"[^>]*>', html).group(0)
    assert 'data-district-select="id_district"' in select
    mapping = json.loads(unescape(re.search(r'data-tambons="([^"]*)"', select).group(1)))
    assert {value for value, _label in mapping[str(district.pk)]} == SAN_KAMPHAENG
    assert "js/catalog/tambon-select.js" in html
    every = sum(len(tambons) for tambons in thai_address.chiang_mai_tambons_by_district().values())
    assert len(_options(html, "tambon")) == every  # no district yet: every tambon, grouped (works without script)


def test_the_product_form_offers_the_tambons_of_the_producers_district_and_refuses_others(
    client, member_a, textiles, silk_category
):
    client.force_login(member_a)

    html = client.get("/dashboard/portal/products/new/").content.decode()
    assert set(_options(html, "origin_tambon")) == SAN_KAMPHAENG
    assert "js/catalog/tambon-select.js" in html

    response = client.post(
        "/dashboard/portal/products/new/",
        {
            "title": "ผ้าพันคอ",
            "otop_type": textiles.pk,
            "category": silk_category.pk,
            "price": "100",
            "origin_tambon": "ช้างเผือก",
        },
    )
    with translation.override("th"):  # the dashboard speaks Thai
        expected = gettext("This tambon is not in the district of origin.")
    assert response.context["form"].errors["origin_tambon"] == [expected]
