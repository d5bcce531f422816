"""Replace Wagtail's placeholder root child with the site's HomePage."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    homepage = HomePage.objects.create(
        title="Fellowship",
        draft_title="Fellowship",
        slug="home",
        content_type=content_type,
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
