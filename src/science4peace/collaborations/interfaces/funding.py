"""The form an administrator fills in for one member institution's funding agencies."""

from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.domain.funding import MAX_AGENCIES


class FundingForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    agencies = forms.CharField(
        label=_("Funding agencies"),
        required=False,
        max_length=MAX_AGENCIES * 210,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One agency a line, as the acknowledgements should name it."),
    )
