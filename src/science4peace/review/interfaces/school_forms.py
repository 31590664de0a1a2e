"""Forms of a school's selection: its settings and the follow-up form of an offered place
(custom questions from the one builder, ``core.forms.question_fields``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.core.forms import pop_answers, question_fields


class SchoolForm(forms.Form):
    places = forms.IntegerField(label=_("places"), min_value=1, max_value=10000)
    confirm_days = forms.IntegerField(
        label=_("days to confirm a place"),
        min_value=1,
        max_value=365,
        help_text=_("After this many days an unconfirmed place passes to the next applicant."),
    )


class ButtonForm(forms.Form):
    """No field: a button's form, to carry the domain's error onto the page."""


ATTEND = [("yes", _("I confirm that I will attend")), ("no", _("I decline the place"))]


class FollowUpForm(forms.Form):
    attend = forms.ChoiceField(label=_("attendance"), choices=ATTEND, widget=forms.RadioSelect)
    consent = forms.BooleanField(label=_("consent"), required=False)

    def __init__(self, *args: Any, questions: list[Any], consent_text: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text
        question_fields(self, questions)
        self.declining = self.data.get("attend") == "no"
        if self.declining:  # declining asks nothing more
            for name, field in self.fields.items():
                if name.startswith("q_"):
                    field.required = False

    def domain_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        answers = pop_answers(data)
        return {"attend": data["attend"] == "yes", "consent": data["consent"], "answers": answers}
