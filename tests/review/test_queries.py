import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from science4peace.review.domain import assignment, queries
from science4peace.review.domain.submissions import AuthorIn

from .conftest import submit

pytestmark = pytest.mark.django_db


def _make(call, organiser, reviewers, submitters, count):
    made = []
    for n in range(count):
        user = submitters[n % 2]
        author = AuthorIn(user.person.display_name, presents=True, person_id=user.person.pk)
        made.append(submit(call, user, title=f"Talk {n}", authors=[author]))
    for s in made:
        assignment.do_add_assignment(s, actor=organiser, reviewer=reviewers[2])
    return made


def _count(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_counts_do_not_grow_with_submissions(
    call, organiser, reviewers, submitters, count
):
    _make(call, organiser, reviewers, submitters, count)
    counts = {
        "table": _count(lambda: queries.review_table(call)),
        "queue": _count(lambda: queries.reviewer_queue(call, reviewers[2])),
        "assignments": _count(lambda: queries.assignment_rows(call)),
        "conflicts": _count(lambda: queries.conflict_rows(call)),
    }
    assert counts == {"table": 2, "queue": 11, "assignments": 2, "conflicts": 11}
