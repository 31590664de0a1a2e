"""Projects built on open resources: what they are about, what they need, who takes part."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from science4peace.catalog.models import Record
from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line, validate_text
from science4peace.papers.models import Paper
from science4peace.people.models import Person


class Project(models.Model):
    class Kind(models.TextChoices):
        THEORY = "theory", _("theory")
        PHENOMENOLOGY = "phenomenology", _("phenomenology")
        EXPERIMENT = "experiment", _("experiment on open data")
        SOFTWARE = "software", _("software")
        TEACHING = "teaching", _("teaching")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=TEXT_LIMITS["DESCRIPTION"],
        validators=text_limit(TEXT_LIMITS["DESCRIPTION"]),
        help_text=_("Markdown; math between $...$ or $$...$$."),
    )
    open_for_members = models.BooleanField(
        _("open for new members"), default=True, help_text=_("People may ask to join.")
    )
    auto_accept = models.BooleanField(
        _("accept everyone automatically"),
        default=False,
        help_text=_("Whoever asks to join becomes a member at once."),
    )
    records = models.ManyToManyField(
        Record, blank=True, related_name="projects", verbose_name=_("catalog records")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["-created", "-id"], name="project_new_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


class ProjectTerm(models.Model):
    """What a project is about and looks for, as ``kind:value`` terms (lib/matching.py):
    subject classes, keywords and skills as stated, experiments from its records. The index
    on ``term`` is the inverted index the suggestions read."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=80, validators=[validate_one_line])

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["project", "term"], name="project_term_once")
        ]
        indexes = [models.Index(fields=["term", "project"], name="project_term_idx")]

    def __str__(self) -> str:
        return self.term

    @property
    def kind(self) -> str:
        return self.term.partition(":")[0]

    @property
    def value(self) -> str:
        return self.term.partition(":")[2]


class ProjectMember(models.Model):
    """A person's standing in a project, from the request to join onwards; ``language`` is
    the one they asked in, for the e-mail they receive."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("member")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        MEMBER = "member", _("member")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    message = models.CharField(_("message"), max_length=500, blank=True, validators=[validate_text])
    language = models.CharField(_("language"), max_length=8, default="en")
    asked = models.DateTimeField(auto_now_add=True)
    decided = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "person__family_name", "person__given_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_member_once"),
            models.CheckConstraint(
                condition=models.Q(role="member") | models.Q(status="member"),
                name="project_lead_is_member",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="project_member_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.project}"


class ProjectPaper(models.Model):
    """A paper started from the project; the paper itself lives in the papers app."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="papers")
    paper = models.OneToOneField(Paper, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.project} – {self.paper}"
