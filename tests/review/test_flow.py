import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from science4peace.events.models import Contribution
from science4peace.review.domain import assignment, queries, reviews
from science4peace.review.domain.committee import do_bid, do_set_expertise
from science4peace.review.domain.submissions import AuthorIn
from science4peace.review.interfaces.mail import notifier
from science4peace.review.models import Assignment, Bid, Submission

from .conftest import auth, make_person, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(call, submitters):
    a = submit(call, submitters[0], title="Jets", keywords="jets, qcd")
    b = submit(
        call,
        submitters[1],
        title="Neutrinos",
        keywords="neutrinos",
        authors=[AuthorIn("Kofi Mensah", presents=True, person_id=submitters[1].person.pk)],
        language="ru",
    )
    return a, b


def _pairs(call):
    return sorted((a.code, a.reviewer) for a in queries.assignment_rows(call))


def test_assignment_follows_expertise_and_bids_and_explains_each_pair(
    call, organiser, reviewers, two
):
    jets, neutrinos = two
    do_set_expertise(call, actor=reviewers[0], keywords="QCD, Jets")
    do_bid(neutrinos, actor=reviewers[2], level="eager")
    do_bid(jets, actor=reviewers[2], level="not_willing")
    result = assignment.do_assign(call, actor=organiser)
    rows = {(a.code, a.reviewer): a.explanation for a in queries.assignment_rows(call)}
    assert len(result.pairs) == 4
    assert rows[(jets.code, "Rosa Revisora")] == "shared keywords: jets, qcd; no bid; no conflict"
    assert rows[(neutrinos.code, "Rin Reviewmoto")] == "no shared keywords; bid: eager; no conflict"
    assert (jets.code, "Rin Reviewmoto") not in rows
    assert result.bound >= result.objective - 1e-6


def test_assignment_that_cannot_be_covered_names_the_submissions_and_changes_nothing(
    call, organiser, reviewers, two
):
    jets, _neutrinos = two
    call.reviewers_per_submission = 3
    call.save()
    # Rosa and Ravi share Tokyo with an author named on the jets abstract
    submit(
        call,
        jets.submitter,
        submission=jets,
        authors=[AuthorIn("Hana Sato", affiliation="Tokyo Institute of Technology", presents=True)],
    )
    with pytest.raises(ValidationError) as error:
        assignment.do_assign(call, actor=organiser)
    assert error.value.messages == [
        "These submissions cannot get 3 reviewers without a conflict within the load limit "
        f"of 3: {jets.code}."
    ]
    assert Assignment.objects.count() == 0


def test_organisers_add_and_remove_pairs_but_never_a_conflicted_one(
    call, organiser, reviewers, two
):
    jets, _ = two
    jets.declared_conflicts = "Rin Reviewmoto"
    jets.save()
    with pytest.raises(ValidationError):
        assignment.do_add_assignment(jets, actor=organiser, reviewer=reviewers[2])
    assignment.do_add_assignment(jets, actor=organiser, reviewer=reviewers[0])
    assert _pairs(call) == [(jets.code, "Rosa Revisora")]
    assignment.do_remove_assignment(jets, actor=organiser, reviewer_id=reviewers[0].pk)
    assert _pairs(call) == []


def test_reviews_scale_others_after_own_table_and_decisions(call, organiser, reviewers, two):
    jets, neutrinos = two
    for r in reviewers[:2]:
        assignment.do_add_assignment(jets, actor=organiser, reviewer=r)
    rosa, ravi = Assignment.objects.order_by("id")
    with pytest.raises(ValidationError) as error:
        reviews.do_review(rosa, actor=reviewers[0], score=6, confidence=2)
    assert error.value.message_dict == {"score": ["Give a score from 1 to 5."]}
    with pytest.raises(PermissionDenied):
        reviews.do_review(rosa, actor=reviewers[1], score=3, confidence=2)
    reviews.do_review(rosa, actor=reviewers[0], score=5, confidence=3, to_authors="Clear and new.")
    assert queries.reviews_seen_by(jets, reviewers[1]) == []
    reviews.do_review(ravi, actor=reviewers[1], score=2, confidence=1, to_committee="Weak.")
    seen = [(r.reviewer, r.score, r.own) for r in queries.reviews_seen_by(jets, reviewers[1])]
    assert seen == [("Reviewer 1", 5, False), ("Ravi Reviewkar", 2, True)]
    row = next(r for r in queries.review_table(call) if r.submission == jets)
    assert (row.mean, row.spread, row.stdev, row.disagreement) == (3.5, 3, 1.5, True)

    with pytest.raises(ValidationError):
        reviews.do_decide([jets], actor=organiser, decision="maybe")
    with pytest.raises(PermissionDenied):
        reviews.do_decide([jets], actor=reviewers[0], decision="talk")
    with TestCase.captureOnCommitCallbacks(execute=True):
        reviews.do_decide(
            [jets, neutrinos],
            actor=organiser,
            decision="talk",
            notify=notifier("https://s4p.example/"),
        )
    jets.refresh_from_db()
    contribution = Contribution.objects.get(pk=jets.contribution_id)
    assert (
        contribution.title,
        contribution.kind,
        [s.display_name for s in contribution.speakers.all()],
    ) == (
        "Jets",
        "talk",
        ["Anastasia Kuznetsova"],
    )
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Decision on your abstract: Online Workshop on Open Data",
        "Решение по вашему тезису: Online Workshop on Open Data",
    ]
    english = next(m for m in mail.outbox if m.to == [jets.submitter.email])
    assert ("Clear and new." in english.body, "Weak." in english.body) == (True, False)


def test_committee_page_bid_fragment_and_api_share_the_list(client, call, reviewers, two):
    jets, neutrinos = two
    client.force_login(reviewers[0])
    fragment = client.post(
        reverse("review:bid", args=[call.event_id, jets.code]),
        {"level": "eager"},
        HTTP_HX_REQUEST="true",
    )
    assert fragment.content.decode().startswith(f'<tr id="row-{jets.code}">')
    api = client.get(f"/api/review/events/{call.event_id}/queue", headers=auth(reviewers[0])).json()
    assert [(r["code"], r["bid"]) for r in api] == [(jets.code, "eager"), (neutrinos.code, "")]
    assert list(Bid.objects.values_list("level", flat=True)) == ["eager"]
    bad = client.post(reverse("review:bid", args=[call.event_id, jets.code]), {"level": "keen"})
    assert (bad.status_code, list(Bid.objects.values_list("level", flat=True))) == (400, ["eager"])


def test_api_submit_review_and_decide(client, call, organiser, reviewers):
    author = make_person("Lucía", "Fernández")
    payload = {
        "title": "Dark matter searches",
        "abstract": "We search for $\\chi$.",
        "kind": "poster",
        "keywords": "dark matter",
        "authors": [{"name": "Lucía Fernández", "presents": True, "orcid": "0000-0001-5109-3700"}],
    }
    created = client.post(
        f"/api/review/events/{call.event_id}/submissions",
        payload,
        content_type="application/json",
        headers=auth(author),
    )
    code = created.json()["code"]
    bad = client.post(
        f"/api/review/events/{call.event_id}/submissions",
        {**payload, "kind": "keynote"},
        content_type="application/json",
        headers=auth(author),
    )
    assert (created.status_code, bad.status_code, Submission.objects.count()) == (201, 400, 1)
    done = client.post(f"/api/review/events/{call.event_id}/assign", headers=auth(organiser))
    assert done.json()["pairs"] == 2
    reviewer = Assignment.objects.order_by("id").first().reviewer
    answer = client.post(
        f"/api/review/events/{call.event_id}/submissions/{code}/review",
        {"score": 4, "confidence": 2},
        content_type="application/json",
        headers=auth(reviewer),
    )
    assert [r["score"] for r in answer.json()] == [4]
    decided = client.post(
        f"/api/review/events/{call.event_id}/decisions",
        {"codes": [code], "decision": "poster"},
        content_type="application/json",
        headers=auth(organiser),
    )
    assert [(r["code"], r["decision"], r["mean"]) for r in decided.json()] == [
        (code, "poster", 4.0)
    ]
