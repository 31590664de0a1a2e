"""Issue 12 for projects: titles, descriptions, messages and terms refuse control characters
and oversize text in the form, the API and the domain, with an error naming the field, and
change nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from science4peace.people.domain.tokens import do_create_api_token
from science4peace.projects.domain import changes
from science4peace.projects.models import Project, ProjectMember

from .conftest import interests, make_member

pytestmark = pytest.mark.django_db
REPRODUCER = "Dimuons\n\\input{/etc/passwd}"


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {do_create_api_token(actor=user, name='t')[1]}"}


@pytest.mark.parametrize("title", [REPRODUCER, "a\rb", "a\tb", "a\x1bb", "a\u202eb", "a\u2028b"])
def test_api_refuses_a_control_character_in_a_project_title(client, lead, title):
    response = client.post(
        "/api/projects",
        {"title": title, "kind": "theory"},
        content_type="application/json",
        headers=_auth(lead),
    )
    body = response.json()
    assert (response.status_code, list(body["errors"])) == (400, ["title"])
    assert "Remove the control character U+" in body["detail"]
    assert Project.objects.count() == 0


def test_api_refuses_an_escape_in_a_description_but_keeps_line_breaks(client, lead):
    refused = client.post(
        "/api/projects",
        {"title": "Jets", "kind": "theory", "description": "a\x1b[31mb"},
        content_type="application/json",
        headers=_auth(lead),
    )
    accepted = client.post(
        "/api/projects",
        {"title": "Jets", "kind": "theory", "description": "line one\nline two\ttab"},
        content_type="application/json",
        headers=_auth(lead),
    )
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        {"description": ["Remove the control character U+001B (control character)."]},
    )
    assert (accepted.status_code, Project.objects.get().description) == (
        201,
        "line one\nline two\ttab",
    )


def test_form_refuses_a_newline_in_a_title_and_an_oversize_description(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:create"),
        {"title": REPRODUCER, "kind": "theory", "description": "x" * 20_001},
    )
    errors = response.context["form"].errors
    assert (response.status_code, sorted(errors)) == (400, ["description", "title"])
    assert errors["title"] == [
        "Remove the control character U+000A (LINE FEED): this text must be one line of text."
    ]
    assert errors["description"] == [
        "Ensure this value has at most 20000 characters (it has 20001)."
    ]
    assert Project.objects.count() == 0


def test_edit_through_the_domain_refuses_a_control_character_and_keeps_the_title(project, lead):
    with pytest.raises(ValidationError) as raised:
        changes.do_update_project(
            project, actor=lead, title="New\u202etitle", kind="theory", status="active"
        )
    project.refresh_from_db()
    assert (list(raised.value.message_dict), project.title) == (
        ["title"],
        "Dimuon resonances in CMS open data",
    )


def test_join_message_refuses_an_escape_and_oversize_text_through_api_and_page(
    client, project, joiner
):
    escape = client.post(
        f"/api/projects/{project.pk}/join",
        {"message": "hello\x1b]0;x\x07"},
        content_type="application/json",
        headers=_auth(joiner),
    )
    client.force_login(joiner)
    page = client.post(
        reverse("projects:join", args=[project.pk]), {"message": "x\x1by"}, follow=True
    )
    assert (escape.status_code, escape.json()["errors"]) == (
        400,
        {"message": ["Remove the control character U+001B (control character)."]},
    )
    assert [str(m) for m in page.context["messages"]] == [
        "Remove the control character U+001B (control character)."
    ]
    assert ProjectMember.objects.filter(person=joiner.person).count() == 0


def test_join_message_keeps_its_line_breaks(project, joiner):
    member, _changed = changes.do_ask_to_join(project, actor=joiner, message="Hello,\nOmar")
    assert member.message == "Hello,\nOmar"


@pytest.mark.parametrize("keyword", ["a\x1bb", "a\x7fb", "a\u202eb"])
def test_api_refuses_a_control_character_in_a_keyword(client, lead, keyword):
    response = client.post(
        "/api/projects",
        {"title": "Jets", "kind": "theory", "keywords": [keyword]},
        content_type="application/json",
        headers=_auth(lead),
    )
    assert (response.status_code, list(response.json()["errors"])) == (400, ["keywords"])
    assert "control character U+" in response.json()["detail"]
    assert Project.objects.count() == 0


def test_research_interests_refuse_a_control_character_and_keep_the_old_ones(client):
    member = make_member("Ines")
    interests(member, keywords=["jets"])
    response = client.put(
        "/api/me/research-interests",
        {"keywords": ["dark\u202ematter"]},
        content_type="application/json",
        headers=_auth(member),
    )
    assert (response.status_code, list(response.json()["errors"])) == (400, ["keywords"])
    kept = client.get("/api/me/research-interests", headers=_auth(member)).json()
    assert kept["keywords"] == ["jets"]


def test_paper_title_from_a_project_refuses_a_newline(client, project, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:start-paper", args=[project.pk]),
        {"title": REPRODUCER, "policy": "equal-affiliations"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Remove the control character U+000A (LINE FEED): this text must be one line of text."
    ]
    assert project.papers.count() == 0
