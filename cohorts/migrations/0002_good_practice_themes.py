"""The four themes of the regional good-practice repository, present on every
database so that projects can be filed and searched under them from day one."""

from django.db import migrations

GOOD_PRACTICE_THEMES = [
    ("Service users and carers in education", "service-users-and-carers"),
    ("Digital technology in education", "digital-technology"),
    ("Interdisciplinary education", "interdisciplinary-education"),
    ("Quality improvement in research and education", "qi-in-research-and-education"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("cohorts", "Theme")
    for name, slug in GOOD_PRACTICE_THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "good_practice": True}
        )


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("cohorts", "Theme")
    Theme.objects.filter(slug__in=[slug for _, slug in GOOD_PRACTICE_THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0001_initial")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
