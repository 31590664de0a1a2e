import datetime as dt

from science4peace.lib.eligibility import AuthorshipRule, MembershipSpan, authors_on
from science4peace.lib.periods import Period

D = dt.date
RULE = AuthorshipRule(months_before=12, months_after=12)


def span(person, institution, start, end=None, role="member"):
    return MembershipSpan(person, institution, role, Period(start, end))


def test_author_after_qualifying_months_only():
    spans = [span(1, 10, D(2020, 1, 1))]
    assert authors_on(spans, RULE, D(2020, 12, 31)) == []
    assert [a.person_id for a in authors_on(spans, RULE, D(2021, 1, 1))] == [1]


def test_author_remains_for_months_after_leaving():
    spans = [span(1, 10, D(2015, 1, 1), D(2020, 1, 1))]
    assert [a.person_id for a in authors_on(spans, RULE, D(2021, 1, 1))] == [1]
    assert authors_on(spans, RULE, D(2021, 1, 2)) == []


def test_moves_between_institutes_are_one_history():
    """Moscow institute, then JINR, then a German university: no new waiting period."""
    spans = [
        span(7, 1, D(2012, 9, 1), D(2019, 6, 30)),
        span(7, 2, D(2019, 7, 1), D(2023, 8, 31)),
        span(7, 3, D(2023, 9, 1)),
    ]
    (author,) = authors_on(spans, RULE, D(2023, 10, 1))
    assert (author.person_id, author.since, author.institution_ids) == (7, D(2013, 9, 1), (3,))


def test_a_gap_starts_a_new_waiting_period():
    spans = [span(7, 1, D(2010, 1, 1), D(2012, 1, 1)), span(7, 2, D(2018, 1, 1))]
    assert authors_on(spans, RULE, D(2018, 6, 1)) == []


def test_only_qualifying_roles_count():
    rule = AuthorshipRule(12, 12, frozenset({"member"}))
    spans = [span(1, 1, D(2010, 1, 1), role="technician"), span(2, 1, D(2010, 1, 1))]
    assert [a.person_id for a in authors_on(spans, rule, D(2020, 1, 1))] == [2]


def test_former_author_is_listed_with_last_institutions():
    spans = [span(1, 5, D(2010, 1, 1), D(2020, 1, 1)), span(1, 6, D(2015, 1, 1), D(2020, 1, 1))]
    (author,) = authors_on(spans, RULE, D(2020, 6, 1))
    assert author.institution_ids == (5, 6)
