from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .submissions import Submission


class Comment(models.Model):
    """A message in the discussion of one submission, between its reviewers (once their own
    review is in) and the chairs (organisers and programme committee)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=5000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("discussion comment")
        verbose_name_plural = _("discussion comments")

    def __str__(self) -> str:
        return f"{self.submission} – {self.pk}"
