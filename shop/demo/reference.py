"""Reference data: districts and OTOP product types, from catalog/data/."""

from catalog.services import (
    SyncResult,
    district_sync_reference_data,
    otop_product_type_sync_reference_data,
)


def seed_reference() -> dict[str, SyncResult]:
    # The same services run in every environment; demo data just calls them first.
    return {
        "districts": district_sync_reference_data(),
        "product_types": otop_product_type_sync_reference_data(),
    }
