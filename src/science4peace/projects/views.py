from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import submit
from science4peace.lib.markup import render as markdown
from science4peace.projects import rules
from science4peace.projects.domain import access, changes, profiles, queries, suggestions
from science4peace.projects.interfaces.feeds import atom
from science4peace.projects.interfaces.forms import (
    DecisionForm,
    FilterForm,
    InterestsForm,
    JoinForm,
    PaperForm,
    ProjectEditForm,
    ProjectForm,
)
from science4peace.projects.interfaces.mail import notifier
from science4peace.projects.models import Project

PAGE_SIZE = 25


def _language() -> str:
    return translation.get_language() or "en"


def _notify(request: HttpRequest) -> changes.Notify:
    return notifier(request.build_absolute_uri("/"))


def project_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET)
    valid = form.is_valid()
    rows = queries.list_projects(**form.filters()) if valid else []
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_propose": rules.can_propose(request.user),
    }
    template = "projects/list.html#results" if request.htmx else "projects/list.html"
    return render(request, template, context, status=200 if valid else 400)


def feed(request: HttpRequest) -> HttpResponse:
    body = atom(queries.new_projects(), base_url=request.build_absolute_uri("/"))
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def _needs_initial(project: Project) -> dict:
    terms = queries.terms_by_kind(project)
    return {
        "subjects": terms.get("subject", []),
        "keywords": terms.get("keyword", []),
        "skills": terms.get("skill", []),
        "records": [str(r.recid) for r in queries.records_of(project)],
    }


@login_required
def create(request: HttpRequest) -> HttpResponse:
    initial = {"records": request.GET.get("records", ""), "kind": Project.Kind.EXPERIMENT}
    form = ProjectForm(request.POST or None, initial=initial)
    allowed = rules.can_propose(request.user)
    created: list[Project] = []
    if request.method == "POST" and allowed:

        def action(data: dict) -> None:
            created.append(
                changes.do_propose_project(actor=request.user, language=_language(), **data)
            )

        if submit(form, action):
            messages.success(request, _("Your project is proposed; you are its lead."))
            return redirect("projects:detail", pk=created[0].pk)
    status = 400 if form.errors else 200 if allowed else 403
    return render(
        request, "projects/create.html", {"form": form, "allowed": allowed}, status=status
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk)
    leads = rules.can_lead(request.user, project)
    membership = queries.membership_of(project, request.user)
    context = {
        "project": project,
        "description": markdown(project.description),
        "terms": queries.terms_by_kind(project),
        "records": queries.records_of(project),
        "members": queries.members_of(project),
        "papers": queries.papers_of(project),
        "membership": membership,
        "is_lead": leads,
        "can_join": rules.can_ask_to_join(request.user, project),
        "join_form": JoinForm(),
        "requests": queries.requests_of(project) if leads else [],
        "paper_form": PaperForm(initial={"title": project.title}) if leads else None,
        "suggested": suggestions.people_for(project) if leads else [],
    }
    return render(request, "projects/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk, to="lead")
    initial = {
        "title": project.title,
        "kind": project.kind,
        "status": project.status,
        "description": project.description,
        "open_for_members": project.open_for_members,
        "auto_accept": project.auto_accept,
        **_needs_initial(project),
    }
    form = ProjectEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and submit(
        form, lambda data: changes.do_update_project(project, actor=request.user, **data)
    ):
        messages.success(request, _("The project was saved."))
        return redirect("projects:detail", pk=pk)
    return render(
        request,
        "projects/edit.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def _act(request: HttpRequest, action, success: str) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk)
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("projects:detail", pk=pk)
    result: list = []

    def action() -> None:
        result.append(
            changes.do_ask_to_join(
                project,
                actor=request.user,
                message=form.cleaned_data["message"],
                language=_language(),
                notify=_notify(request),
            )
        )

    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        member, changed = result[0]
        if member.status == "member" and changed:
            messages.success(request, _("You are now a member of this project."))
        elif changed:
            messages.success(request, _("Your request was sent to the project's leads."))
    return redirect("projects:detail", pk=pk)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk)
    _act(
        request,
        lambda: changes.do_leave(project, actor=request.user, notify=_notify(request)),
        _("You left the project."),
    )
    return redirect("projects:detail", pk=pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    member = access.access_member(request.user, pk, person_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("projects:detail", pk=pk)
    accept = form.cleaned_data["decision"] == "accept"
    _act(
        request,
        lambda: changes.do_decide(
            member, actor=request.user, accept=accept, notify=_notify(request)
        ),
        _("%(person)s is now a member.") % {"person": member.person}
        if accept
        else _("The request was declined."),
    )
    return redirect("projects:detail", pk=pk)


@login_required
@require_POST
def make_lead(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    member = access.access_member(request.user, pk, person_id)
    _act(
        request,
        lambda: changes.do_make_lead(member, actor=request.user, notify=_notify(request)),
        _("%(person)s is now a lead.") % {"person": member.person},
    )
    return redirect("projects:detail", pk=pk)


@login_required
@require_POST
def start_paper(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk, to="lead")
    form = PaperForm(request.POST)
    created: list = []
    if submit(
        form,
        lambda data: created.append(changes.do_start_paper(project, actor=request.user, **data)),
    ):
        messages.success(request, _("The paper was started with the project's members."))
        return redirect(reverse("papers:detail", args=[created[0].pk]))
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:detail", pk=pk)


@login_required
def interests(request: HttpRequest) -> HttpResponse:
    person = access.access_own_profile(request.user)
    current = profiles.interests_of(person)
    form = InterestsForm(request.POST or None, initial=current.__dict__)
    if request.method == "POST" and submit(
        form, lambda data: profiles.do_update_interests(person, actor=request.user, **data)
    ):
        messages.success(request, _("Your research interests were saved."))
        return redirect("projects:interests")
    context = {
        "form": form,
        "suggested": suggestions.projects_for(person),
        "experiments": profiles.known_experiments(),
    }
    return render(request, "projects/interests.html", context, status=400 if form.errors else 200)
