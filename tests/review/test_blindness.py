"""Blindness, checked on the bytes a reviewer receives: every page, htmx fragment, API
answer and PDF of a double-blind call, searched for the authors' names, ORCID iDs,
institutions and e-mail addresses, and for the other reviewers' identities."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.lib import pdfmeta
from science4peace.review.domain import assignment, reviews
from science4peace.review.domain.submissions import AuthorIn
from science4peace.review.models import Assignment

from .conftest import auth, pdf_bytes, submit

pytestmark = pytest.mark.django_db

AUTHORS = [
    AuthorIn(
        "Anastasia Kuznetsova",
        orcid="0000-0002-1694-233X",
        email="anastasia@example.org",
        affiliation="Joint Institute for Nuclear Research",
        presents=True,
    ),
    AuthorIn(
        "Kofi Mensah",
        orcid="0000-0001-5109-3700",
        email="kofi@example.org",
        affiliation="University of Cape Town",
    ),
]
SECRETS = [
    b"Anastasia",
    b"Kuznetsova",
    b"Kofi",
    b"Mensah",
    b"0000-0002-1694-233X",
    b"0000-0001-5109-3700",
    b"anastasia@example.org",
    b"kofi@example.org",
    b"Joint Institute for Nuclear Research",
    b"University of Cape Town",
]


def _reviewer_bytes(client, call, user, code) -> dict[str, bytes]:
    client.force_login(user)
    e = call.event_id
    headers = auth(user)
    got = {
        "call": client.get(reverse("review:call", args=[e])),
        "committee": client.get(reverse("review:committee", args=[e])),
        "fragment": client.post(
            reverse("review:bid", args=[e, code]), {"level": "eager"}, HTTP_HX_REQUEST="true"
        ),
        "review": client.get(reverse("review:review", args=[e, code])),
        "pdf": client.get(reverse("review:pdf", args=[e, code])),
        "api-queue": client.get(f"/api/review/events/{e}/queue", headers=headers),
        "api-submission": client.get(f"/api/review/events/{e}/submissions/{code}", headers=headers),
        "api-reviews": client.get(
            f"/api/review/events/{e}/submissions/{code}/reviews", headers=headers
        ),
    }
    assert {name: r.status_code for name, r in got.items()} == dict.fromkeys(got, 200)
    return {
        name: b"".join(r.streaming_content) if r.streaming else r.content for name, r in got.items()
    }


def test_reviewer_receives_no_author_identity_and_no_other_reviewer(
    client, call, organiser, reviewers, submitters
):
    upload = SimpleUploadedFile(
        "a.pdf", pdf_bytes("Jet substructure in open data", author="Anastasia Kuznetsova")
    )
    done = submit(call, submitters[0], authors=AUTHORS, pdf=upload, abstract="We study jets.")
    for r in reviewers[1:]:
        assignment.do_add_assignment(done, actor=organiser, reviewer=r)
    first, second = Assignment.objects.order_by("id")
    reviews.do_review(first, actor=reviewers[1], score=4, confidence=2, to_authors="Good.")
    reviews.do_review(second, actor=reviewers[2], score=3, confidence=2, to_authors="Fine.")
    received = _reviewer_bytes(client, call, reviewers[2], done.code)
    other = reviewers[1]
    secrets = [*SECRETS, other.username.encode(), other.email.encode(), b"Ravi", b"Reviewkar"]
    leaks = {name: [s for s in secrets if s in body] for name, body in received.items()}
    assert leaks == {name: [] for name in received}
    assert b"Jet substructure" in received["pdf"] or pdfmeta.text(received["pdf"]).startswith(
        "Jet substructure"
    )
    assert pdfmeta.metadata(received["pdf"]) == {}


def test_single_blind_call_shows_authors_to_reviewers(
    client, call, organiser, reviewers, submitters
):
    call.blindness = "single"
    call.save()
    done = submit(call, submitters[0], authors=AUTHORS)
    assignment.do_add_assignment(done, actor=organiser, reviewer=reviewers[2])
    client.force_login(reviewers[2])
    page = client.get(reverse("review:review", args=[call.event_id, done.code]))
    assert b"Anastasia Kuznetsova" in page.content
