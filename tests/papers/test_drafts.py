"""Drafts of a paper and the comments on them, in the paper's own discussion (issue 15, point
8): contact persons upload PDF versions with a note, every version stays downloadable through
the funnel, each has its own comment thread, the authors are told; nobody else sees any of it."""

import datetime as dt
import io

import pikepdf
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.notifications.models import ChannelPreference, MailSettings, Notification
from science4peace.papers.domain import changes, drafts, queries
from science4peace.papers.models import Draft
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Person
from science4peace.spaces.domain import access as space_access
from science4peace.spaces.models import Post, Space, Thread

pytestmark = pytest.mark.django_db


def pdf_bytes(pages: int = 1) -> bytes:
    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(name: str = "draft.pdf", pages: int = 1) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {do_create_api_token(actor=user, name='t')[1]}"}


@pytest.fixture
def paper(helix, mover, staff, django_capture_on_commit_callbacks):
    """Anna (``user``) is the author; ``staff`` administers HELIX: the contact person."""
    with django_capture_on_commit_callbacks(execute=True):
        found = changes.do_create_paper(
            helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
        )
    mail.outbox.clear()
    return found


@pytest.fixture
def coauthor(paper, staff, jinr):
    account = get_user_model().objects.create_user(username="yuri", email="yuri@example.org")
    person = Person.objects.create(user=account, given_name="Yuri", family_name="Petrov")
    changes.do_add_author(paper, actor=staff, person=person, institutions=[jinr], reason="joined")
    mail.outbox.clear()
    return account


def _upload(paper, actor, note="", pages=1):
    return drafts.do_upload_draft(paper, actor=actor, file=pdf(pages=pages), note=note)


def _nothing_stored() -> tuple[int, int, int]:
    return (Draft.objects.count(), Thread.objects.count(), Post.objects.count())


# ------------------------------------------------------------------------------------ domain


def test_a_contact_person_uploads_version_1_with_its_own_thread_in_the_papers_discussion(
    paper, staff
):
    draft = _upload(paper, staff, note="First full text", pages=3)
    space = Space.objects.get()
    assert (draft.version, draft.note, draft.pages, draft.uploaded_by.user) == (
        1,
        "First full text",
        3,
        staff,
    )
    assert (space.paper, space.visibility, space.kind) == (paper, "members", "paper")
    assert (draft.thread.space, draft.thread.title) == (space, "Draft 1: First full text")
    assert list(draft.thread.posts.values_list("body", flat=True)) == ["First full text"]
    assert list(
        AuditEntry.objects.filter(action="paper.draft.upload").values_list("after", flat=True)
    ) == [{"version": 1, "note": "First full text", "size": draft.size, "pages": 3}]


def test_each_upload_is_the_next_version_and_every_version_stays(paper, staff):
    for note in ["one", "two", "three"]:
        _upload(paper, staff, note=note)
    rows = list(queries.drafts_of(paper).values_list("version", "note"))
    assert rows == [(3, "three"), (2, "two"), (1, "one")]
    assert Space.objects.count() == 1
    assert Thread.objects.filter(space__paper=paper).count() == 3


def test_authors_are_told_of_a_new_draft_in_their_language(
    paper, staff, user, coauthor, django_capture_on_commit_callbacks
):
    MailSettings.objects.create(user=coauthor, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(paper, staff, note="Typos fixed")
    by_address = {m.to[0]: m.subject for m in mail.outbox}
    assert sorted(by_address) == [user.email, coauthor.email]  # not the uploader
    assert by_address[user.email] == "[Science4Peace] Draft 1 of Dark photons"
    assert "Dark photons" in by_address[coauthor.email]
    assert "Черновик" in by_address[coauthor.email]
    body = next(m.body for m in mail.outbox if m.to == [user.email])
    assert "Typos fixed" in body
    assert f"/papers/{paper.pk}/drafts/" in body


def test_an_author_who_chose_no_mail_for_the_paper_gets_only_the_in_site_notice(
    paper, staff, user, coauthor, django_capture_on_commit_callbacks
):
    ChannelPreference.objects.create(user=user, channel=f"paper:{paper.pk}", frequency="none")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(paper, staff)
    assert [m.to for m in mail.outbox] == [[coauthor.email]]
    notified = sorted(
        Notification.objects.filter(item__kind="papers.draft").values_list(
            "recipient_id", flat=True
        )
    )
    assert notified == sorted([user.pk, coauthor.pk])


def test_an_author_who_is_no_contact_person_cannot_upload_and_nothing_changes(paper, user):
    with pytest.raises(PermissionDenied):
        _upload(paper, user)
    assert (_nothing_stored(), Space.objects.count()) == ((0, 0, 0), 0)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"just some words", "notes.txt is not a PDF."),
        ("fake.pdf", b"%PDF-1.7 nothing after the header", "fake.pdf is not a readable PDF."),
        ("cut.pdf", pdf_bytes()[:150], "cut.pdf is not a readable PDF."),
    ],
    ids=["text", "header-only", "cut-short"],
)
def test_a_file_that_is_no_readable_pdf_is_refused_and_nothing_changes(
    paper, staff, name, data, message
):
    with pytest.raises(ValidationError) as error:
        drafts.do_upload_draft(paper, actor=staff, file=SimpleUploadedFile(name, data))
    assert (error.value.message_dict, _nothing_stored()) == ({"file": [message]}, (0, 0, 0))


@override_settings(S4P_SPACES_MAX_ATTACHMENT_BYTES=100)
def test_a_draft_over_the_attachment_limit_is_refused_and_nothing_changes(paper, staff):
    upload = pdf()
    with pytest.raises(ValidationError) as error:
        drafts.do_upload_draft(paper, actor=staff, file=upload)
    assert error.value.message_dict == {
        "file": [f"The file is {upload.size} bytes; the limit is 100 bytes."]
    }
    assert _nothing_stored() == (0, 0, 0)


def test_a_note_over_the_limit_is_refused(paper, staff):
    with pytest.raises(ValidationError) as error:
        drafts.do_upload_draft(paper, actor=staff, file=pdf(), note="x" * 501)
    assert (error.value.message_dict, _nothing_stored()) == (
        {"note": ["At most 500 characters."]},
        (0, 0, 0),
    )


def test_an_author_comments_and_the_uploader_is_told(
    paper, staff, user, django_capture_on_commit_callbacks
):
    draft = _upload(paper, staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        drafts.do_comment(draft, actor=user, body="Figure 3 needs error bars.")
    draft.thread.refresh_from_db()
    assert (draft.thread.reply_count, [m.to for m in mail.outbox]) == (1, [[staff.email]])


# ----------------------------------------------------------------------------- pages


def test_the_paper_page_shows_drafts_and_the_upload_form_to_a_contact_person(client, paper, staff):
    draft = _upload(paper, staff, note="First")
    client.force_login(staff)
    page = client.get(reverse("papers:detail", args=[paper.pk])).content.decode()
    assert 'id="drafts"' in page
    assert reverse("papers:draft-pdf", args=[paper.pk, 1]) in page
    assert reverse("spaces:thread", args=[draft.thread.space_id, draft.thread_id]) in page
    assert 'name="file"' in page


def test_an_author_sees_the_drafts_but_no_upload_form(client, paper, staff, user):
    _upload(paper, staff)
    client.force_login(user)
    page = client.get(reverse("papers:drafts", args=[paper.pk])).content.decode()
    assert (reverse("papers:draft-pdf", args=[paper.pk, 1]) in page, 'name="file"' in page) == (
        True,
        False,
    )


def test_uploading_through_the_page_makes_the_next_version(client, paper, staff):
    _upload(paper, staff)
    client.force_login(staff)
    url = reverse("papers:drafts", args=[paper.pk])
    response = client.post(url, {"file": pdf("v2.pdf", pages=2), "note": "Section 4 rewritten"})
    assert (response.status_code, response.url) == (302, url)
    assert list(queries.drafts_of(paper).values_list("version", "pages")) == [(2, 2), (1, 1)]


def test_uploading_a_text_file_through_the_page_is_a_form_error(client, paper, staff):
    client.force_login(staff)
    response = client.post(
        reverse("papers:drafts", args=[paper.pk]),
        {"file": SimpleUploadedFile("notes.txt", b"hello"), "note": ""},
    )
    assert (response.status_code, "notes.txt is not a PDF." in response.content.decode()) == (
        400,
        True,
    )
    assert _nothing_stored() == (0, 0, 0)


def test_an_author_posting_an_upload_gets_403_and_nothing_changes(client, paper, user):
    client.force_login(user)
    response = client.post(reverse("papers:drafts", args=[paper.pk]), {"file": pdf()})
    assert (response.status_code, _nothing_stored()) == (403, (0, 0, 0))


def test_every_version_downloads_as_the_pdf_uploaded(client, paper, staff, user):
    first = _upload(paper, staff, pages=1)
    _upload(paper, staff, pages=2)
    client.force_login(user)
    for version, pages in [(1, 1), (2, 2)]:
        response = client.get(reverse("papers:draft-pdf", args=[paper.pk, version]))
        data = b"".join(response.streaming_content)
        assert (response["Content-Type"], len(pikepdf.open(io.BytesIO(data)).pages)) == (
            "application/pdf",
            pages,
        )
    assert not first.file.url.startswith(reverse("papers:draft-pdf", args=[paper.pk, 1]))


def test_the_fragment_is_the_list_alone(client, paper, staff, user):
    _upload(paper, staff)
    client.force_login(user)
    response = client.get(reverse("papers:drafts", args=[paper.pk]), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="drafts">'), "<html" in body) == (True, False)


# ------------------------------------------------------------------------------ access


def test_a_non_author_gets_404_on_page_fragment_api_and_download(client, paper, staff, other_user):
    draft = _upload(paper, staff)
    client.force_login(other_user)
    headers = auth(other_user)
    answers = [
        client.get(reverse("papers:drafts", args=[paper.pk])).status_code,
        client.get(
            reverse("papers:drafts", args=[paper.pk]), headers={"HX-Request": "true"}
        ).status_code,
        client.post(reverse("papers:drafts", args=[paper.pk]), {"file": pdf()}).status_code,
        client.get(reverse("papers:draft-pdf", args=[paper.pk, 1])).status_code,
        client.get(f"/api/papers/{paper.pk}/drafts", headers=headers).status_code,
        client.get(f"/api/papers/{paper.pk}/drafts/1/pdf", headers=headers).status_code,
        client.get(f"/api/papers/{paper.pk}/drafts/1/comments", headers=headers).status_code,
        client.post(
            f"/api/papers/{paper.pk}/drafts/1/comments",
            {"body": "hi"},
            content_type="application/json",
            headers=headers,
        ).status_code,
        client.get(
            reverse("spaces:thread", args=[draft.thread.space_id, draft.thread_id])
        ).status_code,
        client.get(reverse("spaces:detail", args=[draft.thread.space_id])).status_code,
    ]
    assert answers == [404] * len(answers)
    detail = client.get(reverse("papers:detail", args=[paper.pk])).content.decode()
    assert ('id="drafts"' in detail, Draft.objects.count()) == (False, 1)


def test_an_anonymous_visitor_gets_404_on_the_api_and_no_drafts_on_the_paper(client, paper, staff):
    _upload(paper, staff)
    answers = [
        client.get(f"/api/papers/{paper.pk}/drafts").status_code,
        client.get(f"/api/papers/{paper.pk}/drafts/1/pdf").status_code,
    ]
    detail = client.get(reverse("papers:detail", args=[paper.pk])).content.decode()
    assert (answers, 'id="drafts"' in detail) == ([404, 404], False)


def test_the_papers_discussion_is_listed_only_for_its_members(paper, staff, user, other_user):
    from science4peace.spaces.domain.queries import spaces_for

    _upload(paper, staff)
    space = Space.objects.get()
    assert (list(spaces_for(user)), list(spaces_for(other_user))) == ([space], [])
    with pytest.raises(Http404):
        space_access.access_space(other_user, space.pk)


def test_a_public_visibility_never_opens_a_papers_discussion(paper, staff, other_user):
    from science4peace.spaces import rules as space_rules

    _upload(paper, staff)
    space = Space.objects.get()
    space.visibility = Space.Visibility.PUBLIC
    space.save(update_fields=["visibility"])
    assert space_rules.can_read(other_user, space) is False


# --------------------------------------------------------------------------------- API


def test_the_api_lists_uploads_downloads_and_comments_on_drafts(
    client, paper, staff, user, django_capture_on_commit_callbacks
):
    created = client.post(
        f"/api/papers/{paper.pk}/drafts",
        {"file": pdf(pages=2), "note": "Full text"},
        headers=auth(staff),
    )
    body = created.json()
    assert (created.status_code, body["version"], body["note"], body["pages"]) == (
        201,
        1,
        "Full text",
        2,
    )
    author = auth(user)
    listed = client.get(f"/api/papers/{paper.pk}/drafts", headers=author).json()
    assert [(d["version"], d["comments"], d["pdf"]) for d in listed] == [
        (1, 0, f"/api/papers/{paper.pk}/drafts/1/pdf")
    ]
    download = client.get(listed[0]["pdf"], headers=author)
    assert len(pikepdf.open(io.BytesIO(b"".join(download.streaming_content))).pages) == 2
    comment = client.post(
        f"/api/papers/{paper.pk}/drafts/1/comments",
        {"body": "Eq. 2 has a sign error."},
        content_type="application/json",
        headers=author,
    )
    assert (comment.status_code, comment.json()["body"]) == (201, "Eq. 2 has a sign error.")
    thread = client.get(f"/api/papers/{paper.pk}/drafts/1/comments", headers=author).json()
    assert [p["body"] for p in thread] == ["Full text", "Eq. 2 has a sign error."]
    listed = client.get(f"/api/papers/{paper.pk}/drafts", headers=author).json()
    assert listed[0]["comments"] == 1


def test_the_api_refuses_a_bad_upload_with_the_reason_and_stores_nothing(
    client, paper, staff, user
):
    not_pdf = client.post(
        f"/api/papers/{paper.pk}/drafts",
        {"file": SimpleUploadedFile("a.txt", b"words")},
        headers=auth(staff),
    )
    by_author = client.post(f"/api/papers/{paper.pk}/drafts", {"file": pdf()}, headers=auth(user))
    missing = client.post(f"/api/papers/{paper.pk}/drafts", {}, headers=auth(staff))
    assert (not_pdf.status_code, by_author.status_code, missing.status_code) == (400, 403, 422)
    assert "a.txt is not a PDF." in str(not_pdf.json())
    assert _nothing_stored() == (0, 0, 0)


def test_an_unknown_version_is_404(client, paper, staff):
    _upload(paper, staff)
    headers = auth(staff)
    answers = [
        client.get(f"/api/papers/{paper.pk}/drafts/2/pdf", headers=headers).status_code,
        client.get(
            f"/api/papers/{paper.pk}/drafts/99999999999/comments", headers=headers
        ).status_code,
    ]
    assert answers == [404, 404]


# ------------------------------------------------------------------------- query counts


@pytest.mark.parametrize("count", [1, 3])
def test_the_drafts_list_takes_a_constant_number_of_queries(
    client, paper, staff, user, count, django_assert_num_queries
):
    for index in range(count):
        _upload(paper, staff, note=f"v{index}")
    headers = auth(user)
    client.get(f"/api/papers/{paper.pk}/drafts", headers=headers)  # warm the token cache
    # token and its last use, paper, administrator, editor and author checks, drafts
    with django_assert_num_queries(7):
        body = client.get(f"/api/papers/{paper.pk}/drafts", headers=headers).json()
    assert len(body) == count
    client.force_login(user)
    url = reverse("papers:drafts", args=[paper.pk])
    client.get(url, headers={"HX-Request": "true"})
    # session, user, paper, rule checks (read, then upload form), drafts, discussion
    with django_assert_num_queries(10):
        fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.content.decode().count('<tr id="draft-') == count
