from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.notifications.models import Item

from .events import Event
from .programme import Session


class EventMessage(models.Model):
    """A message the organisers sent to some of the event's people; ``audience`` is what they
    chose (groups, statuses, track, session), ``item`` the notification it became, whose
    mails make the delivery report."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.JSONField(default=dict)
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_one_line])
    body = models.TextField(_("message"), max_length=20000)
    recipients = models.PositiveIntegerField(default=0)
    item = models.ForeignKey(Item, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")

    def __str__(self) -> str:
        return self.subject


class SessionReminder(models.Model):
    """The reminder of one session was sent (at most once: the row is unique per session)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.session_id} {self.sent_at:%Y-%m-%d %H:%M}"
