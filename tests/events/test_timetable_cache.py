"""The timetable page is shared whole by anonymous visitors (core.interfaces.pagecache): no
cookie, an ETag and 304, the language switch without a CSRF token, "now / next" filled per
request, and no visitor ever sees a stale programme."""

import datetime as dt
import gzip

from django.urls import reverse

from science4peace.events.domain.changes import do_save_contribution

from .conftest import FIRST_DAY


def _url(event):
    return reverse("events:timetable", args=[event.pk])


def _late_addition(conference, organiser, speakers, title="Late addition"):
    session = conference.sessions.filter(kind="session").first()
    do_save_contribution(
        conference,
        actor=organiser,
        title=title,
        kind="talk",
        duration=5,
        session=session,
        start=dt.datetime.combine(FIRST_DAY, dt.time(15, 30)),
        speakers=speakers[:1],
    )


def test_an_anonymous_visitor_gets_no_cookie_and_a_page_any_cache_may_keep(client, conference):
    pages = [client.get(_url(conference)) for _visit in range(2)]
    assert [
        (
            page.status_code,
            dict(page.cookies),
            "csrfmiddlewaretoken" in page.content.decode(),
            page["Cache-Control"],
            page["Vary"],
        )
        for page in pages
    ] == [
        (
            200,
            {},
            False,
            "public, max-age=10, stale-while-revalidate=30",
            "Accept-Encoding, Accept-Language, Cookie, HX-Request",
        )
    ] * 2
    assert pages[0]["ETag"] == pages[1]["ETag"]
    assert pages[0].content == pages[1].content


def test_a_matching_if_none_match_is_answered_304(client, conference):
    etag = client.get(_url(conference))["ETag"]
    again = client.get(_url(conference), HTTP_IF_NONE_MATCH=etag)
    other = client.get(_url(conference), HTTP_IF_NONE_MATCH='W/"something-else"')
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert other.status_code == 200


def test_the_etag_names_the_zone_and_the_language(client, conference):
    tags = {
        client.get(_url(conference))["ETag"],
        client.get(_url(conference) + "?tz=Asia/Tokyo")["ETag"],
        client.get(_url(conference), HTTP_ACCEPT_LANGUAGE="uk")["ETag"],
    }
    assert len(tags) == 3


def test_the_gzip_variant_is_the_same_page(client, conference):
    plain = client.get(_url(conference))
    packed = client.get(_url(conference), HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Content-Encoding" not in plain


def test_an_anonymous_visitor_switches_language_without_a_token(client, conference):
    english = client.get(_url(conference))
    switched = client.get(reverse("core:language"), {"language": "uk", "next": _url(conference)})
    ukrainian = client.get(_url(conference))
    assert (switched.status_code, switched["Location"]) == (302, _url(conference))
    assert ('lang="en"' in english.content.decode(), 'lang="uk"' in ukrainian.content.decode()) == (
        True,
        True,
    )
    assert english["ETag"] != ukrainian["ETag"]


def test_a_logged_in_visitor_switches_language_too(client, conference, user):
    client.force_login(user)
    client.get(reverse("core:language"), {"language": "ar", "next": "/"})
    page = client.get(_url(conference))
    assert ('lang="ar" dir="rtl"' in page.content.decode(), page["Cache-Control"]) == (
        True,
        "private, no-cache",
    )


def test_an_unknown_language_is_refused_with_the_choices(client):
    response = client.get(reverse("core:language"), {"language": "xx", "next": "/"})
    assert (response.status_code, response.content.decode()) == (
        400,
        "Unknown language xx; choose one of en, ru, uk, ar.",
    )


def test_a_programme_change_shows_at_once(client, conference, organiser, speakers):
    before = client.get(_url(conference))
    _late_addition(conference, organiser, speakers)
    after = client.get(_url(conference), HTTP_IF_NONE_MATCH=before["ETag"])
    assert ("Late addition" in before.content.decode(), after.status_code) == (False, 200)
    assert "Late addition" in after.content.decode()


def test_now_and_next_move_with_the_clock(client, conference, monkeypatch):
    first = dt.datetime(2026, 10, 24, 12, 10, tzinfo=dt.UTC)  # 14:10 in Zurich, day 1
    monkeypatch.setattr("django.utils.timezone.now", lambda: first)
    early = client.get(_url(conference))
    later = dt.datetime(2026, 10, 24, 12, 35, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    late = client.get(_url(conference), HTTP_IF_NONE_MATCH=early["ETag"])
    packed = client.get(_url(conference), HTTP_ACCEPT_ENCODING="gzip")
    assert ("Talk Track A 1" in _now_block(early), "Talk Track A 1" in _now_block(late)) == (
        True,
        False,
    )
    assert late.status_code == 200  # the ETag names what fills "now / next"
    assert gzip.decompress(packed.content) == late.content


def test_now_and_next_of_the_shared_page_match_a_fresh_render(
    client, conference, user, monkeypatch
):
    """The filled page says what the page rendered for one visitor says, at every moment."""
    client.get(_url(conference))
    visitor = type(client)()
    visitor.force_login(user)
    for minute in range(0, 24 * 60, 37):
        moment = dt.datetime(2026, 10, 24, 0, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minute)
        monkeypatch.setattr("django.utils.timezone.now", lambda moment=moment: moment)
        shared = _now_block(client.get(_url(conference)))
        own = _now_block(visitor.get(_url(conference)))
        assert (moment, shared) == (moment, own)


def _now_block(response) -> str:
    html = response.content.decode()
    if 'class="now-next"' not in html:
        return ""
    return html.split('class="now-next"')[1].split("</aside>")[0]


def test_logged_in_visitors_and_waiting_messages_get_their_own_page(client, conference, user):
    client.get(_url(conference))  # now cached for anonymous visitors
    client.force_login(user)
    assert "Log out" in client.get(_url(conference)).content.decode()
    client.post(reverse("account_logout"))  # leaves "You have signed out." for the next page
    page = client.get(_url(conference)).content.decode()
    assert "You have signed out." in page
    assert "Log out" not in page
    assert "You have signed out." not in client.get(_url(conference)).content.decode()
