"""The page cache (home/pagecache.py): anonymous readers get stored pages, and
every kind of edit shows on the next anonymous request of every page that
shows it. Each test first reads the pages twice, so that the second read is
from the cache: a page that still came from the cache after an edit would
show the old content."""

import pytest

from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

from cohorts.models import FellowProjectFellow, KPIValue, Theme
from home.models import StandardPage
from tests.cohorts.access.test_moderation import act
from tests.cohorts.imports.test_measure_import import confirm, csv_file, preview
from tests.cohorts.measures.test_measure_approval import (
    add_point,
    api_periods,
    public_points,
    submit_project,
)
from tests.factories import (
    AccreditationStatusFactory,
    CoachFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    GoodPracticeIndexPageFactory,
    GoodPracticePageFactory,
    LearningModulePageFactory,
    LearningModuleSessionFactory,
    MeasurePointFactory,
    ModuleIndexPageFactory,
    OrganisationFactory,
    ProgrammeKPIFactory,
    ProgrammePageFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
    SessionFeedbackFactory,
)
from tests.factories.measures import month


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def tree(db):
    FellowIndexPageFactory()
    programme = ProgrammePageFactory(title="QI fellowship")
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014")
    other_cohort = CohortPageFactory(parent=programme, title="Cohort 2015")
    organisation = OrganisationFactory(name="Northfield NHS Trust")
    project = FellowProjectPageFactory(
        parent=cohort,
        title="Fewer falls",
        slug="fewer-falls",
        organisation=organisation,
    )
    coach = CoachFactory(name="Coach Carter")
    status = AccreditationStatusFactory(name="Certificate awarded")
    fellow = FellowFactory(
        name="Grace Patel",
        slug="grace-patel",
        cohort=cohort,
        coach=coach,
        accreditation_status=status,
        organisation=organisation,
    )
    FellowProjectFellow.objects.create(project=project, fellow=fellow)
    ProjectUpdatePageFactory(parent=project, title="First PDSA cycle")
    return {
        "programme": programme,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "project": project,
        "fellow": fellow,
        "coach": coach,
        "status": status,
        "organisation": organisation,
    }


def html(client, url):
    return client.get(url).content.decode()


def prime(client, *urls):
    """Read each URL until it comes from the cache."""
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url


# --- What is cached, and the headers ------------------------------------------


def test_second_anonymous_read_comes_from_the_cache(client, tree):
    first = client.get(tree["project"].url)
    second = client.get(tree["project"].url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_page_is_public_and_varies_on_the_cookie(client, tree):
    prime(client, tree["project"].url)
    response = client.get(tree["project"].url)

    control = set(response["Cache-Control"].split(", "))
    assert {"public", "max-age=0", "must-revalidate"} <= control
    assert "Cookie" in response["Vary"]
    assert "Content-Security-Policy" in response  # each response gets its own


@pytest.mark.parametrize(
    "url", ["/search/", "/search/?q=falls", "/api/projects/", "/feeds/updates/"]
)
def test_search_api_and_feeds_are_cached(client, tree, url):
    prime(client, url)


def test_signed_in_reader_is_never_served_or_stored(client, tree, superuser):
    prime(client, tree["project"].url)
    client.force_login(superuser)

    response = client.get(tree["project"].url)

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_preview_is_never_cached(client, tree, superuser):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:view_draft", args=[tree["project"].pk])

    client.get(url)
    response = client.get(url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_post_is_never_cached(client, tree):
    client.post(tree["project"].url)

    assert client.get(tree["project"].url)["X-Page-Cache"] == "miss"


def test_response_that_sets_a_cookie_is_never_cached(client, tree):
    """A password-protected page's form sets the CSRF cookie."""
    PageViewRestriction.objects.create(
        page=tree["project"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    first = client.get(tree["project"].url)
    second = client.get(tree["project"].url)

    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in second
    assert "no-store" in second["Cache-Control"]


def test_reader_with_a_message_is_not_served_from_the_cache(client, tree):
    prime(client, tree["project"].url)
    client.cookies[CookieStorage.cookie_name] = "a message"

    assert "X-Page-Cache" not in client.get(tree["project"].url)


def test_cache_off_stores_nothing(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(tree["project"].url)

    assert "X-Page-Cache" not in client.get(tree["project"].url)


# --- Each kind of edit shows on the next anonymous request ---------------------


def everywhere(tree):
    """The pages that show a project: itself, its update, its cohort and
    programme, home, search and the showcase, the API, the feeds."""
    return [
        tree["project"].url,
        "/",
        tree["cohort"].url,
        tree["programme"].url,
        "/search/",
        "/search/?q=falls",
        "/api/projects/",
        f"/api/projects/{tree['project'].pk}/",
        "/feeds/updates/",
    ]


def test_publishing_a_page_shows_everywhere(client, tree):
    prime(client, *everywhere(tree))
    project = tree["project"]
    project.title = "Fewer falls at night"
    project.save_revision().publish()

    assert "Fewer falls at night" in html(client, project.url)
    assert "Fewer falls at night" in html(client, tree["cohort"].url)
    assert "Fewer falls at night" in html(client, "/search/?q=falls")
    assert "Fewer falls at night" in html(client, "/api/projects/")
    for url in ["/", tree["programme"].url, "/search/", "/feeds/updates/"]:
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_publishing_shows_on_the_pages_below(client, tree):
    """A changed title shows in its children's breadcrumbs."""
    update = Page.objects.get(title="First PDSA cycle")
    prime(client, update.url)
    cohort = tree["cohort"]
    cohort.title = "Cohort 2014/15"
    cohort.save_revision().publish()

    assert "Cohort 2014/15" in html(client, update.url)


def test_publishing_leaves_other_branches_cached(client, tree):
    other = FellowProjectPageFactory(parent=tree["other_cohort"], title="Sepsis")
    prime(client, other.url, tree["other_cohort"].url)
    project = tree["project"]
    project.title = "Fewer falls at night"
    project.save_revision().publish()

    assert client.get(other.url)["X-Page-Cache"] == "hit"
    assert client.get(tree["other_cohort"].url)["X-Page-Cache"] == "hit"


def test_unpublishing_a_page_shows_everywhere(client, tree):
    prime(client, *everywhere(tree))
    tree["project"].unpublish()

    assert client.get(tree["project"].url).status_code == 404
    assert "Fewer falls" not in html(client, tree["cohort"].url)
    assert "Fewer falls" not in html(client, "/search/?q=falls")
    assert "Fewer falls" not in html(client, "/api/projects/")
    assert client.get("/feeds/updates/")["X-Page-Cache"] == "miss"


def test_moving_a_page_shows_in_both_places(client, tree):
    old_url = tree["project"].url
    prime(client, old_url, tree["cohort"].url, tree["other_cohort"].url)
    tree["project"].move(tree["other_cohort"], pos="last-child")
    moved = Page.objects.get(pk=tree["project"].pk)

    assert client.get(old_url).url == moved.url  # Wagtail's automatic redirect
    assert "Fewer falls" not in html(client, tree["cohort"].url)
    assert "Fewer falls" in html(client, tree["other_cohort"].url)
    assert "Cohort 2015" in html(client, moved.url)


def test_deleting_a_page_shows_everywhere(client, tree):
    prime(client, *everywhere(tree))
    tree["project"].delete()

    assert client.get(tree["project"].url).status_code == 404
    assert "Fewer falls" not in html(client, tree["cohort"].url)
    assert "Fewer falls" not in html(client, "/api/projects/")


def test_new_page_in_the_header_shows_on_every_page(client, tree, home_page):
    prime(client, tree["project"].url, "/api/projects/")
    about = home_page.add_child(
        instance=StandardPage(title="About us", intro="Who we are.", live=False)
    )
    about.save_revision().publish()

    assert "About us" in html(client, tree["project"].url)


def test_saving_a_fellow_shows_everywhere(client, tree):
    profile = "/fellows/grace-patel/"
    prime(client, tree["project"].url, tree["cohort"].url, profile, "/api/projects/")
    fellow = tree["fellow"]
    fellow.name = "Grace Okafor"
    fellow.save()

    assert "Grace Okafor" in html(client, tree["project"].url)
    assert "Grace Okafor" in html(client, tree["cohort"].url)
    assert "Grace Okafor" in html(client, profile)
    assert "Grace Okafor" in html(client, f"/api/projects/{tree['project'].pk}/")


def test_a_fellow_moved_to_another_cohort_leaves_the_old_one(client, tree):
    fellow = FellowFactory(name="Ada Brook", cohort=tree["cohort"])
    prime(client, tree["cohort"].url, tree["other_cohort"].url)
    fellow.cohort = tree["other_cohort"]
    fellow.save()

    assert "Ada Brook" not in html(client, tree["cohort"].url)
    assert "Ada Brook" in html(client, tree["other_cohort"].url)


def test_deleting_a_fellow_shows_everywhere(client, tree):
    prime(client, tree["project"].url, tree["cohort"].url)
    tree["fellow"].delete()

    assert "Grace Patel" not in html(client, tree["project"].url)
    assert "Grace Patel" not in html(client, tree["cohort"].url)


def test_a_fellow_withdrawing_consent_shows_everywhere(client, tree):
    """Their name goes, and so does their project's organisation (none of its
    fellows is named now), from every page that showed them."""
    example = GoodPracticePageFactory(parent=GoodPracticeIndexPageFactory())
    example.projects.add(tree["project"])
    example.save_revision().publish()
    urls = [
        tree["project"].url,
        tree["cohort"].url,
        example.url,
        "/",
        "/search/",
        "/api/projects/",
        f"/api/projects/{tree['project'].pk}/",
    ]
    prime(client, *urls)
    fellow = tree["fellow"]
    fellow.public_consent = False
    fellow.save()

    for url in urls:
        page = html(client, url)
        assert "Grace Patel" not in page, url
        assert "Northfield NHS Trust" not in page, url


def test_saving_a_coach_shows_on_their_fellows_projects(client, tree):
    prime(client, tree["project"].url)
    coach = tree["coach"]
    coach.name = "Coach Okafor"
    coach.save()

    assert "Coach Okafor" in html(client, tree["project"].url)


@pytest.mark.parametrize("record", ["organisation", "status"])
def test_saving_a_site_wide_record_shows_everywhere(client, tree, record):
    outcomes = tree["cohort"].url + "outcomes/"
    prime(client, tree["project"].url, outcomes, "/search/")
    tree[record].name = "Renamed record"
    tree[record].save()

    assert "Renamed record" in html(client, outcomes)
    for url in [tree["project"].url, "/search/"]:
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_saving_a_theme_shows_on_the_project(client, tree):
    theme = Theme.objects.first()
    tree["project"].themes.add(theme)
    tree["project"].save_revision().publish()
    prime(client, tree["project"].url)
    theme.name = "Digital learning"
    theme.save()

    assert "Digital learning" in html(client, tree["project"].url)


def test_an_outcome_record_shows_on_the_profile_and_outcomes(client, tree):
    profile = "/fellows/grace-patel/"
    impact = tree["programme"].url + "impact/"
    prime(client, profile, tree["cohort"].url, impact, "/api/outcomes/")
    FellowOutcomeFactory(fellow=tree["fellow"], title="Poster at the QI forum")

    assert "Poster at the QI forum" in html(client, profile)
    for url in [tree["cohort"].url, impact, "/api/outcomes/"]:
        assert client.get(url)["X-Page-Cache"] == "miss", url


@pytest.fixture
def measure(cast):
    measure = ProjectMeasureFactory(project=cast.project_a, name="Falls")
    MeasurePointFactory(measure=measure, period=month(0), value=12)
    return measure


def test_a_point_staff_save_shows_at_once(client, cast, measure):
    assert public_points(client, measure) == 1
    assert api_periods(client, measure) == ["2014-01-01"]
    prime(client, measure.project.url, f"/api/measures/{measure.pk}/")

    add_point(client, cast.staff, measure)

    assert public_points(client, measure) == 2
    assert api_periods(client, measure) == ["2014-01-01", "2015-03-01"]


def test_a_point_approved_with_the_project_shows_at_once(client, cast, measure):
    add_point(client, cast.fellow_a.user, measure)
    submitted = submit_project(client, cast, measure)
    assert public_points(client, measure) == 1
    prime(client, measure.project.url, f"/api/measures/{measure.pk}/")

    act(client, submitted, cast.staff, "approve")

    assert public_points(client, measure) == 2
    assert api_periods(client, measure) == ["2014-01-01", "2015-03-01"]


def test_the_site_works_with_redis_down(client, tree, settings):
    from fellowship_site.settings.base import redis_cache

    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}
    first = client.get(tree["project"].url)
    second = client.get(tree["project"].url)

    assert first.status_code == second.status_code == 200
    assert "Fewer falls" in second.content.decode()
    assert second["X-Page-Cache"] == "miss"


def test_a_kpi_value_shows_on_the_board_and_its_chart(client, tree):
    kpi = ProgrammeKPIFactory(programme=tree["programme"], name="Fellows on time")
    board = tree["programme"].url + "how-we-are-doing/"
    chart = f"{board}{kpi.pk}/"
    prime(client, board, chart)

    KPIValue.objects.create(kpi=kpi, period=month(0), value=81)

    assert "81" in html(client, board)
    assert "81" in html(client, chart)


def test_a_feedback_response_shows_on_the_module_and_the_board(client, tree):
    module = LearningModulePageFactory(parent=ModuleIndexPageFactory())
    session = LearningModuleSessionFactory(module=module, cohort=tree["cohort"])
    board = tree["programme"].url + "how-we-are-doing/"
    prime(client, module.url, board)

    SessionFeedbackFactory(session=session, fellow=tree["fellow"])

    for url in [module.url, board]:
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_publishing_good_practice_shows_on_its_linked_project(client, tree):
    example = GoodPracticePageFactory(
        parent=GoodPracticeIndexPageFactory(), title="A carers' café", live=False
    )
    example.projects.add(tree["project"])
    prime(client, tree["project"].url)

    example.save_revision().publish()

    assert "A carers&#x27; café" in html(client, tree["project"].url)


def test_a_staff_import_of_measure_data_shows_at_once(client, cast, measure):
    prime(client, measure.project.url, f"/api/measures/{measure.pk}/")
    client.force_login(cast.staff)
    previewed = preview(client, measure, file=csv_file("date,value\n2015-03-01,7\n"))
    confirm(client, measure, previewed)
    client.logout()

    assert public_points(client, measure) == 2
    assert api_periods(client, measure) == ["2014-01-01", "2015-03-01"]
