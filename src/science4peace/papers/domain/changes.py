"""Creating papers and editing their frozen author lists; every change has a reason and is
recorded on the paper and in the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from science4peace.collaborations.domain.queries import authors_on_date
from science4peace.collaborations.models import Collaboration
from science4peace.collaborations.rules import is_administrator
from science4peace.core import audit
from science4peace.core.validators import validate_one_line
from science4peace.institutions.models import Institution
from science4peace.papers import rules
from science4peace.papers.domain.signoffs import ask_authors
from science4peace.papers.models import AuthorListChange, Paper, PaperAuthor
from science4peace.people.models import Affiliation, Person

REASON_LIMIT = AuthorListChange._meta.get_field("reason").max_length or 500


def check_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this change.")})
    try:
        validate_one_line(reason.strip())
        MaxLengthValidator(REASON_LIMIT)(reason.strip())
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error
    return reason.strip()


def _require_editor(actor: Any, paper: Paper) -> None:
    if not rules.can_edit_paper(actor, paper):
        raise PermissionDenied(_("Only the paper's editors may do this."))


def _record(paper: Paper, *, actor: Any, action: str, subject: str, reason: str) -> None:
    AuthorListChange.objects.create(
        paper=paper, action=action, subject=subject[:300], reason=reason[:500], actor=actor
    )
    audit.record(
        actor=actor,
        action=f"paper.{action}",
        obj=paper,
        after={"subject": subject, "reason": reason},
    )


def _freeze(paper: Paper, rows: list[tuple[Any, list[int]]]) -> None:
    """Author rows as the people are today (a Person or the author-list row of one), each
    with the given institutions; each author is asked to sign off their entry."""
    frozen = PaperAuthor.objects.bulk_create(
        PaperAuthor(
            paper=paper,
            person_id=person.pk,
            given_name=person.given_name,
            family_name=person.family_name,
            paper_name=person.paper_name,
            native_name=person.native_name,
            orcid=person.orcid or "",
        )
        for person, _institutions in rows
    )
    links = PaperAuthor.institutions.through
    links.objects.bulk_create(
        links(paperauthor_id=author.pk, institution_id=institution_id)
        for author, (_person, institutions) in zip(frozen, rows, strict=True)
        for institution_id in institutions
    )
    ask_authors(paper, frozen)


@transaction.atomic
def do_create_paper(
    collaboration: Collaboration,
    *,
    actor: Any,
    title: str,
    reference_date: dt.date,
    policy: str = Paper.Policy.EQUAL_AFFILIATIONS,
) -> Paper:
    """Create the paper and freeze its authors: those eligible on the reference date."""
    if not is_administrator(actor, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    paper = Paper(
        collaboration=collaboration,
        title=title.strip(),
        reference_date=reference_date,
        policy=policy,
    )
    paper.full_clean()
    paper.save()
    rows = authors_on_date(collaboration, reference_date)
    _freeze(paper, [(row.person, [i.pk for i in row.institutions]) for row in rows])
    _record(
        paper,
        actor=actor,
        action=AuthorListChange.Action.FREEZE,
        subject=f"{len(rows)} authors on {reference_date.isoformat()}",
        reason=_("authorship rules of %(collaboration)s") % {"collaboration": collaboration},
    )
    return paper


def institutions_on(people: list[Person], day: dt.date) -> dict[int, list[int]]:
    """Each person's institutions on ``day`` (primary first), from their affiliations."""
    found: dict[int, list[int]] = {person.pk: [] for person in people}
    current = (
        Affiliation.objects.filter(person__in=people, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("person_id", "-kind", "start", "id")
        .values_list("person_id", "institution_id")
    )
    for person_id, institution_id in current:
        if institution_id not in found[person_id]:
            found[person_id].append(institution_id)
    return found


@transaction.atomic
def do_create_paper_of_people(
    *,
    actor: Any,
    people: list[Person],
    editors: list[Any],
    title: str,
    reference_date: dt.date,
    policy: str = Paper.Policy.EQUAL_AFFILIATIONS,
    origin: str,
) -> Paper:
    """A paper without a collaboration whose authors are ``people`` with their affiliations
    on the reference date, every one treated the same way by the chosen policy; ``editors``
    (who must include the actor) may change it. ``origin`` says where the list comes from
    ("members of project ..."), for the paper's history."""
    if not actor.is_authenticated or actor.pk not in {editor.pk for editor in editors}:
        raise PermissionDenied(_("Only the paper's editors may create it."))
    if not people:
        raise ValidationError(_("A paper needs at least one author."))
    paper = Paper(title=title.strip(), reference_date=reference_date, policy=policy)
    paper.full_clean()
    paper.save()
    paper.editors.set(editors)
    institutions = institutions_on(people, reference_date)
    _freeze(paper, [(person, institutions[person.pk]) for person in people])
    _record(
        paper,
        actor=actor,
        action=AuthorListChange.Action.FREEZE,
        subject=f"{len(people)} authors on {reference_date.isoformat()}",
        reason=origin,
    )
    return paper


@transaction.atomic
def do_add_author(
    paper: Paper, *, actor: Any, person: Person, institutions: list[Institution], reason: str
) -> PaperAuthor:
    _require_editor(actor, paper)
    reason = check_reason(reason)
    if paper.authors.filter(person=person).exists():
        raise ValidationError(
            {"person": _("%(person)s is already an author of this paper.") % {"person": person}}
        )
    author = PaperAuthor.objects.create(
        paper=paper,
        person=person,
        given_name=person.given_name,
        family_name=person.family_name,
        paper_name=person.paper_name,
        native_name=person.native_name,
        orcid=person.orcid or "",
    )
    author.institutions.set(institutions)
    ask_authors(paper, [author])
    _record(
        paper, actor=actor, action=AuthorListChange.Action.ADD, subject=str(author), reason=reason
    )
    return author


@transaction.atomic
def do_remove_author(author: PaperAuthor, *, actor: Any, reason: str) -> None:
    _require_editor(actor, author.paper)
    reason = check_reason(reason)
    _record(
        author.paper,
        actor=actor,
        action=AuthorListChange.Action.REMOVE,
        subject=str(author),
        reason=reason,
    )
    author.delete()


@transaction.atomic
def do_set_deceased(author: PaperAuthor, *, actor: Any, deceased: bool, reason: str) -> PaperAuthor:
    _require_editor(actor, author.paper)
    reason = check_reason(reason)
    author.deceased = deceased
    author.save(update_fields=["deceased"])
    action = AuthorListChange.Action.DECEASED if deceased else AuthorListChange.Action.ALIVE
    _record(author.paper, actor=actor, action=action, subject=str(author), reason=reason)
    return author


@transaction.atomic
def do_set_policy(paper: Paper, *, actor: Any, policy: str, reason: str) -> Paper:
    _require_editor(actor, paper)
    reason = check_reason(reason)
    if policy not in Paper.Policy.values:
        raise ValidationError({"policy": _("Unknown policy.")})
    paper.policy = policy
    paper.save(update_fields=["policy"])
    _record(
        paper, actor=actor, action=AuthorListChange.Action.POLICY, subject=policy, reason=reason
    )
    return paper
