"""A space belongs to one collaboration, project, event or paper and follows its access rule:
announcements by its administrators, discussion threads and replies by its members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from science4peace.collaborations.models import Collaboration
from science4peace.core.validators import validate_one_line
from science4peace.events.models import Event
from science4peace.papers.models import Paper
from science4peace.people.models import Person
from science4peace.projects.models import Project

MAX_BODY = 20_000  # characters of an announcement, a post or a message (Markdown)
ONE_OWNER = (
    models.Q(
        collaboration__isnull=False, project__isnull=True, event__isnull=True, paper__isnull=True
    )
    | models.Q(
        collaboration__isnull=True, project__isnull=False, event__isnull=True, paper__isnull=True
    )
    | models.Q(
        collaboration__isnull=True, project__isnull=True, event__isnull=False, paper__isnull=True
    )
    | models.Q(
        collaboration__isnull=True, project__isnull=True, event__isnull=True, paper__isnull=False
    )
)


class Space(models.Model):
    class Visibility(models.TextChoices):
        MEMBERS = "members", _("members only")
        PUBLIC = "public", _("public: readable by everyone")

    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A paper's discussion: its drafts and the comments on each, for its authors and contact
    # persons only (always members-only).
    paper = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.CheckConstraint(condition=ONE_OWNER, name="space_has_one_owner"),
            models.UniqueConstraint(
                fields=["collaboration"],
                condition=models.Q(collaboration__isnull=False),
                name="space_one_per_collaboration",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(project__isnull=False),
                name="space_one_per_project",
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(event__isnull=False),
                name="space_one_per_event",
            ),
            models.UniqueConstraint(
                fields=["paper"],
                condition=models.Q(paper__isnull=False),
                name="space_one_per_paper",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", args=[self.pk])

    @property
    def kind(self) -> str:
        if self.collaboration_id:
            return "collaboration"
        if self.project_id:
            return "project"
        if self.paper_id:
            return "paper"
        return "event"


class Announcement(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    body = models.TextField(_("text"), max_length=MAX_BODY)
    html = models.TextField(blank=True, editable=False)  # the body rendered once, when saved
    pinned = models.BooleanField(_("pinned"), default=False)
    mailed = models.BooleanField(_("sent by e-mail"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pinned", "-created", "-id"]
        indexes = [
            models.Index(fields=["space", "-pinned", "-created", "-id"], name="announcement_idx")
        ]

    def __str__(self) -> str:
        return self.title


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    locked = models.BooleanField(_("locked"), default=False)
    reply_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    last_activity = models.DateTimeField()

    class Meta:
        ordering = ["-last_activity", "-id"]
        indexes = [models.Index(fields=["space", "-last_activity", "-id"], name="thread_list_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spaces:thread", args=[self.space_id, self.pk])


class Post(models.Model):
    """The opening post of a thread or a reply. ``search_document`` holds its words for the
    full-text index (PostgreSQL: a generated tsvector column; SQLite: FTS5)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"), max_length=MAX_BODY)
    html = models.TextField(blank=True, editable=False)  # the body rendered once, when saved
    quote = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    edited = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)
    search_document = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["created", "id"]
        indexes = [
            models.Index(fields=["thread", "created", "id"], name="post_thread_idx"),
            models.Index(fields=["space", "-created"], name="post_space_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author} – {self.thread}"


class PostRevision(models.Model):
    """The text of a post before an edit: the history is kept."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="spaces/%Y/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="mention_once")]

    def __str__(self) -> str:
        return f"@{self.person} in {self.post_id}"


class ThreadSubscription(models.Model):
    class State(models.TextChoices):
        FOLLOW = "follow", _("following")
        MUTE = "mute", _("muted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.state} {self.thread_id}"


class Report(models.Model):
    """A member's report of a post, open until an administrator hides the post or dismisses
    the reports (reporting again opens it again)."""

    class Outcome(models.TextChoices):
        OPEN = "", _("open")
        HIDDEN = "hidden", _("post hidden")
        DISMISSED = "dismissed", _("dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default="", blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="report_once")]

    def __str__(self) -> str:
        return f"{self.reporter} on {self.post_id}: {self.reason[:40]}"
