"""Staff reports in the Wagtail admin (Reports menu), each with CSV and XLSX
export: cohort progress, stale projects and accreditation progress.

Who may open them: programme staff (cohorts.roles.can_view_reports).
cohorts/reports/wagtail_hooks.py registers the URLs and menu items.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from cohorts.models import (
    CohortPage,
    Fellow,
    FellowProjectFellow,
    FellowProjectPage,
    ProjectUpdatePage,
    parent_path,
)
from cohorts.roles import can_view_reports
from cohorts.spreadsheets import FormulaSafeExportMixin

from .filters import AccreditationFilterSet, FellowFilterSet, StaleProjectsFilterSet


def live_updates(prefix=""):
    """The live updates under the project at ``prefix`` (e.g. "project__" from
    a FellowProjectFellow), newest first, for a subquery."""
    return (
        ProjectUpdatePage.objects.live()
        .filter(
            path__startswith=OuterRef(f"{prefix}path"),
            depth=OuterRef(f"{prefix}depth") + 1,
        )
        .order_by("-date", "-pk")
    )


def latest_update_date(prefix=""):
    """The date of the project's newest live update, as a subquery."""
    return Subquery(live_updates(prefix).values("date")[:1])


def latest_progress_score(prefix=""):
    """The IHI progress score of the project's newest live update that gives
    one (the project's current score), as a subquery."""
    return Subquery(
        live_updates(prefix)
        .filter(progress_score__isnull=False)
        .values("progress_score")[:1]
    )


def fellow_edit_url(fellow):
    return reverse("wagtailsnippets_cohorts_fellow:edit", args=[fellow.pk])


def project_edit_url(project):
    return reverse("wagtailadmin_pages:edit", args=[project.pk])


class DayColumn(Column):
    """A date as staff write it ("12 March 2025"), not Wagtail's "10 years
    ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "j F Y") if value else ""


class NameColumn(TitleColumn):
    """The name that leads a row, linked: it wraps at spaces only, where
    Wagtail's title cell breaks it mid-word in a report's many columns."""

    cell_template_name = "cohorts/reports/name_cell.html"


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


class ProgrammeReportView(FormulaSafeExportMixin, ReportView):
    """A report that only programme staff may open, with formula-safe export."""

    slug = ""
    menu_order = 0
    results_template_name = "cohorts/reports/results.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def url_name(cls, suffix=""):
        return f"cohorts_report_{cls.slug.replace('-', '_')}{suffix}"

    @classmethod
    def urls(cls):
        return [
            path(
                f"programme-reports/{cls.slug}/",
                cls.as_view(),
                name=cls.url_name(),
            ),
            path(
                f"programme-reports/{cls.slug}/results/",
                cls.as_view(results_only=True),
                name=cls.url_name("_results"),
            ),
        ]

    @classmethod
    def menu_item(cls):
        return ReportMenuItem(
            cls.page_title,
            reverse(cls.url_name()),
            name=cls.slug,
            icon_name=cls.header_icon,
            order=cls.menu_order,
        )

    def get_index_url(self):
        return reverse(self.url_name())

    def get_index_results_url(self):
        return reverse(self.url_name("_results"))

    def get_filename(self):
        return f"{self.slug}-{timezone.localdate():%Y-%m-%d}"

    # A bad filter (an unknown cohort, a bad N of days) shows the form's error
    # with a 400, and no results or spreadsheet: never everything unfiltered.

    def filter_queryset(self, queryset):
        if not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def render_to_response(self, context, **response_kwargs):
        if self.filters.is_valid():
            return super().render_to_response(context, **response_kwargs)
        self.is_export = False
        return super().render_to_response(context, status=400, **response_kwargs)

    def get_heading(self, queryset, field):
        """The column's label, so the spreadsheet and the page agree; fields
        exported but not shown take theirs from export_headings."""
        labels = {column.name: column.label for column in self.columns}
        return str(self.export_headings.get(field) or labels[field])


class CohortProgressReportView(ProgrammeReportView):
    """Per fellow: their project's status, its last published update, its
    current IHI progress score and their accreditation status."""

    slug = "cohort-progress"
    page_title = "Cohort progress"
    header_icon = "list-ul"
    menu_order = 300
    filterset_class = FellowFilterSet
    columns = [
        NameColumn("name", label="Fellow", get_url=fellow_edit_url),
        Column("cohort_full_title", label="Cohort"),
        Column("organisation", label="Organisation"),
        Column("project_title", label="Project"),
        Column("project_status", label="Project status"),
        DayColumn("last_update", label="Last published update"),
        Column("progress_score", label="Progress score"),
        Column("accreditation_status", label="Accreditation status"),
    ]
    list_export = [
        "name",
        "cohort_full_title",
        "organisation",
        "project_title",
        "project_status",
        "last_update",
        "progress_score",
        "accreditation_status",
        "accreditation_date",
    ]
    export_headings = {"accreditation_date": "Accreditation date"}

    def get_queryset(self):
        self.queryset = (
            Fellow.objects.with_cohort_title()
            .select_related("organisation", "accreditation_status")
            .order_by("-cohort__start_date", "name")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, fellows):
        """Adds each fellow's first project, its last published update and its
        progress score, in one query for the whole page of fellows."""
        fellows = list(fellows)
        first_link = {}
        for link in (
            FellowProjectFellow.objects.filter(fellow__in=fellows)
            .select_related("project")
            .annotate(
                last_update=latest_update_date("project__"),
                progress_score=latest_progress_score("project__"),
            )
            .order_by("sort_order", "pk")
        ):
            first_link.setdefault(link.fellow_id, link)
        for fellow in fellows:
            link = first_link.get(fellow.pk)
            fellow.project_title = link.project.title if link else ""
            fellow.project_status = (
                link.project.get_status_display() if link else "No project"
            )
            fellow.last_update = link.last_update if link else None
            fellow.progress_score = link.progress_score if link else None
        return fellows


class StaleProjectsReportView(ProgrammeReportView):
    """Live projects that are not closed and have had no published update for
    N days (a project with no updates counts from when it was first
    published). Stalest first."""

    slug = "stale-projects"
    page_title = "Stale projects"
    header_icon = "time"
    menu_order = 310
    filterset_class = StaleProjectsFilterSet
    columns = [
        NameColumn("title", label="Project", get_url=project_edit_url),
        Column("cohort_title", label="Cohort"),
        Column("fellow_names", label="Fellows"),
        Column("get_status_display", label="Status"),
        DayColumn("last_update", label="Last published update"),
        Column("days_quiet", label="Days since last update"),
    ]
    list_export = [
        "title",
        "cohort_title",
        "fellow_names",
        "get_status_display",
        "last_update",
        "days_quiet",
    ]

    def get_queryset(self):
        self.queryset = (
            FellowProjectPage.objects.live()
            .exclude(status=FellowProjectPage.Status.CLOSED)
            .defer_streamfields()
            .annotate(last_update=latest_update_date())
            .annotate(
                last_activity=Coalesce("last_update", TruncDate("first_published_at"))
            )
            .order_by("last_activity", "title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, projects):
        """Adds each project's cohort and fellows, in two queries per page."""
        projects = list(projects)
        cohorts = {
            cohort.path: cohort.full_title
            for cohort in CohortPage.objects.filter(
                path__in={parent_path(project.path) for project in projects}
            ).with_programme_title()
        }
        names = {}
        for project_id, name in (
            FellowProjectFellow.objects.filter(project__in=projects)
            .order_by("sort_order", "pk")
            .values_list("project", "fellow__name")
        ):
            names.setdefault(project_id, []).append(name)
        today = timezone.localdate()
        for project in projects:
            project.cohort_title = cohorts.get(parent_path(project.path), "")
            project.fellow_names = ", ".join(names.get(project.pk, []))
            project.days_quiet = (today - project.last_activity).days
        return projects


class AccreditationReportView(ProgrammeReportView):
    """Each fellow's accreditation status and when they reached it, by cohort
    and status step."""

    slug = "accreditation-progress"
    page_title = "Accreditation progress"
    header_icon = "tick-inverse"
    menu_order = 320
    filterset_class = AccreditationFilterSet
    columns = [
        NameColumn("name", label="Fellow", get_url=fellow_edit_url),
        Column("cohort_full_title", label="Cohort"),
        Column("organisation", label="Organisation"),
        Column("accreditation_status", label="Accreditation status"),
        Column("award_completed", label="Award completed"),
        DayColumn("accreditation_date", label="Status since"),
    ]
    list_export = [
        "name",
        "cohort_full_title",
        "organisation",
        "accreditation_status",
        "award_completed",
        "accreditation_date",
    ]

    def get_queryset(self):
        self.queryset = (
            Fellow.objects.with_cohort_title()
            .select_related("organisation", "accreditation_status")
            .order_by("-cohort__start_date", "accreditation_status__sort_order", "name")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, fellows):
        fellows = list(fellows)
        for fellow in fellows:
            status = fellow.accreditation_status
            fellow.award_completed = "Yes" if status and status.award_complete else "No"
        return fellows


REPORTS = [CohortProgressReportView, StaleProjectsReportView, AccreditationReportView]
