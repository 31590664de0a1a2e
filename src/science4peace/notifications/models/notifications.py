"""The notification service: one ``Item`` per thing that happened (its text in each language it
was rendered in), one ``Notification`` per recipient (read or not, mailed at once, waiting for
a digest), and each person's mail choice per channel. A channel is a string key of
what the item is about ("event:12", "space:7", "paper:3"); this app knows no other app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.models import OutgoingMail


class Frequency(models.TextChoices):
    EACH = "each", _("every item")
    DAILY = "daily", _("daily digest")
    WEEKLY = "weekly", _("weekly digest")
    NONE = "none", _("no mail")


class Item(models.Model):
    """What happened, once for all its recipients. ``texts`` maps a language code to
    ``{"subject": ..., "body": ...}``, rendered when the item was created."""

    kind = models.CharField(max_length=60)
    channel = models.CharField(max_length=60, db_index=True)
    url = models.CharField(max_length=500, blank=True)
    texts = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification item")
        verbose_name_plural = _("notification items")

    def __str__(self) -> str:
        return f"{self.kind} ({self.channel})"

    def text(self, language: str) -> dict[str, str]:
        fallback = next(iter(self.texts.values()), {"subject": "", "body": ""})
        return self.texts.get(language) or self.texts.get("en") or fallback


class Digest(models.Model):
    """One digest mail: the items a person chose to receive daily or weekly, since their
    previous digest of that frequency. It carries the person's notifications waiting for a
    digest of its frequency whose ids are in ``(after, through]``; ``through`` is the next
    digest's ``after``, so no notification is ever updated to say it was carried."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices)
    created = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)
    after = models.BigIntegerField(default=0)
    through = models.BigIntegerField(default=0)
    mail = models.ForeignKey(OutgoingMail, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "frequency", "-created"], name="digest_last_idx"),
            models.Index(fields=["frequency", "created"], name="digest_run_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.frequency} {self.created:%Y-%m-%d}"


class Notification(models.Model):
    """An item in one person's list. ``pending`` names the kind of digest that carries it
    ("" for none; set once, never changed: the ``Digest`` whose id range holds it carried it);
    ``mail`` is the mail that carried it alone. Written once per recipient and then only
    marked read, so the table has no index a digest run would have to rewrite: ``item`` is
    found through the ``(item, recipient)`` constraint, ``recipient`` through the unread
    index, and only notifications for a digest are in the partial waiting index."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    language = models.CharField(max_length=8, default="en")
    read_at = models.DateTimeField(null=True, blank=True)
    pending = models.CharField(max_length=8, blank=True, default="")
    mail = models.ForeignKey(OutgoingMail, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-item__created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "recipient"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(
                fields=["recipient", "pending", "id"],
                name="notification_waiting_idx",
                condition=~models.Q(pending=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.recipient_id}"


class MailSettings(models.Model):
    """A person's language for mail and the mail choice for channels they set nothing for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language of mail"), max_length=8, default="en")
    frequency = models.CharField(
        _("mail"), max_length=8, choices=Frequency.choices, default=Frequency.EACH
    )

    class Meta:
        verbose_name = _("mail settings")
        verbose_name_plural = _("mail settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}, {self.language}"


class ChannelPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=60)
    frequency = models.CharField(_("mail"), max_length=8, choices=Frequency.choices)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint(fields=["user", "channel"], name="channel_preference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel}: {self.frequency}"
