"""A fellow gives feedback on the module sessions of their cohort: the panel
on their dashboard that asks for it, and the form.

Who: only a fellow (cohorts.roles.is_fellow) whose record names the session's
cohort; anyone else (another cohort's fellow, a coach, programme staff) is
refused (Wagtail's "Sorry, you do not have permission", back to the
dashboard). When: from the day after the session until its feedback
window closes (LearningModuleSession.feedback_state), and a fellow may change
their answer until then; outside the window the form says so, and a POST is
refused with a 403 and writes nothing. One response per fellow per session
(a database constraint; the form edits the fellow's existing response).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import Fellow
from cohorts.roles import is_fellow
from modules.models import FEEDBACK_QUESTIONS, LearningModuleSession, SessionFeedback

QUALITY_SCALE = [
    (1, "1: very poor"),
    (2, "2: poor"),
    (3, "3: fair"),
    (4, "4: good"),
    (5, "5: very good"),
]
# Each question's answers, 5 the best: "would you recommend it?" is answered
# with how likely, not how good.
SCALES = {
    "recommend": [
        (1, "1: definitely not"),
        (2, "2: probably not"),
        (3, "3: not sure"),
        (4, "4: probably"),
        (5, "5: definitely"),
    ]
}


def fellow_of(user):
    """The user's Fellow record, if they are a fellow with one, else None."""
    if not is_fellow(user):
        return None
    return Fellow.objects.filter(user=user).first()


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = SessionFeedback
        fields = [*(field for field, _, _ in FEEDBACK_QUESTIONS), "comment"]
        labels = {
            **{field: question for field, question, _ in FEEDBACK_QUESTIONS},
            "comment": "Anything else you would like to tell the programme team?",
        }
        help_texts = {
            "comment": "Optional. Only programme staff read comments, never "
            "with your name, and they are never published.",
        }
        widgets = {
            field: forms.RadioSelect(choices=SCALES.get(field, QUALITY_SCALE))
            for field, _, _ in FEEDBACK_QUESTIONS
        }


class FeedbackPanel(Component):
    """The sessions of the fellow's cohort that have taken place, newest
    first, each with the fellow's feedback state and a link to give or change
    it while its window is open."""

    name = "session_feedback"
    order = 20
    template_name = "cohorts/admin/feedback_panel.html"

    def __init__(self, fellow):
        self.fellow = fellow

    def get_context_data(self, parent_context):
        given = set(
            SessionFeedback.objects.filter(fellow=self.fellow).values_list(
                "session", flat=True
            )
        )
        sessions = (
            LearningModuleSession.objects.filter(cohort=self.fellow.cohort_id)
            .select_related("module")
            .order_by("-date", "pk")
        )
        rows = [
            (session, session.feedback_state(), session.pk in given)
            for session in sessions
        ]
        return {"rows": [row for row in rows if row[1] != "not yet"]}


class GiveFeedbackView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/feedback_form.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            LearningModuleSession.objects.select_related("module", "cohort"),
            pk=kwargs["pk"],
        )
        self.fellow = fellow_of(request.user)
        if self.fellow is None or self.fellow.cohort_id != self.session.cohort_id:
            raise PermissionDenied
        self.state = self.session.feedback_state()
        self.instance = SessionFeedback.objects.filter(
            session=self.session, fellow=self.fellow
        ).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Feedback on {self.session.module.title}"

    def get_page_subtitle(self):
        return f"{self.session.date.day} {self.session.date:%B %Y}"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def form(self, data=None):
        return FeedbackForm(data, instance=self.instance)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            state=self.state,
            instance=self.instance,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        if self.state != "open":
            return self.render_to_response(self.get_context_data(), status=403)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        # update_or_create: a double-click saves one response, not an error.
        SessionFeedback.objects.update_or_create(
            session=self.session, fellow=self.fellow, defaults=form.cleaned_data
        )
        messages.success(
            request,
            f"Thank you: your feedback on {self.session} is saved. You can "
            f"change it until {self.session.feedback_closes_on.day} "
            f"{self.session.feedback_closes_on:%B %Y}.",
        )
        return redirect("wagtailadmin_home")


urlpatterns = [path("<int:pk>/", GiveFeedbackView.as_view(), name="give")]
