from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.models import Resource, WorkContribution
from science4peace.institutions.models import Institution
from science4peace.people.models import Person

DATE = forms.DateInput(attrs={"type": "date"})


class MemberFilterForm(forms.Form):
    institution = forms.ModelChoiceField(
        Institution.objects.none(), required=False, label=_("Institution"), empty_label=_("All")
    )
    role = forms.ChoiceField(required=False, label=_("Role"))
    active_on = forms.DateField(required=False, label=_("Member on"), widget=DATE)

    def __init__(self, *args, institutions=None, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = (
            institutions if institutions is not None else Institution.objects.none()
        )
        self.fields["role"].choices = [("", _("All")), *((r, r) for r in roles)]


class WorkContributionForm(forms.ModelForm):
    evidence = forms.URLField(label=_("evidence link"), required=False, assume_scheme="https")

    class Meta:
        model = WorkContribution
        fields = ["kind", "description", "start", "end", "evidence"]
        widgets = {"start": DATE, "end": DATE}


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        Person.objects.order_by("family_name", "given_name"), label=_("Person")
    )
    institution = forms.ModelChoiceField(
        Institution.objects.order_by("name"), label=_("Institution")
    )
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
