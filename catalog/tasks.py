"""Celery tasks of the catalogue and of its producer side: thin envelopes
around services.

Each takes ids, calls one service and is safe to run twice (the services
claim their work with conditional updates or unique rows). Celery finds this
module as ``<app>.tasks``, so every task of the app is here, under the name
its module gives it (``catalog.tasks.<function>``: messages in flight and
the beat schedule name them).

The services send these tasks with ``shop.outbox.services.outbox_send`` and
the registered name, never by importing this module: the import runs one way,
tasks -> services. So a task never sees rows that were rolled back and is
never lost to a broker outage.
"""

from celery import shared_task

from .producers.services.applications import (
    producer_application_decision_email_send,
    producer_application_received_email_send,
)
from .producers.services.certifications import certification_expiry_warnings_send
from .producers.services.imports import import_job_run
from .producers.services.listing_decisions import listing_decision_email_send
from .producers.services.members import member_invitation_email_send
from .services.images import product_image_renditions_build, product_image_renditions_missing_build


@shared_task
def build_product_image_renditions(image_id: int) -> bool:
    return product_image_renditions_build(image_id=image_id)


@shared_task
def build_missing_product_image_renditions() -> int:
    return product_image_renditions_missing_build()


@shared_task
def send_producer_application_received(application_id: int) -> bool:
    return producer_application_received_email_send(application_id=application_id)


@shared_task
def send_producer_application_decision(application_id: int) -> bool:
    return producer_application_decision_email_send(application_id=application_id)


@shared_task
def run_product_import(job_id: int) -> str | None:
    job = import_job_run(job_id=job_id)
    return job.status if job is not None else None


@shared_task
def warn_expiring_certifications() -> int:
    return certification_expiry_warnings_send()


@shared_task
def send_listing_decision(decision_id: int) -> bool:
    return listing_decision_email_send(decision_id=decision_id)


@shared_task
def send_member_invitation(invitation_id: int) -> bool:
    return member_invitation_email_send(invitation_id=invitation_id)
