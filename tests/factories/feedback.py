"""Module sessions and the fellows' feedback on them."""

import datetime

import factory

from django.utils import timezone

from modules.models import LearningModuleSession, SessionFeedback

from .pages import CohortPageFactory, LearningModulePageFactory
from .snippets import FellowFactory


class LearningModuleSessionFactory(factory.django.DjangoModelFactory):
    module = factory.SubFactory(LearningModulePageFactory)
    cohort = factory.SubFactory(CohortPageFactory)
    date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=3)
    )
    place = "Education centre, Northfield"

    class Meta:
        model = LearningModuleSession


class SessionFeedbackFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(LearningModuleSessionFactory)
    fellow = factory.SubFactory(
        FellowFactory, cohort=factory.SelfAttribute("..session.cohort")
    )
    overall = 4
    relevance = 4
    recommend = 5

    class Meta:
        model = SessionFeedback
