from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    """An ISO 3166-1 country (plus XK). A property of institutions and locations only."""

    class UnStatus(models.TextChoices):
        MEMBER = "member", _("UN member state")
        OBSERVER = "observer", _("UN observer state")
        NONE = "none", _("not a UN member")

    code = models.CharField(_("ISO 3166-1 code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    un_status = models.CharField(_("UN status"), max_length=8, choices=UnStatus.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_two_capitals"
            ),
        ]

    def __str__(self) -> str:
        return self.name
