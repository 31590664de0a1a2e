"""A whole installation in one archive: the database and the uploaded files (invariant 5).

The archive is a gzipped tar holding ``manifest.json``, the database (``database.pgdump``,
PostgreSQL's custom format from ``pg_dump``; or ``database.sqlite3``, a copy made with SQLite's
online backup API) and ``media/`` (every uploaded file). Both databases are copied while the
site serves. A restore goes into an empty installation only: it refuses a database that has
tables or a media directory that has files, and changes nothing then.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """What went wrong, in one sentence for the command line."""


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created: str
    files: int

    def as_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2)


def _vendor(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


# Connection keywords libpq understands; Django's other OPTIONS (pool, isolation level, ...) are
# not for pg_dump.
_LIBPQ = {"host", "port", "user", "password", "passfile", "service", "sslmode", "sslrootcert",
          "sslcert", "sslkey", "connect_timeout", "options", "target_session_attrs"}  # fmt: skip


def conninfo(database: dict[str, Any], name: str | None = None) -> str:
    """A libpq connection string for Django's settings of a PostgreSQL database."""
    from psycopg.conninfo import make_conninfo

    options = {k: v for k, v in (database.get("OPTIONS") or {}).items() if k in _LIBPQ}
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        if database.get(key):
            options[key.lower()] = str(database[key])
    return make_conninfo(dbname=name or str(database["NAME"]), **options)


def _run(command: list[str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    done = subprocess.run(  # noqa: S603 (fixed tool, arguments from settings)
        [tool, *command[1:]], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(alias: str, folder: Path) -> str:
    database = connections[alias].settings_dict
    vendor = _vendor(database)
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(folder / PG_DUMP), "--dbname", conninfo(database)])  # fmt: skip
        return vendor
    connection = connections[alias]
    connection.ensure_connection()
    with sqlite3.connect(folder / SQLITE_COPY) as copy:
        connection.connection.backup(copy)
    copy.close()
    return vendor


def do_backup(target: Path, *, alias: str = "default", media_root: Path | None = None) -> Manifest:
    """Write the archive to ``target`` (replaced only once it is complete)."""
    media = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        vendor = _dump_database(alias, folder)
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        manifest = Manifest(vendor, dt.datetime.now(dt.UTC).isoformat(), len(files))
        (folder / MANIFEST).write_text(manifest.as_json())
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, MANIFEST)
            name = PG_DUMP if vendor == "postgresql" else SQLITE_COPY
            archive.add(folder / name, name)
            for path in files:
                archive.add(path, f"{MEDIA}/{path.relative_to(media).as_posix()}")
        partial.replace(target)
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST)
        data = json.loads(member.read()) if member else None
    except (KeyError, json.JSONDecodeError) as exc:
        raise BackupError("not a Science4Peace backup: no readable manifest.json") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"unsupported backup format; this version reads format {FORMAT}")
    return Manifest(str(data["vendor"]), str(data["created"]), int(data["files"]))


def _sqlite(database: dict[str, Any]) -> sqlite3.Connection:
    """A connection to a database file or to a shared in-memory database (``file:…``)."""
    name = str(database["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _tables(database: dict[str, Any], vendor: str) -> list[str]:
    if vendor == "sqlite":
        name = str(database["NAME"])
        if not name.startswith("file:") and not Path(name).exists():
            return []
        with _sqlite(database) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        db.close()
        return [name for (name,) in rows]
    import psycopg

    with psycopg.connect(conninfo(database)) as db:
        rows = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return [name for (name,) in rows]


def _check_empty(database: dict[str, Any], vendor: str, media: Path) -> None:
    tables = _tables(database, vendor)
    if tables:
        raise BackupError(
            f"the database already has {len(tables)} tables; restore needs an empty database"
        )
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        raise BackupError(f"{media} already holds files; restore needs an empty media folder")


def _restore_database(database: dict[str, Any], vendor: str, folder: Path) -> None:
    if vendor == "postgresql":
        target = conninfo(database)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", "--dbname", target, str(folder / PG_DUMP)])  # fmt: skip
        return
    with (
        sqlite3.connect(folder / SQLITE_COPY) as source,
        sqlite3.connect(str(database["NAME"])) as target,
    ):
        source.backup(target)
    source.close()
    target.close()


def do_restore(
    source: Path, *, database: dict[str, Any] | None = None, media_root: Path | None = None
) -> Manifest:
    """Restore the archive ``source`` into an empty database (by default the installation's
    own, given as Django's settings of a database) and an empty media folder."""
    media = Path(media_root or settings.MEDIA_ROOT)
    database = database or connections["default"].settings_dict
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"cannot read {source}: {exc}") from exc
    with archive, tempfile.TemporaryDirectory() as scratch:
        manifest = _read_manifest(archive)
        vendor = _vendor(database)
        if manifest.vendor != vendor:
            raise BackupError(
                f"this backup holds a {manifest.vendor} database; this installation uses {vendor}"
            )
        _check_empty(database, vendor, media)
        folder = Path(scratch)
        archive.extractall(folder, filter="data")
        if not (folder / (PG_DUMP if vendor == "postgresql" else SQLITE_COPY)).is_file():
            raise BackupError("the backup holds no database copy")
        connections.close_all()
        _restore_database(database, vendor, folder)
        if (folder / MEDIA).exists():
            shutil.copytree(folder / MEDIA, media, dirs_exist_ok=True)
    return manifest
