"""One author-list renderer, one upload reader, one funnel: the paper page, the API and the
command line give the same file for a paper, a policy and a format, and answer a bad format
or policy with the same message; the paper list is the same on its page and in the API."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse

from science4peace.lib.authorlist.formats import FORMATS
from science4peace.papers.domain import changes
from science4peace.papers.domain.access import access_paper
from science4peace.papers.models import Paper

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def paper(helix, mover, staff):
    return changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=D(2023, 10, 1)
    )


def _command(*argv):
    """``s4p manage paper_authorlist ...`` (which is ``call_command``): (exit status, standard
    output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("paper_authorlist", *argv, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("policy", ["names-only", "equal-affiliations"])
def test_page_api_and_command_give_the_same_file(client, paper, fmt, policy):
    page = client.get(reverse("papers:download", args=[paper.pk, fmt]), {"policy": policy})
    api = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": fmt, "policy": policy})
    status, out, _err = _command(str(paper.pk), "--to", fmt, "--policy", policy)
    assert page.content.decode() == api.content.decode() == out
    assert (status, page["Content-Type"]) == (0, api["Content-Type"])
    assert "Ivanova" in out


def test_the_papers_policy_is_the_default_everywhere(client, paper, staff):
    changes.do_set_policy(paper, actor=staff, policy="names-only", reason="journal")
    page = client.get(reverse("papers:download", args=[paper.pk, "arxiv"]))
    api = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": "arxiv"})
    _status, out, _err = _command(str(paper.pk), "--to", "arxiv")
    assert page.content.decode() == api.content.decode() == out == "A. Ivanova [HELIX]\n"
    assert page["Content-Disposition"] == (
        f'attachment; filename="paper-{paper.pk}-names-only-arxiv.txt"'
    )


@pytest.mark.parametrize(
    ("fmt", "policy", "message"),
    [
        (
            "docx",
            "",
            f"unknown format 'docx'; choose one of {', '.join(FORMATS)}",
        ),
        (
            "csv",
            "masked",
            "unknown policy 'masked'; choose one of names-only, names-orcid, equal-affiliations",
        ),
    ],
)
def test_bad_format_or_policy_is_the_same_error_everywhere(client, paper, fmt, policy, message):
    page = client.get(reverse("papers:download", args=[paper.pk, fmt]), {"policy": policy})
    api = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": fmt, "policy": policy})
    status, out, err = _command(str(paper.pk), "--to", fmt, "--policy", policy)
    assert (page.status_code, page.content.decode()) == (400, message)
    assert (api.status_code, api.json()) == (400, {"detail": message, "errors": None})
    assert (status, out, err) == (
        2,
        "",
        f"s4p manage paper_authorlist: paper {paper.pk}: {message}\n",
    )


def test_bad_policy_on_the_paper_page_is_400_with_the_same_message(client, paper):
    response = client.get(reverse("papers:detail", args=[paper.pk]), {"policy": "masked"})
    assert (response.status_code, response.content.decode()[:23]) == (
        400,
        "unknown policy 'masked'",
    )


def test_unknown_paper_is_404_everywhere(client, db):
    page = client.get(reverse("papers:download", args=[424242, "csv"]))
    api = client.get("/api/papers/424242/authorlist")
    status, out, err = _command("424242")
    assert (page.status_code, api.status_code, api.json()) == (
        404,
        404,
        {"detail": "No paper with id 424242."},
    )
    assert (status, out, err) == (
        2,
        "",
        "s4p manage paper_authorlist: paper 424242: No paper with id 424242.\n",
    )


def test_access_paper_to_edit_is_for_the_collaborations_administrators(paper, user, staff):
    assert access_paper(AnonymousUser(), paper.pk) == paper
    with pytest.raises(PermissionDenied, match="Only the collaboration's administrators"):
        access_paper(user, paper.pk, to="edit")
    assert access_paper(staff, paper.pk, to="edit") == paper
    with pytest.raises(Http404, match=r"No paper with id 424242\."):
        access_paper(staff, 424242)


def test_members_cannot_edit_through_the_page(client, user, paper, jinr):
    client.force_login(user)
    response = client.post(
        reverse("papers:policy", args=[paper.pk]),
        {"policy-policy": "names-only", "policy-reason": "mine"},
    )
    paper.refresh_from_db()
    assert (response.status_code, paper.policy) == (403, "equal-affiliations")


def test_oversized_upload_is_the_same_error_on_page_and_api(client, settings, db):
    settings.S4P_MAX_UPLOAD_BYTES = 10
    message = "The file is 29 bytes; the limit is 10 bytes."
    upload = b"<collaborationauthorlist/>\n\n\n"
    page = client.post(reverse("papers:audit"), {"file": SimpleUploadedFile("a.xml", upload)})
    api = client.post("/api/authorlists/audit", {"file": SimpleUploadedFile("a.xml", upload)})
    assert (page.status_code, page.context["form"].errors["file"]) == (400, [message])
    assert (api.status_code, api.json()["errors"]) == (400, {"file": [message]})


def test_malformed_upload_is_the_same_error_on_page_and_api(client, db):
    upload = b"<collaborationauthorlist><x>"
    page = client.post(reverse("papers:audit"), {"file": SimpleUploadedFile("a.xml", upload)})
    api = client.post("/api/authorlists/audit", {"file": SimpleUploadedFile("a.xml", upload)})
    assert page.status_code == api.status_code == 400
    assert page.context["form"].errors["file"] == api.json()["errors"]["file"]
    assert "malformed XML at line 1" in api.json()["errors"]["file"][0]


def test_paper_list_page_and_api_agree(client, helix, mover, staff):
    for title, day in [("B", D(2021, 1, 1)), ("A", D(2023, 1, 1)), ("C", D(2021, 1, 1))]:
        changes.do_create_paper(helix, actor=staff, title=title, reference_date=day)
    page = [p.pk for p in client.get(reverse("papers:list")).context["papers"]]
    api = [p["id"] for p in client.get("/api/papers").json()]
    assert (
        page
        == api
        == list(Paper.objects.order_by("-reference_date", "-id").values_list("pk", flat=True))
    )


@pytest.mark.parametrize("count", [1, 3])
def test_api_paper_list_query_count_is_constant(
    client, helix, mover, staff, count, django_assert_num_queries
):
    for index in range(count):
        changes.do_create_paper(
            helix, actor=staff, title=f"P{index}", reference_date=D(2023, 10, 1)
        )
    with django_assert_num_queries(1):
        body = client.get("/api/papers").json()
    assert len(body) == count


@pytest.mark.parametrize("count", [1, 3])
def test_api_author_list_query_count_does_not_grow_with_authors(
    client, helix, staff, jinr, count, django_assert_num_queries
):
    from tests.collaborations.conftest import make_members

    make_members(helix, jinr, count)
    paper = changes.do_create_paper(helix, actor=staff, title="P", reference_date=D(2020, 1, 1))
    # paper, funding, links, codes, institutions, authors
    with django_assert_num_queries(6):
        body = client.get(f"/api/papers/{paper.pk}/authorlist").json()
    assert len(body["authors"]) == count
