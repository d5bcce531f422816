"""A PDSA cycle is reported as it goes: a cycle with only its plan (change idea,
dates, prediction) is what a fellow sends their coach to check, and it shows
as planned, with no decision yet, wherever cycles show."""

import datetime

import pytest

from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cohorts.blocks import PDSACycleBlock
from tests.cohorts.roles import client_for
from tests.factories import MeasurePointFactory, ProjectMeasureFactory
from tests.factories.measures import month

PLAN = {
    "change_idea": "Weekend handover checklist",
    "start_date": datetime.date(2014, 6, 7),
    "end_date": datetime.date(2014, 6, 21),
    "prediction": "Fewer falls at weekends.",
    "what_was_done": "",
    "study": "",
    "decision": "",
}


def plan_only(page, user, publish=False):
    """Give the update one cycle with only its plan, as the editor stores it."""
    page.pdsa_cycles = [("pdsa_cycle", PLAN)]
    revision = page.save_revision(user=user, clean=False)
    if publish:
        revision.publish()
    return Page.objects.get(pk=page.pk).specific


def clean(**fields):
    block = PDSACycleBlock()
    return block.clean(block.to_python({**PLAN, **fields}))


def test_a_cycle_may_be_only_planned():
    cycle = clean()

    assert cycle.decision_label == "No decision yet"


@pytest.mark.parametrize(
    ("fields", "stage"),
    [
        ({"study": "Falls fell."}, "study"),
        ({"what_was_done": "Used it for a month.", "decision": "adopt"}, "decision"),
    ],
)
def test_each_stage_needs_the_one_before(fields, stage):
    with pytest.raises(StructBlockValidationError) as error:
        clean(**fields)

    assert list(error.value.block_errors) == [stage]


def test_a_draft_cycle_may_lack_its_start_date():
    block = PDSACycleBlock()
    block.defer_required_validation()
    try:
        cycle = block.clean(block.to_python({**PLAN, "start_date": None}))
    finally:
        block.restore_deferred_validation()

    assert cycle["start_date"] is None


@pytest.mark.parametrize("role", ["coach of A", "staff", "fellow A"])
def test_planned_cycle_previews(client, cast, role):
    plan_only(cast.draft_a, cast.fellow_a.user)
    client = client_for(client, cast.user(role))

    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[cast.draft_a.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Weekend handover checklist" in html
    assert "Fewer falls at weekends." in html
    assert "No decision yet" in html
    assert "Not recorded yet" in html


def test_staff_publish_a_planned_cycle_from_the_editor(client, cast):
    client.force_login(cast.staff)
    data = nested_form_data(
        {
            "title": "Planning the weekend checklist",
            "slug": "first-pdsa",
            "date": "2014-06-01",
            "summary": "What we will try next.",
            "body": streamfield([]),
            "pdsa_cycles": streamfield(
                [("pdsa_cycle", {**PLAN, "start_date": "2014-06-07", "end_date": ""})]
            ),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "action-publish": "1",
        }
    )

    client.post(reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]), data)

    page = Page.objects.get(pk=cast.draft_a.pk).specific
    assert page.live
    assert page.pdsa_cycles[0].value["change_idea"] == "Weekend handover checklist"


def test_published_planned_cycle_shows_everywhere(client, cast):
    measure = ProjectMeasureFactory(project=cast.project_a, name="Falls")
    for n in range(6):
        MeasurePointFactory(measure=measure, period=month(n), value=10 + n)
    update = plan_only(cast.draft_a, cast.fellow_a.user, publish=True)

    update_page = client.get(update.url)
    project_page = client.get(cast.project_a.url)
    feed = client.get(reverse("feeds:project", args=[cast.project_a.pk]))

    assert update_page.status_code == 200
    assert "No decision yet" in update_page.content.decode()
    html = project_page.content.decode()
    log = html[html.index('id="pdsa-cycles"') :]
    assert "Weekend handover checklist" in log
    assert "No decision yet" in log
    assert "PDSA cycles: June 2014, Weekend handover checklist." in html
    assert feed.status_code == 200
    assert update.title in feed.content.decode()
