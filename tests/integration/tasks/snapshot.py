"""What a task can change, as one comparable value: every table of the
database (row count and a digest of all its rows), the emails in Django's
outbox and the files under MEDIA_ROOT. Two snapshots are equal exactly when
nothing a task could have written differs."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.db import connection

# SQLite FTS5 keeps its inverted index in shadow tables whose pages are
# rewritten on every re-index even when the indexed text is the same; the
# index entries themselves (modelsearch_indexentry and the FTS table's
# content) are compared instead.
_FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


def _tables() -> list[str]:
    names = connection.introspection.table_names()
    fts = {name for name in names if "fts" in name and not name.endswith(_FTS_SHADOW_SUFFIXES)}
    return sorted(
        name
        for name in names
        if not any(name.startswith(f"{base}_") and name.endswith(_FTS_SHADOW_SUFFIXES) for base in fts)
    )


def _touch_columns() -> dict[str, set[str]]:
    """Columns of auto_now fields per table. They say when a row was last
    saved, not what it holds: a second run that saves a row with the same
    values (PaymentAttempt.updated_at) has not done anything twice."""
    from django.apps import apps

    columns: dict[str, set[str]] = {}
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                columns.setdefault(model._meta.db_table, set()).add(model_field.column)
    return columns


def _table_digest(cursor, table: str, *, ignore: set[str]) -> tuple[int, str]:
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
    keep = [i for i, column in enumerate(cursor.description) if column[0] not in ignore]
    rows = sorted(repr(tuple(row[i] for i in keep)) for row in cursor.fetchall())
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, tuple[int, str]]
    emails: tuple[tuple, ...]
    files: tuple[tuple[str, str], ...]
    extra: tuple = field(default=())

    def differences(self, other: Snapshot) -> list[str]:
        """Readable list of what differs (for the assertion message)."""
        out = [
            f"table {name}: {self.tables.get(name)} -> {other.tables.get(name)}"
            for name in sorted(set(self.tables) | set(other.tables))
            if self.tables.get(name) != other.tables.get(name)
        ]
        if self.emails != other.emails:
            out.append(f"emails: {len(self.emails)} -> {len(other.emails)}")
        if self.files != other.files:
            out.append(f"files: {len(self.files)} -> {len(other.files)}")
        if self.extra != other.extra:
            out.append(f"outside effects: {self.extra} -> {other.extra}")
        return out


def _files() -> tuple[tuple[str, str], ...]:
    root = settings.MEDIA_ROOT
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                found.append((os.path.relpath(path, root), hashlib.sha256(fh.read()).hexdigest()[:16]))
    return tuple(sorted(found))


def snapshot_take(*, extra: tuple = (), ignore: dict[str, set[str]] | None = None) -> Snapshot:
    """``ignore``: more columns per table to leave out (each use says why)."""
    with connection.cursor() as cursor:
        touch = _touch_columns()
        for table, columns in (ignore or {}).items():
            touch.setdefault(table, set()).update(columns)
        tables = {table: _table_digest(cursor, table, ignore=touch.get(table, set())) for table in _tables()}
    emails = tuple(
        (message.subject, tuple(message.to), hashlib.sha256(message.body.encode()).hexdigest()[:16])
        for message in mail.outbox
    )
    return Snapshot(tables=tables, emails=emails, files=_files(), extra=extra)
