"""Research interests and skills of a person, for suggestions by science alone. Nothing here
is a country, an institution or a place (invariant 1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.people.models import Person


class ResearchProfile(models.Model):
    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.CASCADE, related_name="research_profile"
    )
    suggestable = models.BooleanField(
        _("suggest me to projects"),
        default=True,
        help_text=_("Project leads may see you among the people whose interests fit."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("research profile")
        verbose_name_plural = _("research profiles")

    def __str__(self) -> str:
        return str(self.person_id)


class ProfileTerm(models.Model):
    """One research interest or skill as a ``kind:value`` term (lib/matching.py)."""

    profile = models.ForeignKey(ResearchProfile, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=80, validators=[validate_one_line])

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "term"], name="profile_term_once")
        ]
        indexes = [models.Index(fields=["term", "profile"], name="profile_term_idx")]

    def __str__(self) -> str:
        return self.term
