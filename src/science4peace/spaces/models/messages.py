"""Messages between individuals: one conversation per pair of people, no e-mail address
shown; each person says who may write first, and may block another."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.people.models import Person

from .spaces import MAX_BODY


class MessageSettings(models.Model):
    class FirstContact(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        SHARED = "shared", _("people sharing a collaboration, project or event with me")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    first_contact = models.CharField(
        _("who may write to me first"),
        max_length=10,
        choices=FirstContact.choices,
        default=FirstContact.EVERYONE,
    )
    language = models.CharField(_("language"), max_length=8, default="en")

    def __str__(self) -> str:
        return f"{self.person}: {self.first_contact}"


class Block(models.Model):
    """``blocker`` blocked ``blocked``: neither sees the other's posts or messages."""

    blocker = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class Conversation(models.Model):
    """Between ``first`` and ``second`` (the lower person id first)."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    last_message = models.DateTimeField()

    class Meta:
        ordering = ["-last_message", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="conversation_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="conversation_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} – {self.second}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=MAX_BODY)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["conversation", "created", "id"], name="message_idx")]
        indexes += [models.Index(fields=["sender", "created"], name="message_sender_idx")]

    def __str__(self) -> str:
        return f"{self.sender}: {self.body[:40]}"
