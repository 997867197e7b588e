# The known shop history (tests/integration/reports/conftest.py) is shared.
from tests.integration.reports.conftest import shop_history  # noqa: F401
