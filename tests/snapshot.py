"""Reviewed snapshot files (STYLE.md rule 15): what people receive is compared, character for
character, with a file under ``tests/snapshots/`` that a person has read. After a deliberate
change, rewrite the files with ``S4P_UPDATE_SNAPSHOTS=1`` and review the diff before committing."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    """``name`` is the file's path under ``tests/snapshots/``, e.g. ``"mail/event.en.txt"``."""
    path = SNAPSHOTS / name
    if os.environ.get("S4P_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), (
        f"no snapshot {name}: write it with S4P_UPDATE_SNAPSHOTS=1, then review it"
    )
    assert text == path.read_bytes().decode("utf-8")


def restart_ids(*models: type[Model]) -> None:
    """Make the next rows of these (empty) tables get ids 1, 2, 3 ... on every database and in
    any test order, so ids in addresses and calendar UIDs are the same in every run."""
    for model in models:
        assert not model.objects.exists(), f"{model.__name__} must be empty to restart its ids"
    sequences = [{"table": m._meta.db_table, "column": m._meta.pk.column} for m in models]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(statement)


def mail_text(message: EmailMessage) -> str:
    """A message as its reader meets it: sender, recipients, subject, the names and types of
    its attachments, the body; then each text attachment (calendars) with LF line ends."""
    head = [f"From: {message.from_email}", f"To: {', '.join(message.to)}"]
    head += [f"Cc: {', '.join(message.cc)}"] if message.cc else []
    head += [f"Bcc: {', '.join(message.bcc)}"] if message.bcc else []
    head += [f"Reply-To: {', '.join(message.reply_to)}"] if message.reply_to else []
    head.append(f"Subject: {message.subject}")
    head += [f"Alternative: {mimetype}" for _, mimetype in getattr(message, "alternatives", [])]
    head += [f"Attachment: {name} ({mimetype})" for name, _, mimetype in message.attachments]
    parts = ["\n".join(head), message.body.rstrip("\n")]
    for name, content, mimetype in message.attachments:
        if mimetype.startswith("text/"):
            text = content.decode("utf-8") if isinstance(content, bytes) else content
            parts.append(f"--- {name} ---\n" + text.replace("\r\n", "\n").rstrip("\n"))
    return "\n\n".join(parts) + "\n"
