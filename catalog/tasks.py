"""Celery tasks of the catalogue: thin envelopes around services.

Each takes ids, calls one service and is safe to run twice (the services
claim their work with conditional updates or unique rows). Senders use
``shop.outbox.services.outbox_send`` so a task never sees rows that were
rolled back and is never lost to a broker outage.
"""

from celery import shared_task


@shared_task
def build_product_image_renditions(image_id: int) -> bool:
    from .services.images import product_image_renditions_build

    return product_image_renditions_build(image_id=image_id)


@shared_task
def send_producer_application_received(application_id: int) -> bool:
    from .services.applications import producer_application_received_email_send

    return producer_application_received_email_send(application_id=application_id)


@shared_task
def send_producer_application_decision(application_id: int) -> bool:
    from .services.applications import producer_application_decision_email_send

    return producer_application_decision_email_send(application_id=application_id)


@shared_task
def run_product_import(job_id: int) -> str | None:
    from .services.imports import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job is not None else None


@shared_task
def warn_expiring_certifications() -> int:
    from .services.certifications import certification_expiry_warnings_send

    return certification_expiry_warnings_send()


@shared_task
def send_listing_decision(decision_id: int) -> bool:
    from .services.listing_decisions import listing_decision_email_send

    return listing_decision_email_send(decision_id=decision_id)


@shared_task
def send_member_invitation(invitation_id: int) -> bool:
    from .services.members import member_invitation_email_send

    return member_invitation_email_send(invitation_id=invitation_id)


@shared_task
def build_missing_product_image_renditions() -> int:
    from .services.images import product_image_renditions_missing_build

    return product_image_renditions_missing_build()
