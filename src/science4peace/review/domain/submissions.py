"""Sending, changing and withdrawing an abstract. Until the deadline (or the organisers'
extension) the submitter may change it; the PDF is stored without its metadata; the
submitter is warned when the abstract or the PDF names an author (the review is blind)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.uploads import check_pdf
from science4peace.core.validators import clean_answers
from science4peace.institutions.models import Institution
from science4peace.lib import pdfmeta
from science4peace.lib.orcid import InvalidOrcid, normalise_orcid
from science4peace.people.models import Person
from science4peace.review import rules
from science4peace.review.models import Answer, Call, Submission, SubmissionAuthor

MAX_AUTHORS = 100
AUDITED = ["title", "abstract", "keywords", "track_id", "kind", "status", "decision"]


@dataclass(frozen=True)
class AuthorIn:
    name: str
    orcid: str = ""
    email: str = ""
    affiliation: str = ""
    presents: bool = False
    person_id: int | None = None


def parse_authors(text: str) -> list[AuthorIn]:
    """One author a line: ``Name; ORCID; affiliation; e-mail`` (all but the name may be
    empty); a ``*`` before the name marks who presents."""
    authors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")] + ["", "", ""]
        name = parts[0]
        presents = name.startswith("*")
        name = name.lstrip("*").strip()
        if not name:
            raise ValidationError({"authors": _("Line %(n)s names no author.") % {"n": number}})
        authors.append(AuthorIn(name, parts[1], parts[3], parts[2], presents))
    return authors


def _orcid(author: AuthorIn, number: int) -> str:
    if not author.orcid:
        return ""
    try:
        return normalise_orcid(author.orcid)
    except InvalidOrcid as error:
        raise ValidationError(
            {
                "authors": _("Author %(n)s: %(orcid)s is not a valid ORCID iD.")
                % {"n": number, "orcid": author.orcid}
            }
        ) from error


def _check(
    call: Call, *, title: str, abstract: str, kind: str, track: Any, authors: list[AuthorIn]
) -> None:
    errors: dict[str, list[str]] = {}
    if len(abstract) > call.abstract_limit:
        errors["abstract"] = [
            _("The abstract has %(n)s characters; the limit is %(limit)s.")
            % {"n": len(abstract), "limit": call.abstract_limit}
        ]
    if not abstract.strip():
        errors["abstract"] = [_("Write an abstract.")]
    if not title.strip():
        errors["title"] = [_("Give a title.")]
    if kind not in call.kinds:
        errors["kind"] = [_("This call takes: %(kinds)s.") % {"kinds": ", ".join(call.kinds)}]
    if track is not None and track.event_id != call.event_id:
        errors["track"] = [_("This track belongs to another event.")]
    if not authors:
        errors["authors"] = [_("Name at least one author.")]
    elif len(authors) > MAX_AUTHORS:
        errors["authors"] = [_("At most %(n)s authors.") % {"n": MAX_AUTHORS}]
    elif not any(a.presents for a in authors):
        errors["authors"] = [_("Mark who presents with a * before the name.")]
    if errors:
        raise ValidationError(errors)


def _institution(affiliation: str) -> Institution | None:
    if not affiliation:
        return None
    return Institution.objects.filter(name__iexact=affiliation).only("pk").first()


def _pdf(upload: UploadedFile) -> tuple[bytes, str]:
    check_pdf(upload, "pdf")
    data = upload.read()
    try:
        stripped = pdfmeta.strip(data)
    except pdfmeta.NotAPdf as error:
        raise ValidationError({"pdf": _("This file is not a readable PDF.")}) from error
    return stripped, pdfmeta.text(stripped)


def name_warnings(authors: list[AuthorIn], abstract: str, pdf_text: str = "") -> list[str]:
    """Which author names (or family names) appear in the abstract or the PDF's text."""
    found = []
    for source, text in (("abstract", abstract), ("PDF", pdf_text)):
        folded = " ".join(text.casefold().split())
        for author in authors:
            words = author.name.split()
            probes = {author.name} | ({words[-1]} if words and len(words[-1]) >= 3 else set())
            for probe in sorted(probes):
                pattern = r"(?<!\w)" + re.escape(" ".join(probe.casefold().split())) + r"(?!\w)"
                if re.search(pattern, folded):
                    found.append(f"{source}:{probe}")
                    break
    return found


@transaction.atomic
def do_submit(
    call: Call,
    *,
    actor: Any,
    title: str,
    abstract: str,
    kind: str,
    authors: list[AuthorIn],
    keywords: str = "",
    track: Any = None,
    pdf: UploadedFile | None = None,
    answers: dict[int, str] | None = None,
    declared_conflicts: str = "",
    language: str = "en",
    submission: Submission | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """Send a new abstract to ``call`` or change ``submission``; everything is checked
    before anything is saved."""
    now = now or timezone.now()
    if submission is None and not rules.can_send(actor, call, now):
        raise PermissionDenied(_("The call is not open for submissions."))
    if submission is not None and not rules.can_edit(actor, submission, now):
        raise PermissionDenied(_("This submission can no longer be changed."))
    _check(call, title=title, abstract=abstract, kind=kind, track=track, authors=authors)
    orcids = [_orcid(a, n) for n, a in enumerate(authors, start=1)]
    given = clean_answers(call.questions.all(), answers or {})
    pdf_data, pdf_text = _pdf(pdf) if pdf is not None else (b"", "")
    created = submission is None
    before = None if submission is None else audit.snapshot(submission, AUDITED)
    submission = submission or Submission(call=call, submitter=actor)
    submission.title = title.strip()
    submission.abstract = abstract
    submission.keywords = ", ".join(
        k.strip() for k in keywords.replace(";", ",").split(",") if k.strip()
    )
    submission.track = track
    submission.kind = kind
    submission.declared_conflicts = declared_conflicts
    submission.language = language
    submission.warnings = name_warnings(authors, abstract, pdf_text)
    submission.full_clean(exclude=["pdf", "call", "submitter"])
    submission.save()
    if pdf_data:
        submission.pdf.save(f"{submission.code}.pdf", ContentFile(pdf_data), save=True)
    submission.authors.all().delete()
    people = {p.orcid: p.pk for p in Person.objects.filter(orcid__in=[o for o in orcids if o])}
    SubmissionAuthor.objects.bulk_create(
        SubmissionAuthor(
            submission=submission,
            position=n,
            person_id=a.person_id or people.get(orcid),
            name=a.name,
            orcid=orcid,
            email=a.email,
            affiliation=a.affiliation,
            institution=_institution(a.affiliation),
            presents=a.presents,
        )
        for n, (a, orcid) in enumerate(zip(authors, orcids, strict=True))
    )
    for question, value in given.items():
        Answer.objects.update_or_create(
            submission=submission, question=question, defaults={"value": value}
        )
    audit.record(
        actor=actor,
        action="review.submission." + ("create" if created else "update"),
        obj=submission,
        before=before,
        after=audit.snapshot(submission, AUDITED),
    )
    return submission


@transaction.atomic
def do_withdraw(submission: Submission, *, actor: Any) -> Submission:
    if not rules.can_withdraw(actor, submission):
        raise PermissionDenied(_("This submission was already withdrawn or decided."))
    submission.status = Submission.Status.WITHDRAWN
    submission.save(update_fields=["status", "updated"])
    audit.record(actor=actor, action="review.submission.withdraw", obj=submission)
    return submission
