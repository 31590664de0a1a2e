"""Search: the same module runs on SQLite and on PostgreSQL (the suite runs on both), and the
expected records below are literal, so both databases must return them in the same order."""

from collections import Counter

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.catalog.domain.queries import FACETS, SearchError, search_records
from science4peace.catalog.models import Record
from tests.catalog.conftest import RECORDS

pytestmark = pytest.mark.django_db

# (query, facet filters, sort), total, first 15 recids
CASES = [
    ("dimuon", {}, "relevance", 0, []),
    ("DoubleMu", {"year": ["2011"]}, "relevance", 5, [616, 233, 230, 47, 17]),
    ("muon", {}, "relevance", 2, [233, 230]),
    ("2011 muon", {"experiment": ["CMS"], "type": ["Dataset"]}, "relevance", 1, [230]),
    (
        '"open data"',
        {},
        "relevance",
        31,
        [80020, 15008, 3860, 3854, 3853, 3852, 3851, 3850, 3820, 3800, 456, 455, 416, 391, 390],
    ),
    ("higgs", {}, "relevance", 5, [331, 329, 81335, 330, 60]),
    ("lep*", {}, "relevance", 4, [233, 80506, 80505, 230]),
    ("collision -simulated", {"experiment": ["ATLAS"]}, "relevance", 0, []),
    (
        "",
        {"experiment": ["LHCb"]},
        "title",
        14,
        [93945, 93946, 93947, 93948, 93949, 416, 455, 456, 401, 410, 41, 402, 4901, 4902],
    ),
    (
        "",
        {"type": ["Environment"]},
        "date",
        12,
        [1807, 15008, 1819, 1806, 1817, 402, 1814, 3854, 3853, 3852, 3851, 80509],
    ),
    (
        "cms",
        {"format": ["root"]},
        "title",
        15,
        [203, 17, 47, 204, 207, 208, 209, 36, 37, 14000, 14001, 27, 230, 733, 734],
    ),
    (
        "delphi",
        {},
        "date",
        14,
        [
            80050,
            417,
            80509,
            80507,
            80506,
            80505,
            80508,
            81718,
            81608,
            81498,
            81494,
            81335,
            81069,
            80510,
        ],
    ),
    (
        "data -cms",
        {"type": ["Dataset"]},
        "relevance",
        17,
        [
            81718,
            81608,
            81498,
            81494,
            81335,
            81069,
            80020,
            3860,
            3820,
            3800,
            391,
            390,
            93949,
            93948,
            93947,
        ],
    ),
    ("/DoubleMu/Run2011A-12Oct2013-v1/AOD", {}, "relevance", 3, [17, 616, 230]),
    (
        "atlas 13tev",
        {"collision": ["pp"]},
        "relevance",
        7,
        [80020, 80018, 80017, 80016, 80015, 80014, 80011],
    ),
    (
        "",
        {"availability": ["online"], "energy": ["7TeV"]},
        "relevance",
        9,
        [14001, 734, 733, 616, 600, 47, 36, 27, 17],
    ),
]


@pytest.mark.parametrize(("q", "filters", "sort", "total", "recids"), CASES)
def test_search_returns_the_same_records_in_the_same_order(
    portal_records, q, filters, sort, total, recids
):
    result = search_records(q=q, filters=filters, sort=sort, per_page=100)
    assert (result.total, [r.recid for r in result.records][:15]) == (total, recids)


def _direct_counts(records) -> dict[str, Counter]:
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for r in records:
        counts["experiment"].update(set(r.experiments))
        counts["type"].update([r.type_primary] if r.type_primary else [])
        counts["year"].update([str(r.year)] if r.year else [])
        counts["energy"].update([r.collision_energy] if r.collision_energy else [])
        counts["collision"].update([r.collision_type] if r.collision_type else [])
        counts["format"].update({f.lower() for f in r.formats})
        counts["availability"].update([r.availability] if r.availability else [])
    return counts


@pytest.mark.parametrize(
    ("q", "filters"),
    [("", {}), ("data", {}), ("", {"experiment": ["CMS"], "type": ["Dataset"]}), ("2011", {})],
)
def test_facet_counts_equal_a_direct_count(portal_records, q, filters):
    result = search_records(q=q, filters=filters, per_page=100)
    assert result.total == len(result.records)  # the whole match is on the page
    recids = [r.recid for r in result.records]
    expected = _direct_counts(Record.objects.filter(recid__in=recids))
    got = {name: {v.value: v.count for v in values} for name, values in result.facets.items()}
    assert got == {name: dict(c) for name, c in expected.items()}


def test_pagination_walks_every_record_once(portal_records):
    first = search_records(q="cms", per_page=7, page=1)
    seen = [
        r.recid
        for page in range(1, first.pages + 1)
        for r in search_records(q="cms", per_page=7, page=page).records
    ]
    assert sorted(seen) == sorted(set(seen))
    assert len(seen) == first.total


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"q": "x" * 10_000}, "the query has 10000 characters; the limit is 500"),
        ({"q": " ".join(f"w{i}" for i in range(20))}, "the query has 20 terms; the limit is 16"),
        ({"sort": "popularity"}, "unknown sort 'popularity'; sorts are: relevance, date, title"),
        (
            {"filters": {"colour": ["red"]}},
            "unknown facet 'colour'; facets are: "
            "experiment, type, year, energy, collision, format, availability",
        ),
        ({"filters": {"experiment": ["C\x00MS"]}}, "facet experiment: not a possible value"),
        ({"page": 0}, "the page must be between 1 and 10000"),
    ],
)
def test_impossible_searches_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(SearchError) as error:
        search_records(**kwargs)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "q", ['"', "AND OR NOT", "(", "col:val", "*", "-", "NEAR(a b)", "a\x00b", "'; DROP TABLE x"]
)
def test_operator_like_queries_are_plain_words(portal_records, q):
    assert search_records(q=q).total >= 0


def test_search_page_shows_results_and_facets(client, portal_records):
    response = client.get(reverse("catalog:search"), {"q": "DoubleMu", "year": "2011"})
    html = response.content.decode()
    assert response.status_code == 200
    assert [r.recid for r in response.context["result"].records] == [616, 233, 230, 47, 17]
    assert 'data-facet="year" data-value="2011" aria-current="true"' in html


def test_search_page_htmx_returns_only_the_results(client, portal_records):
    response = client.get(reverse("catalog:search"), {"q": "higgs"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


def test_search_page_too_long_query_is_a_400(client, db):
    response = client.get(reverse("catalog:search"), {"q": "x" * 10_000})
    assert response.status_code == 400


def test_search_page_nul_is_a_400_not_a_500(client, db):
    response = client.get(reverse("catalog:search"), {"q": "a\x00b", "experiment": "C\x00MS"})
    assert response.status_code == 400


def test_search_api_returns_records_and_facets(client, portal_records):
    response = client.get("/api/catalog/records", {"q": "DoubleMu", "year": "2011", "per_page": 2})
    data = response.json()
    assert response.status_code == 200
    assert (data["total"], data["pages"], [r["recid"] for r in data["records"]]) == (
        5,
        3,
        [616, 233],
    )
    assert {"value": "2011", "count": 5, "selected": True} in data["facets"]["year"]


def test_search_api_refuses_an_unknown_sort(client, db):
    response = client.get("/api/catalog/records", {"sort": "popularity"})
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "unknown sort 'popularity'; sorts are: relevance, date, title",
    )


def _import_cms(count: int) -> None:
    import json

    from science4peace.catalog.domain.imports import do_import_records

    records = json.loads((RECORDS / "cms-records.json").read_text("utf-8"))[:count]
    do_import_records(
        sources=[("a.json", json.dumps(records).encode())], actor=None, check_actor=False
    )


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_is_constant(client, django_assert_num_queries, count):
    _import_cms(count)
    # counts and facets from the facet words, the page's ids from the search rows, the
    # page's records; the second time (the htmx fragment, a page of its own in the public-page
    # cache) the counts come from the cache
    with django_assert_num_queries(3):
        first = client.get(reverse("catalog:search"), {"experiment": "CMS"})
    with django_assert_num_queries(2):
        again = client.get(reverse("catalog:search"), {"experiment": "CMS"}, HTTP_HX_REQUEST="true")
    records = [r.content.decode().count('href="/catalog/record/') for r in (first, again)]
    assert records == [count, count]


@pytest.mark.parametrize("count", [1, 3])
def test_search_api_query_count_is_constant(client, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import data_queries

    _import_cms(count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/catalog/records", {"q": "cms"})
    # the shared cache's statements (API throttling, cached counts) are counted apart
    assert (len(data_queries(queries)), len(response.json()["records"])) == (3, count)


@pytest.mark.parametrize(
    ("q", "filters", "sort"),
    [
        ("muon", {"experiment": ["CMS"], "type": ["Dataset"]}, "relevance"),
        ("", {"experiment": ["CMS"]}, "relevance"),
        ("", {}, "date"),
        ('"open data" -cms', {}, "title"),
    ],
)
def test_search_statements_do_not_grow_with_the_catalog(
    portal_records, django_assert_num_queries, q, filters, sort
):
    with django_assert_num_queries(3):
        cold = search_records(q=q, filters=filters, sort=sort, per_page=5)
    with django_assert_num_queries(2):
        warm = search_records(q=q, filters=filters, sort=sort, per_page=5)
    assert cold.total == warm.total


def test_a_search_past_the_last_page_reads_no_records(portal_records, django_assert_num_queries):
    search_records(q="higgs")
    with django_assert_num_queries(0):
        result = search_records(q="higgs", page=2)
    assert (result.total, result.records) == (5, [])


def test_counts_cached_before_an_import_are_not_served_after_it(db):
    from science4peace.catalog.domain.imports import do_import_records

    _import_cms(1)
    before = search_records(filters={"experiment": ["CMS"]})
    import json

    records = json.loads((RECORDS / "cms-records.json").read_text("utf-8"))[1:3]
    do_import_records(
        sources=[("b.json", json.dumps(records).encode())], actor=None, check_actor=False
    )
    after = search_records(filters={"experiment": ["CMS"]})
    assert (before.total, after.total, len(after.records)) == (1, 3, 3)


def test_counts_cached_before_a_record_is_deleted_are_not_served_after_it(db):
    _import_cms(3)
    before = search_records(q="cms")
    Record.objects.filter(recid=before.records[0].recid).get().delete()
    after = search_records(q="cms")
    assert (before.total, after.total) == (3, 2)


@pytest.mark.parametrize(
    ("filters", "sort"),
    [({}, "relevance"), ({}, "date"), ({}, "title"), ({"experiment": ["CMS"]}, "title")],
)
def test_walking_the_sort_order_gives_the_same_page_as_sorting_every_match(
    portal_records, monkeypatch, filters, sort
):
    from science4peace.catalog.domain import queries

    monkeypatch.setattr(queries, "WALK_FROM", 10)  # the fixture's 91 records: walk
    walked = search_records(filters=filters, sort=sort, per_page=20, page=2)
    monkeypatch.setattr(queries, "WALK_FROM", 10**9)
    sorted_all = search_records(filters=filters, sort=sort, per_page=20, page=2)
    assert len(walked.records) == min(20, walked.total - 20)
    assert [r.recid for r in walked.records] == [r.recid for r in sorted_all.records]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=600), facet=st.text(max_size=30))
def test_any_query_text_gives_results_or_a_400(client, portal_records, q, facet):
    page = client.get(reverse("catalog:search"), {"q": q, "experiment": facet})
    api = client.get("/api/catalog/records", {"q": q, "experiment": facet})
    assert page.status_code in {200, 400}
    assert api.status_code in {200, 400, 422}


@pytest.mark.parametrize(("q", "filters", "sort", "total", "recids"), CASES)
def test_ranking_a_large_match_from_the_narrow_rows_gives_the_same_records(
    portal_records, monkeypatch, q, filters, sort, total, recids
):
    from science4peace.catalog.domain import queries

    monkeypatch.setattr(queries, "NARROW_FROM", 0)  # every match counts as large
    result = search_records(q=q, filters=filters, sort=sort, per_page=100)
    assert (result.total, [r.recid for r in result.records][:15]) == (total, recids)


def test_a_word_written_like_a_facet_word_is_a_word_and_never_a_facet(db):
    """PostgreSQL keeps the words and the facet words in one vector (the facet words marked):
    a record's word spelled as another experiment's facet word, and a query's prefix of the
    facet words' spelling, match words only."""
    import json

    from science4peace.catalog.domain.imports import do_import_records
    from science4peace.lib.opendata.tokens import facet_token

    atlas = facet_token("experiment", "ATLAS")  # "fe41544c4153"
    records = json.loads((RECORDS / "cms-records.json").read_text("utf-8"))[:2]
    records[0]["abstract"] = {"description": f"Looks like a facet: {atlas}."}
    do_import_records(
        sources=[("a.json", json.dumps(records).encode())], actor=None, check_actor=False
    )
    first, second = int(records[0]["recid"]), int(records[1]["recid"])

    def recids(**kwargs) -> list[int]:
        return [r.recid for r in search_records(**kwargs).records]

    assert recids(filters={"experiment": ["ATLAS"]}) == []
    assert recids(q=atlas) == [first]
    assert recids(q="fe*") == [first]  # every record has the facet word fe434d53 (CMS)
    assert recids(q="fe*", filters={"experiment": ["CMS"]}) == [first]
    assert recids(q=f"-{atlas}", filters={"experiment": ["CMS"]}) == [second]


@pytest.mark.parametrize("q", ["-cms", "-cms -data", "-lep*"])
def test_a_search_of_excluded_words_only_gives_every_other_record(portal_records, q):
    excluded = [w.lstrip("-") for w in q.split()]

    def kept(document: str) -> bool:
        words = document.split()
        return not any(
            w.startswith(e[:-1]) if e.endswith("*") else w == e for e in excluded for w in words
        )

    expected = sorted(
        (
            r.recid
            for r in Record.objects.only("recid", "search_document")
            if kept(r.search_document)
        ),
        reverse=True,
    )
    result = search_records(q=q, per_page=100)
    assert (result.total, [r.recid for r in result.records]) == (len(expected), expected)


def test_a_changed_record_is_found_by_its_new_words_only(db):
    """The words of a search (on PostgreSQL, a vector kept on the narrow search rows by
    triggers) follow the record: after a re-import with other words, and after a change of
    its stored words."""
    import json

    from science4peace.catalog.domain.imports import do_import_records

    records = json.loads((RECORDS / "cms-records.json").read_text("utf-8"))[:1]
    recid = int(records[0]["recid"])

    def found(q: str) -> list[int]:
        return [r.recid for r in search_records(q=q).records]

    records[0]["abstract"] = {"description": "zeppelinword"}
    do_import_records(
        sources=[("a.json", json.dumps(records).encode())], actor=None, check_actor=False
    )
    records[0]["abstract"] = {"description": "dirigibleword"}
    do_import_records(
        sources=[("b.json", json.dumps(records).encode())], actor=None, check_actor=False
    )
    after_import = (found("zeppelinword"), found("dirigibleword"))
    record = Record.objects.get(recid=recid)
    record.search_document += " airshipword"
    record.save()
    assert (after_import, found("dirigibleword airshipword")) == (([], [recid]), [recid])
