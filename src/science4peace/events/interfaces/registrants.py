"""The registrant list as CSV, for organisers: the rows of ``queries.registrants`` in their
order, one line each (``name,email,status,since,city,time_zone,language``, then one column per
custom question of the registration form); cells that a spreadsheet would read as a formula
are neutralised (``lib.csvcells``), the questions and answers too."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from science4peace.events.domain.queries import answer_row, name_of
from science4peace.events.models import Registration, RegistrationQuestion
from science4peace.lib.csvcells import safe_row

HEADER = ("name", "email", "status", "since", "city", "time_zone", "language")


def registrants_csv(
    rows: Iterable[Registration], questions: Sequence[RegistrationQuestion] = ()
) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row([*HEADER, *(q.label for q in questions)]))
    for row in rows:
        writer.writerow(
            safe_row(
                [
                    name_of(row.user),
                    row.user.email,
                    row.status,
                    row.queued_at.astimezone(dt.UTC).isoformat(),
                    row.city,
                    row.timezone,
                    row.language,
                    *answer_row(row, list(questions)),
                ]
            )
        )
    return out.getvalue()
