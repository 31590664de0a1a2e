from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.core.identifiers import clean_orcid
from science4peace.core.interfaces.pickers import ZoneField
from science4peace.institutions.interfaces.pickers import InstitutionField
from science4peace.people.domain.people import check_timezone
from science4peace.people.models import Affiliation, Person


class ProfileForm(forms.ModelForm):
    """Field checks that need the database (ORCID uniqueness, time zones) run in the domain
    function; its ValidationErrors are attached to these fields by the view."""

    orcid = forms.CharField(
        label=_("ORCID iD"),
        required=False,
        max_length=60,
        help_text=_("For example 0000-0002-1825-0097"),
    )

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "paper_name",
            "native_name",
            "orcid",
            "city",
            "location_country",
            "latitude",
            "longitude",
            "timezone",
        ]
        field_classes = {"timezone": ZoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_name"].required = True

    def clean_orcid(self) -> str | None:
        value = (self.cleaned_data.get("orcid") or "").strip()
        if not value:
            return None
        return clean_orcid(value)

    def clean_timezone(self) -> str:
        return check_timezone(self.cleaned_data.get("timezone") or "")


class AffiliationForm(forms.ModelForm):
    institution = InstitutionField(label=_("institution"))

    class Meta:
        model = Affiliation
        fields = ["institution", "role", "kind", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }


class TokenForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or ORCID"), required=False, max_length=200)
