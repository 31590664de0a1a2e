"""Issue 16 point 6: reviewers see the others' reviews after submitting their own and can
discuss; the discussion is for the submission's reviewers (after their review) and the
chairs, with co-reviewers unnamed in a blind call."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from science4peace.events.domain.changes import do_set_role
from science4peace.review.domain import assignment, discussion, reviews
from science4peace.review.domain.access import access_assignment
from science4peace.review.domain.committee import do_declare_conflict

from .conftest import auth, make_person, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(call, organiser, reviewers, submitters):
    """One submission, assigned by hand to Rosa and Ravi; Rosa's review is in."""
    submission = submit(call, submitters[1], title="Neutrinos")
    for user in reviewers[:2]:
        assignment.do_add_assignment(submission, actor=organiser, reviewer=user)
    mine = access_assignment(reviewers[0], call.event_id, submission.code)
    reviews.do_review(mine, actor=reviewers[0], score=4, confidence=2, to_authors="Good.")
    return submission


def test_reviewer_joins_the_discussion_only_after_their_review(call, reviewers, reviewed):
    rosa, ravi, rin = reviewers
    discussion.do_comment(
        discussion.access_discussion(rosa, call.event_id, reviewed.code), actor=rosa, text="Hi"
    )
    with pytest.raises(PermissionDenied) as waiting:
        discussion.access_discussion(ravi, call.event_id, reviewed.code)
    with pytest.raises(PermissionDenied) as stranger:
        discussion.access_discussion(rin, call.event_id, reviewed.code)
    assert (str(waiting.value), str(stranger.value)) == (
        "The discussion opens once your review is in.",
        "You are not assigned to review this submission.",
    )


def test_co_reviewers_and_chairs_are_unnamed_in_a_double_blind_call(
    call, organiser, reviewers, reviewed
):
    rosa, ravi, _rin = reviewers
    mine = access_assignment(ravi, call.event_id, reviewed.code)
    reviews.do_review(mine, actor=ravi, score=2, confidence=3)
    chair = make_person("Chiara", "Chairwoman")
    do_set_role(call.event, actor=organiser, user=chair, role="committee")
    for user, text in ((rosa, "Too short?"), (ravi, "Agreed."), (chair, "Please converge.")):
        submission = discussion.access_discussion(user, call.event_id, reviewed.code)
        discussion.do_comment(submission, actor=user, text=text)
    seen_by_ravi = discussion.discussion_of(reviewed, ravi)
    seen_by_organiser = discussion.discussion_of(reviewed, organiser)
    assert [(c.author, c.text, c.own) for c in seen_by_ravi] == [
        ("Reviewer 1", "Too short?", False),
        ("Ravi Reviewkar", "Agreed.", True),
        ("Chair", "Please converge.", False),
    ]
    assert [c.author for c in seen_by_organiser] == [
        "Rosa Revisora",
        "Ravi Reviewkar",
        "Chiara Chairwoman",
    ]


def test_a_reviewer_with_a_conflict_does_not_learn_the_discussion_exists(call, reviewers, reviewed):
    rin = reviewers[2]
    do_declare_conflict(reviewed, actor=rin, reason="friend")
    with pytest.raises(Http404):
        discussion.access_discussion(rin, call.event_id, reviewed.code)


def test_empty_comment_is_refused_and_nothing_is_added(call, reviewers, reviewed):
    rosa = reviewers[0]
    with pytest.raises(ValidationError) as error:
        discussion.do_comment(reviewed, actor=rosa, text="   ")
    assert (error.value.message_dict, discussion.discussion_of(reviewed, rosa)) == (
        {"text": ["Write a comment."]},
        [],
    )


def test_discussion_page_and_api_show_the_same_thread(client, call, reviewers, reviewed):
    rosa = reviewers[0]
    client.force_login(rosa)
    url = reverse("review:discussion", args=[call.event_id, reviewed.code])
    posted = client.post(url, {"text": "From the page"})
    api = f"/api/review/events/{call.event_id}/submissions/{reviewed.code}/discussion"
    added = client.post(api, {"text": "From the API"}, content_type="application/json",
                        headers=auth(rosa))  # fmt: skip
    listed = client.get(api, headers=auth(rosa)).json()
    refused = client.get(api, headers=auth(reviewers[1]))
    assert (posted.status_code, added.status_code, refused.status_code) == (302, 201, 403)
    assert [(c["author"], c["text"]) for c in listed] == [
        ("Rosa Revisora", "From the page"),
        ("Rosa Revisora", "From the API"),
    ]
    page = client.get(url)
    assert (page.status_code, b"From the API" in page.content) == (200, True)
