from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line
from science4peace.institutions.models import Institution


class Collaboration(models.Model):
    """A scientific collaboration, with its access rule and authorship rules.

    The access rule may narrow by contribution type, role or period; it has no field that
    could name a country, an institution's country or a location (invariant 1).
    """

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_one_line])
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=TEXT_LIMITS["DESCRIPTION"],
        validators=text_limit(TEXT_LIMITS["DESCRIPTION"]),
    )
    website = models.URLField(_("website"), blank=True)
    start = models.DateField(_("start"))
    completion = models.DateField(
        _("completion"),
        null=True,
        blank=True,
        help_text=_("Access to resources lasts until this date."),
    )
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="administered_collaborations",
        verbose_name=_("administrators"),
    )
    institutions = models.ManyToManyField(
        Institution, through="MemberInstitution", related_name="collaborations"
    )
    # Access rule
    access_kinds = models.JSONField(
        _("contribution types that grant access"),
        default=list,
        blank=True,
        help_text=_("Empty: every type."),
    )
    access_roles = models.JSONField(
        _("roles that grant access"), default=list, blank=True, help_text=_("Empty: every role.")
    )
    access_contributed_from = models.DateField(
        _("contributions from"),
        null=True,
        blank=True,
        help_text=_("Only contributions starting on or after this date grant access."),
    )
    # Authorship rules
    author_months_before = models.PositiveSmallIntegerField(
        _("months of membership before authorship"), default=12, validators=[MaxValueValidator(120)]
    )
    author_months_after = models.PositiveSmallIntegerField(
        _("months of authorship after leaving"),
        default=12,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    author_roles = models.JSONField(
        _("roles that qualify for authorship"),
        default=list,
        blank=True,
        help_text=_("Empty: every role."),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion__isnull=True)
                | models.Q(completion__gte=models.F("start")),
                name="collaboration_completes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberInstitution(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="member_institutions"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="collaboration_memberships"
    )
    funding_agencies = models.JSONField(
        _("funding agencies to acknowledge"), default=list, blank=True
    )

    class Meta:
        ordering = ["institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "institution"], name="member_institution_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} in {self.collaboration}"
