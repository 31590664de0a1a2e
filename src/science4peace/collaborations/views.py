from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.collaborations import rules
from science4peace.collaborations.domain import access, changes, queries
from science4peace.collaborations.domain import funding as funding_domain
from science4peace.collaborations.interfaces.forms import (
    ContributionForm,
    EndMembershipForm,
    MemberFilterForm,
    MembershipForm,
    ResourceForm,
)
from science4peace.collaborations.interfaces.funding import FundingForm
from science4peace.collaborations.models import Collaboration, Contribution, Membership, Resource
from science4peace.core.forms import attach_errors, submit
from science4peace.people.models import Person

PAGE_SIZE = 50


def _collaboration(pk: int) -> Collaboration:
    return get_object_or_404(Collaboration, pk=pk)


def collaboration_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "collaborations/list.html", {"collaborations": queries.list_collaborations()}
    )


def collaboration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = _collaboration(pk)
    decision = access.decide_collaboration(collaboration, request.user)
    context = {
        "collaboration": collaboration,
        "decision": decision,
        "reasons": access.describe(decision),
        "institutions": queries.member_institutions(collaboration),
        "is_admin": rules.is_administrator(request.user, collaboration),
    }
    return render(request, "collaborations/detail.html", context)


def members(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = _collaboration(pk)
    form = MemberFilterForm(
        request.GET,
        institutions=queries.membership_institutions(collaboration),
        roles=queries.member_roles(collaboration),
    )
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    institution = filters.get("institution")
    rows = queries.list_members(
        collaboration,
        institution=institution.pk if institution else None,
        role=filters.get("role", ""),
        active_on=filters.get("active_on"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "collaboration": collaboration,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "is_admin": rules.is_administrator(request.user, collaboration),
    }
    template = (
        "collaborations/members.html#results" if request.htmx else "collaborations/members.html"
    )
    return render(request, template, context, status=200 if valid else 400)


@login_required
@require_POST
def end_membership(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("collaboration", "person"),
        pk=membership_pk,
        collaboration_id=pk,
    )
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            changes.do_end_membership(membership, actor=request.user, end=form.cleaned_data["end"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The membership was ended."))
    else:
        messages.error(request, _("Give the last day of the membership."))
    return redirect(f"{reverse('collaborations:members', args=[pk])}?{request.GET.urlencode()}")


def contributions(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = _collaboration(pk)
    is_admin = rules.is_administrator(request.user, collaboration)
    person = (
        Person.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    )
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and request.user.is_authenticated and form.is_valid():
        try:
            changes.do_submit_contribution(collaboration, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your contribution waits for an administrator."))
            return redirect("collaborations:contributions", pk=pk)
    rows = queries.list_contributions(collaboration, person=person, everything=is_admin)
    context = {
        "collaboration": collaboration,
        "contributions": rows,
        "form": form,
        "is_admin": is_admin,
    }
    return render(
        request, "collaborations/contributions.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def decide_contribution(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution, pk=contribution_pk, collaboration_id=pk)
    changes.do_decide_contribution(
        contribution, actor=request.user, confirm=request.POST.get("decision") == "confirm"
    )
    return redirect("collaborations:contributions", pk=pk)


def resources(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = _collaboration(pk)
    rows = access.decide_resources(
        collaboration, list(queries.list_resources(collaboration)), request.user
    )
    return render(
        request,
        "collaborations/resources.html",
        {"collaboration": collaboration, "rows": rows},
    )


def resource_detail(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    """ "Why can I see this?" — the decision and its reasons, either way."""
    resource = get_object_or_404(
        Resource.objects.select_related("collaboration"), pk=resource_pk, collaboration_id=pk
    )
    decision = access.decide_resource(resource, request.user)
    context = {
        "collaboration": resource.collaboration,
        "resource": resource,
        "decision": decision,
        "reasons": access.describe(decision),
    }
    return render(
        request, "collaborations/resource.html", context, status=200 if decision.allowed else 403
    )


def resource_open(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    get_object_or_404(Resource, pk=resource_pk, collaboration_id=pk)
    try:
        resource, _decision = access.access_resource(request.user, resource_pk)
    except PermissionDenied:
        return redirect("collaborations:resource", pk=pk, resource_pk=resource_pk)
    if resource.url:
        return HttpResponseRedirect(resource.url)
    return FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1]
    )


def pledge(request: HttpRequest) -> HttpResponse:
    current = access.current_pledge()
    person = (
        Person.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    )
    state = access.pledge_state(person)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        changes.do_accept_pledge(actor=request.user)
        messages.success(request, _("Thank you: you accepted the civil-use pledge."))
        return redirect(request.POST.get("next") or "collaborations:pledge")
    return render(
        request,
        "collaborations/pledge.html",
        {"pledge": current, "state": state, "next": request.GET.get("next", "")},
    )


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = _collaboration(pk)
    if not rules.is_administrator(request.user, collaboration):
        raise PermissionDenied
    membership_form = MembershipForm(prefix="m")
    resource_form = ResourceForm(prefix="r")
    status = 200
    if request.method == "POST" and "m-person" in request.POST:
        membership_form = MembershipForm(request.POST, prefix="m")
        if submit(
            membership_form,
            lambda data: changes.do_add_membership(collaboration, actor=request.user, **data),
        ):
            messages.success(request, _("The membership was added."))
            return redirect("collaborations:manage", pk=pk)
        status = 400
    elif request.method == "POST":
        resource_form = ResourceForm(request.POST, request.FILES, prefix="r")
        if submit(
            resource_form,
            lambda data: changes.do_add_resource(collaboration, actor=request.user, **data),
        ):
            messages.success(request, _("The resource was added."))
            return redirect("collaborations:resources", pk=pk)
        status = 400
    context = {
        "collaboration": collaboration,
        "membership_form": membership_form,
        "resource_form": resource_form,
    }
    return render(request, "collaborations/manage.html", context, status=status)


@login_required
def funding(request: HttpRequest, pk: int) -> HttpResponse:
    """The funding agencies of each member institution, edited by the administrators; every
    author list of the collaboration's papers acknowledges them, under every policy."""
    collaboration = funding_domain.access_funding(request.user, pk)
    failed: FundingForm | None = None
    if request.method == "POST":
        form = FundingForm(request.POST)
        member_id = form.data.get("member", "")
        if member_id.isdigit():
            member = funding_domain.access_member_institution(request.user, pk, int(member_id))
            if submit(
                form,
                lambda data: funding_domain.do_set_funding_agencies(
                    member, actor=request.user, agencies=data["agencies"]
                ),
            ):
                messages.success(
                    request,
                    _("The funding agencies of %(institution)s were saved.")
                    % {"institution": member.institution},
                )
                return redirect("collaborations:funding", pk=pk)
        else:
            form.add_error(None, _("Choose a member institution."))
        failed = form
    rows = []
    for member in funding_domain.list_funding(collaboration):
        if failed is not None and failed.data.get("member") == str(member.pk):
            form = failed
        else:
            initial = {"member": member.pk, "agencies": "\n".join(member.funding_agencies)}
            form = FundingForm(initial=initial, auto_id=f"id_m{member.pk}_%s")
        rows.append((member, form))
    context = {"collaboration": collaboration, "rows": rows, "failed": failed}
    return render(
        request,
        "collaborations/funding.html",
        context,
        status=400 if failed is not None else 200,
    )
