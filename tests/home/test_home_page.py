"""The home page: the outcomes in numbers, featured (or latest) projects, the
latest updates, the cohorts and the good practice by theme."""

import datetime
import re

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cohorts.models import FellowProjectFellow, Theme
from home.models import HomePageFeaturedProject
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowProjectPageFactory,
    GoodPracticeIndexPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
)


def card_titles(html, section):
    """The titles of the cards under the <h2 id=section>, in order."""
    part = html.split(f'<h2 id="{section}">')[1].split("<h2")[0]
    return re.findall(r'class="nhsuk-card__link" href="[^"]+">([^<]+)</a>', part)


def test_home_page_shows_the_projects_staff_chose_in_their_order(client, home_page):
    cohort = CohortPageFactory()
    first, second, _ = (
        FellowProjectPageFactory(parent=cohort, title=title)
        for title in ("Safer discharge", "Fewer falls", "Quicker clinics")
    )
    draft = FellowProjectPageFactory(parent=cohort, title="Draft work", live=False)
    for order, project in enumerate([second, draft, first]):
        HomePageFeaturedProject.objects.create(
            page=home_page, project=project, sort_order=order
        )
    html = client.get(home_page.url).text
    assert card_titles(html, "projects") == ["Fewer falls", "Safer discharge"]


def test_home_page_shows_the_latest_projects_when_staff_chose_none(client, home_page):
    cohort = CohortPageFactory()
    for title in ("One", "Two", "Three", "Four"):
        FellowProjectPageFactory(parent=cohort, title=f"Project {title}")
    html = client.get(home_page.url).text
    assert card_titles(html, "projects") == [
        "Project Four",
        "Project Three",
        "Project Two",
    ]


def test_home_page_project_card_names_only_consenting_fellows(client, home_page):
    project = FellowProjectPageFactory(
        title="Safer discharge", organisation=OrganisationFactory(name="Northfield")
    )
    for name, consent in (("Ann Able", True), ("Hidden Harriet", False)):
        FellowProjectFellow.objects.create(
            project=project, fellow=FellowFactory(name=name, public_consent=consent)
        )
    html = client.get(home_page.url).text
    assert "Ann Able · Northfield" in html
    assert "Hidden Harriet" not in html


def test_staff_choose_featured_projects_in_the_home_page_editor(
    admin_client, home_page
):
    project = FellowProjectPageFactory(title="Fewer falls")
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "intro": "",
            "body": streamfield([]),
            "featured_projects": inline_formset([{"project": project.pk}]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]), data
    )
    assert response.status_code == 302
    assert list(home_page.featured_projects.values_list("project", flat=True)) == [
        project.pk
    ]


def test_home_page_shows_the_latest_published_updates_with_their_project(
    client, home_page
):
    project = FellowProjectPageFactory(title="Fewer falls")
    for day, title in ((1, "Baseline"), (20, "Second cycle"), (10, "First cycle")):
        ProjectUpdatePageFactory(
            parent=project, title=title, date=datetime.date(2015, 1, day)
        )
    ProjectUpdatePageFactory(parent=project, title="Not yet", live=False)
    html = client.get(home_page.url).text
    assert card_titles(html, "updates") == ["Second cycle", "First cycle", "Baseline"]
    assert "Fewer falls · 20 January 2015" in html


def test_home_page_names_cohorts_with_their_programme(client, home_page):
    for programme in ("QI Fellowship", "Clinical Leadership"):
        CohortPageFactory(
            parent=ProgrammePageFactory(title=programme), title="Cohort 2016/17"
        )
    html = client.get(home_page.url).text
    assert sorted(card_titles(html, "cohorts")) == [
        "Clinical Leadership – Cohort 2016/17",
        "QI Fellowship – Cohort 2016/17",
    ]


def test_home_page_gives_the_outcomes_in_numbers_with_a_link_to_the_detail(
    client, home_page
):
    programme = ProgrammePageFactory(title="QI Fellowship")
    cohort = CohortPageFactory(parent=programme, start_date=datetime.date(2012, 9, 1))
    FellowFactory(cohort=cohort)
    FellowFactory(cohort=cohort, public_consent=False)
    FellowProjectPageFactory(parent=cohort)
    html = client.get(home_page.url).text
    assert "2 fellows in 1 cohort since 2012" not in html  # one cohort: no "since"
    assert '<p class="nhsuk-body-l">2 fellows.</p>' in html
    assert re.search(r"Published projects\s*</dt>\s*<dd[^>]*>\s*1\s*</dd>", html)
    assert f'<a href="{programme.url}impact/">Impact summary: QI Fellowship</a>' in html


def test_without_a_good_practice_section_themes_link_to_search(client, home_page):
    html = client.get(home_page.url).text
    themes = Theme.objects.filter(good_practice=True)
    assert themes.count() == 4
    for theme in themes:
        assert f'<a href="/search/?theme={theme.slug}">{theme.name}</a>' in html
    assert "Share your own good practice" not in html


def test_home_page_links_to_good_practice_by_theme(client, home_page):
    GoodPracticeIndexPageFactory()
    html = client.get(home_page.url).text
    for theme in Theme.objects.filter(good_practice=True):
        assert f'<a href="/good-practice/?theme={theme.slug}">{theme.name}</a>' in html
    assert '<a href="/share-good-practice/">Share your own good practice</a>' in html


def fill(count):
    """`count` projects (each with an update and a consenting fellow), in
    `count` cohorts of `count` programmes."""
    for _ in range(count):
        cohort = CohortPageFactory()
        project = FellowProjectPageFactory(parent=cohort)
        FellowProjectFellow.objects.create(
            project=project, fellow=FellowFactory(cohort=cohort)
        )
        ProjectUpdatePageFactory(parent=project)


def test_home_page_queries_do_not_grow_with_its_lists(client, home_page, count_queries):
    fill(2)
    client.get(home_page.url)  # warm the site-root cache
    few = count_queries(lambda: client.get(home_page.url))
    fill(10)
    client.get(home_page.url)  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get(home_page.url))
    assert many == few
