"""Publishing a project page approves its measures' pending data points (see
cohorts/models/measures.py, "Approval")."""

from wagtail.signals import page_published

from cohorts.models import FellowProjectPage, MeasurePoint


def approve_measure_data(sender, instance, **kwargs):
    MeasurePoint.objects.for_project(instance).pending().update(live=True)


def register():
    page_published.connect(
        approve_measure_data,
        sender=FellowProjectPage,
        dispatch_uid="cohorts_approve_measure_data",
    )
