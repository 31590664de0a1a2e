from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.models import Collaboration
from science4peace.core.validators import validate_one_line
from science4peace.institutions.models import Institution
from science4peace.people.models import Person


class Paper(models.Model):
    """A paper of a collaboration, or of a given group of people (a project's members). Its
    author list is frozen on creation (from the collaboration's authorship rules on the
    reference date, or from the people's affiliations on that date), then edited with
    reasons. A paper without a collaboration is edited by its ``editors``."""

    class Policy(models.TextChoices):
        NAMES_ONLY = "names-only", _("names only")
        NAMES_ORCID = "names-orcid", _("names with ORCID iD")
        EQUAL_AFFILIATIONS = "equal-affiliations", _("names with all affiliations")

    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("editors")
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_one_line])
    reference_date = models.DateField(
        _("reference date"), help_text=_("Authors are those eligible on this date.")
    )
    policy = models.CharField(
        _("author-list policy"),
        max_length=20,
        choices=Policy.choices,
        default=Policy.EQUAL_AFFILIATIONS,
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reference_date", "-id"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "title"], name="paper_title_once_per_collaboration"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PaperAuthor(models.Model):
    """One author as frozen: names and ORCID as they were, institutions of that day."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField(max_length=150, blank=True, validators=[validate_one_line])
    family_name = models.CharField(max_length=150, validators=[validate_one_line])
    paper_name = models.CharField(max_length=200, blank=True, validators=[validate_one_line])
    native_name = models.CharField(max_length=200, blank=True, validators=[validate_one_line])
    orcid = models.CharField(max_length=19, blank=True, validators=[validate_one_line])
    deceased = models.BooleanField(_("deceased"), default=False)
    institutions = models.ManyToManyField(Institution, related_name="+")

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "person"], name="paper_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class AuthorListChange(models.Model):
    class Action(models.TextChoices):
        FREEZE = "freeze", _("frozen from the authorship rules")
        ADD = "add", _("added")
        REMOVE = "remove", _("removed")
        DECEASED = "deceased", _("marked deceased")
        ALIVE = "alive", _("deceased mark removed")
        POLICY = "policy", _("policy changed")

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    subject = models.CharField(max_length=300, blank=True, validators=[validate_one_line])
    reason = models.CharField(_("reason"), max_length=500, validators=[validate_one_line])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject}"
