"""The records that link fellows to their cohort, coach, organisation and
accreditation, and the themes projects are filed under. Registered in the admin
by cohorts/records/."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from cohorts.roles import FELLOW_RECORD_PERMISSION, RecordAccountForm

from .tree import parent_value


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        UNIVERSITY = "university", "University"
        OTHER = "other", "Other"

    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NHS_TRUST)
    region = models.CharField(max_length=80, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AccreditationStatus(models.Model):
    """A step of the accreditation lifecycle, as programme staff define it."""

    name = models.CharField(max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Steps are listed from the lowest number up."
    )
    award_complete = models.BooleanField(
        default=False, help_text="Tick if a fellow at this step has been awarded."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sort_order"),
        FieldPanel("award_complete"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "accreditation statuses"

    def __str__(self):
        return self.name


class Coach(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaches",
    )
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(
        blank=True, help_text="Private. Used for the account invitation."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coach",
        help_text="The coach's login, if they have one.",
    )

    base_form_class = RecordAccountForm
    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("user")], heading="Account"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "coaches"

    def __str__(self):
        return self.name


class FellowQuerySet(models.QuerySet):
    def public(self):
        """Fellows who have agreed to appear on the public site."""
        return self.filter(public_consent=True)

    def for_listing(self):
        return self.select_related("organisation", "photo").order_by("name")

    def with_cohort_title(self):
        """Each fellow with their cohort and its programme's title, in the same
        query, so that ``cohort_full_title`` costs no more queries."""
        return self.select_related("cohort").annotate(
            cohort_programme_title=parent_value(Page, "title", path="cohort__path")
        )

    def for_cards(self):
        """What a fellow's card shows (cohorts/includes/fellow_card.html): the
        photo's rendition, the organisation, and the cohort named with its
        programme (``cohort_full_title``), in a fixed number of queries."""
        photos = get_image_model().objects.prefetch_renditions(Fellow.PHOTO_SPEC)
        return (
            self.with_cohort_title()
            .select_related("organisation")
            .prefetch_related(Prefetch("photo", queryset=photos))
            .order_by("name")
        )


class Fellow(index.Indexed, models.Model):
    class Profession(models.TextChoices):
        DOCTOR = "doctor", "Doctor"
        NURSE = "nurse", "Nurse"
        MIDWIFE = "midwife", "Midwife"
        SCIENTIST = "scientist", "Scientist"
        ALLIED_HEALTH = "ahp", "Allied health professional"
        MANAGER = "manager", "Manager"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        help_text="The fellow's public address: /fellows/<slug>/",
    )
    profession = models.CharField(max_length=20, choices=Profession.choices)
    job_title = models.CharField(max_length=160, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fellows",
    )
    cohort = models.ForeignKey(
        "cohorts.CohortPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fellows",
    )
    coach = models.ForeignKey(
        Coach, null=True, blank=True, on_delete=models.SET_NULL, related_name="fellows"
    )
    accreditation_status = models.ForeignKey(
        AccreditationStatus,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fellows",
    )
    accreditation_date = models.DateField(
        null=True, blank=True, help_text="When the fellow reached this status."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField("short bio", blank=True, max_length=1500)
    public_consent = models.BooleanField(
        "consents to public display",
        default=False,
        help_text="Only fellows who have agreed appear on the public site.",
    )
    email = models.EmailField(
        blank=True, help_text="Private: never shown publicly. Used for the invitation."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fellow",
        help_text="The fellow's login, if they have one.",
    )

    PHOTO_SPEC = "fill-400x400"

    objects = FellowQuerySet.as_manager()

    base_form_class = RecordAccountForm
    # A fellow edits their own bio, photo and job title. Every other field is the
    # programme's record: a panel with this permission is left out of the form
    # (not just hidden) for users without it.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("slug", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("job_title"),
                FieldPanel("photo"),
                FieldPanel("bio"),
            ],
            heading="Public profile",
        ),
        MultiFieldPanel(
            [
                FieldPanel("profession", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("organisation", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("cohort", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("coach", permission=FELLOW_RECORD_PERMISSION),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "accreditation_status", permission=FELLOW_RECORD_PERMISSION
                        ),
                        FieldPanel(
                            "accreditation_date", permission=FELLOW_RECORD_PERMISSION
                        ),
                    ]
                ),
                FieldPanel("public_consent", permission=FELLOW_RECORD_PERMISSION),
            ],
            heading="Programme record",
        ),
        MultiFieldPanel(
            [
                FieldPanel("email", permission=FELLOW_RECORD_PERMISSION),
                FieldPanel("user", permission=FELLOW_RECORD_PERMISSION),
            ],
            heading="Account",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.FilterField("public_consent"),
        index.FilterField("profession"),
        index.FilterField("cohort"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        permissions = [
            (
                "change_fellow_record",
                "Can change a fellow's programme record: cohort, coach, accreditation, "
                "consent, account and project links",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    @property
    def cohort_full_title(self):
        """The cohort as it is named outside its programme's pages
        (with its programme: CohortPage.full_title), or ""."""
        if self.cohort is None:
            return ""
        if getattr(self, "cohort_programme_title", None):
            self.cohort.programme_title = self.cohort_programme_title
        return self.cohort.full_title


class Theme(models.Model):
    """A theme that projects are filed under, such as the four themes of the
    regional good-practice repository."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    good_practice = models.BooleanField(
        "good-practice repository theme",
        default=False,
        help_text="One of the regional good-practice repository's themes.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("good_practice")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
