from tests.integration.catalog.conftest import *  # noqa: F401,F403  (the same producers, members and products)
