"""The book of abstracts: the accepted submissions in programme order (by session, then by
start), each with its authors ordered alphabetically (the Unicode Collation Algorithm of the
author-list writers) and shown under the call's equal-treatment policy, rendered by
``lib.booktex``. The organisers read it at any time; everyone who sees the event once every
submission is decided. The PDF is built by ``pdflatex -no-shell-escape`` and kept in the
storage under the SHA-256 of its LaTeX source, so any change to the programme, an abstract or
an author makes a new one and nothing stale is ever served, whichever process built it."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from science4peace.lib import booktex
from science4peace.lib.authorlist.model import Author
from science4peace.lib.authorlist.order import sort_key
from science4peace.lib.authorlist.policy import EQUAL_AFFILIATIONS, NAMES_ORCID
from science4peace.lib.timezones import local
from science4peace.review import rules
from science4peace.review.domain.access import access_call
from science4peace.review.models import Call, Submission, SubmissionAuthor

ACCEPTED = (Submission.Decision.TALK, Submission.Decision.POSTER)
TIMEOUT = 120  # seconds for one pdflatex run
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def outcome_counts(call: Call) -> tuple[int, int]:
    """(undecided, decided) submissions of the call, the withdrawn left out."""
    rows = call.submissions.exclude(status=Submission.Status.WITHDRAWN).values_list(
        "decision", flat=True
    )
    decisions = list(rows)
    undecided = sum(1 for d in decisions if not d)
    return undecided, len(decisions) - undecided


def is_final(call: Call) -> bool:
    return rules.outcome_is_final(call, *outcome_counts(call))


def access_book(actor: Any, event_id: int) -> Call:
    """The call whose book the actor may download: organisers always, everyone who sees
    the event once every submission is decided."""
    call = access_call(actor, event_id)
    if not rules.can_read_book(actor, call, is_final(call)):
        raise PermissionDenied(
            _("The book of abstracts is published once every submission is decided.")
        )
    return call


def _author(row: SubmissionAuthor) -> Author:
    if row.person is not None:
        return Author(given=row.person.given_name, family=row.person.family_name)
    given, _sep, family = row.name.strip().rpartition(" ")
    return Author(given=given, family=family or row.name)


def _printed(row: SubmissionAuthor) -> str:
    native = row.person.native_name.strip() if row.person is not None else ""
    return f"{row.name} ({native})" if native and native != row.name else row.name


def _abstract(submission: Submission, zone: str, policy: str) -> booktex.Abstract:
    rows = sorted(submission.authors.all(), key=lambda r: (sort_key(_author(r)), r.position))
    affiliations: dict[str, int] = {}
    marks: list[tuple[int, ...]] = []
    for row in rows:
        text = (row.institution.name if row.institution else row.affiliation).strip()
        if policy == EQUAL_AFFILIATIONS and text:
            marks.append((affiliations.setdefault(text, len(affiliations) + 1),))
        else:
            marks.append(())
    contribution = submission.contribution
    start = contribution.start if contribution is not None else None
    return booktex.Abstract(
        title=contribution.title if contribution is not None else submission.title,
        abstract=contribution.abstract if contribution is not None else submission.abstract,
        authors=tuple(_printed(r) for r in rows),
        marks=tuple(marks),
        affiliations=tuple(affiliations),
        orcids=tuple(r.orcid if policy == NAMES_ORCID else "" for r in rows),
        kind=submission.get_decision_display(),
        time=f"{local(start, zone):%Y-%m-%d %H:%M} ({zone})" if start else "",
    )


def book_of(call: Call) -> booktex.Book:
    """The book's content: one section per session of the programme in time order, the
    accepted abstracts not yet in a session last. Four queries."""
    event = call.event
    zone = event.timezone
    accepted = list(
        call.submissions.filter(decision__in=ACCEPTED)
        .exclude(status=Submission.Status.WITHDRAWN)
        .select_related("contribution__session__track", "track")
        .prefetch_related("authors__person", "authors__institution")
    )

    def order(s: Submission) -> tuple[Any, ...]:
        c = s.contribution
        session = c.session if c is not None else None
        start = c.start if c is not None else None
        return (
            session is None,
            session.start if session else EARLIEST,
            session.pk if session else 0,
            start is None,
            start or EARLIEST,
            s.title.casefold(),
            s.pk,
        )

    accepted.sort(key=order)
    sessions: list[booktex.Session] = []
    current: Any = object()
    for submission in accepted:
        c = submission.contribution
        session = c.session if c is not None else None
        if session != current or not sessions:
            current = session
            if session is None:
                title, time = _("Not yet in a session"), ""
            else:
                title = f"{session.title}" + (f" — {session.track.name}" if session.track else "")
                time = (
                    f"{local(session.start, zone):%Y-%m-%d %H:%M}–"
                    f"{local(session.end, zone):%H:%M} ({zone})"
                )
            sessions.append(booktex.Session(title, time, ()))
        last = sessions[-1]
        sessions[-1] = booktex.Session(
            last.title,
            last.time,
            (*last.abstracts, _abstract(submission, zone, call.book_policy)),
        )
    dates = (
        f"{event.start_date:%Y-%m-%d} – {event.end_date:%Y-%m-%d}"
        if event.end_date != event.start_date
        else f"{event.start_date:%Y-%m-%d}"
    )
    return booktex.Book(event.title, _("Book of abstracts"), dates, tuple(sessions))


def book_tex(call: Call) -> str:
    return booktex.render(book_of(call))


def book_pdf(call: Call) -> bytes:
    """The PDF of the book's current source, built once per source (see the module)."""
    source = book_tex(call)
    name = f"books/{hashlib.sha256(source.encode()).hexdigest()}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as found:
            data: bytes = found.read()
            return data
    data = booktex.pdf(source, timeout=TIMEOUT)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return data
