"""A project's measures and their data points."""

import datetime

import factory

from cohorts.models import MeasurePoint, ProjectMeasure

from .pages import FellowProjectPageFactory


class ProjectMeasureFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(FellowProjectPageFactory)
    name = factory.Sequence(lambda n: f"Falls per 1,000 bed days {n}")
    kind = ProjectMeasure.Kind.OUTCOME
    operational_definition = (
        "Falls reported on the incident system, divided by occupied bed days, "
        "times 1,000."
    )
    unit = "falls per 1,000 bed days"
    data_source = "Incident reporting system and bed management system"
    frequency = ProjectMeasure.Frequency.MONTHLY
    improvement_direction = ProjectMeasure.Direction.LOWER

    class Meta:
        model = ProjectMeasure


def month(n, start=datetime.date(2014, 1, 1)):
    """The first day of the nth month after `start`."""
    months = start.month - 1 + n
    return datetime.date(start.year + months // 12, months % 12 + 1, 1)


class MeasurePointFactory(factory.django.DjangoModelFactory):
    measure = factory.SubFactory(ProjectMeasureFactory)
    period = factory.Sequence(month)
    value = 10
    approved = True

    class Meta:
        model = MeasurePoint
