from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.institutions.models import Institution
from science4peace.people.models import Person

from .collaborations import Collaboration

_ENDS_AFTER_START = models.Q(end__isnull=True) | models.Q(end__gte=models.F("start"))


class Membership(models.Model):
    """One period of a person's membership, at one institution. Consecutive memberships of
    a person (for example after a move between institutes) form one continuous history."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    role = models.CharField(_("role"), max_length=100, default="member")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["person__family_name", "person__given_name", "start", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [
            models.Index(fields=["collaboration", "person", "start"], name="membership_history_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=_ENDS_AFTER_START, name="membership_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role}, {self.institution})"


class Contribution(models.Model):
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
        Collaboration, on_delete=models.CASCADE, related_name="contributions"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
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
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=_ENDS_AFTER_START, name="contribution_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"
