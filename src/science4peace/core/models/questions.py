"""A custom question of a form (a call's, a registration form's, a school's follow-up form):
the fields every such question has. Each app's concrete model adds what it belongs to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import options_of, validate_one_line


class CustomQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("choice")
        CHECKBOX = "checkbox", _("checkbox")

    label = models.CharField(_("question"), max_length=300, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def options(self) -> list[str]:
        return options_of(self.choices)
