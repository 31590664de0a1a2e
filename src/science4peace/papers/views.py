from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import attach_errors, submit
from science4peace.core.interfaces.pagecache import public_page
from science4peace.core.interfaces.pickers import matches_page
from science4peace.lib.authorlist.formats import FORMATS
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.papers import rules
from science4peace.papers.domain import changes, drafts, queries, signoffs
from science4peace.papers.domain.access import (
    access_draft,
    access_drafts,
    access_own_entry,
    access_paper,
    access_signoff,
)
from science4peace.papers.interfaces.authorlists import audit_upload as audit_file
from science4peace.papers.interfaces.authorlists import render_paper_authorlist
from science4peace.papers.interfaces.forms import (
    AddAuthorForm,
    AuditUploadForm,
    ChangeAuthorForm,
    DraftForm,
    PaperForm,
    PolicyForm,
    ResolveForm,
    SignoffForm,
)
from science4peace.papers.models import Paper


def paper_list(request: HttpRequest) -> HttpResponse:
    return render(request, "papers/list.html", {"papers": queries.list_papers()})


def _bad_list(error: AuthorListError) -> HttpResponse:
    """The one error of rendering an author list, answered as the API answers it: 400 with
    the message that names the unknown format or policy."""
    return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")


@public_page(lambda pk: ("papers", "institutions"))
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = access_paper(request.user, pk)
    try:
        rendered = render_paper_authorlist(paper, policy=request.GET.get("policy", ""))
    except AuthorListError as error:
        return _bad_list(error)
    editable = rules.can_edit_paper(request.user, paper)
    context = {
        "paper": paper,
        "policy": rendered.policy,
        "prepared": rendered.prepared,
        "numbered": list(enumerate(rendered.prepared.organisations, start=1)),
        "policies": Paper.Policy.choices,
        "formats": FORMATS,
        "editable": editable,
        "changes": queries.list_changes(paper),
        "signoffs": queries.signoff_summary(paper),
        "is_author": queries.is_author(paper, request.user),
    }
    if rules.can_read_drafts(request.user, paper):
        context |= _drafts_context(request, paper, None)
    return render(request, "papers/detail.html", context)


def _drafts_context(request: HttpRequest, paper: Paper, form: DraftForm | None) -> dict:
    uploader = rules.can_upload_draft(request.user, paper)
    return {
        "paper": paper,
        "drafts": list(queries.drafts_of(paper)),
        "draft_form": (form or DraftForm()) if uploader else None,
        "discussion": drafts.discussion_of(paper),
    }


@login_required
def draft_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafts of a paper, for its authors and contact persons; contact persons upload the
    next version here. An htmx request gets the list alone."""
    paper = access_drafts(request.user, pk)
    form = None
    if request.method == "POST":
        paper = access_drafts(request.user, pk, to="upload")
        form = DraftForm(request.POST, request.FILES)
        uploaded: list = []

        def upload(data: dict[str, Any]) -> None:
            uploaded.append(
                drafts.do_upload_draft(
                    paper,
                    actor=request.user,
                    file=data["file"],
                    note=data["note"],
                    language=translation.get_language() or "en",
                )
            )

        if submit(form, upload):
            messages.success(
                request,
                _("Draft %(version)s is uploaded; the authors are told.")
                % {"version": uploaded[0].version},
            )
            return redirect("papers:drafts", pk=pk)
    context = _drafts_context(request, paper, form)
    if request.htmx:
        return render(request, "papers/drafts.html#drafts", context)
    status = 400 if form is not None and form.errors else 200
    return render(request, "papers/drafts.html", context, status=status)


@login_required
def draft_download(request: HttpRequest, pk: int, version: int) -> FileResponse:
    """One version's PDF, for the paper's authors and contact persons only."""
    draft = access_draft(request.user, pk, version)
    return FileResponse(
        draft.file.open("rb"),
        as_attachment=True,
        filename=f"paper-{pk}-draft-{version}.pdf",
        content_type="application/pdf",
    )


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    paper = access_paper(request.user, pk)
    try:
        rendered = render_paper_authorlist(paper, policy=request.GET.get("policy", ""), fmt=fmt)
    except AuthorListError as error:
        return _bad_list(error)
    response = HttpResponse(rendered.text, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = PaperForm(request.POST or None, initial={"collaboration": request.GET.get("c")})
    created: list[Paper] = []

    def create_paper(data: dict[str, Any]) -> None:
        data = dict(data)
        collaboration = data.pop("collaboration")
        created.append(changes.do_create_paper(collaboration, actor=request.user, **data))

    if request.method == "POST" and submit(form, create_paper):
        return redirect("papers:detail", pk=created[0].pk)
    return render(request, "papers/create.html", {"form": form}, status=400 if form.errors else 200)


def pick_author(request: HttpRequest, pk: int) -> HttpResponse:
    """The matches of the author picker of the edit page (the author list is public)."""
    paper = access_paper(request.user, pk)
    return matches_page(request, search=lambda q: queries.list_authors(paper, q=q))


def _edit_page(
    request: HttpRequest, paper: Paper, *, failed: BaseForm | None = None
) -> HttpResponse:
    """The edit page: the policy, adding an author, changing one; the form that failed is
    shown again with its errors (and a picker's matches to choose from)."""
    forms: dict[str, BaseForm] = {
        "policy": PolicyForm(prefix="policy", initial={"policy": paper.policy}),
        "add": AddAuthorForm(prefix="add"),
        "change": ChangeAuthorForm(prefix="change", paper=paper),
    }
    if failed is not None:
        forms[failed.prefix or ""] = failed
    context = {
        "paper": paper,
        "author_count": queries.list_authors(paper).count(),
        "policy_form": forms["policy"],
        "add_form": forms["add"],
        "change_form": forms["change"],
        "changes": queries.list_changes(paper)[:20],
    }
    return render(request, "papers/edit.html", context, status=400 if failed else 200)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit_page(request, access_paper(request.user, pk, to="edit"))


def _edit(request: HttpRequest, paper: Paper, form: BaseForm, action: Any) -> HttpResponse:
    """Run the change and go back to the edit page; a form error shows the form again."""
    if not form.is_valid():
        return _edit_page(request, paper, failed=form)
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return _edit_page(request, paper, failed=form)
    messages.success(request, _("The author list was changed."))
    return redirect("papers:edit", pk=paper.pk)


@login_required
@require_POST
def add_author(request: HttpRequest, pk: int) -> HttpResponse:
    paper = access_paper(request.user, pk, to="edit")
    return _edit(
        request,
        paper,
        AddAuthorForm(request.POST, prefix="add"),
        lambda d: changes.do_add_author(
            paper,
            actor=request.user,
            person=d["person"],
            institutions=list(d["institutions"]),
            reason=d["reason"],
        ),
    )


@login_required
@require_POST
def change_author(request: HttpRequest, pk: int) -> HttpResponse:
    paper = access_paper(request.user, pk, to="edit")
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

    return _edit(request, paper, form, action)


@login_required
@require_POST
def change_policy(request: HttpRequest, pk: int) -> HttpResponse:
    paper = access_paper(request.user, pk, to="edit")
    return _edit(
        request,
        paper,
        PolicyForm(request.POST, prefix="policy"),
        lambda d: changes.do_set_policy(
            paper, actor=request.user, policy=d["policy"], reason=d["reason"]
        ),
    )


def audit_upload(request: HttpRequest) -> HttpResponse:
    """Audit any author list; nothing is stored."""
    form = AuditUploadForm(request.POST or None, request.FILES or None)
    result, warnings = None, []
    if request.method == "POST" and form.is_valid():
        try:
            result, warnings = audit_file(form.cleaned_data["file"])
        except ValidationError as error:
            attach_errors(form, error)
    return render(
        request,
        "papers/audit.html",
        {"form": form, "result": result, "warnings": warnings[:50]},
        status=400 if form.errors else 200,
    )


@login_required
def my_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The author checks their own entry and confirms it or asks for a correction."""
    author = access_own_entry(request.user, pk)
    signoff = queries.signoff_of(author)
    form = SignoffForm(request.POST or None)

    def answer(data: dict[str, Any]) -> None:
        signoffs.do_answer(
            author,
            actor=request.user,
            confirm=data["decision"] == "confirm",
            message=data["message"],
        )

    if request.method == "POST" and submit(form, answer):
        if form.cleaned_data["decision"] == "confirm":
            messages.success(request, _("Thank you: your entry is confirmed."))
        else:
            messages.success(request, _("Your request was sent to the paper's contact persons."))
        return redirect("papers:my-entry", pk=pk)
    context = {
        "paper": author.paper,
        "entry": queries.entry_of(author),
        "signoff": signoff,
        "form": form,
    }
    return render(request, "papers/my_entry.html", context, status=400 if form.errors else 200)


@login_required
def signoff_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact persons' view: every answer with its message, reminders, resolutions."""
    paper = access_paper(request.user, pk, to="edit")
    context = {
        "paper": paper,
        "rows": queries.signoffs_of(paper),
        "summary": queries.signoff_summary(paper),
        "resolve_form": ResolveForm(),
    }
    return render(request, "papers/signoffs.html", context)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    paper = access_paper(request.user, pk, to="edit")
    count = signoffs.do_remind(paper, actor=request.user)
    messages.success(request, _("%(count)s author(s) reminded.") % {"count": count})
    return redirect("papers:signoffs", pk=pk)


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int, author_id: int) -> HttpResponse:
    signoff = access_signoff(request.user, pk, author_id)
    form = ResolveForm(request.POST)
    if submit(form, lambda d: signoffs.do_resolve(signoff, actor=request.user, **d)):
        messages.success(request, _("The author is asked to check the entry again."))
        return redirect("papers:signoffs", pk=pk)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("papers:signoffs", pk=pk)
