"""The producer's audit log (catalog.models.audit.AuditLog): one writer, here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from oscar.core.loading import get_model

AuditLog = get_model("catalogue", "AuditLog")


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def changes_diff(*, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{"field": {"old": ..., "new": ...}} for the fields whose value differs,
    as JSON-friendly values (decimals and dates as strings, objects by name)."""
    diff: dict[str, dict[str, Any]] = {}
    for field in after:
        old, new = _jsonable(before.get(field)), _jsonable(after[field])
        if old != new:
            diff[field] = {"old": old, "new": new}
    return diff


def actor_is_member(*, producer, actor) -> bool:
    return bool(
        producer is not None
        and actor
        and actor.is_authenticated
        and producer.partner.users.filter(pk=actor.pk).exists()
    )


def audit_log_write(
    *,
    producer,
    actor,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    object_type: str = "",
) -> AuditLog:
    """Record one change made for ``producer``. ``by_office`` is set when the
    actor is not one of the producer's members: office staff acting on the
    producer's behalf. ``producer=None`` records an office-wide change (the
    product types' commission rates), which no producer reads."""
    label = ""
    if actor is not None and actor.is_authenticated:
        full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
        label = f"{full_name} <{actor.email}>" if full_name else (actor.email or actor.get_username())
    return AuditLog.objects.create(
        producer=producer,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=label[:254] or "system",
        by_office=not actor_is_member(producer=producer, actor=actor),
        action=action,
        object_type=object_type or (obj._meta.model_name if obj is not None else ""),
        object_id=obj.pk if obj is not None else None,
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=dict(changes or {}),
    )


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}
