from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutgoingMail(models.Model):
    """One message the platform sends, written in the same transaction as the change that
    causes it and delivered after commit (``core.mail``): a crash between the change and the
    delivery loses nothing, a rolled-back change sends nothing. Delivery is retried with
    exponential back-off until it succeeds or ``S4P_EMAIL_GIVE_UP_HOURS`` have passed."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENDING = "sending", "sending"
        SENT = "sent", "sent"
        FAILED = "failed", "failed (given up)"

    message_id = models.CharField("Message-ID", max_length=255, unique=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=998, blank=True)
    recipients = models.TextField(blank=True)
    message = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "outgoing mail"
        verbose_name_plural = "outgoing mail"
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients} ({self.status})"
