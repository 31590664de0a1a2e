from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.models import Collaboration
from science4peace.core.interfaces.pickers import PickerField
from science4peace.institutions.interfaces.pickers import InstitutionField
from science4peace.papers.domain import queries
from science4peace.papers.models import Paper
from science4peace.people.interfaces.pickers import PersonField

DATE = forms.DateInput(attrs={"type": "date"})


class PaperForm(forms.Form):
    collaboration = forms.ModelChoiceField(
        Collaboration.objects.order_by("name"), label=_("Collaboration")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    reference_date = forms.DateField(label=_("Reference date"), widget=DATE)
    policy = forms.ChoiceField(
        label=_("Author-list policy"),
        choices=Paper.Policy.choices,
        initial=Paper.Policy.EQUAL_AFFILIATIONS,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AddAuthorForm(ReasonForm):
    person = PersonField(label=_("Person"))
    institutions = InstitutionField(label=_("Institutions"), required=False, multiple=True)


class PolicyForm(ReasonForm):
    policy = forms.ChoiceField(label=_("Author-list policy"), choices=Paper.Policy.choices)


class AuditUploadForm(forms.Form):
    file = forms.FileField(label=_("Author list (authors.xml, CERN Open Data JSON, CSV, JSON)"))


class ChangeAuthorForm(ReasonForm):
    """Remove an author, or set or clear the deceased mark, with a reason."""

    OPERATIONS = [
        ("remove", _("Remove")),
        ("deceased", _("Mark deceased")),
        ("alive", _("Clear the deceased mark")),
    ]
    operation = forms.ChoiceField(label=_("Change"), choices=OPERATIONS)
    field_order = ["author", "operation", "reason"]

    def __init__(self, *args, paper: Paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"] = PickerField(
            label=_("Author"),
            search=lambda q: queries.list_authors(paper, q=q),
            lookup=lambda ids: queries.list_authors(paper).filter(pk__in=list(ids)),
            search_url=reverse("papers:pick-author", args=[paper.pk]),
            placeholder=_("Type part of the name or an ORCID iD"),
        )
        self.order_fields(self.field_order)


class SignoffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("My entry"),
        choices=[("confirm", _("is correct: I confirm it")), ("correct", _("needs a correction"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("What should be corrected"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Answer to the author"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DraftForm(forms.Form):
    file = forms.FileField(
        label=_("PDF of the draft"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )
    note = forms.CharField(label=_("Note (what changed)"), max_length=500, required=False)
