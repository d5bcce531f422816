from cohorts.models import FellowProjectFellow
from modules.models import LearningModuleSession
from tests.factories import (
    CoachFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    LearningModulePageFactory,
)


def populate(cohort, fellows):
    module = LearningModulePageFactory()
    for _ in range(fellows):
        fellow = FellowFactory(cohort=cohort, coach=CoachFactory())
        project = FellowProjectPageFactory(parent=cohort)
        FellowProjectFellow.objects.create(project=project, fellow=fellow)
        LearningModuleSession.objects.create(
            module=module, cohort=cohort, date="2014-10-01", place="Online"
        )


def test_cohort_page_queries_do_not_grow_with_fellows(client, count_queries):
    FellowIndexPageFactory()
    small, large = CohortPageFactory(), CohortPageFactory()
    populate(small, 2)
    populate(large, 12)
    client.get(small.url)  # warm the site-root cache
    few = count_queries(lambda: client.get(small.url))
    client.get(large.url)  # its outcomes into the cache
    many = count_queries(lambda: client.get(large.url))
    assert large.get_fellows().count() == 12
    assert many == few
