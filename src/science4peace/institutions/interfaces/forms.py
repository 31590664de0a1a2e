from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.institutions.models import Institution


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or INSPIRE code"), required=False, max_length=200)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Institution.Kind.choices]
    )
