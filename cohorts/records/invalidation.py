"""What saving or deleting a programme record invalidates in the page cache
(home/pagecache.py; the table is in docs/performance.md):

- a fellow: their projects' pages (and updates), their cohort's listings and
  outcomes, their ancestors' listings, and what gathers from the whole site
  (home, search and the showcase, the fellows directory, the API, the feeds);
  both where the fellow was and where they are after the save;
- a coach: the same, for each of their fellows;
- an outcome record: its fellow's cohort's outcomes and the listings above it,
  and the whole-site pages (the fellow's profile, the API);
- an organisation, an accreditation status or a theme: every page, since they
  are shown on cards, facets and outcomes across the site;
- a programme KPI or one of its entered values: the programme's pages (its
  "How we are doing" board and KPI charts are its sub-pages);
- a measure point saved: its project, as a publish of it does;
- a learner's feedback on a module session: the module pages (their scores)
  and the listings above the fellow's cohort (the satisfaction KPI).
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from cohorts.models import (
    AccreditationStatus,
    Coach,
    CohortPage,
    Fellow,
    FellowOutcome,
    FellowProjectPage,
    KPIValue,
    MeasurePoint,
    Organisation,
    ProgrammeKPI,
    Theme,
)
from home import pagecache
from modules.models import SessionFeedback


def fellows_changed(fellows):
    """``fellows``: a queryset of the fellows, as they are in the database."""
    pagecache.invalidate(
        pagecache.shown_on(
            pages=FellowProjectPage.objects.filter(
                project_fellows__fellow__in=fellows
            ).values_list("path", flat=True),
            listed_by=CohortPage.objects.filter(fellows__in=fellows).values_list(
                "path", flat=True
            ),
        )
    )


def cohorts_changed(cohorts):
    """``cohorts``: a queryset of cohorts whose listings and outcomes changed."""
    pagecache.invalidate(
        pagecache.shown_on(listed_by=cohorts.values_list("path", flat=True))
    )


def fellow_changed(sender, instance, **kwargs):
    """Before a save (where the fellow was), after it (where they are now), and
    before a delete (while their project links still exist)."""
    if instance.pk is not None:
        fellows_changed(Fellow.objects.filter(pk=instance.pk))


def coach_changed(sender, instance, **kwargs):
    if instance.pk is not None:
        fellows_changed(Fellow.objects.filter(coach_id=instance.pk))


def outcome_changed(sender, instance, **kwargs):
    """Before a save and a delete (the outcome's fellow as stored) and after a
    save (its fellow now)."""
    if instance.pk is not None:
        cohorts_changed(CohortPage.objects.filter(fellows__outcomes__pk=instance.pk))


def kpi_changed(sender, instance, **kwargs):
    kpi = instance.kpi if isinstance(instance, KPIValue) else instance
    if kpi.programme_id is not None:
        pagecache.invalidate_page(kpi.programme)


def feedback_changed(sender, instance, **kwargs):
    cohorts_changed(CohortPage.objects.filter(fellows__pk=instance.fellow_id))


def point_saved(sender, instance, **kwargs):
    """A point saved one at a time (the data page, an approval, the shell):
    its project's charts and what counts them. Deleting one goes through the
    data page or its project's publish or delete, which invalidate it."""
    project = FellowProjectPage.objects.filter(measures__pk=instance.measure_id)
    project = project.only("path").first()
    if project is not None:
        pagecache.invalidate_page(project)


def site_wide_record_changed(sender, **kwargs):
    pagecache.invalidate_site()


def register():
    receivers = [
        (fellow_changed, Fellow, (pre_save, post_save, pre_delete)),
        (coach_changed, Coach, (post_save, pre_delete)),
        (outcome_changed, FellowOutcome, (pre_save, post_save, pre_delete)),
        (kpi_changed, ProgrammeKPI, (post_save, post_delete)),
        (kpi_changed, KPIValue, (post_save, post_delete)),
        (feedback_changed, SessionFeedback, (post_save, post_delete)),
        (point_saved, MeasurePoint, (post_save,)),
        *(
            (site_wide_record_changed, model, (post_save, post_delete))
            for model in (Organisation, AccreditationStatus, Theme)
        ),
    ]
    for receiver, model, signals in receivers:
        for signal in signals:
            signal.connect(receiver, sender=model, dispatch_uid="pagecache")
