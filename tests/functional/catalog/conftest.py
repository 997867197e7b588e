from tests.integration.catalog.conftest import *  # noqa: F403  (the same producers, members and products)
