from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.institutions.models import Country, Institution


def full_name(given_name: str, family_name: str) -> str:
    """How the platform writes a person's name (``Person.display_name``), for readers that
    take the two names as plain values instead of a ``Person``."""
    return " ".join(part for part in (given_name, family_name) if part)


class Person(models.Model):
    """A scientist. Invariant 1: nothing here records where a person comes from; the optional
    location serves time zones and travel footprint only, and no decision reads it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    given_name = models.CharField(
        _("given name"), max_length=150, blank=True, validators=[validate_one_line]
    )
    family_name = models.CharField(_("family name"), max_length=150, validators=[validate_one_line])
    paper_name = models.CharField(
        _("name as printed in papers"),
        max_length=200,
        blank=True,
        help_text=_('For example "A. B. Smith".'),
        validators=[validate_one_line],
    )
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, validators=[validate_one_line]
    )
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        help_text=_("For example 0000-0002-1825-0097"),
    )
    city = models.CharField(_("city"), max_length=150, blank=True, validators=[validate_one_line])
    location_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of location"),
        help_text=_("Where you are, for time zones and travel footprint only."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("IANA name, for example Europe/Moscow"),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(orcid__regex=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"),
                name="person_orcid_normalised",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                | models.Q(latitude__isnull=True),
                name="person_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180)
                | models.Q(longitude__isnull=True),
                name="person_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return full_name(self.given_name, self.family_name)


class Affiliation(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("primary")
        ALSO_AT = "also_at", _("also at")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("institution"),
    )
    role = models.CharField(_("role"), max_length=150, blank=True, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRIMARY)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty: until now."))

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="affiliation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.institution}"
