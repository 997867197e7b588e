"""Backups of the shop: a PostgreSQL dump and an archive of the uploaded media.

`backup_create` writes three files into one folder, named with the UTC time:

    otop-20261126T051500Z.dump           pg_dump --format=custom of DATABASE_URL
    otop-20261126T051500Z.media.tar.gz   MEDIA_ROOT (product and CMS images, documents)
    otop-20261126T051500Z.json           manifest: checksums and row counts

`backup_restore` puts such a backup into the database of DATABASE_URL and
MEDIA_ROOT. The connection and the media folder come from Django's settings,
so both commands read the same environment (and .env) as the site itself.
docs/operations.md describes the procedure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

PREFIX = "otop-"
DUMP_SUFFIX = ".dump"
MEDIA_SUFFIX = ".media.tar.gz"
MANIFEST_SUFFIX = ".json"
MANIFEST_FORMAT = 1

# libpq reads these from the environment; passing the password this way keeps
# it out of the process list (a --dbname URL would show in `ps`).
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Backup:
    """The files of one backup (media and manifest may be absent)."""

    dump: Path
    media: Path
    manifest: Path

    @property
    def name(self) -> str:
        return self.dump.name.removesuffix(DUMP_SUFFIX)

    @classmethod
    def at(cls, *, folder: Path, name: str) -> Backup:
        return cls(
            dump=folder / f"{name}{DUMP_SUFFIX}",
            media=folder / f"{name}{MEDIA_SUFFIX}",
            manifest=folder / f"{name}{MANIFEST_SUFFIX}",
        )

    @classmethod
    def from_path(cls, path: str | os.PathLike) -> Backup:
        """Any of the three files, or their common stem, names the backup."""
        path = Path(path)
        name = path.name
        for suffix in (MEDIA_SUFFIX, DUMP_SUFFIX, MANIFEST_SUFFIX):
            if name.endswith(suffix):
                name = name.removesuffix(suffix)
                break
        return cls.at(folder=path.parent, name=name)


@dataclasses.dataclass(frozen=True)
class RestoreResult:
    backup: Backup
    counts: dict[str, int]
    expected_counts: dict[str, int] | None
    media_files: int | None
    replaced: bool


# --- Shared helpers -------------------------------------------------------------------------------


def _require_postgresql() -> None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        raise BackupError(
            _(
                "Backups need PostgreSQL, but DATABASE_URL points at %(engine)s. Set DATABASE_URL=postgres://... "
                "(for the SQLite development database, stop the server and copy db.sqlite3 instead)."
            )
            % {"engine": engine}
        )


def _libpq_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, value in (
        ("PGDATABASE", db.get("NAME")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
    ):
        if value:
            env[key] = str(value)
    for option, variable in _LIBPQ_OPTIONS.items():
        value = db.get("OPTIONS", {}).get(option)
        if value not in (None, ""):
            env[variable] = str(value)
    return env


def _require_program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _(
                "%(program)s not found: install the PostgreSQL client of the server's version "
                "(Debian: apt-get install postgresql-client)."
            )
            % {"program": name}
        )
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _row_counts() -> dict[str, int]:
    """What an operator checks after a restore: orders, ledger rows, pages."""
    from oscar.core.loading import get_model
    from wagtail.models import Page

    from inventory.models import StockMovement

    return {
        "orders": get_model("order", "Order").objects.count(),
        "ledger_rows": StockMovement.objects.count(),
        "pages": Page.objects.count(),
    }


def _media_root() -> Path | None:
    """MEDIA_ROOT, or None when media live in an S3 bucket (not on this disk)."""
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return None
    return Path(settings.MEDIA_ROOT)


def _private_file(path: Path):
    # Backups hold customers' addresses and password hashes: owner-only.
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


# --- Backup ---------------------------------------------------------------------------------------


def backup_create(*, folder: Path, now: datetime | None = None) -> tuple[Backup, dict]:
    """Dump the database and archive MEDIA_ROOT into `folder`; return the
    backup and its manifest.

    pg_dump runs on a snapshot exported from a REPEATABLE READ transaction in
    which the row counts are taken too, so the manifest's counts describe
    exactly the dumped data even while the shop keeps taking orders. The media
    are archived after the dump: a file uploaded in between is in the archive
    without a row pointing at it, which is harmless (the other way round would
    not be).
    """
    _require_postgresql()
    pg_dump = _require_program("pg_dump")
    now = now or datetime.now(UTC)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    backup = Backup.at(folder=folder, name=f"{PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}")
    if any(path.exists() for path in (backup.dump, backup.media, backup.manifest)):
        raise BackupError(
            _("%(name)s already exists in %(folder)s; wait a second and run it again.")
            % {"name": backup.name, "folder": folder}
        )

    # Partial files until everything is written: a failed run leaves nothing
    # that looks like a usable backup.
    dump_partial = backup.dump.with_name(backup.dump.name + ".partial")
    media_partial = backup.media.with_name(backup.media.name + ".partial")
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
                snapshot, server_version = cursor.fetchone()
            counts = _row_counts()
            with _private_file(dump_partial) as out:
                finished = subprocess.run(
                    [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-password"],
                    stdout=out,
                    stderr=subprocess.PIPE,
                    env=_libpq_environment(),
                    text=True,
                    check=False,
                )
            if finished.returncode != 0:
                raise BackupError(_("pg_dump failed: %(error)s") % {"error": finished.stderr.strip()})

        media_root = _media_root()
        media_files = None
        if media_root is not None:
            media_files = _media_archive(media_root=media_root, target=media_partial)

        dump_partial.rename(backup.dump)
        manifest = {
            "format": MANIFEST_FORMAT,
            "created_at": now.isoformat(),
            "database": {
                "file": backup.dump.name,
                "sha256": _sha256(backup.dump),
                "name": settings.DATABASES["default"].get("NAME"),
                "server_version": server_version,
            },
            "media": None,
            "counts": counts,
        }
        if media_files is not None:
            media_partial.rename(backup.media)
            manifest["media"] = {"file": backup.media.name, "sha256": _sha256(backup.media), "files": media_files}
        with _private_file(backup.manifest) as out:
            out.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n")
    finally:
        dump_partial.unlink(missing_ok=True)
        media_partial.unlink(missing_ok=True)
    return backup, manifest


def _media_archive(*, media_root: Path, target: Path) -> int:
    """tar.gz of everything under media_root, paths relative to it; returns
    the number of files. A missing MEDIA_ROOT (nothing uploaded yet) gives an
    empty archive."""
    files = 0
    with _private_file(target) as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                archive.add(path, arcname=path.relative_to(media_root).as_posix(), recursive=False)
                files += path.is_file()
    return files


# --- Restore --------------------------------------------------------------------------------------


def backup_restore(*, path: str | os.PathLike, force: bool = False) -> RestoreResult:
    """Restore the backup named by `path` into DATABASE_URL and MEDIA_ROOT.

    Refuses a database that has tables, or a MEDIA_ROOT with files, unless
    `force`. Everything that can be checked is checked before anything is
    changed (files present, checksums, the archive's paths). The database part
    runs in one transaction: with `force` the old schema is dropped in the
    same transaction, so a restore that fails leaves the old data in place.
    """
    _require_postgresql()
    pg_restore = _require_program("pg_restore")
    psql = _require_program("psql")
    backup = Backup.from_path(path)
    manifest = _manifest_checked(backup)

    media_root = _media_root()
    restore_media = backup.media.exists() and media_root is not None
    if restore_media:
        _media_archive_checked(backup.media)

    tables, objects = _schema_contents()
    media_in_place = _file_count(media_root) if restore_media else 0
    if (objects or media_in_place) and not force:
        what = []
        if objects:
            what.append(
                _("database %(name)s is not empty (%(count)d tables)")
                % {"name": settings.DATABASES["default"].get("NAME"), "count": tables}
            )
        if media_in_place:
            what.append(_("MEDIA_ROOT %(path)s has %(count)d files") % {"path": media_root, "count": media_in_place})
        raise BackupError(
            _(
                "Not restoring: %(what)s. A restore replaces all of it. Restore into a new, empty database "
                "(createdb), or run again with FORCE=1 (make restore FILE=... FORCE=1, or --force) to replace "
                "the current data; take a backup of it first (make backup)."
            )
            % {"what": "; ".join(what)}
        )

    # Our own connection would hold no locks, but close it anyway: the schema
    # is about to be replaced under it.
    connection.close()
    _database_restore(backup=backup, pg_restore=pg_restore, psql=psql, replace=bool(objects))

    media_files = None
    if restore_media:
        media_files = _media_extract(archive=backup.media, media_root=media_root)

    return RestoreResult(
        backup=backup,
        counts=_row_counts(),
        expected_counts=(manifest or {}).get("counts"),
        media_files=media_files,
        replaced=bool(objects or media_in_place),
    )


def _manifest_checked(backup: Backup) -> dict | None:
    if not backup.dump.exists():
        raise BackupError(_("No database dump at %(path)s.") % {"path": backup.dump})
    if not backup.manifest.exists():
        return None  # a bare pg_dump file is still restorable
    manifest = json.loads(backup.manifest.read_text())
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(_("%(path)s is not a backup manifest this version understands.") % {"path": backup.manifest})
    parts = [(backup.dump, manifest["database"]["sha256"])]
    if manifest.get("media"):
        if not backup.media.exists():
            raise BackupError(
                _("The manifest lists a media archive, but %(path)s is missing.") % {"path": backup.media}
            )
        parts.append((backup.media, manifest["media"]["sha256"]))
    for part, expected in parts:
        if _sha256(part) != expected:
            raise BackupError(
                _("%(path)s does not match the checksum in the manifest: the copy is damaged or incomplete.")
                % {"path": part}
            )
    return manifest


def _media_archive_checked(archive: Path) -> None:
    # The same rules tarfile's "data" filter applies on extraction, checked on
    # every member first so a bad archive is refused before anything changes.
    with tarfile.open(archive, mode="r:gz") as tar:
        for member in tar.getmembers():
            try:
                tarfile.data_filter(member, "/nonexistent-restore-check")
            except tarfile.FilterError as error:
                raise BackupError(
                    _("%(path)s holds an unsafe entry (%(error)s); not restoring it.")
                    % {"path": archive, "error": error}
                ) from error


def _schema_contents() -> tuple[int, int]:
    """(tables, all objects) in the public schema, where the dump's objects go. Any object
    counts as "not empty": a lone function left by an earlier restore would
    make the dump's CREATE FUNCTION fail too."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'),
                   (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
                 + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace)
                 + (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace
                                                   AND typtype IN ('d', 'e'))
            """
        )
        return cursor.fetchone()


def _file_count(folder: Path | None) -> int:
    if folder is None or not folder.is_dir():
        return 0
    return sum(path.is_file() for path in folder.rglob("*"))


def _database_restore(*, backup: Backup, pg_restore: str, psql: str, replace: bool) -> None:
    """pg_restore turns the dump into SQL, psql runs it in one transaction.

    We write BEGIN, (with `replace`) drop the old schema, pass the SQL through
    and write COMMIT only once pg_restore has ended successfully: psql stops
    at the first error (ON_ERROR_STOP), and a dump that cannot be read to the
    end leaves the transaction without COMMIT, which PostgreSQL rolls back.
    (pg_restore --single-transaction alone could not drop the old schema in
    the same transaction.) The only COMMIT in pg_restore's SQL would come with
    large objects, which Django does not use.

    --no-owner/--no-acl: the roles of the server that made the dump need not
    exist here; everything belongs to the user of DATABASE_URL. The ledger's
    append-only trigger does not get in the way: pg_restore creates triggers
    after the rows are loaded (and COPY inserts), and DROP SCHEMA is neither
    an UPDATE nor a DELETE.
    """
    env = _libpq_environment()
    # client_min_messages: no NOTICE per dropped table burying a real error.
    prelude = "SET client_min_messages = warning;\nSET lock_timeout = '15s';\nBEGIN;\n"
    if replace:
        # Wait for a running site's locks a little (lock_timeout), not forever: stop it first.
        prelude += "DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n"
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        restore = subprocess.Popen(
            [pg_restore, "--no-owner", "--no-acl", "--exit-on-error", "--file", "-", str(backup.dump)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=env,
        )
        run = subprocess.Popen(
            [psql, "--no-psqlrc", "--quiet", "--no-password", "--set", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=env,
        )
        try:
            run.stdin.write(prelude.encode())
            shutil.copyfileobj(restore.stdout, run.stdin, 1 << 20)
            restore_status = restore.wait()
            if restore_status == 0:
                run.stdin.write(b"COMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped on an error; its message is below
        finally:
            restore.stdout.close()
            restore_status = restore.wait()
            try:
                run.stdin.close()
            except BrokenPipeError:
                pass
            run_status = run.wait()
        psql_errors.seek(0)
        psql_error = psql_errors.read().decode(errors="replace").strip()
        restore_errors.seek(0)
        restore_error = restore_errors.read().decode(errors="replace").strip()
    # psql first: when it stops on an error, pg_restore then fails on the broken pipe.
    if run_status != 0:
        raise BackupError(
            _("The restore was rolled back, the database is unchanged: %(error)s") % {"error": psql_error}
        )
    if restore_status != 0:
        # psql ended cleanly on the cut-short SQL, which has no COMMIT: rolled back.
        raise BackupError(
            _("pg_restore could not read %(path)s (%(error)s). The restore was rolled back, the database is unchanged.")
            % {"path": backup.dump, "error": restore_error or restore_status}
        )


def _media_extract(*, archive: Path, media_root: Path) -> int:
    """Unpack over MEDIA_ROOT: files of the backup replace files of the same
    name, other files stay (they are not referenced by the restored rows)."""
    media_root.mkdir(parents=True, exist_ok=True)
    files = 0
    with tarfile.open(archive, mode="r:gz") as tar:
        members = tar.getmembers()
        tar.extractall(media_root, members=members, filter="data")
        files = sum(member.isfile() for member in members)
    return files
