"""Bump the ``cms`` page version (shop/common/page_versions.py) when anything
Wagtail shows changes: a page published, unpublished, moved or deleted, a
snippet, a site setting, a menu, an image, a view restriction, a locale.

Receivers without a sender, filtered by app: the project adds snippets and
settings over time, and a new model of ``cms`` is covered without a line
here. Skipped are the rows Wagtail writes while *rendering* or *editing* that
no visitor sees (renditions, revisions, logs, workflow state, the reference
index): bumping on those would empty the page cache on every draft save or
first render of an image size.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move

from shop.common.page_versions import CMS, page_versions_bump

UID = "cms.page_versions"
# wagtaildocs: a document link in rich text carries the file's name, which a
# replaced file changes (the old URL answers 404). taggit: a story's tags
# are shown by name, and Django's admin can rename a tag.
APPS = {"cms", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}
NOT_SHOWN = {
    "Revision",
    "PageLogEntry",
    "ModelLogEntry",
    "ReferenceIndex",
    "TaskState",
    "WorkflowState",
    "Comment",
    "CommentReply",
    "PageSubscription",
    "UploadedFile",
    "GroupPagePermission",
    "GroupCollectionPermission",
    "GroupApprovalTask",
    "Task",
    "Workflow",
    "WorkflowPage",
    "WorkflowContentType",
    "PageProduct",
}


def _shown(model) -> bool:
    meta = model._meta
    return meta.app_label in APPS and model.__name__ not in NOT_SHOWN and not issubclass(model, AbstractRendition)


def _model_changed(sender, raw=False, **kwargs):
    if raw or not _shown(sender):
        return
    page_versions_bump(names=[CMS])


def _page_changed(sender, **kwargs):
    page_versions_bump(names=[CMS])


def connect() -> None:
    post_save.connect(_model_changed, dispatch_uid=f"{UID}.saved")
    post_delete.connect(_model_changed, dispatch_uid=f"{UID}.deleted")
    # Sent for every page type; a move may update tree paths with queries
    # that send no post_save.
    page_published.connect(_page_changed, dispatch_uid=f"{UID}.published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{UID}.unpublished")
    post_page_move.connect(_page_changed, dispatch_uid=f"{UID}.moved")
