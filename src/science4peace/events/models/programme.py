import datetime as dt
import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line
from science4peace.people.models import Person

from .events import Event


def room_key() -> str:
    return secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")


class Track(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="track_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """A block of the timetable in one track: a session with contributions, or a break.
    Each session has its own video room."""

    class Kind(models.TextChoices):
        SESSION = "session", _("session")
        BREAK = "break", _("break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("track"),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(_("title"), max_length=250, validators=[validate_one_line])
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(max_length=40, default=room_key, unique=True, editable=False)

    class Meta:
        ordering = ["start", "track__position", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["event", "start"])]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", _("talk")
        LECTURE = "lecture", _("lecture")
        POSTER = "poster", _("poster")

    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contributions")
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("session"),
    )
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("track"),
        help_text=_("Empty: the session's track."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TALK)
    title = models.CharField(_("title"), max_length=300, validators=[validate_one_line])
    abstract = models.TextField(
        _("abstract"),
        blank=True,
        max_length=TEXT_LIMITS["ABSTRACT"],
        validators=text_limit(TEXT_LIMITS["ABSTRACT"]),
    )
    start = models.DateTimeField(_("start"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"), default=20)
    speakers = models.ManyToManyField(
        Person,
        blank=True,
        through="ContributionSpeaker",
        related_name="event_contributions",
        verbose_name=_("speakers"),
    )
    slides = models.FileField(_("slides (PDF)"), upload_to="slides/%Y/", blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration__gte=1) & models.Q(duration__lte=1440),
                name="contribution_duration_range",
            ),
        ]
        indexes = [models.Index(fields=["event", "start"])]

    def __str__(self) -> str:
        return self.title

    @property
    def end(self) -> dt.datetime | None:
        return self.start + dt.timedelta(minutes=self.duration) if self.start else None


class ContributionSpeaker(models.Model):
    """A speaker of a contribution, in the order the programme names them, with the
    affiliation given for this contribution (as an import brought it; may be empty)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="speaker_links"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="speaker_links")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    affiliation = models.CharField(
        _("affiliation"), max_length=250, blank=True, validators=[validate_one_line]
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "person"], name="contribution_speaker_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution} – {self.person}"
