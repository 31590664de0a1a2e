from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.institutions.models import Institution
from science4peace.people.models import Person

from .collaborations import Collaboration

ENDS_AFTER_START = models.Q(end__isnull=True) | models.Q(end__gte=models.F("start"))


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
    role = models.CharField(
        _("role"), max_length=100, default="member", validators=[validate_one_line]
    )
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
            models.CheckConstraint(condition=ENDS_AFTER_START, name="membership_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role}, {self.institution})"
