"""`s4p backup` / `s4p restore`: the full demo and the uploaded files come back exactly, on
the database the suite runs on (SQLite, then PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from science4peace.core.backup import BackupError, conninfo, do_backup, do_restore

S4P = str(Path(sys.executable).parent / "s4p")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _rows(cursor, tables: list[str]) -> dict[str, list[tuple]]:
    found = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from introspection)
        found[table] = sorted(cursor.fetchall(), key=repr)
    return found


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "slides" / "2026").mkdir(parents=True)
    (root / "slides" / "2026" / "talk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    (root / "resources" / "Детектор.txt").parent.mkdir()
    (root / "resources" / "Детектор.txt").write_text("ECAL — калибровка\n", encoding="utf-8")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def empty_database(tmp_path):
    """Django's settings of an empty database on the same server as the test database."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {"ENGINE": source["ENGINE"], "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"s4p_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo(source), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with psycopg.connect(conninfo(source), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _connect(database: dict):
    """A plain driver connection, the same kind for the original and the restored database."""
    if "sqlite3" in database["ENGINE"]:
        # the converters Django registers, so both sides read datetimes alike
        return sqlite3.connect(
            database["NAME"],
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
            uri=database["NAME"].startswith("file:"),
        )
    import psycopg

    return psycopg.connect(conninfo(database))


def test_backup_of_the_full_demo_restores_every_row_and_file(
    transactional_db, tmp_path, media, empty_database
):
    call_command("load_demo")
    archive = tmp_path / "backup.tar.gz"

    manifest = do_backup(archive, media_root=media)
    restored_media = tmp_path / "restored-media"
    do_restore(archive, database=empty_database, media_root=restored_media)

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    with _connect(connection.settings_dict) as original:
        before = _rows(original.cursor(), tables)
    with _connect(empty_database) as restored:
        after = _rows(restored.cursor(), tables)
    assert manifest.files == 2
    assert sum(len(rows) for rows in before.values()) > 10_000  # the whole demo, not a sample
    assert after == before
    assert _files(restored_media) == _files(media)


def test_restore_refuses_a_database_that_has_tables_and_changes_nothing(
    transactional_db, tmp_path, media
):
    archive = tmp_path / "backup.tar.gz"
    do_backup(archive, media_root=media)
    with connection.cursor() as cursor:
        before = _rows(cursor, ["institutions_country"])

    with pytest.raises(BackupError, match="restore needs an empty database"):
        do_restore(archive, media_root=tmp_path / "other-media")

    with connection.cursor() as cursor:
        assert _rows(cursor, ["institutions_country"]) == before
    assert not (tmp_path / "other-media").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an archive at all", "cannot read"),
        (None, "no readable manifest.json"),
    ],
)
def test_restore_of_something_else_is_a_clear_error(tmp_path, empty_database, content, message):
    archive = tmp_path / "backup.tar.gz"
    if content is None:
        with tarfile.open(archive, "w:gz") as tar:
            (tmp_path / "notes.txt").write_text("hello")
            tar.add(tmp_path / "notes.txt", "notes.txt")
    else:
        archive.write_bytes(content)

    with pytest.raises(BackupError, match=message):
        do_restore(archive, database=empty_database, media_root=tmp_path / "m")


def test_backup_and_restore_commands_round_trip_an_sqlite_installation(tmp_path):
    """The commands as an operator runs them, on embedded SQLite installations."""
    first, second = tmp_path / "first", tmp_path / "second"
    environment = {**os.environ, "S4P_DATABASE_URL": "", "S4P_SECRET_KEY": "x" * 50}
    environment.pop("PYTEST_XDIST_WORKER", None)

    def s4p(var_dir: Path, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [S4P, *argv],
            env={**environment, "S4P_VAR_DIR": str(var_dir)},
            capture_output=True,
            text=True,
            check=False,
        )

    assert s4p(first, "manage", "migrate", "--verbosity", "0").returncode == 0
    (first / "media").mkdir()
    (first / "media" / "cv.pdf").write_bytes(b"%PDF-1.4 cv")
    backup = s4p(first, "backup", str(tmp_path / "b.tar.gz"))
    restore = s4p(second, "restore", str(tmp_path / "b.tar.gz"))
    again = s4p(second, "restore", str(tmp_path / "b.tar.gz"))

    assert backup.stdout.startswith("s4p backup: sqlite database and 1 files in ")
    assert restore.stdout.startswith("s4p restore: sqlite database and 1 files of ")
    assert (second / "media" / "cv.pdf").read_bytes() == b"%PDF-1.4 cv"
    assert again.returncode == 1
    assert again.stderr.strip().startswith("s4p restore: the database already has ")
