from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.models.questions import CustomQuestion
from science4peace.core.validators import TEXT_LIMITS, text_limit
from science4peace.events.models import Event

KINDS = ("talk", "poster", "lecture")


class Call(models.Model):
    """An event's call for abstracts. Times are stored in UTC and entered in the event's
    zone; ``extended_until`` lets the organisers take late submissions."""

    class Blindness(models.TextChoices):
        DOUBLE = "double", _("double-blind: reviewers and authors see no names")
        SINGLE = "single", _("single-blind: reviewers see the authors")
        OPEN = "open", _("open: names are shown on both sides")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="call")
    opens = models.DateTimeField(_("opens"))
    closes = models.DateTimeField(_("closes"))
    extended_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    kinds = models.JSONField(_("contribution kinds"), default=list)
    blindness = models.CharField(
        _("review"), max_length=8, choices=Blindness.choices, default=Blindness.DOUBLE
    )
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"), default=3
    )
    max_load = models.PositiveSmallIntegerField(_("most submissions per reviewer"), default=10)
    score_min = models.SmallIntegerField(_("lowest score"), default=1)
    score_max = models.SmallIntegerField(_("highest score"), default=5)
    abstract_limit = models.PositiveIntegerField(_("longest abstract (characters)"), default=3000)
    book_policy = models.CharField(
        _("authors in the book of abstracts"),
        max_length=20,
        choices=[
            ("equal-affiliations", _("every author with their affiliations")),
            ("names-orcid", _("every author by name and ORCID iD")),
            ("names-only", _("every author by name only")),
        ],
        default="equal-affiliations",
        help_text=_("The same for every author (equal treatment); authors in alphabetical order."),
    )
    text = models.TextField(
        _("call text"),
        blank=True,
        max_length=TEXT_LIMITS["DESCRIPTION"],
        validators=text_limit(TEXT_LIMITS["DESCRIPTION"]),
    )

    class Meta:
        verbose_name = _("call for abstracts")
        verbose_name_plural = _("calls for abstracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(score_max__gt=models.F("score_min")), name="call_score_scale"
            ),
            models.CheckConstraint(
                condition=models.Q(reviewers_per_submission__gte=1),
                name="call_one_reviewer_or_more",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def deadline(self):
        return max(self.closes, self.extended_until) if self.extended_until else self.closes


class Question(CustomQuestion):
    """A question of the call's form, asked of every submission."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")

    class Meta(CustomQuestion.Meta):
        pass
