from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.people.models import Person

from .collaborations import Collaboration
from .memberships import ENDS_AFTER_START


class WorkContribution(models.Model):
    """Work a person did for a collaboration (detector construction, software, analysis ...),
    entered by the person and confirmed by an administrator; confirmed work grants access
    under the collaboration's access rule. Not a contribution to an event's programme
    (``events.Contribution``)."""

    class Kind(models.TextChoices):
        DETECTOR = "detector", _("detector construction")
        OPERATIONS = "operations", _("operations")
        SOFTWARE = "software", _("software")
        COMPUTING = "computing", _("computing")
        ANALYSIS = "analysis", _("analysis")
        THEORY = "theory", _("theory")
        MANAGEMENT = "management", _("management")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("not confirmed")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="work_contributions"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="work_contributions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, validators=[validate_one_line])
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    evidence = models.URLField(_("evidence link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("work contribution")
        verbose_name_plural = _("work contributions")
        constraints = [
            models.CheckConstraint(condition=ENDS_AFTER_START, name="contribution_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"
