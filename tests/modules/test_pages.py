import datetime

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage
from modules.models import (
    LearningModulePage,
    LearningModuleResource,
    LearningModuleSession,
    ModuleIndexPage,
    ModuleKind,
)
from tests.factories import (
    CohortPageFactory,
    LearningModulePageFactory,
    ModuleIndexPageFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)


class ModulePageTests(WagtailPageTests):
    def test_module_index_tree_rules(self):
        self.assertAllowedParentPageTypes(ModuleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ModuleIndexPage, {LearningModulePage})

    def test_learning_module_tree_rules(self):
        self.assertAllowedParentPageTypes(LearningModulePage, {ModuleIndexPage})
        self.assertAllowedSubpageTypes(LearningModulePage, set())

    def test_module_index_can_be_created(self):
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home,
            ModuleIndexPage,
            nested_form_data({"title": "Learning modules", "intro": "What you learn"}),
        )

    def test_learning_module_can_be_created_with_a_session(self):
        index = ModuleIndexPageFactory()
        cohort = CohortPageFactory()
        self.assertCanCreate(
            index,
            LearningModulePage,
            nested_form_data(
                {
                    "title": "Action learning sets",
                    "kind": ModuleKind.ACTION_LEARNING_SET,
                    "summary": "Small groups working on real problems.",
                    "learning_outcomes": rich_text("<p>Ask better questions.</p>"),
                    "facilitators": "Programme faculty",
                    "feedback_days": 30,
                    "body": streamfield([]),
                    "sessions": inline_formset(
                        [{"cohort": cohort.pk, "date": "2014-10-01", "place": "Online"}]
                    ),
                    "resources": inline_formset([]),
                }
            ),
        )
        module = LearningModulePage.objects.get(slug="action-learning-sets")
        session = module.sessions.get()
        assert (session.cohort, session.date) == (cohort, datetime.date(2014, 10, 1))

    def test_module_index_groups_modules_by_kind(self):
        index = ModuleIndexPageFactory()
        LearningModulePageFactory(
            parent=index, title="Coaching", kind=ModuleKind.COACHING
        )
        LearningModulePageFactory(
            parent=index, title="PDSA cycles", kind=ModuleKind.IMPROVEMENT_SCIENCE
        )
        response = self.client.get(index.url)
        self.assertTemplateUsed(response, "modules/module_index_page.html")
        html = response.content.decode()
        assert html.index("<h2>Improvement science</h2>") < html.index("PDSA cycles")
        assert html.index("<h2>Coaching</h2>") > html.index("PDSA cycles")

    def test_empty_module_index_says_so(self):
        index = ModuleIndexPageFactory()
        response = self.client.get(index.url)
        self.assertContains(response, "No learning modules have been published yet.")

    def test_learning_module_shows_its_sessions(self):
        cohort = CohortPageFactory(title="Cohort 2014/15")
        module = LearningModulePageFactory(title="Leading improvement")
        LearningModuleSession.objects.create(
            module=module, cohort=cohort, date="2014-11-05", place="Northbridge"
        )
        response = self.client.get(module.url)
        self.assertTemplateUsed(response, "modules/learning_module_page.html")
        self.assertContains(response, "5 November 2014")
        self.assertContains(response, "Cohort 2014/15")


def add_document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 a handout", name="handout.pdf")
    )


def test_session_table_links_each_cohort_named_with_its_programme(client, db):
    programme = ProgrammePageFactory(title="QI Fellowship")
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014/15")
    draft = CohortPageFactory(parent=programme, title="Cohort 2015/16", live=False)
    module = LearningModulePageFactory()
    for session_cohort in (cohort, draft):
        LearningModuleSession.objects.create(
            module=module, cohort=session_cohort, date="2014-11-05", place="Online"
        )
    html = client.get(module.url).text
    assert f'<a href="{cohort.url}">QI Fellowship – Cohort 2014/15</a>' in html
    assert "<span>QI Fellowship – Cohort 2015/16</span>" in html


def test_module_page_lists_its_resources_in_order(client, db):
    module = LearningModulePageFactory()
    for order, title in enumerate(["Reading list", "PDSA worksheet"]):
        LearningModuleResource.objects.create(
            module=module, document=add_document(title), sort_order=order
        )
    html = client.get(module.url).text
    assert "<h2>Resources</h2>" in html
    assert html.index("Reading list") < html.index("PDSA worksheet")
    document = get_document_model().objects.get(title="Reading list")
    assert f'<a href="{document.url}">Reading list</a> (PDF' in html


def test_module_without_resources_has_no_resources_heading(client, db):
    module = LearningModulePageFactory()
    assert "<h2>Resources</h2>" not in client.get(module.url).text


def test_module_page_queries_do_not_grow_with_sessions_and_resources(
    client, count_queries
):
    module = LearningModulePageFactory()

    def add(count):
        for _ in range(count):
            LearningModuleSession.objects.create(
                module=module,
                cohort=CohortPageFactory(),
                date="2014-11-05",
                place="Online",
            )
            LearningModuleResource.objects.create(
                module=module, document=add_document("Handout")
            )

    add(2)
    client.get(module.url)  # warm the site-root cache
    few = count_queries(lambda: client.get(module.url))
    add(10)
    assert count_queries(lambda: client.get(module.url)) == few
    plain = StandardPageFactory()
    client.get(plain.url)
    assert few - count_queries(lambda: client.get(plain.url)) <= 12
