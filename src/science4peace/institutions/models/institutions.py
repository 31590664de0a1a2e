from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line

from .countries import Country


class Institution(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        LABORATORY = "laboratory", _("laboratory")
        INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental organisation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300, validators=[validate_one_line])
    ror = models.URLField(
        _("ROR ID"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("For example https://ror.org/01ggx4157"),
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
        verbose_name=_("country"),
        help_text=_("The country of the seat."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    address = models.CharField(
        _("address"), max_length=500, blank=True, validators=[validate_one_line]
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent"),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ror__startswith="https://ror.org/"), name="institution_ror_uri"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="institution_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InstitutionCode(models.Model):
    """An INSPIRE institution code (ICN), e.g. "CERN" or "Dubna, JINR"."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="codes")
    icn = models.CharField(
        _("INSPIRE ICN"), max_length=200, unique=True, validators=[validate_one_line]
    )

    class Meta:
        ordering = ["icn"]
        verbose_name = _("INSPIRE code")
        verbose_name_plural = _("INSPIRE codes")

    def __str__(self) -> str:
        return self.icn
