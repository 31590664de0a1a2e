"""Forms of the events pages. Organisers type wall-clock times in the event's zone: the
forms show stored (UTC) times in that zone and hand the domain naive local times, which it
converts to UTC (``domain.changes``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from science4peace.core.forms import pop_answers, question_fields
from science4peace.core.interfaces.pickers import ZoneField
from science4peace.events.domain import changes
from science4peace.events.domain.changes import EVENT_FIELDS
from science4peace.events.domain.messages import Audience
from science4peace.events.models import (
    Contribution,
    Event,
    EventRole,
    Registration,
    Session,
    Track,
)
from science4peace.lib.timezones import zone


def in_event_zone(instant: dt.datetime, event: Event) -> dt.datetime:
    return instant.astimezone(zone(event.timezone))


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
        field_classes = {"timezone": ZoneField}


class ZoneSwitchForm(forms.Form):
    """The timetable's "show in time zone" (a GET form: ``?tz=``)."""

    tz = ZoneField(label=_("Show in time zone"))


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

    def __init__(self, *args, event: Event, session: Session | None = None, **kwargs):
        if session is not None:
            start, end = in_event_zone(session.start, event), in_event_zone(session.end, event)
            kwargs["initial"] = {
                "title": session.title,
                "kind": session.kind,
                "track": session.track_id,
                "day": start.date(),
                "start": start.time(),
                "end": end.time(),
            }
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = event.tracks.all()

    def clean_repeat_weeks(self) -> int:
        return self.cleaned_data.get("repeat_weeks") or 0


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

    def __init__(
        self, *args, event: Event, contribution: Contribution | None = None, **kwargs
    ) -> None:
        if contribution is not None:
            kwargs["initial"] = self._initial(contribution, event)
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.select_related("track")

    @staticmethod
    def _initial(contribution: Contribution, event: Event) -> dict[str, Any]:
        start = in_event_zone(contribution.start, event) if contribution.start else None
        return {
            "title": contribution.title,
            "kind": contribution.kind,
            "abstract": contribution.abstract,
            "session": contribution.session_id,
            "day": start.date() if start else None,
            "start": start.time() if start else None,
            "duration": contribution.duration,
            "speakers": changes.speaker_lines(contribution),
        }

    def clean(self):
        data = super().clean()
        if bool(data.get("day")) != bool(data.get("start")):
            raise forms.ValidationError(_("Give both the day and the time, or neither."))
        return data

    def local_start(self) -> dt.datetime | None:
        """The start as naive wall-clock time in the event's zone, None if unscheduled."""
        data = self.cleaned_data
        if not data.get("day"):
            return None
        return dt.datetime.combine(data["day"], data["start"])


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
    # the zone is checked by do_register, with the consent, so that both errors show at once
    timezone = ZoneField(label=_("time zone (optional)"), required=False, check=False)
    consent = forms.BooleanField(label=_("I agree"), required=False)

    def __init__(self, *args: Any, questions: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        question_fields(self, questions)

    def answers(self) -> dict[int, str]:
        """The custom questions' answers, by question id."""
        return pop_answers(dict(self.cleaned_data))


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


class RegistrantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("everyone")), *Registration.Status.choices],
    )


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all kinds")), *Event.Kind.choices]
    )


class RoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=EventRole.Role.choices)


class MessageForm(forms.Form):
    """An organisers' message: to whom (groups, statuses, track, session) and what."""

    groups = forms.MultipleChoiceField(
        label=_("To"),
        choices=[
            ("registrants", _("registrants")),
            ("speakers", _("speakers")),
            ("committee", _("programme committee and reviewers")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    statuses = forms.MultipleChoiceField(
        label=_("Registrants with the status"),
        choices=Registration.Status.choices,
        initial=[Registration.Status.REGISTERED],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    track = forms.ModelChoiceField(Track.objects.none(), label=_("Only the track"), required=False)
    session = forms.ModelChoiceField(
        Session.objects.none(), label=_("Only the session"), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea)

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = event.tracks.order_by("position", "id")
        self.fields["session"].queryset = event.sessions.filter(kind="session").order_by(
            "start", "id"
        )

    def audience(self) -> Audience:
        data = self.cleaned_data
        return Audience(
            groups=tuple(data["groups"]),
            statuses=tuple(data["statuses"]),
            track=data["track"].pk if data["track"] else None,
            session=data["session"].pk if data["session"] else None,
        )
