from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.models.questions import CustomQuestion

from .calls import Call
from .submissions import Submission


class School(models.Model):
    """The selection of a school: its applications are the submissions of the school's call,
    reviewed like any other; the ``places`` best ranked are offered a place, to be confirmed
    within ``confirm_days`` on the follow-up form."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="school")
    places = models.PositiveSmallIntegerField(_("places"), default=20)
    confirm_days = models.PositiveSmallIntegerField(
        _("days to confirm a place"),
        default=7,
        help_text=_("After this many days an unconfirmed place passes to the next applicant."),
    )

    class Meta:
        verbose_name = _("school selection")
        verbose_name_plural = _("school selections")
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="school_one_place"),
            models.CheckConstraint(
                condition=models.Q(confirm_days__gte=1), name="school_one_day_to_confirm"
            ),
        ]

    def __str__(self) -> str:
        return str(self.call)


class FollowUpQuestion(CustomQuestion):
    """A question of a school's follow-up form, asked of everyone offered a place."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="questions")

    class Meta(CustomQuestion.Meta):
        pass


class Offer(models.Model):
    """A place offered to the applicant behind ``submission``, ranked ``rank``-th by the
    committee's scores; open until ``deadline``."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("offered, awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        LAPSED = "lapsed", _("not confirmed in time")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="offers")
    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="offer")
    rank = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_at = models.DateTimeField()
    deadline = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.submission} – {self.status}"
