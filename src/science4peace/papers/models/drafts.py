from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_one_line
from science4peace.people.models import Person

from .papers import Paper


class Draft(models.Model):
    """Version ``version`` of a paper's text as a PDF, uploaded by a contact person with a
    note. Every version stays; each has its own comment thread in the paper's discussion (a
    members-only space of its authors and contact persons). The file is served only through
    the permission funnel, never from a public address."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[validate_one_line])
    file = models.FileField(upload_to="papers/drafts/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    pages = models.PositiveIntegerField(_("pages"))
    uploaded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    thread = models.OneToOneField(
        "spaces.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(fields=["paper", "version"], name="draft_version_once"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="draft_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.paper} v{self.version}"
