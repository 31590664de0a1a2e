from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.collaborations import rules
from science4peace.collaborations.domain import access, changes, joining, queries
from science4peace.collaborations.domain import funding as funding_domain
from science4peace.collaborations.interfaces.forms import (
    AdministratorForm,
    CollaborationForm,
    EndMembershipForm,
    JoinDecisionForm,
    JoinRequestForm,
    MemberFilterForm,
    MembershipForm,
    ResourceForm,
    WorkContributionForm,
)
from science4peace.collaborations.interfaces.funding import FundingForm
from science4peace.collaborations.interfaces.mail import join_notify_for
from science4peace.core.confirm import confirm_page
from science4peace.core.forms import submit
from science4peace.core.interfaces.pagecache import public_page
from science4peace.core.interfaces.pickers import matches_page
from science4peace.core.interfaces.redirects import safe_next
from science4peace.institutions.interfaces.pickers import institution_label
from science4peace.people.domain.queries import account_with_email, person_of

PAGE_SIZE = 50


def collaboration_list(request: HttpRequest) -> HttpResponse:
    context = {
        "collaborations": queries.list_collaborations(),
        "can_create": rules.can_create_collaboration(request.user),
    }
    return render(request, "collaborations/list.html", context)


@public_page(lambda pk: ("collaborations", "institutions"))
def collaboration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk)
    decision = access.decide_collaboration(collaboration, request.user)
    context = {
        "collaboration": collaboration,
        "decision": decision,
        "reasons": access.describe(decision),
        "institutions": queries.member_institutions(collaboration),
        "is_admin": rules.is_administrator(request.user, collaboration),
        "is_member": queries.has_membership(collaboration, person_of(request.user)),
    }
    return render(request, "collaborations/detail.html", context)


def members(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk)
    form = MemberFilterForm(
        request.GET, collaboration=collaboration, roles=queries.member_roles(collaboration)
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


def pick_institution(request: HttpRequest, pk: int) -> HttpResponse:
    """The matches of the members page's institution filter: the institutions of the
    collaboration's memberships, for whoever may see the members page."""
    collaboration = access.access_collaboration(request.user, pk)
    return matches_page(
        request,
        search=lambda q: queries.membership_institutions(collaboration, q=q),
        describe=institution_label,
    )


@login_required
def end_membership(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """GET asks "Are you sure?" (with the last day filled in); POST ends the membership."""
    membership = access.access_membership(
        request.user, membership_pk, collaboration_id=pk, to="administer"
    )
    back = f"{reverse('collaborations:members', args=[pk])}?{request.GET.urlencode()}"
    form = EndMembershipForm(request.POST if request.method == "POST" else request.GET or None)
    if request.method == "POST" and submit(
        form, lambda data: changes.do_end_membership(membership, actor=request.user, **data)
    ):
        messages.success(request, _("The membership was ended."))
        return redirect(back)
    if request.method == "GET":
        form = EndMembershipForm(initial={"end": request.GET.get("end", "")})
    question = _("End the membership of %(person)s at %(institution)s?") % {
        "person": membership.person,
        "institution": membership.institution,
    }
    return confirm_page(
        request,
        question=question,
        confirm_label=_("End membership"),
        cancel=back,
        form=form,
        status=400 if form.errors else 200,
    )


def contributions(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk)
    form = WorkContributionForm(request.POST or None)
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and submit(
            form,
            lambda data: changes.do_submit_work_contribution(
                collaboration, actor=request.user, **data
            ),
        )
    ):
        messages.success(request, _("Your contribution waits for an administrator."))
        return redirect("collaborations:contributions", pk=pk)
    person = person_of(request.user)
    context = {
        "collaboration": collaboration,
        "contributions": queries.list_work_contributions(collaboration, actor=request.user),
        "form": form,
        "is_admin": rules.is_administrator(request.user, collaboration),
        "is_member": queries.has_membership(collaboration, person),
        "waiting": queries.list_own_join_requests(
            actor=request.user, collaboration=collaboration, pending=True
        ),
    }
    return render(
        request, "collaborations/contributions.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def decide_contribution(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    contribution = access.access_work_contribution(
        request.user, contribution_pk, collaboration_id=pk, to="decide"
    )
    changes.do_decide_work_contribution(
        contribution, actor=request.user, confirm=request.POST.get("decision") == "confirm"
    )
    return redirect("collaborations:contributions", pk=pk)


def resources(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk)
    rows = queries.list_resources(collaboration, actor=request.user)
    return render(
        request,
        "collaborations/resources.html",
        {"collaboration": collaboration, "rows": rows},
    )


def resource_detail(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    """ "Why can I see this?" — the decision and its reasons, either way."""
    resource, decision = access.access_resource(request.user, resource_pk, collaboration_id=pk)
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
    try:
        resource, _decision = access.access_resource(
            request.user, resource_pk, collaboration_id=pk, to="open"
        )
    except PermissionDenied:
        return redirect("collaborations:resource", pk=pk, resource_pk=resource_pk)
    if resource.url:
        return HttpResponseRedirect(resource.url)
    return FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1]
    )


def pledge(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        changes.do_accept_pledge(actor=request.user)
        messages.success(request, _("Thank you: you accepted the civil-use pledge."))
        return redirect(safe_next(request, "collaborations:pledge"))
    try:
        current, state = access.access_pledge(request.user)
    except Http404:
        current, state = None, None  # the page says that none is published yet
    return render(
        request,
        "collaborations/pledge.html",
        {
            "pledge": current,
            "translated": current.translation(translation.get_language() or "en")
            if current
            else "",
            "state": state,
            "next": safe_next(request, "collaborations:pledge"),
        },
    )


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk, to="administer")
    membership_form = MembershipForm(prefix="m")
    resource_form = ResourceForm(prefix="r")
    status = 200
    if request.method == "POST" and any(key.startswith("m-") for key in request.POST):
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
    collaboration = access.access_collaboration(request.user, pk, to="administer")
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


@login_required
def join(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to join: the institution one joins through and a message to the administrators."""
    collaboration = access.access_collaboration(request.user, pk)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and submit(
        form,
        lambda data: joining.do_ask_to_join(
            collaboration,
            actor=request.user,
            language=translation.get_language() or "en",
            **data,
        ),
    ):
        messages.success(
            request, _("Your request was sent; you will be told by e-mail when it is decided.")
        )
        return redirect("collaborations:detail", pk=pk)
    context = {
        "collaboration": collaboration,
        "form": form,
        "own": queries.list_own_join_requests(actor=request.user, collaboration=collaboration),
    }
    return render(request, "collaborations/join.html", context, status=400 if form.errors else 200)


@login_required
def join_queue(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk, to="administer")
    rows = queries.list_join_queue(collaboration, actor=request.user)
    context = {"collaboration": collaboration, "rows": rows, "form": JoinDecisionForm()}
    return render(request, "collaborations/join_queue.html", context)


@login_required
@require_POST
def decide_join(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    join_request = access.access_join_request(
        request.user, request_pk, collaboration_id=pk, to="decide"
    )
    form = JoinDecisionForm(request.POST)
    if submit(
        form,
        lambda data: joining.do_decide_join_request(
            join_request,
            actor=request.user,
            accept=data["decision"] == "accept",
            start=data["start"],
            notify=join_notify_for(request),
        ),
    ):
        done = (
            _("%(person)s is now a member.")
            if form.cleaned_data["decision"] == "accept"
            else _("The request of %(person)s was declined.")
        )
        messages.success(request, done % {"person": join_request.person})
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("collaborations:join-queue", pk=pk)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_collaboration(request.user):
        raise PermissionDenied(
            _("Only accounts with a confirmed e-mail address may create collaborations.")
        )
    form = CollaborationForm(request.POST or None)
    created: list[int] = []
    if request.method == "POST" and submit(
        form,
        lambda data: created.append(joining.do_create_collaboration(actor=request.user, **data).pk),
    ):
        messages.success(request, _("The collaboration was created; you administer it."))
        return redirect("collaborations:manage", pk=created[0])
    return render(
        request, "collaborations/create.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def administrators(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = access.access_collaboration(request.user, pk, to="administer")
    form = AdministratorForm(request.POST or None)
    if request.method == "POST" and submit(
        form,
        lambda data: joining.do_add_administrator(
            collaboration, actor=request.user, user=account_with_email(data["email"])
        ),
    ):
        messages.success(request, _("The administrator was added."))
        return redirect("collaborations:administrators", pk=pk)
    context = {
        "collaboration": collaboration,
        "form": form,
        "administrators": queries.list_administrators(collaboration),
    }
    return render(
        request,
        "collaborations/administrators.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def remove_administrator(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST removes, never the last administrator."""
    collaboration = access.access_collaboration(request.user, pk, to="administer")
    admin = access.access_administrator(collaboration, user_pk)
    back = reverse("collaborations:administrators", args=[pk])
    if request.method == "POST":
        try:
            joining.do_remove_administrator(collaboration, actor=request.user, user=admin)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The administrator was removed."))
        return redirect(back)
    return confirm_page(
        request,
        question=_("Remove %(user)s from the administrators of %(collaboration)s?")
        % {"user": admin.email, "collaboration": collaboration},
        confirm_label=_("Remove administrator"),
        cancel=back,
    )
