"""Publishing a project page approves its measures' pending data points
(PointApproval in cohorts/models/measures.py has the rule)."""

from wagtail.signals import page_published

from cohorts.models import FellowProjectPage, PointApproval


def approve_measure_data(sender, instance, **kwargs):
    PointApproval.approve_pending(instance)


def register():
    page_published.connect(
        approve_measure_data,
        sender=FellowProjectPage,
        dispatch_uid="cohorts_approve_measure_data",
    )
