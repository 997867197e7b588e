"""The producer side of the catalogue: everything producers and the office do
to get a producer's goods into the shop.

* Registration: the online OTOP application, its email verification, the
  office's approval (a Partner + Producer) or rejection
  (``services.applications``, ``views.public``).
* The producer portal (/dashboard/portal/): a producer's products and their
  prices, photos and certifications, the listing workflow (draft ->
  submitted -> published), bank details, members, bulk imports and the
  activity log (``services.products``, ``services.images``,
  ``services.certifications``, ``services.producers``, ``services.members``,
  ``services.imports``, ``views.portal``).
* The office (/dashboard/producers/): registrations and listings to review,
  producers, commission rates (``services.commission``, ``views.office``).
* What every change leaves behind: the audit log (``services.audit``) and
  the decision and invitation emails (``services.listing_decisions``,
  ``services.members``, ``services.emails``).

Certifications are here because producers add them in the portal and the
office reviews them as passport claims; the storefront reads them through
``catalog.selectors`` (the passport). The directory and profile pages are
here with the registration, under the one ``producers`` URL namespace.

The models stay in ``catalog/models/`` (one app label, ``catalogue``: moving a
model to another app would need migrations). This package builds on the
catalogue (its models, selectors, services, thai_address, validators); the
catalogue never imports it. The Celery tasks are all in ``catalog/tasks.py``
(Celery finds ``<app>.tasks``), named ``catalog.tasks.*``.
"""
