from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.institutions.models import Institution
from science4peace.people.models import Person

from .collaborations import Collaboration
from .memberships import Membership


class JoinRequest(models.Model):
    """A person asks to join a collaboration through an institution; an administrator
    accepts (which creates the membership) or declines. The person is told by e-mail in the
    language they asked in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an administrator")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="join_requests"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="join_requests")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "person"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.collaboration} ({self.status})"
