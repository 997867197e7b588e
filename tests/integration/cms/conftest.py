from tests.factories.pages import cms_site, make_product  # noqa: F401  (fixtures)
