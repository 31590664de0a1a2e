from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.events.domain.changes import EVENT_FIELDS
from science4peace.events.models import Contribution, Event, Session, Track


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
        }


class TrackForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=150)
    position = forms.IntegerField(label=_("position"), min_value=0, max_value=1000, initial=0)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=250)
    kind = forms.ChoiceField(label=_("kind"), choices=Session.Kind.choices)
    track = forms.ModelChoiceField(label=_("track"), queryset=Track.objects.none(), required=False)
    day = forms.DateField(label=_("day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    repeat_weeks = forms.IntegerField(
        label=_("repeat weekly"),
        min_value=0,
        max_value=52,
        initial=0,
        required=False,
        help_text=_("Add this many weekly copies (seminar series)."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = event.tracks.all()


class ContributionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Contribution.Kind.choices)
    abstract = forms.CharField(
        label=_("abstract"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    session = forms.ModelChoiceField(
        label=_("session"), queryset=Session.objects.none(), required=False
    )
    day = forms.DateField(
        label=_("day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label=_("starts"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration = forms.IntegerField(label=_("duration (minutes)"), min_value=1, max_value=1440)
    speakers = forms.CharField(
        label=_("speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('One per line: "Given Family", an ORCID iD, or #person-number.'),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.select_related("track")

    def clean(self):
        data = super().clean()
        if bool(data.get("day")) != bool(data.get("start")):
            raise forms.ValidationError(_("Give both the day and the time, or neither."))
        return data


class MaterialsForm(forms.Form):
    slides = forms.FileField(label=_("slides (PDF)"), required=False)
    recording_url = forms.URLField(label=_("recording link"), required=False, assume_scheme="https")


class RegistrationForm(forms.Form):
    city = forms.CharField(
        label=_("city (optional)"),
        max_length=150,
        required=False,
        help_text=_("Used only to show times in your zone and to estimate travel avoided."),
    )
    timezone = forms.CharField(
        label=_("time zone (optional)"),
        max_length=64,
        required=False,
        help_text=_("IANA name, for example Europe/Moscow"),
    )
    consent = forms.BooleanField(label=_("I agree"), required=False)


class ApplicationForm(RegistrationForm):
    motivation = forms.CharField(
        label=_("motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "The selection committee reads it without your name, institution or location; "
            "leave them out of the text."
        ),
    )
    cv = forms.FileField(
        label=_("CV (PDF, optional)"),
        required=False,
        help_text=_("Leave your name and contact details out of it, too."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("accept")), ("reject", _("reject"))], widget=forms.RadioSelect
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Indico export (JSON)"),
        help_text=_(
            "Saved from /export/event/ID.json?detail=sessions on the Indico server "
            "(detail=contributions works too, but has no session blocks)."
        ),
    )


class FairnessForm(forms.Form):
    lambda1 = forms.FloatField(
        label=_("weight of fairness to participants (λ1)"), min_value=0, max_value=10, initial=0.3
    )
    lambda2 = forms.FloatField(
        label=_("weight of fairness to speakers (λ2)"), min_value=0, max_value=10, initial=0.1
    )


class InterestsForm(forms.Form):
    talk = forms.ModelMultipleChoiceField(queryset=Contribution.objects.none(), required=False)

    def __init__(self, *args, talks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["talk"].queryset = talks
