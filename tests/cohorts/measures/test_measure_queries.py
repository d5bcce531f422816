"""A project page's queries do not grow with its measures or their points."""

import datetime

from cohorts.models import MeasurePoint
from tests.factories import (
    FellowProjectPageFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
)
from tests.factories.measures import month


def project_with(measures, points):
    project = FellowProjectPageFactory()
    for _ in range(measures):
        measure = ProjectMeasureFactory(project=project)
        MeasurePoint.objects.bulk_create(
            MeasurePoint(
                measure=measure, period=month(i), value=10 + i % 7, approved=True
            )
            for i in range(points)
        )
    ProjectUpdatePageFactory(
        parent=project,
        progress_score="2.0",
        pdsa_cycles=[
            (
                "pdsa_cycle",
                {
                    "change_idea": "Hourly rounding",
                    "start_date": datetime.date(2014, 6, 1),
                    "end_date": None,
                    "prediction": "p",
                    "what_was_done": "d",
                    "study": "s",
                    "decision": "adopt",
                },
            )
        ],
    )
    return project


def test_six_measures_of_100_points_cost_the_same_queries_as_one_of_10(
    client, count_queries
):
    small, large = project_with(1, 10), project_with(6, 100)
    client.get(small.url)  # warm the site-root cache
    few = count_queries(lambda: client.get(small.url))
    many = count_queries(lambda: client.get(large.url))
    assert many == few
    html = client.get(large.url).content.decode()
    assert html.count("(100 points)") == 6


def test_computing_the_charts_costs_no_queries(client, count_queries):
    project = project_with(6, 100)
    client.get(FellowProjectPageFactory().url)  # warm the site-root cache
    cold = count_queries(lambda: client.get(project.url))
    warm = count_queries(lambda: client.get(project.url))
    assert cold == warm
