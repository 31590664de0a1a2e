from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .papers import PaperAuthor


class Signoff(models.Model):
    """An author's answer on their own entry of a frozen list (name as printed, native-script
    name, ORCID, affiliations, funding acknowledgement): not yet answered, confirmed, or a
    correction asked for with a message. When a contact person resolves the request, the
    author is asked again (the status returns to "not answered", the resolution kept)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("not answered")
        CONFIRMED = "confirmed", _("confirmed")
        CORRECTION = "correction", _("asked for a correction")

    author = models.OneToOneField(PaperAuthor, on_delete=models.CASCADE, related_name="signoff")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.CharField(_("correction wanted"), max_length=1000, blank=True)
    resolution = models.CharField(_("resolution"), max_length=1000, blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["author__family_name", "author__given_name", "id"]
        verbose_name = _("author sign-off")
        verbose_name_plural = _("author sign-offs")
        indexes = [models.Index(fields=["status"], name="signoff_status_idx")]

    def __str__(self) -> str:
        return f"{self.author}: {self.status}"
