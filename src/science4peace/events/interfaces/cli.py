"""``s4p events import-indico FILE --event-owner EMAIL``: the Indico import from the command
line, through the same domain function and with the same summary as the page and the API.
On bad input it prints the reason and exits with 2; nothing is created."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from django.core.exceptions import PermissionDenied, ValidationError

from science4peace.events.domain import imports
from science4peace.lib import indico


def import_indico(
    path: Path,
    *,
    owners: list[str],
    as_json: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    prefix = "s4p events import-indico"
    if not owners:
        print(f"{prefix}: name the event's owner with --event-owner EMAIL", file=err)
        return 2
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{prefix}: {path}: cannot be read ({error.strerror or error})", file=err)
        return 2
    try:
        users = imports.find_owners(owners)
        source = indico.parse(data)
        summary = imports.do_import_indico(source, actor=users[0], owners=users[1:])
    except indico.IndicoError as error:
        print(f"{prefix}: {path}: not an Indico export: {error}", file=err)
        return 2
    except (ValueError, PermissionDenied, ValidationError) as error:
        print(f"{prefix}: {error}", file=err)
        return 2
    if as_json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2), file=out)
    else:
        print("\n".join(summary.lines()), file=out)
    return 0
