"""Write services for the catalogue: reference data, producers and their
registration, products and their listing workflow, photos, certifications,
bulk imports and the producer's audit log.

Views, the producer portal, imports, Celery tasks and `load_demo_data` all
write catalogue rows through these functions, so the rules live in one
place. Arguments are keyword-only so call sites stay readable as the
signatures grow. Import from here (``from catalog.services import
product_create``) or from the module that holds the function.
"""

from .applications import (  # noqa: F401
    ApplicationInput,
    email_verification_token_make,
    producer_application_approve,
    producer_application_check,
    producer_application_decision_email_send,
    producer_application_email_verify,
    producer_application_received_email_send,
    producer_application_reject,
    producer_application_submit,
)
from .audit import audit_log_write, changes_diff  # noqa: F401
from .certifications import (  # noqa: F401
    certification_add,
    certification_delete,
    certification_document_clean,
    certification_expiry_warnings_send,
)
from .images import (  # noqa: F401
    product_image_delete,
    product_image_renditions_build,
    product_image_update,
    product_image_upload,
)
from .imports import import_job_create, import_job_run, import_template_build  # noqa: F401
from .producers import (  # noqa: F401
    bank_account_number_normalise,
    producer_bank_account_set,
    producer_create,
    producer_slug_generate,
)
from .products import (  # noqa: F401
    PRICE_MAX,
    REVIEWED_FIELDS,
    ProductInput,
    product_class_get_otop,
    product_create,
    product_image_add,
    product_input_check,
    product_listing_actions,
    product_listing_transition,
    product_portal_save,
)
from .reference import (  # noqa: F401
    DATA_DIR,
    SyncResult,
    district_sync_reference_data,
    otop_product_type_sync_reference_data,
)
