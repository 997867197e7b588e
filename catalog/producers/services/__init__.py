"""Write services of the producer side: registration and its review,
producers and their bank accounts, members, a producer's products in the
portal and the listing workflow, photos, certifications, bulk imports,
commission rates, decision emails and the audit log every portal change
writes.

Views, Celery tasks, `load_demo_data` and the bench call these functions.
Import from here (``from catalog.producers.services import producer_create``)
or from the module that holds the function.
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
from .images import product_image_delete, product_image_update, product_image_upload  # noqa: F401
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
    product_input_check,
    product_listing_actions,
    product_listing_transition,
    product_portal_save,
)
