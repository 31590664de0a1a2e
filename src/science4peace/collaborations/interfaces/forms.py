from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.domain import queries
from science4peace.collaborations.models import Collaboration, Resource, WorkContribution
from science4peace.institutions.interfaces.pickers import InstitutionField
from science4peace.people.interfaces.pickers import PersonField

DATE = forms.DateInput(attrs={"type": "date"})


class MemberFilterForm(forms.Form):
    """The members page's filters (a GET form). The institution is picked by typing part of
    its name among the institutions of the collaboration's memberships
    (``collaborations:pick-institution``); without JavaScript the text typed is searched when
    the form is sent."""

    role = forms.ChoiceField(required=False, label=_("Role"))
    active_on = forms.DateField(required=False, label=_("Member on"), widget=DATE)

    def __init__(self, *args, collaboration: Collaboration, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"] = InstitutionField(
            label=_("Institution"),
            required=False,
            search=lambda q: queries.membership_institutions(collaboration, q=q),
            lookup=lambda ids: queries.membership_institutions(collaboration, ids=ids),
            search_url=reverse("collaborations:pick-institution", args=[collaboration.pk]),
        )
        self.order_fields(["institution", "role", "active_on"])
        self.fields["role"].choices = [("", _("All")), *((r, r) for r in roles)]


class WorkContributionForm(forms.ModelForm):
    evidence = forms.URLField(label=_("evidence link"), required=False, assume_scheme="https")

    class Meta:
        model = WorkContribution
        fields = ["kind", "description", "start", "end", "evidence"]
        widgets = {"start": DATE, "end": DATE}


class MembershipForm(forms.Form):
    person = PersonField(label=_("Person"))
    institution = InstitutionField(label=_("Institution"))
    role = forms.CharField(label=_("Role"), max_length=100, initial="member")
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Resource.Kind.choices)
    sensitivity = forms.ChoiceField(label=_("Sensitivity"), choices=Resource.Sensitivity.choices)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    upload = forms.FileField(label=_("or a file"), required=False)


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Last day"), widget=DATE)


class JoinRequestForm(forms.Form):
    institution = InstitutionField(label=_("Institution you join through"))
    message = forms.CharField(
        label=_("Message to the administrators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are and what you would work on."),
    )


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    start = forms.DateField(
        label=_("Member from"),
        required=False,
        widget=DATE,
        help_text=_("Empty: today."),
    )


class CollaborationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    start = forms.DateField(label=_("Start"), widget=DATE)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class AdministratorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"), max_length=254)
