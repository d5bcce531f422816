from wagtail.models import Page
from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cohorts.models import FellowIndexPage, GoodPracticeIndexPage, ProgrammePage
from home.models import HomePage, StandardPage
from modules.models import ModuleIndexPage
from tests.factories import StandardPageFactory


class HomePageTests(WagtailPageTests):
    def test_home_page_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProgrammePage,
                FellowIndexPage,
                GoodPracticeIndexPage,
                ModuleIndexPage,
                StandardPage,
            },
        )

    def test_home_page_renders_with_its_template(self):
        home = HomePage.objects.get(depth=2)
        response = self.client.get(home.url)
        self.assertTemplateUsed(response, "home/home_page.html")
        self.assertContains(response, f"<h1>{home.title}</h1>", html=True)

    def test_standard_page_tree_rules(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_standard_page_can_be_created(self):
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Accessibility statement",
                    "intro": "How accessible this site is.",
                    "body": streamfield(
                        [("heading", {"text": "Reporting problems", "level": "h2"})]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="accessibility-statement")
        assert page.live
        assert page.body[0].value["text"] == "Reporting problems"

    def test_standard_page_renders_its_body(self):
        page = StandardPageFactory(
            title="Privacy notice",
            body=[("heading", {"text": "What we publish", "level": "h2"})],
        )
        response = self.client.get(page.url)
        self.assertTemplateUsed(response, "home/standard_page.html")
        self.assertContains(response, "<h2>What we publish</h2>", html=True)
