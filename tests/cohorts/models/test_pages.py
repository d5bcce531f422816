import datetime
import re

import pytest

from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cohorts.models import (
    CohortPage,
    FellowIndexPage,
    FellowProjectFellow,
    FellowProjectPage,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
)
from home.models import HomePage
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
)

pytestmark = pytest.mark.django_db


class ProgrammeTreeTests(WagtailPageTests):
    def test_programme_tree_rules(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {CohortPage})

    def test_cohort_tree_rules(self):
        self.assertAllowedParentPageTypes(CohortPage, {ProgrammePage})
        self.assertAllowedSubpageTypes(CohortPage, {FellowProjectPage})

    def test_project_tree_rules(self):
        self.assertAllowedParentPageTypes(FellowProjectPage, {CohortPage})
        self.assertAllowedSubpageTypes(FellowProjectPage, {ProjectUpdatePage})

    def test_update_tree_rules(self):
        self.assertAllowedParentPageTypes(ProjectUpdatePage, {FellowProjectPage})
        self.assertAllowedSubpageTypes(ProjectUpdatePage, set())

    def test_fellow_index_tree_rules(self):
        self.assertAllowedParentPageTypes(FellowIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(FellowIndexPage, set())

    def test_programme_can_be_created(self):
        self.assertCanCreate(
            HomePage.objects.get(depth=2),
            ProgrammePage,
            nested_form_data(
                {
                    "title": "Quality Improvement Fellowship",
                    "intro": "A year-long fellowship.",
                    "body": streamfield([]),
                }
            ),
        )

    def test_cohort_can_be_created(self):
        self.assertCanCreate(
            ProgrammePageFactory(),
            CohortPage,
            nested_form_data(
                {
                    "title": "Cohort 2014/15",
                    "start_date": "2014-09-01",
                    "end_date": "2015-08-31",
                    "intro": "",
                    "body": streamfield([]),
                }
            ),
        )

    def test_cohort_that_ends_before_it_starts_is_refused(self):
        with pytest.raises(AssertionError, match="The cohort must end after it starts"):
            self.assertCanCreate(
                ProgrammePageFactory(),
                CohortPage,
                nested_form_data(
                    {
                        "title": "Backwards cohort",
                        "start_date": "2015-09-01",
                        "end_date": "2014-08-31",
                        "body": streamfield([]),
                    }
                ),
            )
        assert not CohortPage.objects.filter(title="Backwards cohort").exists()

    def test_project_can_be_created_with_its_fellow_and_themes(self):
        cohort = CohortPageFactory()
        fellow = FellowFactory(cohort=cohort)
        theme = Theme.objects.get(slug="digital-technology")
        data = nested_form_data(
            {
                "title": "Safer insulin prescribing",
                "summary": "Fewer insulin errors on medical wards.",
                "aim": "Halve insulin prescribing errors by June 2015.",
                "problem": "Insulin errors harm patients.",
                "body": streamfield([]),
                "driver_diagram": streamfield([]),
                "measures": inline_formset([]),
                "project_fellows": inline_formset([{"fellow": fellow.pk}], min=1),
                "status": FellowProjectPage.Status.TESTING,
                "clinical_area": "Diabetes",
            }
        )
        data["themes"] = [theme.pk]  # a multiple choice, which nested_form_data splits
        self.assertCanCreate(cohort, FellowProjectPage, data)
        project = FellowProjectPage.objects.get(slug="safer-insulin-prescribing")
        assert list(project.themes.all()) == [theme]
        assert project.project_fellows.get().fellow == fellow

    def test_update_can_be_created(self):
        self.assertCanCreate(
            FellowProjectPageFactory(),
            ProjectUpdatePage,
            nested_form_data(
                {
                    "title": "First PDSA cycle",
                    "date": "2015-01-10",
                    "summary": "We tried hourly rounding.",
                    "body": streamfield([]),
                    "pdsa_cycles": streamfield([]),
                }
            ),
        )
        assert ProjectUpdatePage.objects.get().date == datetime.date(2015, 1, 10)

    def test_fellow_index_can_be_created(self):
        self.assertCanCreate(
            HomePage.objects.get(depth=2),
            FellowIndexPage,
            nested_form_data({"title": "Fellows", "intro": ""}),
        )


def test_programme_page_lists_its_cohorts(client):
    programme = ProgrammePageFactory(title="QI Fellowship")
    CohortPageFactory(parent=programme, title="Cohort 2014/15")
    response = client.get(programme.url)
    assert response.status_code == 200
    assert "cohorts/programme_page.html" in [t.name for t in response.templates]
    assert "Cohort 2014/15" in response.text
    assert "September 2014 to August 2015" in response.text


def test_cohort_page_shows_only_consenting_fellows(client):
    cohort = CohortPageFactory()
    FellowFactory(cohort=cohort, name="Priya Shah", public_consent=True)
    FellowFactory(cohort=cohort, name="Hidden Person", public_consent=False)
    FellowIndexPageFactory()
    response = client.get(cohort.url)
    assert response.status_code == 200
    assert "Priya Shah" in response.text
    assert "Hidden Person" not in response.text


def test_cohort_page_shows_projects_timetable_and_empty_states(client):
    cohort = CohortPageFactory()
    response = client.get(cohort.url)
    assert "No projects have been published for this cohort yet." in response.text
    assert "module timetable for this cohort has not been published" in response.text
    FellowProjectPageFactory(parent=cohort, title="Quicker discharge letters")
    response = client.get(cohort.url)
    assert "Quicker discharge letters" in response.text
    assert "Testing changes" in response.text


def test_project_page_shows_aim_team_and_updates_newest_first(client):
    FellowIndexPageFactory()
    project = FellowProjectPageFactory(aim="Halve insulin errors by June 2015.")
    fellow = FellowFactory(name="Grace Evans")
    FellowProjectFellow.objects.create(project=project, fellow=fellow)
    ProjectUpdatePageFactory(parent=project, title="Older", date="2015-01-01")
    ProjectUpdatePageFactory(parent=project, title="Newer", date="2015-03-01")
    response = client.get(project.url)
    assert response.status_code == 200
    assert "Halve insulin errors by June 2015." in response.text
    assert f'href="/fellows/{fellow.slug}/"' in response.text
    assert response.text.index("Newer") < response.text.index("Older")


def test_project_page_hides_a_fellow_without_consent(client):
    project = FellowProjectPageFactory()
    FellowProjectFellow.objects.create(
        project=project, fellow=FellowFactory(name="Jo Private", public_consent=False)
    )
    response = client.get(project.url)
    assert "Jo Private" not in response.text
    assert "Not listed publicly" in response.text


def test_unpublished_update_is_not_public(client):
    project = FellowProjectPageFactory()
    update = ProjectUpdatePageFactory(parent=project, title="Draft thoughts")
    update.unpublish()
    assert client.get(project.url).text.count("Draft thoughts") == 0
    assert client.get(f"{project.url}{update.slug}/").status_code == 404


def test_update_page_renders_and_links_back(client):
    update = ProjectUpdatePageFactory(title="Spreading to ward 9")
    response = client.get(update.url)
    assert response.status_code == 200
    assert "cohorts/project_update_page.html" in [t.name for t in response.templates]
    assert f'href="{update.get_parent().url}"' in response.text
    assert re.search(r"Published <time datetime=\"\d{4}-\d{2}-\d{2}\">", response.text)


def test_fellow_profile_is_public_only_with_consent(client):
    index = FellowIndexPageFactory()
    shown = FellowFactory(
        name="Amara Patel", public_consent=True, cohort=CohortPageFactory()
    )
    hidden = FellowFactory(public_consent=False)
    response = client.get(f"{index.url}{shown.slug}/")
    assert response.status_code == 200
    assert "Amara Patel" in response.text
    assert f">{shown.cohort.full_title}</a>" in response.text
    assert shown.email not in response.text
    assert client.get(f"{index.url}{hidden.slug}/").status_code == 404
    assert client.get(f"{index.url}no-such-fellow/").status_code == 404


def test_fellow_index_lists_consenting_fellows_only(client):
    index = FellowIndexPageFactory()
    FellowFactory(name="Shown Fellow")
    FellowFactory(name="Hidden Fellow", public_consent=False)
    response = client.get(index.url)
    assert "Shown Fellow" in response.text
    assert "Hidden Fellow" not in response.text
