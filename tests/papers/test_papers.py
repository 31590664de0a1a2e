import datetime as dt
import json
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.papers.domain import changes
from science4peace.papers.models import AuthorListChange, Paper
from science4peace.people.models import Person
from tests.authorlist.conftest import DTD, OPEN_DATA

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def paper(helix, mover, staff):
    return changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=D(2023, 10, 1)
    )


def test_paper_freezes_the_authors_eligible_on_its_date(paper, mover, wuppertal):
    (author,) = paper.authors.all()
    assert (author.person, author.family_name, list(author.institutions.all())) == (
        mover,
        "Ivanova",
        [wuppertal],
    )
    assert list(paper.changes.values_list("action", "subject")) == [
        ("freeze", "1 authors on 2023-10-01")
    ]


def test_frozen_list_does_not_follow_later_changes(paper, mover):
    Person.objects.filter(pk=mover.pk).update(family_name="Renamed")
    assert paper.authors.get().family_name == "Ivanova"


def test_edits_need_a_reason_and_are_recorded(paper, staff, jinr):
    newcomer = Person.objects.create(given_name="Yuri", family_name="Petrov")
    with pytest.raises(ValidationError, match="Give the reason"):
        changes.do_add_author(paper, actor=staff, person=newcomer, institutions=[jinr], reason=" ")
    changes.do_add_author(
        paper, actor=staff, person=newcomer, institutions=[jinr], reason="analysis contact"
    )
    author = paper.authors.get(person=newcomer)
    changes.do_set_deceased(author, actor=staff, deceased=True, reason="passed away in May")
    changes.do_remove_author(author, actor=staff, reason="asked to be removed")
    assert list(AuthorListChange.objects.filter(paper=paper).values_list("action", "reason")) == [
        ("freeze", "authorship rules of HELIX"),
        ("add", "analysis contact"),
        ("deceased", "passed away in May"),
        ("remove", "asked to be removed"),
    ]


def test_only_administrators_edit(paper, user):
    with pytest.raises(PermissionDenied):
        changes.do_set_policy(paper, actor=user, policy="names-only", reason="x")


def test_page_previews_every_policy(client, paper):
    url = reverse("papers:detail", args=[paper.pk])
    equal = client.get(url).content.decode()
    names_only = client.get(url, {"policy": "names-only"}).content.decode()
    assert "Wuppertal U." in equal
    assert "Wuppertal U." not in names_only
    assert "A. Ivanova" in names_only


@pytest.mark.parametrize(
    "fmt", ["revtex", "elsarticle", "jheppub", "epjc", "arxiv", "authors-xml", "csv", "json"]
)
def test_every_format_downloads(client, paper, fmt):
    response = client.get(reverse("papers:download", args=[paper.pk, fmt]))
    assert response.status_code == 200
    assert "Ivanova" in response.content.decode()
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="paper-{paper.pk}-equal-affiliations-{fmt}.'
    )


def test_downloaded_authors_xml_is_valid(client, paper, tmp_path):
    path = tmp_path / "authors.xml"
    path.write_bytes(client.get(reverse("papers:download", args=[paper.pk, "authors-xml"])).content)
    result = subprocess.run(
        ["xmllint", "--noout", "--dtdvalid", str(DTD), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_admin_edits_through_the_page(client, staff, paper, jinr):
    newcomer = Person.objects.create(given_name="Yuri", family_name="Petrov")
    client.force_login(staff)
    client.post(
        reverse("papers:add-author", args=[paper.pk]),
        {"add-person": newcomer.pk, "add-institutions": [jinr.pk], "add-reason": "joined late"},
    )
    client.post(
        reverse("papers:policy", args=[paper.pk]),
        {"policy-policy": "names-orcid", "policy-reason": "journal asks for ORCID"},
    )
    paper.refresh_from_db()
    assert (paper.authors.count(), paper.policy) == (2, "names-orcid")


def test_edit_without_reason_changes_nothing(client, staff, paper):
    client.force_login(staff)
    author = paper.authors.get()
    response = client.post(
        reverse("papers:change-author", args=[paper.pk]),
        {"change-author": author.pk, "change-operation": "remove", "change-reason": ""},
        follow=True,
    )
    assert paper.authors.count() == 1
    assert "This field is required." in response.content.decode()


def test_create_paper_page(client, staff, helix, mover):
    client.force_login(staff)
    response = client.post(
        reverse("papers:create"),
        {
            "collaboration": helix.pk,
            "title": "Rare decays",
            "reference_date": "2024-01-01",
            "policy": "names-only",
        },
    )
    paper = Paper.objects.get(title="Rare decays")
    assert response.url == reverse("papers:detail", args=[paper.pk])
    assert paper.authors.count() == 1


def test_audit_upload_of_the_lhcb_2015_list(client):
    upload = SimpleUploadedFile(
        "lhcb.json", (OPEN_DATA / "lhcb-author-list-2015.json").read_bytes()
    )
    html = client.post(reverse("papers:audit"), {"file": upload}).content.decode()
    assert "Not equal treatment" in html
    assert "53 of 727 authors have a masked affiliation" in html


def test_audit_upload_of_malformed_file_is_400(client):
    upload = SimpleUploadedFile("bad.xml", b"<collaborationauthorlist><x>")
    response = client.post(reverse("papers:audit"), {"file": upload})
    assert response.status_code == 400
    assert "malformed XML at line 1" in response.content.decode()


def test_api_author_list_and_audit(client, paper):
    body = json.loads(
        client.get(
            f"/api/papers/{paper.pk}/authorlist", {"format": "json", "policy": "names-orcid"}
        ).content
    )
    assert (body["policy"], body["authors"][0]["family"]) == ("names-orcid", "Ivanova")
    bad = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": "docx"})
    assert bad.status_code == 400
    upload = SimpleUploadedFile(
        "lhcb.json", (OPEN_DATA / "lhcb-author-list-2011.json").read_bytes()
    )
    result = client.post("/api/authorlists/audit", {"file": upload}).json()
    assert (result["authors"], result["equal_treatment"]) == (586, True)


def test_api_create_paper_needs_an_administrator(client, auth_headers, helix):
    response = client.post(
        "/api/papers",
        {"collaboration": helix.pk, "title": "X", "reference_date": "2024-01-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, response.json(), Paper.objects.count()) == (
        403,
        {"detail": "Only the collaboration's administrators may do this."},
        0,
    )


def test_admin_marks_an_author_deceased_through_the_page(client, staff, paper):
    client.force_login(staff)
    author = paper.authors.get()
    client.post(
        reverse("papers:change-author", args=[paper.pk]),
        {
            "change-author": author.pk,
            "change-operation": "deceased",
            "change-reason": "obituary in the bulletin",
        },
    )
    author.refresh_from_db()
    assert author.deceased
    assert (
        r"\affiliation{Deceased}"
        in client.get(reverse("papers:download", args=[paper.pk, "revtex"])).content.decode()
    )


def _papers(collaboration, staff, count):
    for index in range(count):
        changes.do_create_paper(
            collaboration, actor=staff, title=f"P{index}", reference_date=D(2023, 10, 1)
        )


@pytest.mark.parametrize("count", [1, 3])
def test_paper_list_query_count_is_constant(
    client,
    helix,
    mover,
    staff,
    count,
    django_assert_num_queries,
):
    _papers(helix, staff, count)
    with django_assert_num_queries(1):
        client.get(reverse("papers:list"))


@pytest.mark.parametrize("count", [1, 3])
def test_paper_page_query_count_does_not_grow_with_authors(
    client, helix, staff, jinr, count, django_assert_num_queries
):
    from tests.collaborations.conftest import make_members

    make_members(helix, jinr, count)
    paper = changes.do_create_paper(helix, actor=staff, title="P", reference_date=D(2020, 1, 1))
    assert paper.authors.count() == count
    # paper, funding, links, codes, institutions, authors, sign-offs, history
    with django_assert_num_queries(8):
        client.get(reverse("papers:detail", args=[paper.pk]))
