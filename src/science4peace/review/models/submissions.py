import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.events.models import Contribution, Track
from science4peace.institutions.models import Institution
from science4peace.people.models import Person

from .calls import Call, Question


def submission_code() -> str:
    return secrets.token_hex(4).upper()


class Submission(models.Model):
    """An abstract sent to a call. Reviewers know it only by ``code``."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Decision(models.TextChoices):
        NONE = "", _("not decided")
        TALK = "talk", _("accepted as a talk")
        POSTER = "poster", _("accepted as a poster")
        REJECT = "reject", _("rejected")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="submissions")
    code = models.CharField(max_length=8, default=submission_code, unique=True, editable=False)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_submissions"
    )
    language = models.CharField(max_length=10, default="en")
    title = models.CharField(_("title"), max_length=300, validators=[validate_one_line])
    abstract = models.TextField(_("abstract"), help_text=_("Markdown; $...$ for LaTeX math."))
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("track"),
    )
    kind = models.CharField(_("kind"), max_length=8, default="talk")
    pdf = models.FileField(_("PDF"), upload_to="abstracts/%Y/", blank=True)
    declared_conflicts = models.TextField(
        _("conflicts of interest"),
        blank=True,
        help_text=_("Names or ORCID iDs of people who should not review this, one per line."),
    )
    warnings = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decision = models.CharField(max_length=8, choices=Decision.choices, default="", blank=True)
    contribution = models.OneToOneField(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="submission"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.code


class SubmissionAuthor(models.Model):
    """An author as the submitter gave them: a person of the platform or a name, with
    ORCID and affiliation. ``presents``: this author will give the talk."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=0)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    affiliation = models.CharField(
        _("affiliation"), max_length=250, blank=True, validators=[validate_one_line]
    )
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    presents = models.BooleanField(_("presents"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="one_answer_a_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
