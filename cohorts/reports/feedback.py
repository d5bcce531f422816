"""The learner feedback report: the scores per programme, cohort, module and
session, and the comments, for programme staff only (cohorts.roles
.can_view_reports). Every group is under the threshold of
cohorts.feedback.results (at least FEEDBACK_THRESHOLD responses), so a
session with fewer responses shows only in its module's totals, and no
response or comment is shown with a name."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.feedback.results import (
    FEEDBACK_THRESHOLD,
    HEAD,
    grouped,
    session_label,
    with_cohorts,
)
from cohorts.models import CohortPage, ParentPath, ProgrammePage
from cohorts.roles import can_view_reports
from modules.models import LearningModulePage, LearningModuleSession, SessionFeedback

from .views import ReportMenuItem


def table(caption, first, scores):
    return {
        "caption": caption,
        "head": [first, "Responses", *HEAD],
        "rows": [item.row() for item in scores],
    }


class FeedbackReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Learner feedback"
    header_icon = "comment"
    template_name = "cohorts/reports/feedback.html"
    url_name = "cohorts_report_feedback"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @classmethod
    def urls(cls):
        return [path("programme-reports/feedback/", cls.as_view(), name=cls.url_name)]

    @classmethod
    def menu_item(cls):
        return ReportMenuItem(
            cls.page_title,
            reverse(cls.url_name),
            name="feedback",
            icon_name=cls.header_icon,
            order=600,
        )

    def get_context_data(self, **kwargs):
        feedback = SessionFeedback.objects.all()
        programmes = dict(
            ProgrammePage.objects.order_by("title").values_list("path", "title")
        )
        cohorts = {
            cohort.pk: cohort.full_title
            for cohort in CohortPage.objects.with_programme_title().order_by(
                "-start_date"
            )
        }
        modules = dict(
            LearningModulePage.objects.order_by("title").values_list("pk", "title")
        )
        sessions = {
            session.pk: f"{session.module.title}: {session_label(session)}"
            for session in with_cohorts(
                LearningModuleSession.objects.select_related("module").order_by("-date")
            )
        }
        by_module = grouped(feedback, "session__module", modules)
        comments = (
            feedback.filter(session__module__in=[item.key for item in by_module])
            .exclude(comment="")
            .select_related("session__module")
            .order_by("session__module__title", "session__date", "pk")
        )
        return super().get_context_data(
            threshold=FEEDBACK_THRESHOLD,
            tables=[
                table(
                    "By programme",
                    "Programme",
                    grouped(
                        feedback.annotate(
                            programme=ParentPath("session__cohort__path")
                        ),
                        "programme",
                        programmes,
                    ),
                ),
                table(
                    "By cohort",
                    "Cohort",
                    grouped(feedback, "session__cohort", cohorts),
                ),
                table("By module", "Module", by_module),
                table(
                    "By session",
                    "Session",
                    grouped(feedback, "session", sessions),
                ),
            ],
            comments=comments,
            **kwargs,
        )
