from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, validate_one_line, validate_text
from science4peace.lib.matching import ARXIV_CLASSES, split
from science4peace.papers.models import Paper
from science4peace.projects.models import Project

SUBJECTS = [(code, f"{code} — {name}") for code, name in ARXIV_CLASSES.items()]
LIST_HELP = _("Separate them with commas.")


class TermsField(forms.CharField):
    """A typed list ("jets, unfolding") as a list of strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 3000)
        kwargs.setdefault("help_text", LIST_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        return split(super().to_python(value))

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def run_validators(self, value):
        super().run_validators(", ".join(str(item) for item in value))


class RecordsField(TermsField):
    """Catalog record IDs (recids) as a list of integers."""

    def to_python(self, value):
        items = super().to_python(value)
        bad = [item for item in items if not item.isdigit() or len(item) > 10]
        if bad:
            raise forms.ValidationError(
                _("Not a record ID: %(items)s") % {"items": ", ".join(bad[:5])}
            )
        return [int(item) for item in items]


class NeedsForm(forms.Form):
    subjects = forms.MultipleChoiceField(
        label=_("arXiv subject classes"),
        choices=SUBJECTS,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    keywords = TermsField(label=_("Keywords"))
    skills = TermsField(label=_("Skills and knowledge"))


class ProjectForm(NeedsForm):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_one_line])
    kind = forms.ChoiceField(label=_("Kind"), choices=Project.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LIMITS["DESCRIPTION"],
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown; math between $...$ or $$...$$."),
    )
    records = RecordsField(
        label=_("Catalog records (record IDs)"),
        help_text=_("The record IDs of the open data the project uses, separated by commas."),
    )
    open_for_members = forms.BooleanField(
        label=_("Open for new members"), required=False, initial=True
    )
    auto_accept = forms.BooleanField(label=_("Accept everyone automatically"), required=False)
    field_order = ["title", "kind", "description", "records", "subjects", "keywords", "skills"]


class ProjectEditForm(ProjectForm):
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    field_order = ["title", "kind", "status", "description", "records"]


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A short message to the leads"),
        required=False,
        max_length=500,
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    """The button a lead pressed on a request to join: anything else decides nothing."""

    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class PaperForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the paper"), max_length=300, validators=[validate_one_line]
    )
    policy = forms.ChoiceField(
        label=_("Author-list policy"),
        choices=Paper.Policy.choices,
        initial=Paper.Policy.EQUAL_AFFILIATIONS,
    )


class InterestsForm(NeedsForm):
    experiments = TermsField(
        label=_("Open-data experiments"), help_text=_("For example CMS, ATLAS, LHCb.")
    )
    suggestable = forms.BooleanField(
        label=_("Suggest me to projects whose needs fit my interests"),
        required=False,
        initial=True,
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *Project.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *Project.Status.choices]
    )
    open = forms.ChoiceField(
        label=_("Open for new members"),
        required=False,
        choices=[("", _("any")), ("yes", _("yes")), ("no", _("no"))],
    )
    experiment = forms.CharField(
        label=_("Experiment"), required=False, max_length=60, validators=[validate_one_line]
    )
    interest = forms.CharField(
        label=_("Interest (subject class or keyword)"),
        required=False,
        max_length=60,
        validators=[validate_one_line],
    )

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "status": data["status"],
            "open_for_members": {"yes": True, "no": False}.get(data["open"]),
            "experiment": data["experiment"],
            "interest": data["interest"],
        }
