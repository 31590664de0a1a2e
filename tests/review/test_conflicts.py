import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from science4peace.core.models import AuditEntry
from science4peace.papers.models import Paper, PaperAuthor
from science4peace.people.models import Person
from science4peace.projects.domain.changes import do_propose_project
from science4peace.projects.models import ProjectMember
from science4peace.review.domain import conflicts, queries
from science4peace.review.domain.committee import do_declare_conflict, do_rule_conflict
from science4peace.review.domain.submissions import AuthorIn

from .conftest import TODAY, affiliate, submit

pytestmark = pytest.mark.django_db
YEAR = dt.timedelta(days=365)


def _reasons(call, submission):
    return {
        (row.reviewer, tuple(row.reasons))
        for row in queries.conflict_rows(call)
        if row.submission == submission.code
    }


def _paper(people, *, size: int, when: dt.date) -> Paper:
    paper = Paper.objects.create(title=f"A paper of {size} authors", reference_date=when)
    others = [Person(given_name="Co", family_name=f"Author{n}") for n in range(size - len(people))]
    Person.objects.bulk_create(others)
    PaperAuthor.objects.bulk_create(
        PaperAuthor(paper=paper, person=p, family_name=p.family_name) for p in [*people, *others]
    )
    return paper


def test_same_institution_found_across_an_affiliation_change(
    call, reviewers, submitters, institutions
):
    # Ravi moved from Tokyo to Cape Town two years ago; Kofi is in Cape Town.
    ravi = reviewers[1]
    ravi.person.affiliations.update(end=TODAY - 2 * YEAR)
    affiliate(ravi, institutions[1], TODAY - 2 * YEAR)
    done = submit(
        call,
        submitters[1],
        authors=[AuthorIn("Kofi Mensah", presents=True, person_id=submitters[1].person.pk)],
    )
    assert _reasons(call, done) == {
        ("Ravi Reviewkar", ("same institution in the last three years: University of Cape Town",))
    }


def test_an_institution_left_more_than_three_years_ago_is_no_conflict(
    call, reviewers, submitters, institutions
):
    affiliate(reviewers[2], institutions[1], TODAY - 10 * YEAR, TODAY - 4 * YEAR)
    done = submit(
        call,
        submitters[1],
        authors=[AuthorIn("Kofi Mensah", presents=True, person_id=submitters[1].person.pk)],
    )
    assert _reasons(call, done) == set()


def test_stated_affiliation_of_a_name_only_author_counts(call, reviewers, submitters):
    done = submit(
        call,
        submitters[0],
        authors=[AuthorIn("Hana Sato", affiliation="Tokyo Institute of Technology", presents=True)],
    )
    reason = ("same institution in the last three years: Tokyo Institute of Technology",)
    assert _reasons(call, done) == {("Rosa Revisora", reason), ("Ravi Reviewkar", reason)}


def test_coauthors_of_a_small_recent_paper_conflict(call, reviewers, submitters):
    paper = _paper([reviewers[2].person, submitters[0].person], size=12, when=TODAY - YEAR)
    done = submit(call, submitters[0])
    assert _reasons(call, done) == {
        (
            "Rin Reviewmoto",
            (f"co-authors of “{paper.title}” (at most 25 authors, last three years)",),
        )
    }


def test_a_3000_author_paper_is_no_conflict(call, reviewers, submitters):
    _paper([reviewers[2].person, submitters[0].person], size=3000, when=TODAY - YEAR)
    done = submit(call, submitters[0])
    assert _reasons(call, done) == set()


def test_members_of_the_same_project_conflict(call, reviewers, submitters):
    project = do_propose_project(actor=submitters[0], title="Open jets", kind="theory")
    ProjectMember.objects.create(
        project=project, person=reviewers[2].person, status="member", role="member"
    )
    done = submit(call, submitters[0])
    assert _reasons(call, done) == {("Rin Reviewmoto", ("members of the project “Open jets”",))}


def test_same_person_by_orcid(call, reviewers, submitters):
    done = submit(
        call,
        submitters[0],
        authors=[AuthorIn("R. Revisora", orcid="0000-0002-1825-0097", presents=True)],
    )
    tokyo = "same institution in the last three years: Tokyo Institute of Technology"
    assert _reasons(call, done) == {
        ("Rosa Revisora", ("the reviewer is an author", tokyo)),  # her own record, found by ORCID
        ("Ravi Reviewkar", (tokyo,)),
    }


def test_conflicts_declared_by_authors_and_by_the_reviewer(call, reviewers, submitters):
    done = submit(call, submitters[0], declared_conflicts="rin reviewmoto\n")
    do_declare_conflict(done, actor=reviewers[1], reason="former student")
    assert _reasons(call, done) == {
        ("Rin Reviewmoto", ("declared by the authors",)),
        ("Ravi Reviewkar", ("declared by the reviewer",)),
    }
    assert [r.code for r in queries.reviewer_queue(call, reviewers[1])] == []


def test_organisers_lift_and_add_conflicts_with_a_reason_audited(
    call, organiser, reviewers, submitters
):
    done = submit(call, submitters[0], declared_conflicts="Rin Reviewmoto")
    do_rule_conflict(
        done, actor=organiser, reviewer=reviewers[2], lift=True, reason="name clash, other person"
    )
    do_rule_conflict(
        done, actor=organiser, reviewer=reviewers[0], lift=False, reason="same research group"
    )
    assert _reasons(call, done) == {("Rosa Revisora", ("added by the organisers",))}
    assert list(
        AuditEntry.objects.filter(action__startswith="review.conflict")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "review.conflict.lift",
        "review.conflict.add",
    ]
    with pytest.raises(ValidationError):
        do_rule_conflict(done, actor=organiser, reviewer=reviewers[0], lift=True, reason=" ")


def test_a_conflicted_reviewer_cannot_open_the_submission(client, call, reviewers, submitters):
    done = submit(call, submitters[0], declared_conflicts="Rin Reviewmoto")
    client.force_login(reviewers[2])
    page = client.get(f"/review/events/{call.event_id}/committee/{done.code}/review/")
    bid = client.post(
        f"/review/events/{call.event_id}/committee/{done.code}/bid/", {"level": "eager"}
    )
    assert (page.status_code, bid.status_code, conflicts.has_conflict(done, reviewers[2])) == (
        404,
        404,
        True,
    )
