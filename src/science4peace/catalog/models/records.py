"""CERN Open Data records as published, plus the fields the catalog searches and shows."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import TEXT_LIMITS, text_limit, validate_one_line

# The one-line texts an administrator may edit (the record's own fields, not its search
# documents); a title has no column limit, so it gets one here.
ONE_LINE = [validate_one_line]
TITLE = [MaxLengthValidator(TEXT_LIMITS["RECORD_TITLE"]), validate_one_line]


class Record(models.Model):
    """One open research record (a CERN Open Data portal record), upserted by ``recid``.

    ``published`` keeps the record exactly as the portal published it; every other field is
    derived from it at import and may be recomputed from it.
    """

    recid = models.PositiveIntegerField(_("record ID"), unique=True)
    title = models.TextField(_("title"), max_length=TEXT_LIMITS["RECORD_TITLE"], validators=TITLE)
    title_additional = models.TextField(
        _("additional title"),
        blank=True,
        max_length=TEXT_LIMITS["RECORD_TITLE"],
        validators=TITLE,
    )
    abstract = models.TextField(
        _("abstract"),
        blank=True,
        max_length=TEXT_LIMITS["RECORD_ABSTRACT"],
        validators=text_limit(TEXT_LIMITS["RECORD_ABSTRACT"]),
    )
    type_primary = models.CharField(_("type"), max_length=100, blank=True, validators=ONE_LINE)
    type_secondary = models.JSONField(_("subtypes"), default=list, blank=True)
    experiment = models.CharField(_("experiment"), max_length=100, blank=True, validators=ONE_LINE)
    experiments = models.JSONField(_("experiments"), default=list, blank=True)
    collaboration = models.CharField(
        _("collaboration"), max_length=300, blank=True, validators=ONE_LINE
    )
    accelerator = models.CharField(
        _("accelerator"), max_length=100, blank=True, validators=ONE_LINE
    )
    run_periods = models.JSONField(_("run periods"), default=list, blank=True)
    collision_energy = models.CharField(
        _("collision energy"), max_length=50, blank=True, validators=ONE_LINE
    )
    collision_type = models.CharField(
        _("collision type"), max_length=50, blank=True, validators=ONE_LINE
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date_created = models.JSONField(_("data-taking years"), default=list, blank=True)
    date_published = models.CharField(
        _("published"), max_length=32, blank=True, validators=ONE_LINE
    )
    published_year = models.PositiveSmallIntegerField(_("year published"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=ONE_LINE)
    license = models.CharField(_("licence"), max_length=200, blank=True, validators=ONE_LINE)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    number_events = models.PositiveBigIntegerField(_("number of events"), null=True, blank=True)
    number_files = models.PositiveIntegerField(_("number of files"), null=True, blank=True)
    formats = models.JSONField(_("file formats"), default=list, blank=True)
    availability = models.CharField(
        _("availability"), max_length=50, blank=True, validators=ONE_LINE
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    category_primary = models.CharField(
        _("category"), max_length=200, blank=True, validators=ONE_LINE
    )
    categories_secondary = models.JSONField(_("subcategories"), default=list, blank=True)
    release = models.CharField(
        _("software release"), max_length=200, blank=True, validators=ONE_LINE
    )
    global_tag = models.CharField(_("global tag"), max_length=200, blank=True, validators=ONE_LINE)
    container_images = models.JSONField(_("container images"), default=list, blank=True)
    digest = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    # search documents: our own tokens (lower-case, alphanumeric, space-separated), so that
    # PostgreSQL and SQLite see the same words
    title_sort = models.CharField(max_length=200, blank=True)
    search_title = models.TextField(blank=True)
    search_tags = models.TextField(blank=True)
    first_imported = models.DateTimeField(auto_now_add=True)
    last_changed = models.DateTimeField()
    # the two large columns last, so that SQLite reads every other column without walking
    # their overflow pages
    search_document = models.TextField(blank=True)
    published = models.JSONField(_("record as published"))
    # the facet values as search words (lib/opendata/tokens.facet_document): the second
    # column of the full-text index, so that words and facets match in one index lookup
    search_facets = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["recid"]
        verbose_name = _("catalog record")
        verbose_name_plural = _("catalog records")
        constraints = [
            models.CheckConstraint(condition=models.Q(recid__gt=0), name="record_recid_positive"),
        ]
        indexes = [
            models.Index(fields=["-first_imported", "-recid"], name="record_new_idx"),
            models.Index(fields=["title_sort", "recid"], name="record_title_sort_idx"),
            models.Index(fields=["-year", "-recid"], name="record_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recid}: {self.title}"


class RecordSearch(models.Model):
    """A record's narrow search row: what ranking, sorting and facet counting read, so that a
    search reads these few short columns of its matches and the wide record row only for the
    page shown. Written with the record by the import."""

    record = models.OneToOneField(
        Record, primary_key=True, on_delete=models.CASCADE, related_name="search"
    )
    recid = models.PositiveIntegerField(unique=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title_sort = models.CharField(max_length=200, blank=True)
    search_title = models.TextField(blank=True)
    search_tags = models.TextField(blank=True)
    facets = models.TextField(blank=True)  # = Record.search_facets

    class Meta:
        indexes = [
            models.Index(fields=["title_sort", "recid"], name="record_search_title_idx"),
            models.Index(fields=["-year", "-recid"], name="record_search_year_idx"),
        ]

    def __str__(self) -> str:
        return str(self.recid)


class RecordVersion(models.Model):
    """An earlier published form of a record, kept when a re-import changed it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    published = models.JSONField()
    digest = models.CharField(max_length=64)
    replaced = models.DateTimeField()

    class Meta:
        ordering = ["record", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["record", "version"], name="record_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.version}"


class RecordFile(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    uri = models.TextField()
    size = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return self.uri


class RecordRelation(models.Model):
    """A relation as published (isChildOf, isPartOf, ...); the target may not be imported yet."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="relations")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=100, blank=True)
    target_recid = models.PositiveIntegerField(null=True, blank=True)
    title = models.TextField(blank=True)
    doi = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["record", "position"]
        indexes = [models.Index(fields=["target_recid"], name="relation_target_idx")]

    def __str__(self) -> str:
        return f"{self.record_id} {self.kind} {self.target_recid}"


class RecordFacet(models.Model):
    """One facet value of a record (experiment, type, year, energy, format, ...), for counts."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value", "record"], name="record_facet_unique"
            ),
        ]
        # covering: the facet probes and counts of a search read this index only
        indexes = [
            models.Index(fields=["record", "facet", "value"], name="record_facet_values_idx")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
