import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse

from science4peace.projects.domain import changes
from science4peace.projects.models import Project, ProjectMember

from .conftest import interests, make_member

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [p.title for p in response.context["page"]]


def test_list_filters_by_kind_status_open_experiment_and_interest(
    client, project, lead, alice_record
):
    theory = changes.do_propose_project(
        actor=lead, title="Lattice QCD", kind="theory", subjects=["hep-lat"]
    )
    heavy_ions = changes.do_propose_project(
        actor=lead,
        title="Flow in PbPb",
        kind="experiment",
        records=[alice_record.recid],
        open_for_members=False,
    )
    url = reverse("projects:list")
    cases = {
        "": [heavy_ions.title, theory.title, project.title],
        "kind=theory": [theory.title],
        "status=proposed&open=no": [heavy_ions.title],
        "experiment=CMS": [project.title],
        "interest=HEP-LAT": [theory.title],
        "interest=Dimuon": [project.title],
    }
    found = {query: _titles(client.get(f"{url}?{query}")) for query in cases}
    assert found == cases


def test_list_fragment_for_htmx_and_bad_filter_is_a_400(client, project):
    url = reverse("projects:list")
    fragment = client.get(url, {"kind": "theory"}, headers={"HX-Request": "true"})
    bad = client.get(url, {"kind": "astrology"})
    assert fragment.content.decode().lstrip().startswith('<div id="results">')
    assert (bad.status_code, _titles(bad)) == (400, [])


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(client, lead, count, django_assert_num_queries):
    for index in range(count):
        changes.do_propose_project(
            actor=lead, title=f"P{index}", kind="theory", keywords=["a", "b"]
        )
    with django_assert_num_queries(3):  # count, page, terms
        client.get(reverse("projects:list"))


def test_propose_through_the_page_then_edit_as_lead(client, lead, dimuon):
    client.force_login(lead)
    response = client.post(
        reverse("projects:create"),
        {
            "title": "Upsilon cross-section",
            "kind": "experiment",
            "description": "Mass $m_{\\mu\\mu}$",
            "records": f"{dimuon.recid}",
            "subjects": ["hep-ex"],
            "keywords": "upsilon, dimuon",
            "skills": "ROOT",
            "open_for_members": "on",
        },
    )
    project = Project.objects.get()
    assert response.url == reverse("projects:detail", args=[project.pk])
    page = client.get(response.url).content.decode()
    assert "<math" in page
    edit = client.post(
        reverse("projects:edit", args=[project.pk]),
        {"title": "Upsilon", "kind": "experiment", "status": "active", "records": ""},
    )
    project.refresh_from_db()
    assert (edit.status_code, project.title, project.status, list(project.records.all())) == (
        302,
        "Upsilon",
        "active",
        [],
    )


def test_bad_form_input_is_a_400_naming_the_field(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:create"),
        {"title": "T", "kind": "theory", "records": "17, abc", "keywords": "x" * 70},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "records": ["Not a record ID: abc"],
    }
    response = client.post(
        reverse("projects:create"), {"title": "T", "kind": "theory", "records": "424242"}
    )
    assert (response.status_code, response.context["form"].errors) == (
        400,
        {"records": ["No catalog record with ID 424242."]},
    )
    assert Project.objects.count() == 0


def test_unconfirmed_account_sees_why_it_cannot_propose(client):
    client.force_login(make_member("Ulla", confirmed=False))
    response = client.post(reverse("projects:create"), {"title": "T", "kind": "theory"})
    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_non_lead_may_not_edit_and_missing_project_is_404(client, project, joiner):
    client.force_login(joiner)
    assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 403
    assert client.get(reverse("projects:detail", args=[project.pk + 99])).status_code == 404


def test_join_accept_and_make_lead_through_the_pages(
    client, project, lead, joiner, django_capture_on_commit_callbacks
):
    client.force_login(joiner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:join", args=[project.pk]), {"message": "Hello"})
    client.force_login(lead)
    detail = client.get(reverse("projects:detail", args=[project.pk]))
    assert [r.person for r in detail.context["requests"]] == [joiner.person]
    person_id = joiner.person.pk
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:decide", args=[project.pk, person_id]), {"decision": "accept"}
        )
        client.post(reverse("projects:make-lead", args=[project.pk, person_id]))
    member = ProjectMember.objects.get(person=joiner.person)
    assert (member.status, member.role) == ("member", "lead")
    assert [m.to for m in mail.outbox] == [
        [joiner.email],
        [lead.email],
        [joiner.email],
        [joiner.email],
    ]


def test_start_a_paper_from_the_project_page(client, project, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:start-paper", args=[project.pk]),
        {"title": "Dimuon spectrum", "policy": "equal-affiliations"},
    )
    paper = project.papers.get().paper
    assert response.url == reverse("papers:detail", args=[paper.pk])
    assert client.get(response.url).context["editable"] is True


def test_feed_lists_new_projects_as_atom(client, project):
    response = client.get(reverse("projects:feed"))
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, not untrusted input)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == [
        project.title
    ]


def test_record_page_links_the_projects_using_it(client, project, dimuon):
    page = client.get(reverse("catalog:record", args=[dimuon.recid])).content.decode()
    assert f'href="/projects/{project.pk}/"' in page


def test_interests_page_saves_and_suggests_projects_with_reasons(client, project, joiner):
    client.force_login(joiner)
    response = client.post(
        reverse("projects:interests"),
        {"subjects": ["hep-ph"], "keywords": "Dimuon", "experiments": "cms", "suggestable": "on"},
    )
    assert response.status_code == 302
    page = client.get(reverse("projects:interests"))
    (suggested,) = page.context["suggested"]
    assert (suggested.item, suggested.reasons) == (project, ["CMS open data", "dimuon", "hep-ph"])


def test_interests_page_refuses_a_nul_character(client, joiner):
    client.force_login(joiner)
    response = client.post(reverse("projects:interests"), {"keywords": "a\x00b"})
    assert response.status_code == 400
    interests(joiner, keywords=["ok"])


def test_double_submitted_join_is_one_request_and_one_mail_each(
    client, project, lead, joiner, django_capture_on_commit_callbacks
):
    client.force_login(joiner)
    url = reverse("projects:join", args=[project.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"message": "Hello"}, follow=True)
        client.post(url, {"message": "Hello"})
    assert [str(m) for m in first.context["messages"]] == [
        "Your request was sent to the project's leads."
    ]
    assert ProjectMember.objects.filter(project=project, status="requested").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([joiner.email, lead.email])
