import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.models.questions import CustomQuestion
from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line

from .events import Event, validate_zone


def anonymous_code() -> str:
    return secrets.token_hex(4).upper()


class Registration(models.Model):
    """One person's place at an event. Invariant 1: no nationality question; the optional city
    and zone serve time display and travel footprint only, and no decision reads them."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        WITHDRAWN = "withdrawn", _("withdrawn")
        APPLIED = "applied", _("applied")
        REJECTED = "rejected", _("not selected")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    queued_at = models.DateTimeField(_("in the queue since"))
    interests = models.ManyToManyField(
        "events.Contribution", blank=True, related_name="interested", verbose_name=_("interests")
    )
    city = models.CharField(_("city"), max_length=150, blank=True, validators=[validate_one_line])
    timezone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_zone]
    )
    consent_at = models.DateTimeField(_("consent given"))
    language = models.CharField(_("language"), max_length=8, default="en")
    # Schools: the application, judged without name, institution or location.
    code = models.CharField(max_length=8, default=anonymous_code, unique=True, editable=False)
    motivation = models.TextField(
        _("motivation"),
        blank=True,
        max_length=TEXT_LIMITS["MOTIVATION"],
        validators=text_limit(TEXT_LIMITS["MOTIVATION"]),
    )
    cv = models.FileField(_("CV (PDF)"), upload_to="applications/%Y/", blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The custom questions' answers, keyed by RegistrationQuestion id (as text).
    answers = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_a_person"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class RegistrationQuestion(CustomQuestion):
    """A custom question of an event's registration (or application) form; built and checked
    by the one form builder (``core.domain.questions``: no question about origin)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registration_questions"
    )

    class Meta(CustomQuestion.Meta):
        pass
