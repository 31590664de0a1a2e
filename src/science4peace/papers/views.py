from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import attach_errors
from science4peace.core.uploads import check_upload
from science4peace.lib.authorlist.audit import audit
from science4peace.lib.authorlist.formats import FORMATS, render_prepared
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from science4peace.lib.authorlist.policy import prepare
from science4peace.papers import rules
from science4peace.papers.domain import changes, queries
from science4peace.papers.interfaces.downloads import CONTENT_TYPES
from science4peace.papers.interfaces.forms import (
    AddAuthorForm,
    AuditUploadForm,
    ChangeAuthorForm,
    PaperForm,
    PolicyForm,
)
from science4peace.papers.models import Paper


def paper_list(request: HttpRequest) -> HttpResponse:
    return render(request, "papers/list.html", {"papers": queries.list_papers()})


def _policy(request: HttpRequest, paper: Paper) -> str:
    policy = request.GET.get("policy", paper.policy)
    return policy if policy in Paper.Policy.values else paper.policy


def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=pk)
    policy = _policy(request, paper)
    prepared = prepare(queries.to_authorlist(paper), policy, allow_invalid_ids=True)
    editable = rules.can_edit_paper(request.user, paper)
    context = {
        "paper": paper,
        "policy": policy,
        "prepared": prepared,
        "numbered": list(enumerate(prepared.organisations, start=1)),
        "policies": Paper.Policy.choices,
        "formats": FORMATS,
        "editable": editable,
        "change_form": ChangeAuthorForm(prefix="change", paper=paper) if editable else None,
        "changes": paper.changes.select_related("actor"),
        "add_form": AddAuthorForm(prefix="add"),
        "policy_form": PolicyForm(prefix="policy", initial={"policy": paper.policy}),
    }
    return render(request, "papers/detail.html", context)


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=pk)
    if fmt not in FORMATS:
        return HttpResponse(_("Unknown format."), status=404, content_type="text/plain")
    policy = _policy(request, paper)
    authorlist = queries.to_authorlist(paper)
    text = render_prepared(prepare(authorlist, policy, allow_invalid_ids=True), authorlist, fmt)
    content_type, extension = CONTENT_TYPES[fmt]
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    filename = f"paper-{pk}-{policy}-{fmt}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = PaperForm(request.POST or None, initial={"collaboration": request.GET.get("c")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        collaboration = data.pop("collaboration")
        try:
            paper = changes.do_create_paper(collaboration, actor=request.user, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("papers:detail", pk=paper.pk)
    return render(request, "papers/create.html", {"form": form}, status=400 if form.errors else 200)


def _edit(request: HttpRequest, form, action) -> None:
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The author list was changed."))


@login_required
@require_POST
def add_author(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=pk)
    _edit(
        request,
        AddAuthorForm(request.POST, prefix="add"),
        lambda d: changes.do_add_author(
            paper,
            actor=request.user,
            person=d["person"],
            institutions=list(d["institutions"]),
            reason=d["reason"],
        ),
    )
    return redirect("papers:detail", pk=pk)


@login_required
@require_POST
def change_author(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=pk)
    form = ChangeAuthorForm(request.POST, prefix="change", paper=paper)

    def action(data: dict) -> None:
        author = data["author"]
        if data["operation"] == "remove":
            changes.do_remove_author(author, actor=request.user, reason=data["reason"])
        else:
            changes.do_set_deceased(
                author,
                actor=request.user,
                deceased=data["operation"] == "deceased",
                reason=data["reason"],
            )

    _edit(request, form, action)
    return redirect("papers:detail", pk=pk)


@login_required
@require_POST
def change_policy(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=pk)
    _edit(
        request,
        PolicyForm(request.POST, prefix="policy"),
        lambda d: changes.do_set_policy(
            paper, actor=request.user, policy=d["policy"], reason=d["reason"]
        ),
    )
    return redirect("papers:detail", pk=pk)


def audit_upload(request: HttpRequest) -> HttpResponse:
    """Audit any author list; nothing is stored."""
    form = AuditUploadForm(request.POST or None, request.FILES or None)
    result, warnings, status = None, [], 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            try:
                authorlist = parse(upload.read())
            except AuthorListError as error:
                form.add_error("file", str(error))
            else:
                result, warnings = audit(authorlist), authorlist.warnings
    if form.errors:
        status = 400
    return render(
        request,
        "papers/audit.html",
        {"form": form, "result": result, "warnings": warnings[:50]},
        status=status,
    )
