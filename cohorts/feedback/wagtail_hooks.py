from django.urls import include, path

from wagtail import hooks

from . import giving

# After cohorts.access has chosen a fellow's panels (order 0), ask for feedback.


@hooks.register("construct_homepage_panels", order=10)
def ask_fellows_for_feedback(request, panels):
    fellow = giving.fellow_of(request.user)
    if fellow is not None and fellow.cohort_id:
        panels.append(giving.FeedbackPanel(fellow))


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [path("feedback/", include((giving.urlpatterns, "cohorts_feedback")))]
