"""The framework-free Indico reader: whatever JSON arrives, it returns an event or raises
IndicoError naming the place, never another exception."""

import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from science4peace.lib.indico import IndicoError, email_hash, parse

WHEN = {"date": "2026-10-24", "time": "09:00:00", "tz": "Europe/Zurich"}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
people = st.fixed_dictionaries(
    {},
    optional={
        "first_name": json_values,
        "last_name": json_values,
        "fullName": json_values,
        "affiliation": json_values,
        "emailHash": json_values,
        "email": json_values,
        "orcid": json_values,
        "person_id": json_values,
    },
)
contributions = st.fixed_dictionaries(
    {"title": st.text(max_size=5) | json_values},
    optional={
        "startDate": st.just(WHEN) | json_values,
        "endDate": st.just(WHEN) | json_values,
        "duration": st.integers(-5, 2000) | json_values,
        "speakers": st.lists(people | json_values, max_size=3) | json_values,
        "coauthors": st.lists(people | json_values, max_size=2) | json_values,
        "track": json_values,
        "session": json_values,
        "type": json_values,
        "description": json_values,
    },
)
blocks = st.fixed_dictionaries(
    {},
    optional={
        "title": json_values,
        "session": st.fixed_dictionaries({"title": st.text(max_size=5)}) | json_values,
        "startDate": st.just(WHEN) | json_values,
        "endDate": st.just(WHEN) | json_values,
        "contributions": st.lists(contributions | json_values, max_size=3) | json_values,
    },
)


@settings(max_examples=300)
@given(
    contributions=st.lists(contributions | json_values, max_size=3) | json_values,
    sessions=st.lists(blocks | json_values, max_size=3) | json_values,
)
def test_any_shape_is_read_or_refused_with_indico_error(contributions, sessions):
    event = {"title": "Workshop", "timezone": "Europe/Zurich", "startDate": WHEN, "endDate": WHEN}
    document = {"results": [dict(event, contributions=contributions, sessions=sessions)]}
    try:
        parsed = parse(json.dumps(document))
    except IndicoError:
        return
    assert all(c.title for c in parsed.contributions)


@settings(max_examples=200)
@given(json_values)
def test_any_document_is_read_or_refused_with_indico_error(document):
    with contextlib.suppress(IndicoError):
        parse(json.dumps(document))


def test_email_hash_is_indicos_md5_of_the_address():
    assert email_hash("ivan.petrov@example.org") == "b5d05c79e4564deb2bc33565464b11dc"
