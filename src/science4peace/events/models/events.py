import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line, validate_zone
from science4peace.lib.timezones import local


class Event(models.Model):
    """A fully online conference, workshop, seminar series or school. Times of its programme
    are stored in UTC; ``timezone`` is the zone its organisers plan in."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("conference")
        WORKSHOP = "workshop", _("workshop")
        SERIES = "series", _("seminar series")
        SCHOOL = "school", _("school")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: listed")
        UNLISTED = "unlisted", _("unlisted: anyone with the link")
        PRIVATE = "private", _("private: organisers only")

    class Video(models.TextChoices):
        NONE = "none", _("no video room")
        JITSI = "jitsi", _("Jitsi Meet")
        BBB = "bbb", _("BigBlueButton")

    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=250, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONFERENCE)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Markdown; $...$ for LaTeX math."),
        max_length=TEXT_LIMITS["DESCRIPTION"],
        validators=text_limit(TEXT_LIMITS["DESCRIPTION"]),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_zone],
        help_text=_("IANA name, for example Europe/Zurich"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Beyond it people join the waiting list."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        default="I agree that the organisers keep my name, e-mail and optional city for this "
        "event and delete them one year after it.",
        max_length=TEXT_LIMITS["CONSENT"],
        validators=text_limit(TEXT_LIMITS["CONSENT"]),
    )
    video = models.CharField(
        _("video rooms"), max_length=8, choices=Video.choices, default=Video.NONE
    )
    venue_name = models.CharField(
        _("notional venue"),
        max_length=200,
        blank=True,
        help_text=_(
            "“City, Country” of the place an in-person meeting would have been held: the event "
            "page shows the travel emissions meeting online avoids."
        ),
        validators=[validate_one_line],
    )
    venue_lat = models.FloatField(null=True, blank=True, editable=False)
    venue_lon = models.FloatField(null=True, blank=True, editable=False)
    reminder_minutes = models.PositiveIntegerField(
        _("reminder before each session (minutes)"),
        default=60,
        help_text=_(
            "Registrants get a mail with the join link this long before a session; 0: none."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL

    def date_at(self, now: dt.datetime) -> dt.date:
        """The date at ``now`` where the event takes place: its dates are local dates in its
        zone, a day before or after UTC's at times."""
        return local(now, self.timezone).date()

    @property
    def acronym(self) -> str:
        """A frab-compatible acronym: lower case letters, digits and underscores."""
        return f"s4p_event_{self.pk}"


class EventRole(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organiser")
        COMMITTEE = "committee", _("programme committee")
        REVIEWER = "reviewer", _("reviewer")
        VIEWER = "viewer", _("viewer")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("event role")
        verbose_name_plural = _("event roles")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_role_a_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
