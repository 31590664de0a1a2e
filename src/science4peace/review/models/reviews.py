from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.events.models import Event

from .submissions import Submission


class Expertise(models.Model):
    """A reviewer's keywords of expertise for one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    keywords = models.CharField(_("keywords of expertise"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "reviewer"], name="one_expertise_an_event")
        ]

    def __str__(self) -> str:
        return self.keywords


class Bid(models.Model):
    class Level(models.TextChoices):
        EAGER = "eager", _("eager")
        WILLING = "willing", _("willing")
        NOT_WILLING = "not_willing", _("not willing")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="bids")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(_("bid"), max_length=12, choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="one_bid_a_pair")
        ]

    def __str__(self) -> str:
        return self.level


class ConflictRuling(models.Model):
    """A conflict declared (by the reviewer or the authors), added by the organisers, or a
    found conflict the organisers lifted, with the reason given."""

    class Kind(models.TextChoices):
        DECLARED_REVIEWER = "reviewer", _("declared by the reviewer")
        DECLARED_AUTHORS = "authors", _("declared by the authors")
        ADDED = "added", _("added by the organisers")
        LIFTED = "lifted", _("lifted by the organisers")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="rulings")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer", "kind"], name="one_ruling_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} – {self.get_kind_display()}"


class Assignment(models.Model):
    """A reviewer assigned to a submission, with why (the solver's weights or the
    organisers' choice)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    explanation = models.CharField(max_length=500, blank=True)
    by_hand = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="one_assignment_a_pair")
        ]

    def __str__(self) -> str:
        return f"{self.submission} – {self.reviewer_id}"


class Review(models.Model):
    class Confidence(models.IntegerChoices):
        LOW = 1, _("low")
        MEDIUM = 2, _("medium")
        HIGH = 3, _("high")

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    score = models.SmallIntegerField(_("score"))
    confidence = models.PositiveSmallIntegerField(
        _("confidence"), choices=Confidence.choices, default=Confidence.MEDIUM
    )
    to_authors = models.TextField(_("comments to the authors"), blank=True, max_length=10000)
    to_committee = models.TextField(_("comments to the committee"), blank=True, max_length=10000)
    submitted = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__gte=1) & models.Q(confidence__lte=3),
                name="review_confidence_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.score}"
