from django.apps import AppConfig


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cohorts"

    def ready(self):
        from cohorts.access import images
        from cohorts.measures import signals as signal_handlers

        signal_handlers.register()
        images.register()
