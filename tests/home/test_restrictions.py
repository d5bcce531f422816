"""View restrictions read from the cache (home/restrictions.py), and the header
and outcomes kept in it (home/pagecache.py's ``remember``): with the page cache
off, as in these tests, each edit still shows on the next request."""

from wagtail.models import PageViewRestriction

from cohorts.models import FellowProjectFellow
from home.models import SiteSettings
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def test_a_new_restriction_hides_a_section_from_the_header_at_once(client, home_page):
    section = StandardPageFactory(
        parent=home_page, title="Members only", show_in_menus=True
    )
    assert "Members only" in client.get("/").content.decode()

    restriction = restrict(section)
    assert "Members only" not in client.get("/").content.decode()

    restriction.delete()
    assert "Members only" in client.get("/").content.decode()


def test_a_restricted_page_asks_for_its_password_and_its_children_too(client, db):
    programme = ProgrammePageFactory()
    cohort = CohortPageFactory(parent=programme, title="Cohort kept private")
    project = FellowProjectPageFactory(parent=cohort, title="Falls on ward 9")
    assert "Cohort kept private" in client.get(programme.url).content.decode()

    restrict(cohort)

    for page in (cohort, project):
        html = client.get(page.url).content.decode()
        assert "password" in html.lower()
        assert "Falls on ward 9" not in html
    assert "Cohort kept private" not in client.get(programme.url).content.decode()


def test_a_restricted_page_moved_stays_restricted_and_unlisted(client, db):
    first, second = ProgrammePageFactory(), ProgrammePageFactory()
    cohort = CohortPageFactory(parent=first, title="Cohort kept private")
    restrict(cohort)
    client.get(second.url)  # the restrictions read, at the old path

    cohort.move(second, pos="last-child")
    cohort.refresh_from_db()

    assert "password" in client.get(cohort.url).content.decode().lower()
    assert "Cohort kept private" not in client.get(second.url).content.decode()


def test_site_settings_show_in_the_header_at_once(client, site):
    assert "Northshire Fellowship" not in client.get("/").content.decode()
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Northshire Fellowship"
    settings.save()
    assert "Northshire Fellowship" in client.get("/").content.decode()


def test_a_new_fellow_shows_in_the_cohort_outcomes_at_once(client, db):
    FellowIndexPageFactory()
    cohort = CohortPageFactory()
    url = cohort.url + "outcomes/"
    FellowFactory(cohort=cohort)
    assert "1 fellow" in client.get(url).content.decode()

    fellow = FellowFactory(cohort=cohort)
    FellowProjectFellow.objects.create(
        project=FellowProjectPageFactory(parent=cohort), fellow=fellow
    )
    assert "2 fellows" in client.get(url).content.decode()
