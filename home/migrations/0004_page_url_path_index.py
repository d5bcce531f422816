"""An index on wagtailcore_page.url_path: HomePage.route finds the page a URL
names by its url_path in one query, which without it reads every page."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_featured_projects"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_url_path "
            "ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS home_page_url_path",
        )
    ]
