from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.core.forms import QuestionForm as QuestionForm  # the one form builder
from science4peace.core.forms import pop_answers, question_fields
from science4peace.events.models import Track
from science4peace.review.domain.submissions import AuthorIn, parse_authors
from science4peace.review.models import Bid, Call, Review, Submission
from science4peace.review.models.calls import KINDS

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
KIND_LABELS = {"talk": _("talk"), "poster": _("poster"), "lecture": _("lecture")}


class CallForm(forms.ModelForm):
    opens = forms.DateTimeField(
        label=_("opens"), widget=LOCAL, help_text=_("In the event's time zone.")
    )
    closes = forms.DateTimeField(
        label=_("closes"), widget=LOCAL, help_text=_("In the event's time zone.")
    )
    extended_until = forms.DateTimeField(
        label=_("extended until"),
        widget=LOCAL,
        required=False,
        help_text=_("Late submissions are taken until then; empty: none."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("contribution kinds"),
        choices=[(k, KIND_LABELS[k]) for k in KINDS],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = [
            "opens",
            "closes",
            "extended_until",
            "kinds",
            "blindness",
            "reviewers_per_submission",
            "max_load",
            "score_min",
            "score_max",
            "abstract_limit",
            "book_policy",
            "text",
        ]


AUTHORS_HELP = _(
    "One author a line: name; ORCID iD; affiliation; e-mail (all but the name may be empty). "
    "Put * before the name of who presents."
)


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    abstract = forms.CharField(
        label=_("abstract"), widget=forms.Textarea, help_text=_("Markdown; $...$ for LaTeX math.")
    )
    keywords = forms.CharField(
        label=_("keywords"), max_length=500, required=False, help_text=_("Separated by commas.")
    )
    track = forms.ModelChoiceField(label=_("track"), queryset=Track.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("kind"))
    authors = forms.CharField(
        label=_("authors"), widget=forms.Textarea(attrs={"rows": 4}), help_text=AUTHORS_HELP
    )
    pdf = forms.FileField(
        label=_("PDF (optional)"), required=False, help_text=_("Its metadata is removed on upload.")
    )
    declared_conflicts = forms.CharField(
        label=_("conflicts of interest"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Names or ORCID iDs of people who should not review this, one per line."),
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["track"].queryset = Track.objects.filter(event_id=call.event_id)
        self.fields["kind"].choices = [(k, KIND_LABELS[k]) for k in call.kinds]
        question_fields(self, call.questions.all())

    def clean_authors(self) -> list[AuthorIn]:
        return parse_authors(self.cleaned_data["authors"])

    def domain_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        answers = pop_answers(data)
        data["answers"] = answers
        return data


def authors_text(submission: Submission) -> str:
    return "\n".join(
        ("*" if a.presents else "")
        + "; ".join([a.name, a.orcid, a.affiliation, a.email]).rstrip("; ")
        for a in submission.authors.all()
    )


class ExpertiseForm(forms.Form):
    keywords = forms.CharField(
        label=_("keywords of expertise"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas."),
    )


class BidForm(forms.Form):
    level = forms.ChoiceField(
        label=_("bid"), choices=[("", "—"), *Bid.Level.choices], required=False
    )


class DeclareForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)


class RulingForm(forms.Form):
    code = forms.CharField(label=_("submission"), max_length=8)
    reviewer = forms.TypedChoiceField(label=_("reviewer"), coerce=int)
    lift = forms.BooleanField(label=_("lift a found conflict (else add one)"), required=False)
    reason = forms.CharField(label=_("reason"), max_length=300)

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = reviewers


class PairForm(forms.Form):
    code = forms.CharField(label=_("submission"), max_length=8)
    reviewer = forms.TypedChoiceField(label=_("reviewer"), coerce=int)
    remove = forms.BooleanField(label=_("remove"), required=False)

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = reviewers


class ReviewForm(forms.Form):
    score = forms.IntegerField(label=_("score"))
    confidence = forms.TypedChoiceField(
        label=_("confidence"), choices=Review.Confidence.choices, coerce=int
    )
    to_authors = forms.CharField(
        label=_("comments to the authors"), widget=forms.Textarea, required=False, max_length=10000
    )
    to_committee = forms.CharField(
        label=_("comments to the committee"),
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["score"] = forms.IntegerField(
            label=_("score"),
            min_value=call.score_min,
            max_value=call.score_max,
            help_text=_("From %(low)s to %(high)s.")
            % {"low": call.score_min, "high": call.score_max},
        )
        self.order_fields(["score", "confidence", "to_authors", "to_committee"])


DECISIONS = [
    (Submission.Decision.TALK, _("accept as a talk")),
    (Submission.Decision.POSTER, _("accept as a poster")),
    (Submission.Decision.REJECT, _("reject")),
]


class DecisionForm(forms.Form):
    codes = forms.CharField(
        label=_("submissions"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Codes, separated by spaces or commas."),
    )
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS)

    def __init__(self, *args: Any, school: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if school:  # a school's places are offered from the ranking; here one only rejects
            self.fields["decision"].choices = [c for c in DECISIONS if c[0] == "reject"]

    def clean_codes(self) -> list[str]:
        codes = [c.strip().upper() for c in self.cleaned_data["codes"].replace(",", " ").split()]
        if not codes:
            raise forms.ValidationError(_("Choose at least one submission."))
        return codes
