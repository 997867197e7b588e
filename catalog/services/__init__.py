"""Write services of the catalogue itself: reference data (districts, OTOP
product types), product creation and the product photos' renditions.

What producers and the office do (registration, the portal's edits and the
listing workflow, members, certifications, imports, commission rates, the
audit log) is written by ``catalog.producers.services``.

Views, Celery tasks, `load_demo_data` and the bench write catalogue rows
through these functions, so the rules live in one place. Arguments are
keyword-only so call sites stay readable as the signatures grow. Import from
here (``from catalog.services import product_create``) or from the module that
holds the function.
"""

from .images import product_image_renditions_build, product_image_renditions_missing_build  # noqa: F401
from .products import (  # noqa: F401
    product_class_get_otop,
    product_create,
    product_image_add,
    product_slug_make,
)
from .reference import (  # noqa: F401
    DATA_DIR,
    SyncResult,
    district_sync_reference_data,
    otop_product_type_sync_reference_data,
)
