from django.apps import AppConfig


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cohorts"

    def ready(self):
        from django.urls import register_converter

        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from cohorts.access import images
        from cohorts.goodpractice import signals as good_practice_signals
        from cohorts.ids import IdConverter
        from cohorts.measures import signals as signal_handlers
        from cohorts.records import invalidation
        from cohorts.roles import ProjectPagePermissionPolicy

        signal_handlers.register()
        good_practice_signals.register()
        invalidation.register()
        # Before anything asks for the page policy (Wagtail's hooks load later).
        register_permission_policy(Page, ProjectPagePermissionPolicy())
        images.register()
        # Before any URLconf is read: ``<id:pk>`` in URL patterns.
        register_converter(IdConverter, "id")
