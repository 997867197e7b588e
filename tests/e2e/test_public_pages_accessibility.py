"""axe-core on the public forms a visitor fills in (the tourist journey
checks home, product and basket): producer registration and the customer
login/registration page, in English and Thai."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("url", ["/en/shop/producers/register/", "/shop/producers/register/",
                                 "/en/shop/accounts/login/"])  # fmt: skip
def test_public_forms_have_no_serious_accessibility_violations(page, shot, axe, site, url):
    page.goto(url)

    shot("form")
    axe(url.strip("/").replace("/", "_"))
