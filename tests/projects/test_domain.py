import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from science4peace.core.models import AuditEntry
from science4peace.people.models import Person
from science4peace.projects.domain import access, changes, queries, suggestions
from science4peace.projects.interfaces.mail import notifier
from science4peace.projects.models import Project, ProjectMember

from .conftest import make_member

pytestmark = pytest.mark.django_db
notify = notifier("http://testserver/")


def _standing(project):
    return sorted(
        (m.person.given_name, m.role, m.status) for m in project.members.select_related("person")
    )


def test_proposer_becomes_lead_and_terms_include_the_records_experiment(project, lead):
    assert _standing(project) == [("Lena", "lead", "member")]
    assert sorted(project.terms.values_list("term", flat=True)) == [
        "experiment:CMS",
        "keyword:dimuon",
        "keyword:resonances",
        "skill:c++",
        "skill:root",
        "subject:hep-ex",
        "subject:hep-ph",
    ]
    assert list(AuditEntry.objects.values_list("action", "object_id")) == [
        ("project.propose", str(project.pk))
    ]


def test_unconfirmed_account_may_not_propose(db):
    unconfirmed = make_member("Ulla", confirmed=False)
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        changes.do_propose_project(actor=unconfirmed, title="T", kind="theory")
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": " ", "kind": "theory"}, "title"),
        ({"title": "T", "kind": "astrology"}, "kind"),
        ({"title": "T", "kind": "theory", "records": [999999]}, "records"),
        ({"title": "T", "kind": "theory", "subjects": ["hep-xx"]}, "subjects"),
        ({"title": "T", "kind": "theory", "keywords": ["x" * 61]}, "keywords"),
    ],
)
def test_bad_project_is_refused_naming_the_field_and_nothing_is_stored(lead, data, field):
    with pytest.raises(ValidationError) as error:
        changes.do_propose_project(actor=lead, **data)
    assert list(error.value.message_dict) == [field]
    assert Project.objects.count() == 0


def test_ask_accept_and_mail_in_the_askers_language(
    project, lead, joiner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member, changed = changes.do_ask_to_join(
            project, actor=joiner, message="I know dimuons", language="ru", notify=notify
        )
        again, changed_again = changes.do_ask_to_join(project, actor=joiner, notify=notify)
    assert (member.status, changed, again.pk, changed_again) == (
        "requested",
        True,
        member.pk,
        False,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([joiner.email], "[Science4Peace] Запрос отправлен: Dimuon resonances in CMS open data"),
        (
            [lead.email],
            f"[Science4Peace] {joiner.person} asks to join Dimuon resonances in CMS open data",
        ),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.do_decide(member, actor=lead, accept=True, notify=notify)
    assert _standing(project) == [("Lena", "lead", "member"), ("Omar", "member", "member")]
    (message,) = mail.outbox
    assert message.to == [joiner.email]
    assert f"/projects/{project.pk}/" in message.body
    assert message.subject.startswith("[Science4Peace] Добро пожаловать")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["project.propose", "project.ask", "project.accept"]


def test_only_leads_decide_and_a_decision_is_taken_once(project, lead, joiner):
    member, _ = changes.do_ask_to_join(project, actor=joiner)
    with pytest.raises(PermissionDenied):
        changes.do_decide(member, actor=joiner, accept=True)
    changes.do_decide(member, actor=lead, accept=False)
    with pytest.raises(ValidationError, match="no open request"):
        changes.do_decide(member, actor=lead, accept=True)
    assert member.status == "declined"


def test_open_project_with_auto_accept_takes_everyone_at_once(
    project, lead, joiner, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=project.pk).update(auto_accept=True)
    project.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        member, _ = changes.do_ask_to_join(project, actor=joiner, notify=notify)
    assert member.status == "member"
    assert [m.to for m in mail.outbox] == [[joiner.email]]


def test_closed_or_completed_project_takes_no_request(project, joiner):
    Project.objects.filter(pk=project.pk).update(open_for_members=False)
    project.refresh_from_db()
    with pytest.raises(ValidationError, match="does not take new members"):
        changes.do_ask_to_join(project, actor=joiner)
    assert ProjectMember.objects.filter(person__user=joiner).count() == 0


def test_last_lead_cannot_leave_until_another_member_leads(project, lead, joiner):
    member, _ = changes.do_ask_to_join(project, actor=joiner)
    changes.do_decide(member, actor=lead, accept=True)
    with pytest.raises(ValidationError, match="only lead"):
        changes.do_leave(project, actor=lead)
    with pytest.raises(PermissionDenied):
        changes.do_make_lead(member, actor=joiner)
    changes.do_make_lead(member, actor=lead)
    changes.do_leave(project, actor=lead)
    assert _standing(project) == [("Lena", "member", "left"), ("Omar", "lead", "member")]
    with pytest.raises(ValidationError, match="only lead"):
        changes.do_leave(project, actor=joiner)


def test_member_who_left_may_ask_again(project, lead, joiner):
    member, _ = changes.do_ask_to_join(project, actor=joiner)
    changes.do_decide(member, actor=lead, accept=True)
    changes.do_leave(project, actor=joiner)
    again, changed = changes.do_ask_to_join(project, actor=joiner)
    assert (again.pk, again.status, changed) == (member.pk, "requested", True)


def test_access_project_says_404_for_missing_and_403_for_non_leads(project, lead, joiner):
    assert access.access_project(joiner, project.pk) == project
    assert access.access_project(lead, project.pk, to="lead") == project
    with pytest.raises(Http404):
        access.access_project(lead, project.pk + 1000)
    with pytest.raises(PermissionDenied):
        access.access_project(joiner, project.pk, to="lead")
    with pytest.raises(Http404):
        access.access_member(lead, project.pk, joiner.person.pk)


def test_edit_records_who_changed_what(project, lead, jets_record, alice_record):
    changes.do_update_project(
        project,
        actor=lead,
        title="Dimuons and jets",
        kind="experiment",
        status="active",
        records=[jets_record.recid, alice_record.recid],
        subjects=["hep-ex"],
    )
    entry = AuditEntry.objects.get(action="project.update")
    assert (entry.before["records"], entry.after["records"]) == ([17], [21, 1102])
    assert entry.after["terms"] == ["experiment:ALICE", "experiment:CMS", "subject:hep-ex"]
    assert list(queries.projects_using(alice_record)) == [project]


def test_leads_start_a_paper_of_the_members(project, lead, joiner):
    member, _ = changes.do_ask_to_join(project, actor=joiner)
    changes.do_decide(member, actor=lead, accept=True)
    with pytest.raises(PermissionDenied):
        changes.do_start_paper(project, actor=joiner, title="Upsilon")
    paper = changes.do_start_paper(project, actor=lead, title="Upsilon", policy="names-orcid")
    assert sorted(a.given_name for a in paper.authors.all()) == ["Lena", "Omar"]
    assert (paper.collaboration, paper.policy, list(paper.editors.all())) == (
        None,
        "names-orcid",
        [lead],
    )
    assert [p.paper for p in queries.papers_of(project)] == [paper]
    assert list(paper.changes.values_list("reason", flat=True)) == [
        "members of the project Dimuon resonances in CMS open data"
    ]


def test_demo_loads_projects_on_demo_records_once(db):
    from science4peace.catalog.demo import load_demo as load_catalog
    from science4peace.people.demo import load_demo as load_core
    from science4peace.projects.demo import load_demo

    load_core()
    load_catalog()
    assert (load_demo(), load_demo()) == (3, 3)
    dimuon = Project.objects.get(title="Dimuon resonances in CMS 2011 open data")
    assert sorted(dimuon.records.values_list("recid", flat=True)) == [17, 230, 272]
    assert [m.role for m in queries.members_of(dimuon)] == ["lead", "member", "member"]
    karimi = Person.objects.get(family_name="Karimi")
    best = suggestions.projects_for(karimi)[0]
    assert (best.item, best.reasons) == (dimuon, ["dimuon", "CMS open data", "hep-ex"])
