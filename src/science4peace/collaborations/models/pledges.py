from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, text_limit
from science4peace.people.models import Person


class Pledge(models.Model):
    """A version of the civil-use pledge. The newest version is the current one; a new
    version requires everyone to accept again before any access."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(
        _("text"), max_length=TEXT_LIMITS["PLEDGE"], validators=text_limit(TEXT_LIMITS["PLEDGE"])
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("Language code → text, for reading; the English text is the one that binds."),
    )
    published = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("civil-use pledge")
        verbose_name_plural = _("civil-use pledges")

    def __str__(self) -> str:
        return f"v{self.version}"

    def translation(self, language: str) -> str:
        """The text in ``language`` for reading, or "" when there is none (or it is English)."""
        return str(self.translations.get(language.split("-")[0], ""))


class PledgeAcceptance(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="acceptances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pledge_acceptances")
    accepted = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "person"], name="pledge_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} accepted {self.pledge}"
