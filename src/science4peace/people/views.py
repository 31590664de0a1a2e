from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.compression import uncompressed
from science4peace.core.confirm import confirm_page
from science4peace.core.forms import submit
from science4peace.core.interfaces.pickers import matches_page
from science4peace.people.domain import access, queries, tokens
from science4peace.people.domain import people as people_domain
from science4peace.people.interfaces.forms import (
    AffiliationForm,
    PeopleSearchForm,
    ProfileForm,
    TokenForm,
)
from science4peace.people.interfaces.pickers import person_label, search_people
from science4peace.people.models import Person

PAGE_SIZE = 50


def person_list(request: HttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"].strip() if valid else ""
    page = Paginator(queries.list_people(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "people/list.html#results" if request.htmx else "people/list.html"
    return render(
        request, template, {"page": page, "q": q, "form": form}, status=200 if valid else 400
    )


def pick(request: HttpRequest) -> HttpResponse:
    """The matches of a person picker (``people.interfaces.pickers``); people are public."""
    return matches_page(request, search=search_people, describe=person_label)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk)
    return render(request, "people/detail.html", {"person": person})


@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = access.access_own_person(request.user)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and submit(
        form, lambda data: _update_profile(person, actor=request.user, data=data)
    ):
        messages.success(request, _("Your profile was saved."))
        return redirect("people:me")
    context = {
        "form": form,
        "person": queries.get_person(person.pk),
        "affiliation_form": AffiliationForm(),
    }
    return render(request, "people/me.html", context, status=400 if form.errors else 200)


def _update_profile(person: Person, *, actor: Any, data: dict[str, Any]) -> None:
    """The form's instance was changed by its validation: the domain starts from the stored
    record, so that the audit log shows the real "before"."""
    changes = {name: value for name, value in data.items() if name != "location_country"}
    changes["location_country_id"] = getattr(data["location_country"], "pk", None)
    person.refresh_from_db()
    people_domain.do_update_person(person, actor=actor, **changes)


@login_required
@require_POST
def add_affiliation(request: HttpRequest) -> HttpResponse:
    person = access.access_own_person(request.user)
    form = AffiliationForm(request.POST)
    if submit(
        form, lambda data: people_domain.do_add_affiliation(person, actor=request.user, **data)
    ):
        messages.success(request, _("The affiliation was added."))
        return redirect("people:me")
    context = {
        "form": ProfileForm(instance=person),
        "person": queries.get_person(person.pk),
        "affiliation_form": form,
    }
    return render(request, "people/me.html", context, status=400)


@login_required
def remove_affiliation(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST removes."""
    affiliation = access.access_affiliation(request.user, pk, to="edit")
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Remove your affiliation with %(institution)s?")
            % {"institution": affiliation.institution},
            confirm_label=_("Remove"),
            cancel=reverse("people:me"),
        )
    people_domain.do_remove_affiliation(affiliation, actor=request.user)
    messages.success(request, _("The affiliation was removed."))
    return redirect("people:me")


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.do_create_api_token(
            actor=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": queries.list_api_tokens(request.user)}
    response = render(request, "people/tokens.html", context)
    return uncompressed(response) if secret else response


@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST revokes."""
    token = access.access_api_token(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Revoke the API token “%(name)s”? Programs using it stop working.")
            % {"name": token.name},
            confirm_label=_("Revoke"),
            cancel=reverse("people:tokens"),
        )
    tokens.do_revoke_api_token(token, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("people:tokens")
