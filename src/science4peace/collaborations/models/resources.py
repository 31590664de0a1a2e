from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line

from .collaborations import Collaboration


class Resource(models.Model):
    class Kind(models.TextChoices):
        DATASET = "dataset", _("dataset")
        NOTE = "note", _("internal note")
        SOFTWARE = "software", _("software")
        DOCUMENT = "document", _("document")

    class Sensitivity(models.TextChoices):
        PUBLIC = "public", _("public")
        CONTRIBUTORS = "contributors", _("contributors (the access rule)")
        ADMINISTRATORS = "administrators", _("administrators only")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=15,
        choices=Sensitivity.choices,
        default=Sensitivity.CONTRIBUTORS,
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="resources/%Y/", blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(url="") & models.Q(file=""))
                | (models.Q(url="") & ~models.Q(file="")),
                name="resource_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title
