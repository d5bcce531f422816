"""A programme's KPIs."""

import factory

from cohorts.models import ProgrammeKPI

from .pages import ProgrammePageFactory


class ProgrammeKPIFactory(factory.django.DjangoModelFactory):
    programme = factory.SubFactory(ProgrammePageFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    descriptor = "How the programme is doing on this."
    source = ProgrammeKPI.Source.ENTERED
    period = ProgrammeKPI.Period.MONTHLY
    improvement_direction = ProgrammeKPI.Direction.HIGHER

    class Meta:
        model = ProgrammeKPI
